//! The real binary over stdio, as an editor drives it: capabilities, document sync, versioned
//! diagnostics, hover, settings, malformed input, and shutdown/exit. The findings and person
//! cards these tests expect are read off the self-written stories below (what a copy editor
//! would flag), not off the tool's output.

use serde_json::{json, Value};

use crate::lsp_client::{hover_params, Lsp};

const URI: &str = "file:///desk/story.md";
const TEXT: &str = "The council met on Monday.\nA source said the vote would slip.\n";

fn utf8_client() -> Value {
    json!({"capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}}})
}

/// A range for `didChange`.
fn range(l1: u32, c1: u32, l2: u32, c2: u32) -> Value {
    json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}})
}

fn edit(range: Value, text: &str) -> Value {
    json!([{"range": range, "text": text}])
}

#[test]
fn initialize_advertises_incremental_sync_hover_and_negotiated_utf8() {
    let (lsp, result) = Lsp::start(utf8_client());
    let caps = &result["capabilities"];
    assert_eq!(caps["textDocumentSync"]["change"], 2);
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["positionEncoding"], "utf-8");
    assert_eq!(result["serverInfo"]["name"], "copydesk");
    assert_eq!(result["serverInfo"]["version"], env!("CARGO_PKG_VERSION"));
    lsp.finish();
}

#[test]
fn initialize_falls_back_to_utf16_when_utf8_is_not_offered() {
    for client in [
        json!({}),
        json!({"capabilities": {"general": {"positionEncodings": ["utf-16"]}}}),
    ] {
        let (lsp, result) = Lsp::start(client);
        assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
        lsp.finish();
    }
}

#[test]
fn did_open_and_did_change_publish_diagnostics_for_their_versions() {
    let (mut lsp, _) = Lsp::start(utf8_client());
    lsp.open(URI, "markdown", 1, TEXT);
    let d = lsp.diagnostics(URI);
    assert_eq!(d["version"], 1);
    assert!(d["diagnostics"].is_array());
    lsp.change(URI, 2, edit(range(0, 4, 0, 11), "board"));
    assert_eq!(lsp.diagnostics(URI)["version"], 2);
    lsp.finish();
}

#[test]
fn a_burst_of_edits_ends_on_the_final_version_and_versions_never_go_back() {
    let (mut lsp, _) = Lsp::start(json!({}));
    lsp.open(URI, "markdown", 1, TEXT);
    let end = TEXT.find('\n').unwrap() as u32;
    for i in 0..50 {
        let at = end + i;
        lsp.change(URI, 2 + i64::from(i), edit(range(0, at, 0, at), "x"));
    }
    let mut seen: Vec<i64> = lsp
        .diagnostics_until(URI, 51)
        .iter()
        .map(|d| d["version"].as_i64().unwrap())
        .collect();
    let late = lsp.settle();
    seen.extend(
        late.iter()
            .filter(|m| m["params"]["uri"] == URI)
            .map(|m| m["params"]["version"].as_i64().unwrap()),
    );
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "versions went back: {seen:?}");
    assert_eq!(seen.last(), Some(&51), "{seen:?}");
    lsp.finish();
}

#[test]
fn did_close_clears_diagnostics() {
    let (mut lsp, _) = Lsp::start(json!({}));
    lsp.open(URI, "markdown", 1, TEXT);
    assert_eq!(lsp.diagnostics(URI)["version"], 1);
    lsp.notify("textDocument/didClose", json!({"textDocument": {"uri": URI}}));
    let cleared = lsp.diagnostics(URI);
    assert_eq!(cleared["diagnostics"], json!([]));
    assert!(cleared.get("version").is_none_or(Value::is_null), "{cleared}");
    let late = lsp.settle();
    assert!(
        late.iter().all(|m| m["params"]["uri"] != URI),
        "published after close: {late:?}"
    );
    lsp.finish();
}

