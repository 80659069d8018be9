//! `copydesk report` as a user runs it: exact JSON figures over hand-made analyses
//! (`tests/fixtures/report/analysed.jsonl`, so the figures do not move when the engines improve),
//! rows that agree with `copydesk analyze` over a directory of fixture stories, bad stories
//! reported by id while the rest is counted, and an HTML page that parses and has every section.
//! The page is rendered in headless Chromium by `contrib/ci.sh`.

use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{Html, Selector};
use serde_json::{json, Value};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report")
}

/// Runs `copydesk ARGS`; returns the exit code, stdout and stderr.
fn copydesk(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code().expect("exited normally"),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("copydesk-report-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }
    fn path(&self, rel: &str) -> String {
        self.0.join(rel).display().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The fixture analyses plus a story that is not UTF-8, as one JSON Lines file.
fn archive(dir: &TempDir) -> String {
    let mut bytes = std::fs::read(fixtures().join("analysed.jsonl")).expect("fixture");
    bytes.extend_from_slice(b"{\"id\": \"bad-latin1\", \"desk\": \"metro\", \"text\": \"Caf\xe9 owners met.\"}\n");
    let path = dir.path("archive.jsonl");
    std::fs::write(&path, bytes).expect("archive written");
    path
}

fn report_json(args: &[&str]) -> (i32, Value, String) {
    let (code, stdout, stderr) = copydesk(args);
    let v = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("report is JSON ({e}): {stdout}\n{stderr}"));
    (code, v, stderr)
}

#[test]
fn json_figures_are_exact() {
    let dir = TempDir::new("exact");
    let path = archive(&dir);
    let (code, v, _) = report_json(&[
        "report",
        "--input",
        "jsonl",
        "--by",
        "desk",
        "--estimate-gender",
        "--format",
        "json",
        &path,
    ]);
    assert_eq!(code, 1, "bad stories make the exit status 1");
    let t = &v["totals"];
    assert_eq!(t["stories"], 5);
    assert_eq!(t["words"], 40);
    assert_eq!(t["quotes"], 10);
    assert_eq!(
        t["quotes_by_speaker"],
        json!({"named": 5, "anonymous": 3, "vague": 0, "institution": 1, "none": 1})
    );
    assert_eq!(
        t["quote_share_by_speaker"],
        json!({"named": 0.5, "anonymous": 0.3, "vague": 0.0, "institution": 0.1, "none": 0.1})
    );
    assert_eq!(t["unnamed_quote_share"], 0.4);
    assert_eq!(
        t["sources"],
        json!({"named": 3, "anonymous": 3, "vague": 1, "institution": 2})
    );
    assert_eq!(t["anonymity_reasons"], 1);
    assert_eq!(t["stories_resting_on_anonymous"], 2);
    assert_eq!(t["resting_on_anonymous_share"], 0.4);
    assert_eq!(t["findings"], 8);
    assert_eq!(t["findings_per_1000_words"], 200.0);

    let rates: Vec<(String, Value)> = v["findings_by_rule"]
        .as_array()
        .expect("rates")
        .iter()
        .map(|r| {
            (
                r["rule"].as_str().expect("rule").to_string(),
                r["per_1000_words"].clone(),
            )
        })
        .collect();
    let rate = |rule: &str| rates.iter().find(|(r, _)| r == rule).map(|(_, v)| v.clone());
    assert_eq!(rate("anonymous-source"), Some(json!(75.0)));
    assert_eq!(rate("name-variant"), Some(json!(25.0)));
    assert_eq!(
        rate("inconsistent-age"),
        Some(json!(0.0)),
        "rules without findings are listed"
    );

    let periods: Vec<(&str, u64, u64)> = v["over_time"]
        .as_array()
        .expect("over_time")
        .iter()
        .map(|p| {
            (
                p["period"].as_str().expect("period"),
                p["stories"].as_u64().expect("n"),
                p["quotes"].as_u64().expect("q"),
            )
        })
        .collect();
    assert_eq!(periods, [("2024-01", 2, 6), ("2024-02", 2, 3), ("2024-03", 1, 1)]);
    let groups = &v["by_group"];
    assert_eq!(groups["field"], "desk");
    let g: Vec<(&str, u64, Value)> = groups["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| {
            (
                g["group"].as_str().expect("group"),
                g["stories"].as_u64().expect("n"),
                g["resting_on_anonymous_share"].clone(),
            )
        })
        .collect();
    assert_eq!(
        g,
        [
            ("(none)", 1, json!(0.0)),
            ("metro", 2, json!(0.5)),
            ("sports", 2, json!(0.5))
        ]
    );
    assert_eq!(
        v["quoted_people"],
        json!([
            {"name": "Ida Brandt", "quotes": 3, "stories": 2},
            {"name": "Max Rudd", "quotes": 1, "stories": 1},
            {"name": "Tom Vale", "quotes": 1, "stories": 1}
        ])
    );
    let gender = &v["gender_estimate"];
    assert_eq!(gender["label"], "estimate");
    assert_eq!(
        gender["people"],
        json!({"female": {"count": 2, "share": 0.5}, "male": {"count": 1, "share": 0.25}, "unknown": {"count": 1, "share": 0.25}})
    );
    assert_eq!(
        gender["quotes"],
        json!({"female": {"count": 3, "share": 0.6}, "male": {"count": 1, "share": 0.2}, "unknown": {"count": 1, "share": 0.2}})
    );
    assert_eq!(
        (
            gender["decided_by_pronouns"].clone(),
            gender["decided_by_names_and_titles"].clone()
        ),
        (json!(2), json!(1))
    );
    assert!(gender["method"].as_str().is_some_and(|m| m.contains("estimate")));
}

#[test]
fn each_story_is_one_row_in_input_order() {
    let (code, v, _) = report_json(&[
        "report",
        "--input",
        "jsonl",
        "--by",
        "desk",
        "--format",
        "json",
        fixtures().join("analysed.jsonl").to_str().expect("path"),
    ]);
    assert_eq!(code, 1, "the fixture holds one story without text");
    let ids: Vec<&str> = v["stories"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["m-001", "m-002", "s-001", "s-002", "x-001"]);
    assert_eq!(
        v["stories"][0],
        json!({
            "id": "m-001", "date": "2024-01-15", "group": "metro", "words": 12, "quotes": 4,
            "quotes_named": 3, "quotes_anonymous": 1, "quotes_vague": 0, "quotes_institution": 0,
            "quotes_no_speaker": 0, "unnamed_quote_share": 0.25, "sources_named": 1,
            "sources_anonymous": 1, "sources_vague": 0, "sources_institution": 0,
            "anonymity_reasons": 1, "rests_on_anonymous": true, "findings": 2,
            "findings_by_rule": {"anonymous-quote": 1, "anonymous-source": 1}
        })
    );
    assert_eq!(
        v["stories"][3]["date"], "2024-02-10",
        "the story's own date when the line has none"
    );
    assert_eq!(v["stories"][3]["unnamed_quote_share"], Value::Null);
    assert_eq!(v["stories"][4]["group"], Value::Null);
    assert_eq!(v["gender_estimate"], Value::Null, "only on request");
}

#[test]
fn bad_stories_are_reported_by_id_and_the_rest_counted() {
    let dir = TempDir::new("bad");
    let path = archive(&dir);
    let (code, v, stderr) = report_json(&["report", "--input", "jsonl", "--format", "json", &path]);
    assert_eq!(code, 1);
    let errors: Vec<(&str, &str)> = v["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| (e["id"].as_str().expect("id"), e["error"].as_str().expect("why")))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0].0, "bad-no-text");
    assert!(errors[0].1.contains("missing \"text\""), "{}", errors[0].1);
    assert_eq!(errors[1].0, "bad-latin1");
    assert!(errors[1].1.contains("not valid UTF-8"), "{}", errors[1].1);
    assert!(
        stderr.contains("bad-no-text") && stderr.contains("bad-latin1"),
        "{stderr}"
    );
    assert_eq!(v["totals"]["stories"], 5, "the good stories are still counted");
}

#[test]
fn a_directory_of_stories_gives_rows_that_agree_with_analyze() {
    let dir = TempDir::new("dir");
    let stories = dir.path("stories");
    std::fs::create_dir_all(&stories).expect("dir");
    for entry in std::fs::read_dir(fixtures().join("stories")).expect("fixture stories") {
        let p = entry.expect("entry").path();
        std::fs::copy(&p, Path::new(&stories).join(p.file_name().expect("name"))).expect("copy");
    }
    std::fs::write(dir.path("stories/zz-latin1.txt"), b"Caf\xe9 owners met on Monday.\n").expect("bad story");

    let (code, v, stderr) = report_json(&["report", "--format", "json", &stories]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(v["errors"][0]["id"], dir.path("stories/zz-latin1.txt"));
    let (_, analyzed, _) = copydesk(&["analyze", &stories]);
    let docs: Vec<Value> = analyzed
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let rows = v["stories"].as_array().expect("rows");
    assert_eq!(rows.len(), 3);
    let mut words = 0;
    for (row, doc) in rows.iter().zip(&docs) {
        assert_eq!(row["id"], doc["id"]);
        let n = |key: &str| doc[key].as_array().map_or(0, Vec::len) as u64;
        assert_eq!(row["quotes"].as_u64(), Some(n("quotes")), "{}", row["id"]);
        assert_eq!(row["findings"].as_u64(), Some(n("findings")), "{}", row["id"]);
        let sources = [
            "sources_named",
            "sources_anonymous",
            "sources_vague",
            "sources_institution",
        ]
        .iter()
        .map(|k| row[k].as_u64().expect("count"))
        .sum::<u64>();
        assert_eq!(sources, n("sources"), "{}", row["id"]);
        words += row["words"].as_u64().expect("words");
    }
    let text_words: u64 = ["council-vote.md", "quiet-market.md", "school-roof.txt"]
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(fixtures().join("stories").join(f)).expect("story");
            text.split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count() as u64
        })
        .sum();
    assert_eq!(words, text_words);
    assert_eq!(v["totals"]["words"].as_u64(), Some(text_words));
    assert_eq!(rows[0]["date"], "2025-04-03", "the story's own date line");
}

#[test]
fn html_parses_and_has_every_section_and_chart() {
    let dir = TempDir::new("html");
    let path = archive(&dir);
    let out = dir.path("report.html");
    let (code, stdout, _) = copydesk(&[
        "report",
        "--input",
        "jsonl",
        "--by",
        "desk",
        "--estimate-gender",
        "--out",
        &out,
        &path,
    ]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty(), "the report goes to --out");
    let html = std::fs::read_to_string(&out).expect("report written");
    let doc = Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "HTML parse errors: {:?}", doc.errors);
    let sel = |s: &str| Selector::parse(s).expect("selector");
    for id in [
        "summary",
        "over-time",
        "by-group",
        "findings-rate",
        "quoted",
        "gender",
        "stories",
        "story-findings",
        "bad-stories",
        "method",
    ] {
        assert_eq!(doc.select(&sel(&format!("section#{id}"))).count(), 1, "section {id}");
    }
    for chart in [
        "resting-time",
        "speakers-time",
        "resting-group",
        "speakers-group",
        "findings-rate",
        "speakers-all",
        "gender",
    ] {
        let bars = doc
            .select(&sel(&format!("figure[data-chart='{chart}'] svg rect.bar")))
            .count();
        assert!(bars > 0, "chart {chart} has bars");
    }
    let rows = doc.select(&sel("#story-table tbody tr")).count();
    assert_eq!(rows, 5);
    let link = doc.select(&sel("#story-table a[href='#story-0']")).count();
    assert_eq!(link, 1, "a story with findings links to them");
    assert_eq!(doc.select(&sel("#story-findings #story-0 li")).count(), 2);
    assert!(doc
        .select(&sel("#gender .label"))
        .any(|e| e.text().any(|t| t.contains("ESTIMATE"))));
    let bad: String = doc.select(&sel("#bad-stories li")).flat_map(|e| e.text()).collect();
    assert!(bad.contains("bad-no-text") && bad.contains("bad-latin1"), "{bad}");
    let svg_ns = html.matches("http://www.w3.org/2000/svg").count();
    assert_eq!(
        html.matches("http://").count(),
        svg_ns,
        "no address but the SVG namespace"
    );
    assert!(!html.contains("https://"), "nothing is fetched");
    assert!(!html.contains("<script src"), "no external script");
}
