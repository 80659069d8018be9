//! Snapshots of what users read: the rendered `copydesk check` report of the bundled example
//! article. Any change in wording, span or count shows up as a diff of
//! `tests/snapshots/check_article.txt` to review. To accept a reviewed change, run
//! `UPDATE_SNAPSHOTS=1 cargo test --test it snapshot` and commit the file.

use std::path::Path;
use std::process::Command;

fn assert_snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("snapshot dir");
        std::fs::write(&path, actual).expect("snapshot written");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_SNAPSHOTS=1 to create it)", path.display()));
    if expected != actual {
        let diff: Vec<String> = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .filter(|(_, (e, a))| e != a)
            .take(5)
            .map(|(i, (e, a))| format!("line {}:\n  - {e}\n  + {a}", i + 1))
            .collect();
        panic!(
            "{name} changed ({} → {} lines); first differences:\n{}\nreview, then UPDATE_SNAPSHOTS=1 to accept",
            expected.lines().count(),
            actual.lines().count(),
            diff.join("\n")
        );
    }
}

#[test]
fn check_of_the_example_article() {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "examples/article.md"])
        .output()
        .expect("binary runs");
    assert_eq!(out.status.code(), Some(1), "the example has warnings");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 report");
    assert!(stdout.contains("warning[anonymous-source]"));
    assert_snapshot("check_article.txt", &stdout);
}
