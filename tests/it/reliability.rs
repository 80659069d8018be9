//! Reliability through the real binary: broken frames, edits and versions that cannot be
//! trusted, unknown methods, a panicking handler, plain-text hover. Each test ends with a
//! round trip proving the server still answers.

use serde_json::{json, Value};

use crate::lsp_client::{hover_params, Lsp};

const URI: &str = "file:///desk/pier.md";
const OTHER: &str = "file:///desk/other.md";
const STORY: &str = "Marta Kellner, the harbor commissioner, opened the pier.\nA source said the vote would slip.\n";

fn is_error(m: &Value) -> bool {
    m.get("error").is_some()
}

/// Proves the server is still serving: a full-text change gets fresh diagnostics, a hover
/// round trip a card.
fn still_serving(lsp: &mut Lsp, version: i64) {
    lsp.change(URI, version, json!([{"text": STORY}]));
    assert_eq!(lsp.diagnostics_until(URI, version).last().unwrap()["version"], version);
    let id = lsp.request("textDocument/hover", hover_params(URI, 0, 2));
    let response = lsp.response(id);
    let card = response["result"]["contents"]["value"].as_str();
    assert!(card.is_some_and(|v| v.contains("Marta Kellner")), "{response}");
}

fn started() -> Lsp {
    let (mut lsp, _) = Lsp::start(json!({}));
    lsp.open(URI, "markdown", 1, STORY);
    assert_eq!(lsp.diagnostics(URI)["version"], 1);
    lsp
}

fn hover_body(id: i64) -> String {
    json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": hover_params(URI, 0, 2)}).to_string()
}

#[test]
fn bad_content_length_headers_are_answered_and_the_server_keeps_serving() {
    let mut lsp = started();
    let cases = [
        ("Content-Type: application/json", 101),
        ("Content-Length: -40", 102),
        ("Content-Length: forty", 103),
        ("Content-Length: 184467440737095516160", 104),
        ("Content-Length: 104857600", 105),
    ];
    for (n, (header, id)) in cases.into_iter().enumerate() {
        lsp.send_raw(format!("{header}\r\n\r\n{}", hover_body(id)).as_bytes());
        let err = lsp.wait_for(is_error);
        assert_eq!(
            (err["id"].clone(), err["error"]["code"].clone()),
            (json!(id), json!(-32700)),
            "{header}"
        );
        still_serving(&mut lsp, 2 + n as i64);
    }
    lsp.finish();
}

#[test]
fn a_length_shorter_or_longer_than_the_body_loses_only_that_message() {
    let mut lsp = started();
    let body = hover_body(201);
    for (n, len) in [body.len() - 7, body.len() + 1, body.len() + 25]
        .into_iter()
        .enumerate()
    {
        lsp.send_raw(format!("Content-Length: {len}\r\n\r\n{body}").as_bytes());
        // The next message is sent at once, as an editor would; it must be served.
        still_serving(&mut lsp, 2 + n as i64);
        let err = lsp.wait_for(is_error);
        assert_eq!(
            (err["id"].clone(), err["error"]["code"].clone()),
            (json!(201), json!(-32700)),
            "length {len}"
        );
    }
    lsp.finish();
}

#[test]
fn a_huge_announced_length_with_a_short_body_does_not_swallow_what_follows() {
    let mut lsp = started();
    lsp.send_raw(b"Content-Length: 104857600\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":301,\"method\":\"shutdown\"}");
    still_serving(&mut lsp, 2);
    assert_eq!(lsp.wait_for(is_error)["id"], 301);
    lsp.finish();
}

#[test]
fn edits_with_negative_or_huge_positions_are_clamped_and_applied() {
    let mut lsp = started();
    let start = json!({"line": 0, "character": -5});
    let end = json!({"line": 0, "character": 0});
    lsp.change(
        URI,
        2,
        json!([{"range": {"start": start, "end": end}, "text": "Dateline. "}]),
    );
    let far = json!({"line": 4_294_967_296u64 * 2, "character": 9_999_999_999u64});
    lsp.change(
        URI,
        3,
        json!([{"range": {"start": far, "end": far}, "text": "Nobody else spoke.\n"}]),
    );
    let last = lsp.diagnostics_until(URI, 3).pop().unwrap();
    assert_eq!(last["version"], 3);
    // The clamped edits landed where a clamped position points: the start and the end.
    let id = lsp.request("textDocument/hover", hover_params(URI, 0, 12));
    let card = lsp.response(id)["result"]["contents"]["value"].clone();
    assert!(card.as_str().is_some_and(|c| c.contains("Marta Kellner")), "{card}");
    let anonymous: Vec<_> = last["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "anonymous-source")
        .collect();
    assert_eq!(anonymous.len(), 1, "{last}");
    assert_eq!(anonymous[0]["range"]["start"]["line"], 1);
    assert!(lsp.stderr().contains("clamped"), "the repair is logged");
    lsp.finish();
}

#[test]
fn an_edit_that_cannot_be_applied_is_reported_and_a_full_sync_repairs_the_document() {
    let mut lsp = started();
    lsp.open(OTHER, "markdown", 1, STORY);
    assert_eq!(lsp.diagnostics(OTHER)["version"], 1);
    let bad = json!({"line": "two", "character": 0});
    lsp.change(URI, 2, json!([{"range": {"start": bad, "end": bad}, "text": "x"}]));
    let shown = lsp.wait_for(|m| m["method"] == "window/showMessage");
    let message = shown["params"]["message"].as_str().unwrap_or_default();
    assert!(message.contains(URI), "names the document: {message}");
    let cleared = lsp.diagnostics(URI);
    assert_eq!(
        cleared["diagnostics"],
        json!([]),
        "no findings on text the client does not have"
    );
    // Nothing is analysed meanwhile: hover says nothing, an incremental edit publishes nothing.
    let id = lsp.request("textDocument/hover", hover_params(URI, 0, 2));
    assert_eq!(lsp.response(id)["result"], Value::Null);
    lsp.change(
        URI,
        3,
        json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "y"}]),
    );
    // The other document is served as before.
    lsp.change(OTHER, 2, json!([{"text": STORY}]));
    assert_eq!(lsp.diagnostics(OTHER)["version"], 2);
    let stray = lsp.settle();
    assert!(!stray.iter().any(|m| m["params"]["uri"] == URI), "{stray:?}");
    still_serving(&mut lsp, 4);
    assert!(lsp.stderr().contains("pier.md"), "the log names the document");
    lsp.finish();
}