#[test]
fn hover_answers_with_a_well_formed_result() {
    let (mut lsp, _) = Lsp::start(json!({}));
    lsp.open(URI, "markdown", 1, TEXT);
    for (line, character) in [(0, 5), (1, 2), (9, 99)] {
        let id = lsp.request("textDocument/hover", hover_params(URI, line, character));
        let r = lsp.response(id);
        assert!(r.get("error").is_none(), "{r}");
        let result = &r["result"];
        assert!(result.is_null() || result["contents"]["kind"] == "markdown", "{r}");
    }
    lsp.finish();
}

#[test]
fn a_configuration_change_reanalyses_open_documents() {
    let (mut lsp, _) = Lsp::start(json!({}));
    lsp.open(URI, "markdown", 1, TEXT);
    assert_eq!(lsp.diagnostics(URI)["version"], 1);
    let settings = json!({"copydesk": {"rules": {"anonymous-source": "off"}}});
    lsp.notify("workspace/didChangeConfiguration", json!({"settings": settings}));
    assert_eq!(
        lsp.diagnostics(URI)["version"],
        1,
        "republished after the settings change"
    );
    lsp.finish();
}

#[test]
fn empty_settings_make_the_server_pull_its_section() {
    let client = json!({"capabilities": {"workspace": {"configuration": true}}});
    let (mut lsp, _) = Lsp::start(client);
    let is_pull = |m: &Value| m["method"] == "workspace/configuration";
    let first = lsp.wait_for(is_pull);
    assert_eq!(first["params"]["items"][0]["section"], "copydesk");
    lsp.reply(&first["id"], json!([null]));
    lsp.open(URI, "markdown", 1, TEXT);
    assert_eq!(lsp.diagnostics(URI)["version"], 1);

    lsp.notify("workspace/didChangeConfiguration", json!({"settings": null}));
    let pull = lsp.wait_for(is_pull);
    assert_eq!(pull["params"]["items"][0]["section"], "copydesk");
    lsp.reply(&pull["id"], json!([{"rules": {"unattributed-quote": "off"}}]));
    assert_eq!(
        lsp.diagnostics(URI)["version"],
        1,
        "republished with the pulled settings"
    );
    lsp.finish();
}

#[test]
fn unknown_rule_ids_are_logged_and_the_rest_applies() {
    let options = json!({"rules": {"no-such-rule": "warning", "anonymous-source": "loud", "name-variant": "off"}});
    let (mut lsp, _) = Lsp::start(json!({"initializationOptions": options}));
    let is_log = |m: &Value| m["method"] == "window/logMessage" && m["params"]["type"] == 2;
    let logs = [lsp.wait_for(is_log), lsp.wait_for(is_log)];
    let text = format!("{logs:?}");
    assert!(text.contains("no-such-rule") && text.contains("loud"), "{text}");
    lsp.open(URI, "markdown", 1, TEXT);
    assert_eq!(lsp.diagnostics(URI)["version"], 1);
    lsp.finish();
}

#[test]
fn malformed_input_gets_an_error_and_the_server_keeps_serving() {
    let (mut lsp, _) = Lsp::start(json!({}));
    let broken = b"{\"jsonrpc\": \"2.0\", \"id\": 77, \"method\": ";
    lsp.send_raw(format!("Content-Length: {}\r\n\r\n", broken.len()).as_bytes());
    lsp.send_raw(broken);
    let err = lsp.wait_for(|m| m.get("error").is_some());
    assert_eq!(err["error"]["code"], -32700);
    assert_eq!(err["id"], 77, "the id is read from the cut body");

    lsp.send(&json!({"id": 78, "method": "textDocument/hover"}));
    let err = lsp.wait_for(|m| m["id"] == 78);
    assert_eq!(err["error"]["code"], -32600);

    lsp.send_raw(b"this is not a header\r\n\r\n");
    lsp.open(URI, "markdown", 1, TEXT);
    assert_eq!(lsp.diagnostics(URI)["version"], 1);
    let id = lsp.request("textDocument/hover", hover_params(URI, 0, 1));
    assert!(lsp.response(id).get("result").is_some());
    lsp.finish();
}

