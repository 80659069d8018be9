//! Editor features beyond underlines, through the real binary: code actions (applied, then
//! re-analysed), suppression directives, the sourcing outline, highlights, references, rename
//! of one of two people sharing a surname, inlay hints before and after an edit, pull
//! diagnostics, and `copydesk.toml` (a typo keeps the last good config). Expectations are read
//! off the self-written stories below.

use serde_json::{json, Value};

use crate::lsp_client::Lsp;

const URI: &str = "file:///desk/bakery.md";

/// Two people named Vega, a pronoun-tagged quote, an anonymous source and its back-reference.
const STORY: &str = "Lena Vega opened the bakery on Harbor Street in 2019. Her brother, Tomas Vega, keeps the books.

“We bake before dawn,” she said. Tomas Vega said the rent had doubled.

The lease will not be renewed, a source said. “They want a bank there,” the insider added.
";

fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

fn range(l1: u32, c1: u32, l2: u32, c2: u32) -> Value {
    json!({"start": pos(l1, c1), "end": pos(l2, c2)})
}

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": pos(line, character)})
}

/// The result of a request.
fn ask(lsp: &mut Lsp, method: &str, params: Value) -> Value {
    let id = lsp.request(method, params);
    let r = lsp.response(id);
    assert!(r.get("error").is_none(), "{method} failed: {r}");
    r["result"].clone()
}

/// The diagnostics of a `publishDiagnostics` with the given code.
fn with_code(published: &Value, code: &str) -> Vec<Value> {
    published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .cloned()
        .collect()
}

