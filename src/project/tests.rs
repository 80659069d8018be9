//! `copydesk.toml` parsing: every section, errors naming key and line, the file filter and the
//! upward search.

use super::*;

fn parse(text: &str) -> Result<Project, ConfigError> {
    Project::parse(text, Path::new("/proj"))
}

#[test]
fn reads_every_section() {
    let p = parse(
        r#"
[rules]
anonymous-source = "error"
vague-attribution = "off"

[lexicon]
source-nouns = ["Tipster"]
anonymity-phrases = ["Feared for her job"]
not-names = ["Brexit"]

[house]
anonymous-source-needs-reason = true
[[house.patterns]]
pattern = "(?i)sources say"
message = "Name them."

[check]
exclude = ["drafts/"]
"#,
    )
    .unwrap();
    let c = &p.config;
    assert_eq!(c.severity(RuleId::AnonymousSource), Some(Severity::Error));
    assert_eq!(c.severity(RuleId::VagueAttribution), None);
    assert_eq!(c.lexicon.source_nouns, vec!["tipster"]);
    assert_eq!(c.lexicon.anonymity_phrases, vec!["feared for her job"]);
    assert_eq!(c.lexicon.not_names, vec!["brexit"]);
    assert!(c.house.anonymous_needs_reason);
    assert_eq!(c.house.patterns[0].message, "Name them.");
    assert!(!p.wants(Path::new("/proj/drafts/a.md"), false));
    assert!(!p.wants(Path::new("/proj/target"), true), "default excludes stay");
    assert!(p.wants(Path::new("/proj/stories/a.md"), false));
}

#[test]
fn an_unknown_key_names_the_key_and_its_line() {
    let e = parse("[rules]\nanonymous-source = \"off\"\n\n[lexicon]\nsource-noun = [\"tipster\"]\n").unwrap_err();
    assert_eq!(e.line, 5, "{e}");
    assert!(e.message.contains("source-noun"), "{e}");
    let e = parse("[rulez]\n").unwrap_err();
    assert_eq!(e.line, 1);
    assert!(e.message.contains("rulez"), "{e}");
}

#[test]
fn a_bad_rule_id_or_severity_names_the_key_and_its_line() {
    let e = parse("# house config\n[rules]\nanonymous-sauce = \"off\"\n").unwrap_err();
    assert_eq!(e.line, 3);
    assert!(e.message.contains("`anonymous-sauce`"), "{e}");
    assert!(e.message.contains("did you mean `anonymous-source`"), "{e}");
    let e = parse("[rules]\nname-variant = \"loud\"\n").unwrap_err();
    assert_eq!((e.line, e.message.contains("rules.name-variant")), (2, true), "{e}");
}

#[test]
fn a_value_of_the_wrong_type_names_its_key() {
    let e = parse("[lexicon]\nsource-nouns = \"tipster\"\n").unwrap_err();
    assert_eq!(e.line, 2, "{e}");
    assert!(e.message.starts_with("`source-nouns`: "), "{e}");
    let e = parse("[house]\nanonymous-source-needs-reason = \"yes\"\n").unwrap_err();
    assert!(e.message.contains("anonymous-source-needs-reason"), "{e}");
}

#[test]
fn bad_patterns_and_multi_word_source_nouns_are_errors() {
    let e = parse("[[house.patterns]]\npattern = \"(unclosed\"\nmessage = \"m\"\n").unwrap_err();
    assert_eq!(e.line, 2, "{e}");
    let e = parse("[lexicon]\nsource-nouns = [\n  \"person familiar\",\n]\n").unwrap_err();
    assert_eq!(e.line, 3, "{e}");
}

#[test]
fn includes_narrow_and_default_excludes_can_be_turned_off() {
    let p = parse("[check]\ninclude = [\"stories/\"]\ndefault-excludes = false\n").unwrap();
    assert!(p.wants(Path::new("/proj/stories/a.md"), false));
    assert!(!p.wants(Path::new("/proj/notes/a.md"), false));
    assert!(p.wants(Path::new("/proj/notes"), true), "directories are entered");
    assert!(p.wants(Path::new("/proj/stories/fixtures/a.md"), false));
    let d = Project::defaults(Path::new("/proj"));
    for skipped in [
        "/proj/a/fixtures/x.md",
        "/proj/node_modules/m/README.md",
        "/proj/src/stopwords.txt",
    ] {
        assert!(!d.wants(Path::new(skipped), false), "{skipped}");
    }
    assert!(d.wants(Path::new("/proj/story.md"), false));
}

#[test]
fn finds_the_nearest_config_upward() {
    let dir = std::env::temp_dir().join(format!("copydesk-find-{}", std::process::id()));
    let deep = dir.join("a").join("b");
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(dir.join(FILE_NAME), "").unwrap();
    assert_eq!(find(&deep), Some(dir.join(FILE_NAME)));
    std::fs::write(dir.join("a").join(FILE_NAME), "").unwrap();
    assert_eq!(find(&deep), Some(dir.join("a").join(FILE_NAME)));
    std::fs::remove_dir_all(&dir).unwrap();
}