#[test]
fn a_version_going_back_is_applied_logged_and_published_as_sent() {
    let mut lsp = started();
    lsp.change(URI, 5, json!([{"text": STORY}]));
    assert_eq!(lsp.diagnostics_until(URI, 5).last().unwrap()["version"], 5);
    lsp.change(URI, 3, json!([{"text": "A source said the pier would close.\n"}]));
    let warned = lsp.wait_for(|m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("from version 5 to 3"))
    });
    assert_eq!(warned["params"]["type"], 2, "a warning");
    let published = lsp.diagnostics_until(URI, 3).pop().unwrap();
    let anonymous = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "anonymous-source")
        .count();
    assert_eq!(anonymous, 1, "the edit was applied: {published}");
    lsp.finish();
}

#[test]
fn unknown_methods_get_method_not_found_and_unknown_notifications_are_ignored() {
    let mut lsp = started();
    for method in ["copydesk/noSuchThing", "textDocument/noSuchThing", "$/noSuchThing"] {
        let id = lsp.request(method, json!({}));
        let response = lsp.response(id);
        assert_eq!(response["error"]["code"], -32601, "{method}: {response}");
    }
    lsp.notify("copydesk/noSuchThing", json!({}));
    lsp.notify("$/noSuchThing", json!({}));
    lsp.notify("$/setTrace", json!({"value": "off"}));
    let stray = lsp.settle();
    assert!(
        stray.iter().all(|m| m.get("id").is_none()),
        "notifications are never answered: {stray:?}"
    );
    still_serving(&mut lsp, 2);
    lsp.finish();
}

// `copydesk/debugPanic` exists only in debug builds (see `server::serve`), so this test runs
// only in the debug suite that CI runs; `cargo test --release` would otherwise fail on it.
#[cfg(debug_assertions)]
#[test]
fn a_panicking_handler_is_reported_once_and_the_server_keeps_serving() {
    let mut lsp = started();
    for _ in 0..2 {
        let id = lsp.request("copydesk/debugPanic", json!(true));
        assert_eq!(lsp.response(id)["error"]["code"], -32603);
    }
    let id = lsp.request("copydesk/debugPanic", json!(false));
    assert_eq!(lsp.response(id)["result"], false, "the same handler still runs");
    // The message travels through the outbox, the responses through tower-lsp: it may arrive
    // after them, so wait for it, then make sure no second one follows.
    lsp.wait_for(|m| m["method"] == "window/showMessage");
    let stray = lsp.settle();
    let again = stray.iter().filter(|m| m["method"] == "window/showMessage").count();
    assert_eq!(again, 0, "told once: {stray:?}");
    // stderr is read on another thread: give it a moment.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !lsp.stderr().contains("panic") && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(lsp.stderr().contains("panic"), "the panic is logged");
    lsp.open(OTHER, "markdown", 1, STORY);
    assert_eq!(lsp.diagnostics(OTHER)["version"], 1);
    still_serving(&mut lsp, 2);
    lsp.finish();
}

#[test]
fn hover_is_plain_text_for_a_client_that_reads_only_plain_text() {
    let caps = json!({"capabilities": {"textDocument": {"hover": {"contentFormat": ["plaintext"]}}}});
    let (mut lsp, _) = Lsp::start(caps);
    lsp.open(URI, "markdown", 1, STORY);
    assert_eq!(lsp.diagnostics(URI)["version"], 1);
    let id = lsp.request("textDocument/hover", hover_params(URI, 0, 2));
    let contents = lsp.response(id)["result"]["contents"].clone();
    assert_eq!(contents["kind"], "plaintext", "{contents}");
    let card = contents["value"].as_str().unwrap_or_default();
    assert!(card.starts_with("Marta Kellner") && !card.contains("**"), "{card}");
    lsp.finish();
}

/// The security posture in the README, checked in the source: no sockets, no child processes,
/// no file writes (the CLI writes to stdout only). Test modules are skipped.
#[test]
fn the_source_opens_no_socket_starts_no_process_and_writes_no_file() {
    let forbidden = [
        "std::net",
        "TcpStream",
        "UdpSocket",
        "process::Command",
        "Command::new",
        "fs::write",
        "File::create",
        "OpenOptions",
        "create_dir",
        "remove_file",
        "set_permissions",
    ];
    let mut stack = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
    let mut checked = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("tests.rs") {
                continue;
            }
            // Explicit output a command is asked for: `train-tagger --out` writes the weights,
            // `report --out` the report. Nothing else writes.
            if path.ends_with("src/bin/train-tagger.rs") || path.ends_with("src/cli/report/mod.rs") {
                continue;
            }
            let src = std::fs::read_to_string(&path).unwrap();
            let prod = src.split("#[cfg(test)]").next().unwrap_or("");
            for word in forbidden {
                assert!(!prod.contains(word), "{} uses `{word}`", path.display());
            }
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} files checked");
}