fn codes(published: &Value) -> Vec<String> {
    published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn initialize_advertises_the_editor_features() {
    let (lsp, result) = Lsp::start(json!({}));
    let caps = &result["capabilities"];
    assert_eq!(
        caps["codeActionProvider"],
        json!({"codeActionKinds": ["quickfix"], "resolveProvider": false})
    );
    assert_eq!(caps["documentSymbolProvider"], true);
    assert_eq!(caps["documentHighlightProvider"], true);
    assert_eq!(caps["referencesProvider"], true);
    assert_eq!(caps["renameProvider"], json!({"prepareProvider": true}));
    assert_eq!(caps["inlayHintProvider"], true);
    assert_eq!(
        caps.get("diagnosticProvider"),
        None,
        "pushed unless the client asks for pull"
    );
    lsp.finish();
}

#[test]
fn a_name_variant_fix_is_offered_applied_and_the_finding_goes_away() {
    let text = "Ana Ortiz won the seat. Ortiz thanked her staff. Later, Ortíz said she was pleased.\n";
    let (mut lsp, _) = Lsp::start(json!({}));
    lsp.open(URI, "markdown", 1, text);
    let published = lsp.diagnostics(URI);
    let variant = with_code(&published, "name-variant");
    assert_eq!(variant.len(), 1, "{published}");
    assert_eq!(variant[0]["range"], range(0, 56, 0, 61));
    // The rule's own fix as edits; the ignore fix compactly, as the line it inserts at.
    assert_eq!(
        variant[0]["data"],
        json!({
            "fixes": [{"title": "Spell it “Ortiz”", "edits": [{"range": range(0, 56, 0, 61), "newText": "Ortiz"}]}],
            "ignore": {"line": 0, "markdown": true}
        })
    );
    let actions = ask(
        &mut lsp,
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": variant[0]["range"], "context": {"diagnostics": variant}}),
    );
    let suppress_line = "<!-- copydesk-ignore name-variant: TODO say who approved this and why -->\n";
    assert_eq!(
        actions,
        json!([
            {
                "title": "Spell it “Ortiz”",
                "kind": "quickfix",
                "diagnostics": variant,
                "isPreferred": true,
                "edit": {"changes": {URI: [{"range": range(0, 56, 0, 61), "newText": "Ortiz"}]}}
            },
            {
                "title": "Ignore name-variant in this paragraph (with a reason)",
                "kind": "quickfix",
                "diagnostics": variant,
                "isPreferred": false,
                "edit": {"changes": {URI: [{"range": range(0, 0, 0, 0), "newText": suppress_line}]}}
            }
        ])
    );
    // Apply the first, as the client would, and the next analysis no longer flags the name.
    let fix = &actions[0]["edit"]["changes"][URI][0];
    lsp.change(URI, 2, json!([{"range": fix["range"], "text": fix["newText"]}]));
    let after = lsp.diagnostics_until(URI, 2).pop().unwrap();
    assert!(with_code(&after, "name-variant").is_empty(), "{after}");
    lsp.finish();
}

#[test]
fn the_suppression_fix_applied_silences_the_rule_and_asks_for_a_reason() {
    let (mut lsp, _) = Lsp::start(json!({}));
    lsp.open(URI, "markdown", 1, STORY);
    let published = lsp.diagnostics(URI);
    let anon = with_code(&published, "anonymous-source");
    assert_eq!(anon[0]["range"], range(4, 31, 4, 39), "{published}");
    let actions = ask(
        &mut lsp,
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": anon[0]["range"], "context": {"diagnostics": [anon[0]]}}),
    );
    assert_eq!(
        actions[0]["title"],
        "Say how the source would know and why they were not named"
    );
    let ignore = &actions[1]["edit"]["changes"][URI][0];
    assert_eq!(ignore["range"], range(4, 0, 4, 0));
    lsp.change(URI, 2, json!([{"range": ignore["range"], "text": ignore["newText"]}]));
    let after = lsp.diagnostics_until(URI, 2).pop().unwrap();
    // Both anonymous sources of that paragraph ("a source", "the insider") are silenced.
    assert!(with_code(&after, "anonymous-source").is_empty(), "{after}");
    let bare = with_code(&after, "suppression-without-reason");
    assert_eq!(bare.len(), 1, "{after}");
    assert_eq!(bare[0]["range"], range(4, 0, 4, 77));
    assert_eq!(bare[0]["severity"], 2);
    lsp.finish();
}

#[test]
fn a_bare_ignore_is_flagged_and_an_ignore_that_silences_nothing_is_a_hint() {
    let text = "<!-- copydesk-ignore anonymous-source -->\nThe lease ends, a source said.\n\n<!-- copydesk-ignore inconsistent-age: approved by Kim -->\nThe mayor said the pier would close.\n";
    let (mut lsp, _) = Lsp::start(json!({}));
    lsp.open(URI, "markdown", 1, text);
    let published = lsp.diagnostics(URI);
    assert!(with_code(&published, "anonymous-source").is_empty(), "{published}");
    let bare = with_code(&published, "suppression-without-reason");
    assert_eq!(
        bare,
        vec![json!({
            "range": range(0, 0, 0, 41),
            "severity": 2,
            "code": "suppression-without-reason",
            "source": "copydesk",
            "message": "This copydesk-ignore gives no reason: write who approved it and why after a colon."
        })]
    );
    let unused = with_code(&published, "unused-suppression");
    assert_eq!(
        unused,
        vec![json!({
            "range": range(3, 0, 3, 58),
            "severity": 4,
            "code": "unused-suppression",
            "source": "copydesk",
            "message": "This copydesk-ignore silences nothing: no finding it names is in its scope.",
            "data": {"fixes": [{"title": "Remove this copydesk-ignore", "edits": [{"range": range(3, 0, 4, 0), "newText": ""}]}]}
        })]
    );
    lsp.finish();
}

#[test]
fn the_outline_lists_people_and_sources_by_kind() {
    let text = "Lena Vega opened the bakery. “We bake before dawn,” she said.\n\nThe lease ends, a source said.\n";
    let (mut lsp, _) = Lsp::start(json!({}));
    lsp.open(URI, "markdown", 1, text);
    let symbols = ask(
        &mut lsp,
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let leaf = |name: &str, detail: Option<&str>, r: Value| {
        let mut v = json!({"name": name, "kind": 15, "range": r, "selectionRange": r});
        if let Some(d) = detail {
            v["detail"] = json!(d);
        }
        v
    };
    let vega = range(0, 0, 0, 9);
    let she = range(0, 52, 0, 55);
    let source = range(2, 16, 2, 24);
    assert_eq!(
        symbols,
        json!([
            {"name": "People", "detail": "1", "kind": 3, "range": range(0, 0, 0, 55), "selectionRange": vega, "children": [
                {"name": "Lena Vega", "detail": "2 mentions", "kind": 19, "range": range(0, 0, 0, 55), "selectionRange": vega, "children": [
                    leaf("Lena Vega", Some("name"), vega.clone()),
                    leaf("she", Some("pronoun"), she.clone())
                ]}
            ]},
            {"name": "Sources", "kind": 3, "range": range(0, 52, 2, 24), "selectionRange": range(0, 52, 0, 55), "children": [
                {"name": "Named sources", "detail": "1", "kind": 3, "range": she, "selectionRange": she, "children": [
                    {"name": "Lena Vega", "detail": "1 attribution", "kind": 19, "range": she, "selectionRange": she, "children": [leaf("she", None, she.clone())]}
                ]},
                {"name": "Anonymous sources", "detail": "1", "kind": 3, "range": source, "selectionRange": source, "children": [
                    {"name": "a source", "detail": "1 attribution", "kind": 19, "range": source, "selectionRange": source, "children": [leaf("a source", None, source.clone())]}
                ]}
            ]}
        ])
    );
    lsp.finish();
}

#[test]
fn highlights_and_references_cover_one_person_only() {
    let (mut lsp, _) = Lsp::start(json!({}));
    lsp.open(URI, "markdown", 1, STORY);
    lsp.diagnostics(URI);
    let highlights = ask(&mut lsp, "textDocument/documentHighlight", at(URI, 0, 2));
    assert_eq!(
        highlights,
        json!([
            {"range": range(0, 0, 0, 9), "kind": 3},
            {"range": range(0, 54, 0, 57), "kind": 2},
            {"range": range(2, 23, 2, 26), "kind": 2}
        ])
    );
    let mut params = at(URI, 2, 35);
    params["context"] = json!({"includeDeclaration": true});
    let refs = ask(&mut lsp, "textDocument/references", params);
    let loc = |r: Value| json!({"uri": URI, "range": r});
    assert_eq!(
        refs,
        json!([loc(range(0, 67, 0, 77)), loc(range(2, 33, 2, 43))]),
        "Tomas Vega only"
    );
    lsp.finish();
}

#[test]
fn rename_changes_one_person_and_never_the_other_who_shares_the_surname() {
    let text = "Lena Vega opened the bakery. Her brother, Tomas Vega, keeps the books.\n\nVega said the ovens came from Lyon. Lena Vega said the rent had doubled.\n";
    let (mut lsp, _) = Lsp::start(json!({}));
    lsp.open(URI, "markdown", 1, text);
    lsp.diagnostics(URI);
    let prepared = ask(&mut lsp, "textDocument/prepareRename", at(URI, 0, 3));
    assert_eq!(
        prepared,
        json!({"range": range(0, 0, 0, 9), "placeholder": "Lena Vega"})
    );
    let mut params = at(URI, 0, 3);
    params["newName"] = json!("Lena Ibarra");
    let edit = ask(&mut lsp, "textDocument/rename", params);
    assert_eq!(
        edit,
        json!({"changes": {URI: [
            {"range": range(0, 0, 0, 9), "newText": "Lena Ibarra"},
            {"range": range(2, 36, 2, 45), "newText": "Lena Ibarra"}
        ]}})
    );
    assert_eq!(
        ask(&mut lsp, "textDocument/prepareRename", at(URI, 0, 20)),
        Value::Null,
        "not a person"
    );
    lsp.finish();
}

#[test]
fn inlay_hints_name_the_resolved_speaker_and_follow_an_edit() {
    let (mut lsp, _) = Lsp::start(json!({}));
    lsp.open(URI, "markdown", 1, STORY);
    lsp.diagnostics(URI);
    let whole = json!({"textDocument": {"uri": URI}, "range": range(0, 0, 10, 0)});
    let hint = |line: u32, character: u32, label: &str| json!({"position": pos(line, character), "label": label, "kind": 2, "paddingLeft": true});
    assert_eq!(
        ask(&mut lsp, "textDocument/inlayHint", whole.clone()),
        json!([hint(2, 22, "→ Lena Vega"), hint(4, 71, "→ anonymous, first at line 5")])
    );
    // A line inserted above moves both hints down, and the back-reference's line with them.
    lsp.change(
        URI,
        2,
        json!([{"range": range(0, 0, 0, 0), "text": "HARBOR STREET\n\n"}]),
    );
    lsp.diagnostics_until(URI, 2);
    assert_eq!(
        ask(&mut lsp, "textDocument/inlayHint", whole),
        json!([hint(4, 22, "→ Lena Vega"), hint(6, 71, "→ anonymous, first at line 7")])
    );
    lsp.finish();
}

#[test]
fn turning_inlay_hints_off_asks_the_client_to_refresh_them() {
    let client = json!({"capabilities": {"workspace": {"inlayHint": {"refreshSupport": true}}}});
    let (mut lsp, _) = Lsp::start(client);
    lsp.open(URI, "markdown", 1, STORY);
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"inlayHints": false}}}),
    );
    let refresh = lsp.wait_for(|m| m["method"] == "workspace/inlayHint/refresh");
    lsp.reply(&refresh["id"], Value::Null);
    let whole = json!({"textDocument": {"uri": URI}, "range": range(0, 0, 10, 0)});
    assert_eq!(ask(&mut lsp, "textDocument/inlayHint", whole), json!([]));
    lsp.finish();
}