#[test]
fn out_of_range_and_reversed_edits_do_not_crash_the_server() {
    let (mut lsp, _) = Lsp::start(utf8_client());
    lsp.open(URI, "markdown", 1, "short 😀 line\r\nsecond\rthird");
    lsp.change(URI, 2, edit(range(99, 99, 120, 0), " appended"));
    lsp.change(URI, 3, edit(range(1, 4, 0, 2), "-"));
    lsp.change(URI, 4, edit(range(0, 8, 0, 9), "?"));
    lsp.change(URI, 5, json!([{"text": "replaced whole"}]));
    assert_eq!(lsp.diagnostics_until(URI, 5).last().unwrap()["version"], 5);
    let id = lsp.request("textDocument/hover", hover_params(URI, 40, 40));
    assert!(lsp.response(id).get("result").is_some());
    lsp.finish();
}

#[test]
fn shutdown_then_exit_ends_the_process_with_status_0_while_stdin_stays_open() {
    let (lsp, _) = Lsp::start(json!({}));
    // `finish` keeps stdin open, sends shutdown and exit, and asserts status 0.
    lsp.finish();
}

#[test]
fn exit_without_shutdown_ends_the_process_with_status_1() {
    let (mut lsp, _) = Lsp::start(json!({}));
    lsp.notify("exit", Value::Null);
    assert_eq!(lsp.wait_exit().code(), Some(1));
}

/// A story whose second line rests on an anonymous source; the curly quotes before it are
/// three bytes each in UTF-8 but one unit in UTF-16.
const SOURCED: &str = "Café 😀 news.\n“Fine,” a source said about the vote.\n";

fn with_code<'a>(published: &'a Value, code: &str) -> Vec<&'a Value> {
    let all = published["diagnostics"].as_array().expect("diagnostics is an array");
    all.iter().filter(|d| d["code"] == code).collect()
}

#[test]
fn diagnostic_positions_use_the_negotiated_encoding() {
    for (client, column) in [(utf8_client(), 12), (json!({}), 8)] {
        let (mut lsp, _) = Lsp::start(client);
        lsp.open(URI, "markdown", 1, SOURCED);
        let published = lsp.diagnostics(URI);
        let found = with_code(&published, "anonymous-source");
        assert_eq!(found.len(), 1, "{published}");
        assert_eq!(found[0]["range"], range(1, column, 1, column + 8), "{published}");
        lsp.finish();
    }
}

#[test]
fn turning_a_rule_off_removes_its_diagnostics_and_severities_apply() {
    let (mut lsp, _) = Lsp::start(json!({}));
    lsp.open(URI, "markdown", 1, SOURCED);
    let before = lsp.diagnostics(URI);
    assert!(!with_code(&before, "anonymous-source").is_empty(), "{before}");
    let rules = json!({"anonymous-source": "off", "bare-anonymous-source": "error"});
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": rules}}}),
    );
    let after = lsp.diagnostics(URI);
    assert_eq!(after["version"], 1);
    assert!(with_code(&after, "anonymous-source").is_empty(), "{after}");
    let bare = with_code(&after, "bare-anonymous-source");
    assert!(!bare.is_empty() && bare.iter().all(|d| d["severity"] == 1), "{after}");
    lsp.finish();
}

/// A short invented story: an unattributed quote (line 4), a named person with an age, a
/// descriptor and an attributed quote (line 6), an anonymous source with a vantage but no reason
/// for anonymity (line 8), and a pronoun for the named person (line 10).
const STORY: &str = "date 2025-03-02\n\
\n\
The harbor pier reopened on Tuesday after two years of repairs.\n\
\n\
“Nobody thought it would take this long.”\n\
\n\
Marta Kellner, 41, the harbor commissioner, cut the ribbon. “We kept every promise we made to the dockworkers,” Kellner said.\n\
\n\
A source close to the port authority said the repairs ran over budget.\n\
\n\
Kellner said she would retire next year.\n";

