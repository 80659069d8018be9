//! The rule list has one source, `copydesk rules --format json`; every other place that lists the
//! rules (the README table, the VS Code settings schema and `settings.ts`, the extension README,
//! the Neovim module) is checked against it here. A failure prints the text to paste.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// `(id, severity, summary)` for every rule, from the real binary.
fn rules() -> Vec<(String, String, String)> {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["rules", "--format", "json"])
        .output()
        .expect("binary runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let all: Vec<Value> = serde_json::from_slice(&out.stdout).expect("rules --format json is JSON");
    assert!(!all.is_empty());
    all.iter()
        .map(|r| {
            let field = |k: &str| {
                r[k].as_str()
                    .unwrap_or_else(|| panic!("rule without {k}: {r}"))
                    .to_string()
            };
            assert!(field("docs").contains(&field("id")), "docs of {r} lack the id");
            (field("id"), field("severity"), field("summary"))
        })
        .collect()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("file in the repository")
}

/// The quoted ids in the first `open … close` block of `text` that follows `marker`.
fn quoted_list(text: &str, marker: &str, close: &str) -> Vec<String> {
    let after = &text[text.find(marker).unwrap_or_else(|| panic!("no {marker:?}"))..];
    let block = &after[..after.find(close).expect("list closes")];
    block.split('\'').skip(1).step_by(2).map(str::to_string).collect()
}

fn ids(rules: &[(String, String, String)]) -> Vec<String> {
    rules.iter().map(|r| r.0.clone()).collect()
}

#[test]
fn readme_rule_table_matches_the_registry() {
    let rules = rules();
    let expected: Vec<String> = rules
        .iter()
        .map(|(id, severity, summary)| format!("| `{id}` | {severity} | {summary} |"))
        .collect();
    let readme = read("README.md");
    let section = &readme[readme.find("\n## Rules\n").expect("a Rules section")..];
    let section = &section[..section[1..].find("\n## ").map_or(section.len(), |e| e + 1)];
    let got: Vec<String> = section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(str::to_string)
        .collect();
    assert_eq!(got, expected, "README rule table should read:\n{}", expected.join("\n"));
}

#[test]
fn vscode_settings_schema_matches_the_registry() {
    let rules = rules();
    let pkg: Value = serde_json::from_str(&read("editors/vscode/package.json")).expect("package.json parses");
    let props = pkg["contributes"]["configuration"]["properties"]["copydesk.rules"]["properties"]
        .as_object()
        .expect("copydesk.rules has properties");
    let got: Vec<(String, String)> = props
        .iter()
        .map(|(k, v)| (k.clone(), v["description"].as_str().unwrap_or("").to_string()))
        .collect();
    let expected: Vec<(String, String)> = rules
        .iter()
        .map(|(id, severity, summary)| (id.clone(), format!("{summary} Default: {severity}.")))
        .collect();
    assert_eq!(got, expected);
    for v in props.values() {
        let values: Vec<&str> = v["enum"]
            .as_array()
            .expect("enum")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(values, ["off", "hint", "information", "warning", "error"]);
    }
}

#[test]
fn editor_rule_lists_match_the_registry() {
    let expected = ids(&rules());
    let ts = read("editors/vscode/src/settings.ts");
    assert_eq!(
        quoted_list(&ts, "export const RULE_IDS = [", "] as const"),
        expected,
        "settings.ts"
    );
    let lua = read("editors/nvim/lua/copydesk/init.lua");
    assert_eq!(quoted_list(&lua, "M.rule_ids = {", "}"), expected, "init.lua");
    let readme = read("editors/vscode/README.md");
    let line = &readme[readme.find("Rule ids: ").expect("Rule ids line")..];
    let listed: Vec<String> = line[..line.find(". Each").expect("list ends")]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    assert_eq!(listed, expected, "editors/vscode/README.md");
}