#[test]
fn inlay_hints_can_be_turned_off() {
    let (mut lsp, _) = Lsp::start(json!({"initializationOptions": {"inlayHints": false}}));
    lsp.open(URI, "markdown", 1, STORY);
    let whole = json!({"textDocument": {"uri": URI}, "range": range(0, 0, 10, 0)});
    assert_eq!(ask(&mut lsp, "textDocument/inlayHint", whole), json!([]));
    lsp.finish();
}

#[test]
fn a_pulling_client_gets_diagnostics_by_request_and_none_pushed() {
    let client = json!({
        "capabilities": {"textDocument": {"diagnostic": {"dynamicRegistration": false}}},
        "initializationOptions": {"pullDiagnostics": true}
    });
    let (mut lsp, result) = Lsp::start(client);
    assert_eq!(
        result["capabilities"]["diagnosticProvider"],
        json!({"identifier": "copydesk", "interFileDependencies": false, "workspaceDiagnostics": false})
    );
    lsp.open(URI, "markdown", 1, "The lease ends, a source said.\n");
    let report = ask(
        &mut lsp,
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(report["kind"], "full");
    let got: Vec<&str> = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(got, ["anonymous-source"]);
    // A settings change asks the client to pull again.
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": {"anonymous-source": "off"}}}}),
    );
    let refresh = lsp.wait_for(|m| m["method"] == "workspace/diagnostic/refresh");
    lsp.reply(&refresh["id"], Value::Null);
    let report = ask(
        &mut lsp,
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": URI}}),
    );
    let got: Vec<&str> = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(got, ["bare-anonymous-source", "missing-anonymity-reason"]);
    let late = lsp.settle();
    assert!(
        !late.iter().any(|m| m["method"] == "textDocument/publishDiagnostics"),
        "pushed to a pulling client: {late:?}"
    );
    lsp.finish();
}

