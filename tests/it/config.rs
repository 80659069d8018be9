//! `copydesk.toml` and the newer `check` options through the real binary: the same config
//! file the server reads changes what `check` reports; `--rule` and `--config`; a typo is an
//! error naming the key and line with exit 2; default excludes; suppressed findings listed with
//! their reasons; a missing path; `text` in JSON diagnostics.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

/// A directory under the system temp dir, removed on drop.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let dir = std::env::temp_dir().join(format!("copydesk-config-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }

    fn write(&self, rel: &str, text: &str) -> &Dir {
        let path = self.0.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// `copydesk ARGS` in this directory: (exit code, stdout, stderr).
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        run_in(&self.0, args)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run_in(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const STORY: &str = "The ferry stops in May, a tipster said.\n\nThe pier will close, a source said.\n";

/// (code, text) of every diagnostic of the JSON report's first file.
fn found(stdout: &str) -> Vec<(String, String)> {
    let v: Value = serde_json::from_str(stdout).unwrap();
    v[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap().into(), d["text"].as_str().unwrap().into()))
        .collect()
}

fn pair(code: &str, text: &str) -> (String, String) {
    (code.to_string(), text.to_string())
}

#[test]
fn the_config_file_changes_what_check_reports() {
    let dir = Dir::new("changes");
    dir.write("story.txt", STORY);
    let (code, before, _) = dir.run(&["check", "--format", "json", "story.txt"]);
    assert_eq!(code, 1);
    assert!(!found(&before).contains(&pair("anonymous-source", "a tipster")));
    assert!(found(&before).contains(&pair("anonymous-source", "a source")));
    dir.write(
        "copydesk.toml",
        "[rules]\nanonymous-source = \"hint\"\nbare-anonymous-source = \"off\"\nmissing-anonymity-reason = \"off\"\n\n[lexicon]\nsource-nouns = [\"tipster\"]\n",
    );
    let (code, after, _) = dir.run(&["check", "--format", "json", "story.txt"]);
    assert_eq!(code, 0, "hints only: {after}");
    assert_eq!(
        found(&after),
        vec![
            pair("anonymous-source", "a tipster"),
            pair("anonymous-source", "a source")
        ]
    );
    // The command line wins over the file.
    let (code, _, _) = dir.run(&["check", "--rule", "anonymous-source=error", "story.txt"]);
    assert_eq!(code, 1);
}

#[test]
fn a_config_in_a_parent_directory_applies_and_config_names_another() {
    let dir = Dir::new("parent");
    dir.write("copydesk.toml", "[rules]\nanonymous-source = \"off\"\n")
        .write("desk/story.txt", STORY)
        .write("other.toml", "[rules]\nanonymous-source = \"error\"\n");
    let (_, out, _) = dir.run(&["check", "--format", "json", "desk/story.txt"]);
    assert!(found(&out).iter().all(|(c, _)| c != "anonymous-source"), "{out}");
    let (code, out, _) = dir.run(&["check", "--format", "json", "--config", "other.toml", "desk/story.txt"]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["diagnostics"][0]["code"], "anonymous-source");
    assert_eq!(v[0]["diagnostics"][0]["severity"], 1);
}

#[test]
fn a_typo_in_the_config_is_one_error_naming_key_and_line_and_exit_2() {
    let dir = Dir::new("typo");
    dir.write("story.txt", STORY).write(
        "copydesk.toml",
        "[rules]\nanonymous-source = \"off\"\n\n[lexicon]\nsource-nuns = [\"tipster\"]\n",
    );
    let (code, out, err) = dir.run(&["check", "story.txt"]);
    assert_eq!(code, 2);
    assert_eq!(out, "", "nothing is checked");
    let line = err.trim();
    assert!(
        line.starts_with("copydesk: ") && line.contains("copydesk.toml:5: "),
        "{err}"
    );
    assert!(line.contains("source-nuns"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    dir.write("copydesk.toml", "[rules]\nanonymous-sorce = \"off\"\n");
    let (code, _, err) = dir.run(&["check", "story.txt"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("copydesk.toml:2: unknown rule id `anonymous-sorce` in [rules], did you mean `anonymous-source`?"),
        "{err}"
    );
}

#[test]
fn rule_flags_are_checked() {
    let dir = Dir::new("ruleflag");
    dir.write("story.txt", STORY);
    for bad in ["anonymous-source", "no-such-rule=off", "anonymous-source=loud"] {
        let (code, _, err) = dir.run(&["check", "--rule", bad, "story.txt"]);
        assert_eq!(code, 2, "{bad}: {err}");
        assert!(err.contains("--rule"), "{err}");
    }
}

#[test]
fn directory_walks_skip_fixtures_word_lists_and_build_output_and_honour_excludes() {
    let dir = Dir::new("walk");
    for f in [
        "stories/a.md",
        "drafts/b.md",
        "tests/fixtures/c.md",
        "target/d.md",
        "node_modules/pkg/README.md",
        "data/stopwords.txt",
    ] {
        dir.write(f, "The mayor opened the library.\n");
    }
    let listed = |args: &[&str]| -> Vec<String> {
        let (_, out, err) = dir.run(args);
        let v: Value = serde_json::from_str(&out).unwrap_or_else(|_| panic!("{out}{err}"));
        v.as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().replace('\\', "/"))
            .collect()
    };
    assert_eq!(
        listed(&["check", "--format", "json", "."]),
        ["./drafts/b.md", "./stories/a.md"]
    );
    dir.write("copydesk.toml", "[check]\nexclude = [\"drafts/\"]\n");
    assert_eq!(listed(&["check", "--format", "json", "."]), ["./stories/a.md"]);
    assert_eq!(
        listed(&["check", "--format", "json", "drafts/b.md"]),
        ["drafts/b.md"],
        "a file named explicitly is always read"
    );
}

#[test]
fn suppressed_findings_are_listed_with_their_reason() {
    let dir = Dir::new("suppressed");
    dir.write(
        "story.md",
        "<!-- copydesk-ignore anonymous-source: approved by the night editor -->\nThe pier will close, a source said.\n",
    );
    let (_, out, _) = dir.run(&["check", "--format", "json", "story.md"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let s = &v[0]["suppressed"];
    assert_eq!(s.as_array().unwrap().len(), 1, "{out}");
    assert_eq!(s[0]["code"], "anonymous-source");
    assert_eq!(s[0]["text"], "a source");
    assert_eq!(s[0]["reason"], "approved by the night editor");
    let (_, sarif, _) = dir.run(&["check", "--format", "sarif", "story.md"]);
    let v: Value = serde_json::from_str(&sarif).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    let r = results.iter().find(|r| r["ruleId"] == "anonymous-source").unwrap();
    assert_eq!(r["suppressions"][0]["justification"], "approved by the night editor");
}

#[test]
fn a_missing_path_is_one_error_and_no_summary() {
    let dir = Dir::new("missing");
    let (code, out, err) = dir.run(&["check", "nope.md"]);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert_eq!(err.trim(), "copydesk: nope.md: no such file or directory");
}
