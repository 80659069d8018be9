//! Per-rule fixture folders: `tests/fixtures/<rule-id>/` holds `flags_*` stories, whose caret
//! lines are exactly that rule's findings (at least one), and `allows_*` stories, on which that
//! rule finds nothing. Every rule has a folder with both kinds; every folder is a rule. Files
//! ending `.md` are read as Markdown, any other as plain text. A `copydesk.toml` in a folder is
//! the project config of its fixtures (rules such as `house-pattern` need one).

use std::fs;
use std::path::{Path, PathBuf};

use copydesk::analysis::rules::{fixture, suppress, ALL_RULES};
use copydesk::analysis::{analyze, Config, Format, RuleId, RuleSetting};
use copydesk::project::Project;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The findings of `rule` in `text` as `(rule, start, end)`, like the caret expectations.
fn findings(text: &str, config: &Config, rule: &str) -> Vec<(String, usize, usize)> {
    let mut got: Vec<_> = analyze(text, config)
        .findings
        .iter()
        .filter(|f| f.rule.as_str() == rule)
        .map(|f| (rule.to_string(), f.span.start, f.span.end))
        .collect();
    got.sort();
    got
}

fn ids_to_rule(id: &str) -> RuleId {
    RuleId::parse(id).expect("a rule id")
}

fn show(text: &str, v: &[(String, usize, usize)]) -> Vec<String> {
    v.iter().map(|(r, s, e)| format!("{r} {:?}", &text[*s..*e])).collect()
}

#[test]
fn every_rule_has_flagging_and_allowing_fixtures_and_they_hold() {
    let ids: Vec<&str> = ALL_RULES.iter().map(|r| r.id.as_str()).collect();
    let mut folders: Vec<String> = fs::read_dir(fixtures_dir())
        .expect("tests/fixtures exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains('-'))
        .collect();
    folders.sort();
    assert_eq!(
        folders, ids,
        "one folder per rule id under tests/fixtures/ (engine folders have no '-')"
    );
    let mut failures = Vec::new();
    for rule in ids {
        let mut kinds = (0, 0);
        let folder = fixtures_dir().join(rule);
        let project = match fs::read_to_string(folder.join("copydesk.toml")) {
            Ok(toml) => Project::parse(&toml, &folder).unwrap_or_else(|e| panic!("{rule}/copydesk.toml: {e:?}")),
            Err(_) => Project::defaults(&folder),
        };
        let mut files: Vec<PathBuf> = fs::read_dir(&folder)
            .expect("rule folder reads")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| !p.ends_with("copydesk.toml"))
            .collect();
        files.sort();
        for path in files {
            let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
            let format = if name.ends_with(".md") {
                Format::Markdown
            } else {
                Format::Plain
            };
            let raw = fs::read_to_string(&path).expect("fixture is UTF-8");
            let (text, mut expected) = fixture::parse(&raw);
            expected.retain(|(r, _, _)| r == rule);
            expected.sort();
            // Each rule on its own: the folding of findings into `anonymous-source` is tested
            // with the rules, not here.
            let mut config = Config {
                format,
                ..project.config.clone()
            };
            // Directives silence what the other rules find, so their rules keep the others on.
            if !suppress::is_suppression_rule(ids_to_rule(rule)) {
                for other in ALL_RULES.iter().filter(|r| r.id.as_str() != rule) {
                    config.rules.insert(other.id, RuleSetting::Off);
                }
            }
            let got = findings(&text, &config, rule);
            if name.starts_with("flags_") {
                kinds.0 += 1;
                if expected.is_empty() {
                    failures.push(format!("{rule}/{name}: a flags_ fixture needs caret lines for {rule}"));
                }
            } else if name.starts_with("allows_") {
                kinds.1 += 1;
                if !expected.is_empty() {
                    failures.push(format!(
                        "{rule}/{name}: an allows_ fixture has no caret lines for {rule}"
                    ));
                }
            } else {
                failures.push(format!("{rule}/{name}: name it flags_* or allows_*"));
            }
            if got != expected {
                failures.push(format!(
                    "{rule}/{name}: expected {:?}, got {:?}",
                    show(&text, &expected),
                    show(&text, &got)
                ));
            }
        }
        if kinds.0 == 0 || kinds.1 == 0 {
            failures.push(format!("{rule}: needs at least one flags_ and one allows_ fixture"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