#[test]
fn a_client_that_can_pull_but_did_not_ask_gets_pushed_diagnostics_only() {
    let client = json!({"capabilities": {"textDocument": {"diagnostic": {"dynamicRegistration": false}}}});
    let (mut lsp, result) = Lsp::start(client);
    assert_eq!(result["capabilities"].get("diagnosticProvider"), None);
    lsp.open(URI, "markdown", 1, "The lease ends, a source said.\n");
    assert_eq!(codes(&lsp.diagnostics(URI)), ["anonymous-source"]);
    lsp.finish();
}

/// A project directory with a `copydesk.toml`, removed on drop.
struct Project(std::path::PathBuf);

impl Project {
    fn new(name: &str, config: &str) -> Project {
        let dir = std::env::temp_dir().join(format!("copydesk-features-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("copydesk.toml"), config).unwrap();
        Project(dir)
    }

    fn uri(&self, file: &str) -> String {
        format!("file://{}/{file}", self.0.display())
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn copydesk_toml_applies_and_a_typo_keeps_the_last_good_config() {
    let project = Project::new(
        "typo",
        "[rules]\nanonymous-source = \"off\"\n\n[lexicon]\nsource-nouns = [\"tipster\"]\n",
    );
    let story = project.uri("story.md");
    let config = project.uri("copydesk.toml");
    let (mut lsp, _) = Lsp::start(json!({}));
    lsp.open(&story, "markdown", 1, "The ferry stops in May, a tipster said.\n");
    assert_eq!(
        lsp.diagnostics(&config)["diagnostics"],
        json!([]),
        "read from disk, no problem"
    );
    let first = lsp.diagnostics(&story);
    assert_eq!(
        codes(&first),
        ["bare-anonymous-source", "missing-anonymity-reason"],
        "{first}"
    );
    // The editor opens the config and introduces a typo: one error on the file, old config kept.
    let typo = "[rules]\nanonymous-source = \"off\"\n\n[lexicon]\nsource-nuns = [\"tipster\"]\n";
    lsp.open(&config, "toml", 1, typo);
    let problem = lsp.diagnostics(&config);
    assert_eq!(problem["diagnostics"].as_array().unwrap().len(), 1, "{problem}");
    let d = &problem["diagnostics"][0];
    assert_eq!(d["range"]["start"], pos(4, 0));
    assert_eq!(d["severity"], 1);
    let message = d["message"].as_str().unwrap();
    assert!(message.contains("source-nuns"), "{message}");
    assert!(
        message.ends_with("copydesk keeps using the last good version of this file."),
        "{message}"
    );
    // Fixed, with a new severity: the error clears and the story is re-analysed under it.
    let fixed = "[rules]\nanonymous-source = \"error\"\n\n[lexicon]\nsource-nouns = [\"tipster\"]\n";
    lsp.change(&config, 2, json!([{"text": fixed}]));
    assert_eq!(lsp.diagnostics(&config)["diagnostics"], json!([]));
    let again = lsp.diagnostics(&story);
    let anon = with_code(&again, "anonymous-source");
    assert_eq!(anon.len(), 1, "{again}");
    assert_eq!(anon[0]["severity"], 1);
    lsp.finish();
}

#[test]
fn a_config_changed_or_deleted_on_disk_is_reread_when_the_client_watches_files() {
    let project = Project::new("watch", "[rules]\nanonymous-source = \"off\"\n");
    let story = project.uri("story.md");
    let config = project.uri("copydesk.toml");
    let client = json!({"capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}});
    let (mut lsp, _) = Lsp::start(client);
    let register = lsp.wait_for(|m| m["method"] == "client/registerCapability");
    assert_eq!(
        register["params"],
        json!({"registrations": [{
            "id": "copydesk-toml",
            "method": "workspace/didChangeWatchedFiles",
            "registerOptions": {"watchers": [{"globPattern": "**/copydesk.toml"}]}
        }]})
    );
    lsp.reply(&register["id"], Value::Null);
    lsp.open(&story, "markdown", 1, "The pier will close, a source said.\n");
    assert_eq!(lsp.diagnostics(&config)["diagnostics"], json!([]));
    assert!(with_code(&lsp.diagnostics(&story), "anonymous-source").is_empty());
    // Changed on disk: the story is re-analysed under the new rules.
    std::fs::write(
        project.0.join("copydesk.toml"),
        "[rules]\nanonymous-source = \"error\"\n",
    )
    .unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config, "type": 2}]}),
    );
    assert_eq!(lsp.diagnostics(&config)["diagnostics"], json!([]));
    let changed = lsp.diagnostics(&story);
    assert_eq!(with_code(&changed, "anonymous-source")[0]["severity"], 1, "{changed}");
    // Deleted: back to the defaults.
    std::fs::remove_file(project.0.join("copydesk.toml")).unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config, "type": 3}]}),
    );
    assert_eq!(lsp.diagnostics(&config)["diagnostics"], json!([]));
    let deleted = lsp.diagnostics(&story);
    assert_eq!(with_code(&deleted, "anonymous-source")[0]["severity"], 2, "{deleted}");
    lsp.finish();
}

#[test]
fn reopening_a_story_rereads_a_config_changed_on_disk() {
    let project = Project::new("reopen", "[rules]\nanonymous-source = \"off\"\n");
    let story = project.uri("story.md");
    let text = "The pier will close, a source said.\n";
    let (mut lsp, _) = Lsp::start(json!({}));
    lsp.open(&story, "markdown", 1, text);
    assert!(with_code(&lsp.diagnostics(&story), "anonymous-source").is_empty());
    std::fs::write(
        project.0.join("copydesk.toml"),
        "[rules]\nanonymous-source = \"error\"\n",
    )
    .unwrap();
    lsp.notify("textDocument/didClose", json!({"textDocument": {"uri": story}}));
    assert_eq!(lsp.diagnostics(&story)["diagnostics"], json!([]), "cleared on close");
    lsp.open(&story, "markdown", 1, text);
    let again = lsp.diagnostics_until(&story, 1).pop().unwrap();
    assert_eq!(with_code(&again, "anonymous-source")[0]["severity"], 1, "{again}");
    lsp.finish();
}