/// The UTF-16 position of the start of the `nth` occurrence of `needle` in `text`.
fn position_of(text: &str, needle: &str, nth: usize) -> (u32, u32) {
    let at = text
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i)
        .expect("needle is in the text");
    let before = &text[..at];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..at].encode_utf16().count();
    (line as u32, column as u32)
}

/// The UTF-16 range of the `nth` occurrence of `needle` (on one line).
fn range_of(text: &str, needle: &str, nth: usize) -> Value {
    let (line, column) = position_of(text, needle, nth);
    let width = needle.encode_utf16().count() as u32;
    range(line, column, line, column + width)
}

fn codes(published: &Value) -> Vec<String> {
    let all = published["diagnostics"].as_array().expect("diagnostics is an array");
    all.iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn flags_the_anonymous_source_and_the_unattributed_quote_at_their_ranges() {
    let (mut lsp, _) = Lsp::start(json!({}));
    lsp.open(URI, "markdown", 1, STORY);
    let published = lsp.diagnostics(URI);
    assert_eq!(published["version"], 1);

    let anonymous = with_code(&published, "anonymous-source");
    assert_eq!(anonymous.len(), 1, "{published}");
    let source = range_of(STORY, "A source close to the port authority", 0);
    assert_eq!(anonymous[0]["range"], source, "{published}");
    assert_eq!(anonymous[0]["severity"], 2, "a warning by default");
    assert_eq!(anonymous[0]["source"], "copydesk");

    let unattributed = with_code(&published, "unattributed-quote");
    assert_eq!(unattributed.len(), 1, "{published}");
    let quote = range_of(STORY, "“Nobody thought it would take this long.”", 0);
    assert_eq!(unattributed[0]["range"], quote, "{published}");
    assert_eq!(unattributed[0]["severity"], 2, "a warning by default");
    lsp.finish();
}

#[test]
fn allows_a_quote_with_a_named_speaker() {
    let (mut lsp, _) = Lsp::start(json!({}));
    lsp.open(URI, "markdown", 1, STORY);
    let published = lsp.diagnostics(URI);
    let (kellner_line, _) = position_of(STORY, "Marta Kellner", 0);
    let on_line: Vec<&Value> = published["diagnostics"]
        .as_array()
        .expect("diagnostics is an array")
        .iter()
        .filter(|d| d["range"]["start"]["line"] == kellner_line)
        .collect();
    assert!(on_line.is_empty(), "Kellner's quote is attributed: {on_line:?}");
    lsp.finish();
}

#[test]
fn deleting_the_anonymous_source_removes_its_diagnostics_in_the_next_version() {
    let (mut lsp, _) = Lsp::start(json!({}));
    lsp.open(URI, "markdown", 1, STORY);
    let before = lsp.diagnostics(URI);
    assert!(codes(&before).contains(&"anonymous-source".to_string()), "{before}");

    let (line, column) = position_of(STORY, "A source close to the port authority said the", 0);
    let width = "A source close to the port authority said the".len() as u32;
    lsp.change(URI, 2, edit(range(line, column, line, column + width), "The"));
    let after = lsp.diagnostics(URI);
    assert_eq!(after["version"], 2);
    let after_codes = codes(&after);
    for gone in ["anonymous-source", "missing-anonymity-reason", "bare-anonymous-source"] {
        assert!(
            !after_codes.iter().any(|c| c == gone),
            "{gone} outlived its source: {after}"
        );
    }
    assert_eq!(
        with_code(&after, "unattributed-quote").len(),
        1,
        "the untouched finding stays: {after}"
    );
    lsp.finish();
}

/// The hover's Markdown text at `needle`, or `Value::Null` when there is none.
fn hover_at(lsp: &mut Lsp, needle: &str, nth: usize) -> Value {
    let (line, column) = position_of(STORY, needle, nth);
    let id = lsp.request("textDocument/hover", hover_params(URI, line, column + 1));
    let response = lsp.response(id);
    assert!(response.get("error").is_none(), "{response}");
    response["result"].clone()
}

#[test]
fn hover_on_a_name_shows_the_person_card() {
    let (mut lsp, _) = Lsp::start(json!({}));
    lsp.open(URI, "markdown", 1, STORY);
    assert_eq!(lsp.diagnostics(URI)["version"], 1);
    for (needle, nth) in [("Marta Kellner", 0), ("Kellner", 1), ("Kellner", 2), ("she", 0)] {
        let hover = hover_at(&mut lsp, needle, nth);
        assert_eq!(hover["contents"]["kind"], "markdown", "{needle}: {hover}");
        let card = hover["contents"]["value"].as_str().unwrap_or_default();
        assert!(card.starts_with("**Marta Kellner**"), "{needle}: {card}");
        assert!(card.contains("the harbor commissioner"), "{needle}: {card}");
        assert!(card.contains("41"), "{needle}: {card}");
        assert!(card.contains("2025-03-02"), "the age is dated: {card}");
        assert!(card.contains("We kept every promise"), "{needle}: {card}");
        assert!(!card.contains("Nobody thought"), "not her quote: {card}");
        assert_eq!(hover["range"], range_of(STORY, needle, nth), "{needle}: {hover}");
    }
    lsp.finish();
}

#[test]
fn hover_card_says_on_which_line_the_story_states_each_fact() {
    let (mut lsp, _) = Lsp::start(json!({}));
    lsp.open(URI, "markdown", 1, STORY);
    assert_eq!(lsp.diagnostics(URI)["version"], 1);
    let hover = hover_at(&mut lsp, "Kellner said she", 0);
    let card = hover["contents"]["value"].as_str().unwrap_or_default();
    // Line 7 has her name, age, title and quote; line 11 her second attribution.
    assert_eq!(
        card,
        "**Marta Kellner**\n\
         \n\
         the harbor commissioner (line 7)\n\
         \n\
         - **Age:** 41 (line 7) as of 2025-03-02\n\
         - **Mentioned** 4 times, first on line 7\n\
         - **Cited as a source** twice (lines 7, 11)\n\
         - **Quoted** once:\n  \
         > “We kept every promise we made to the dockworkers,” (line 7)"
    );
    lsp.finish();
}

#[test]
fn hover_on_a_word_that_is_not_a_person_is_null() {
    let (mut lsp, _) = Lsp::start(json!({}));
    lsp.open(URI, "markdown", 1, STORY);
    assert_eq!(lsp.diagnostics(URI)["version"], 1);
    for (needle, nth) in [
        ("pier", 0),
        ("Tuesday", 0),
        ("dockworkers", 0),
        ("source", 0),
        ("Nobody", 0),
    ] {
        assert_eq!(hover_at(&mut lsp, needle, nth), Value::Null, "{needle}");
    }
    lsp.finish();
}

#[test]
fn hover_follows_an_edit_that_renames_the_person() {
    let (mut lsp, _) = Lsp::start(json!({}));
    lsp.open(URI, "markdown", 1, STORY);
    assert_eq!(lsp.diagnostics(URI)["version"], 1);
    let (line, column) = position_of(STORY, "Marta", 0);
    lsp.change(URI, 2, edit(range(line, column, line, column + 5), "Greta"));
    assert_eq!(lsp.diagnostics_until(URI, 2).last().expect("published")["version"], 2);
    let hover = hover_at(&mut lsp, "Kellner", 1);
    let card = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(card.starts_with("**Greta Kellner**"), "{card}");
    lsp.finish();
}
