//! The `copydesk` binary as a user and a CI job run it: `check` in each format, exit codes,
//! unreadable files, directory walking, and `analyze` with text and JSON Lines input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{json, Value};

/// What a run of the binary left behind.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `copydesk ARGS` in `cwd`, feeding `stdin`.
fn copydesk(cwd: &Path, args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    pipe.write_all(stdin).expect("stdin takes the input");
    drop(pipe);
    let out = child.wait_with_output().expect("the binary finishes");
    Run {
        code: out.status.code().expect("exited normally"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("copydesk-cli-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir is writable");
        TempDir(dir)
    }

    fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &TempDir {
        let path = self.0.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("parent dir");
        }
        std::fs::write(path, contents).expect("file is writable");
        self
    }

    fn run(&self, args: &[&str]) -> Run {
        copydesk(&self.0, args, b"")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const CLEAN: &str = "The mayor opened the new library on Tuesday.\n";

fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn as_usize(v: &Value) -> usize {
    v.as_u64().expect("an offset") as usize
}

/// Every `{"start", "end", "text"}` object in `v`, in any depth.
fn span_objects<'a>(v: &'a Value, found: &mut Vec<&'a Value>) {
    match v {
        Value::Object(map) => {
            if map.get("start").is_some_and(Value::is_u64) && map.get("text").is_some_and(Value::is_string) {
                found.push(v);
            }
            map.values().for_each(|x| span_objects(x, found));
        }
        Value::Array(items) => items.iter().for_each(|x| span_objects(x, found)),
        _ => {}
    }
}

#[test]
fn human_format_prints_location_caret_and_summary() {
    let dir = TempDir::new("human");
    dir.write("story.md", CLEAN)
        .write("notes.txt", "Sources say the vote slipped.\n");
    let run = dir.run(&["check", "story.md", "notes.txt"]);
    assert_eq!(run.code, 1, "“Sources say” is an anonymous source\n{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let summary = lines.last().expect("a summary line");
    assert!(summary.ends_with("2 files"), "summary: {summary}");
    for (i, line) in lines.iter().enumerate() {
        let is_header = ["error[", "warning[", "information[", "hint["]
            .iter()
            .any(|s| line.contains(&format!(": {s}")));
        if is_header && !line.starts_with(' ') {
            let (loc, _) = line.split_once(": ").expect("path:line:col: ...");
            let parts: Vec<&str> = loc.rsplitn(3, ':').collect();
            assert!(
                parts[0].parse::<usize>().is_ok() && parts[1].parse::<usize>().is_ok(),
                "{line}"
            );
            assert!(
                lines[i + 3].trim_start().starts_with("| ") && lines[i + 3].contains('^'),
                "{line}"
            );
        }
    }
}

#[test]
fn json_format_is_an_array_of_files_with_diagnostics() {
    let dir = TempDir::new("json");
    dir.write("a.md", CLEAN).write(
        "b.txt",
        "😀 Talks ended. A source close to the talks said it was over.\n",
    );
    let run = dir.run(&["check", "--format", "json", "a.md", "b.txt"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    let files = v.as_array().expect("an array");
    assert_eq!(
        files.iter().map(|f| f["path"].clone()).collect::<Vec<_>>(),
        [json!("a.md"), json!("b.txt")]
    );
    for d in files
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().expect("diagnostics"))
    {
        assert!(d["range"]["start"]["line"].is_u64() && d["range"]["end"]["character"].is_u64());
        assert!(as_usize(&d["start"]) <= as_usize(&d["end"]));
        assert_eq!(d["source"], "copydesk");
    }
    assert_eq!(files[0]["diagnostics"], json!([]), "the clean file");
    let found = files[1]["diagnostics"].as_array().expect("diagnostics");
    let anonymous = found.iter().find(|d| d["code"] == "anonymous-source");
    let anonymous = anonymous.unwrap_or_else(|| panic!("no anonymous-source in {found:?}"));
    // "😀 Talks ended. ": the emoji is one code point but two UTF-16 units.
    let before = "😀 Talks ended. ".chars().count();
    let width = "A source close to the talks".len();
    let offsets = (as_usize(&anonymous["start"]), as_usize(&anonymous["end"]));
    assert_eq!(offsets, (before, before + width));
    assert_eq!(anonymous["range"]["start"], json!({"line": 0, "character": before + 1}));
    assert_eq!(
        anonymous["range"]["end"],
        json!({"line": 0, "character": before + 1 + width})
    );
    assert_eq!(anonymous["severity"], 2);
}

#[test]
fn sarif_format_is_version_2_1_0_with_rules() {
    let dir = TempDir::new("sarif");
    dir.write("a.md", CLEAN);
    let run = dir.run(&["check", "--format", "sarif", "a.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    assert_eq!(v["version"], "2.1.0");
    assert!(v["$schema"].as_str().is_some_and(|s| s.contains("sarif")));
    let run0 = &v["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "copydesk");
    assert_eq!(run0["columnKind"], "utf16CodeUnits");
    let rules = run0["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(rules.iter().any(|r| r["id"] == "anonymous-source"));
    assert!(rules.iter().all(|r| r["shortDescription"]["text"].is_string()));
    assert!(run0["results"].is_array());
}

#[test]
fn exit_codes_clean_file_and_bad_usage() {
    let dir = TempDir::new("exit");
    dir.write("clean.md", CLEAN);
    assert_eq!(dir.run(&["check", "clean.md"]).code, 0);
    assert_eq!(dir.run(&["check", "--fail-on", "hint", "clean.md"]).code, 0);
    assert_eq!(dir.run(&["check", "--fail-on", "information", "clean.md"]).code, 0);
    let bad = dir.run(&["check", "--fail-on", "severe", "clean.md"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("severe"), "{}", bad.stderr);
    assert_eq!(dir.run(&["check", "--format", "xml", "clean.md"]).code, 2);
    let missing = dir.run(&["check", "clean.md", "gone.md"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("gone.md"), "{}", missing.stderr);
    assert!(missing.stdout.contains("1 file"), "the other file is still checked");
}

#[test]
fn non_utf8_file_is_reported_and_others_still_checked() {
    let dir = TempDir::new("utf8");
    dir.write("docs/a.md", CLEAN)
        .write("docs/b.txt", b"caf\xe9 latin-1\n")
        .write("docs/c.md", CLEAN);
    let run = dir.run(&["check", "--format", "json", "docs"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("b.txt") && run.stderr.contains("UTF-8"),
        "{}",
        run.stderr
    );
    let v: Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    let paths: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 2);
    assert!(paths[0].ends_with("a.md") && paths[1].ends_with("c.md"), "{paths:?}");

    let analyzed = dir.run(&["analyze", "docs"]);
    assert_eq!(analyzed.code, 2);
    let lines = json_lines(&analyzed.stdout);
    assert_eq!(lines.len(), 3, "one line per document, the unreadable one as an error");
    assert!(lines[1]["id"].as_str().is_some_and(|id| id.ends_with("b.txt")));
    assert!(lines[1]["error"].is_string() && lines[0]["people"].is_array() && lines[2]["people"].is_array());
}

#[test]
fn jsonl_bad_line_gets_an_error_object_and_the_rest_are_analysed() {
    let input = concat!(
        r#"{"id": 1, "text": "Ana Ortiz said it was fine."}"#,
        "\n",
        r#"{"id": "two", "text": 5}"#,
        "\n",
        "this is not json\n",
        "\n",
        r#"{"id": {"doc": 4}, "text": "A source said so."}"#,
        "\n",
    );
    let run = copydesk(
        &std::env::temp_dir(),
        &["analyze", "--input", "jsonl"],
        input.as_bytes(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let out = json_lines(&run.stdout);
    assert_eq!(out.len(), 4, "one line per non-blank input line");
    assert_eq!(out[0]["id"], 1);
    assert!(out[0]["people"].is_array() && out[0]["error"].is_null());
    assert_eq!(out[1]["id"], "two");
    assert!(out[1]["error"].as_str().is_some_and(|e| e.contains("text")));
    assert_eq!(out[2]["id"], Value::Null);
    assert!(out[2]["error"].is_string());
    assert_eq!(out[3]["id"], json!({"doc": 4}));
    assert!(out[3]["sources"].is_array());
}

#[test]
fn jsonl_documents_analysed_in_parallel_come_out_in_input_order() {
    // More lines than one parallel batch; long and short stories mixed so that they finish out
    // of order; a malformed line in the second batch keeps its place and its line number.
    let mut input = String::new();
    for i in 0..150 {
        let line = if i == 100 {
            "not json".to_string()
        } else {
            let text = format!("Ana Ortiz{i} said it was fine. ").repeat(if i % 7 == 0 { 40 } else { 1 });
            json!({"id": i, "text": text}).to_string()
        };
        input.push_str(&line);
        input.push('\n');
    }
    let run = copydesk(
        &std::env::temp_dir(),
        &["analyze", "--input", "jsonl"],
        input.as_bytes(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let out = json_lines(&run.stdout);
    assert_eq!(out.len(), 150);
    for (i, v) in out.iter().enumerate() {
        if i == 100 {
            assert!(v["error"].as_str().is_some_and(|e| e.contains(":101:")), "{v}");
        } else {
            assert_eq!(v["id"], i, "line {i}");
        }
    }
}

#[test]
fn jsonl_ids_are_echoed_as_any_json_value() {
    let ids = [
        json!(17),
        json!("art-9"),
        json!(2.5),
        json!(null),
        json!(["a", 1]),
        json!(true),
    ];
    let input: String = ids
        .iter()
        .map(|id| format!("{}\n", json!({"id": id, "text": CLEAN})))
        .collect();
    let run = copydesk(
        &std::env::temp_dir(),
        &["analyze", "--input", "jsonl", "-"],
        input.as_bytes(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let echoed: Vec<Value> = json_lines(&run.stdout).into_iter().map(|o| o["id"].clone()).collect();
    assert_eq!(echoed, ids);
}

#[test]
fn analyze_offsets_are_code_points_on_text_with_emoji() {
    let text = "😀👩‍👩‍👧 “It is over,” said Ana Ortiz.\n🎉 A source close to the talks said the deal was dead. \
                Critics say it was doomed.";
    let input = format!("{}\n", json!({"id": "emoji", "text": text}));
    let run = copydesk(
        &std::env::temp_dir(),
        &["analyze", "--input", "jsonl"],
        input.as_bytes(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = &json_lines(&run.stdout)[0];
    let chars: Vec<char> = text.chars().collect();
    let mut spans = Vec::new();
    span_objects(doc, &mut spans);
    assert!(!spans.is_empty(), "the analysis found something to check: {doc}");
    for s in spans {
        let slice: String = chars[as_usize(&s["start"])..as_usize(&s["end"])].iter().collect();
        assert_eq!(slice, s["text"].as_str().unwrap(), "{s}");
    }
}

#[test]
fn directory_walk_honours_gitignore_and_prose_extensions() {
    let dir = TempDir::new("walk");
    dir.write("site/.gitignore", "drafts/\nskip.md\n")
        .write("site/b.markdown", CLEAN)
        .write("site/a.md", CLEAN)
        .write("site/c.txt", CLEAN)
        .write("site/d.rs", CLEAN)
        .write("site/e.html", CLEAN)
        .write("site/skip.md", CLEAN)
        .write("site/drafts/x.md", CLEAN)
        .write("site/sub/f.md", CLEAN);
    let run = dir.run(&["analyze", "site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ids: Vec<String> = json_lines(&run.stdout)
        .iter()
        .map(|o| o["id"].as_str().unwrap().replace('\\', "/"))
        .collect();
    assert_eq!(ids, ["site/a.md", "site/b.markdown", "site/c.txt", "site/sub/f.md"]);
}

#[test]
fn dash_reads_stdin_as_plain_text() {
    let text = "```\nA source said the deal was dead.\n```\n";
    let tmp = std::env::temp_dir();
    let check = copydesk(&tmp, &["check", "-"], text.as_bytes());
    assert_eq!(check.code, 1, "plain text: the fence is prose\n{}", check.stderr);
    assert!(check.stdout.trim_end().ends_with("1 file"), "{}", check.stdout);

    let piped = json_lines(&copydesk(&tmp, &["analyze", "-"], text.as_bytes()).stdout);
    assert_eq!(piped[0]["id"], "-");
    let default = json_lines(&copydesk(&tmp, &["analyze"], text.as_bytes()).stdout);
    assert_eq!(default[0]["id"], "-", "analyze reads stdin when given no path");

    // The same text as a Markdown file is a code block: never prose.
    let dir = TempDir::new("stdin");
    dir.write("code.md", text);
    let md = json_lines(&dir.run(&["analyze", "code.md"]).stdout);
    assert_eq!(md[0]["sources"], json!([]));
    assert_ne!(
        piped[0]["sources"],
        json!([]),
        "plain text from stdin is prose: {}",
        piped[0]
    );
}

/// The bundled example article, run from the crate root as the README runs it.
fn check_example(args: &[&str]) -> Run {
    copydesk(Path::new(env!("CARGO_MANIFEST_DIR")), args, b"")
}

/// The 1-based numbers of the example's lines that are not prose: the front matter and the
/// fenced code block (which says "a source said" on purpose).
fn non_prose_lines(text: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    let (mut in_front, mut in_fence) = (false, false);
    for (i, line) in text.lines().enumerate() {
        let fence = line.starts_with("```");
        let front = line == "---" && (i == 0 || in_front);
        if in_front || in_fence || fence || front {
            lines.push(i + 1);
        }
        in_front ^= front;
        in_fence ^= fence;
    }
    lines
}

#[test]
fn check_fails_on_the_example_article_at_warning_and_passes_at_error() {
    let article = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/article.md"))
        .expect("the example article is bundled");
    // "for the state Senate, a source close to the couple tells ..." rests on an anonymous source.
    let line = article
        .lines()
        .position(|l| l.starts_with("for the state Senate, a source close to the couple"))
        .expect("the lede's source line")
        + 1;
    let column = "for the state Senate, ".chars().count() + 1;

    let run = check_example(&["check", "examples/article.md"]);
    assert_eq!(run.code, 1, "warnings fail by default\n{}", run.stderr);
    let header = format!("examples/article.md:{line}:{column}: warning[anonymous-source]: ");
    assert!(run.stdout.contains(&header), "{header}\n{}", run.stdout);
    // Its quotations are listed under the source's finding, not flagged again one by one.
    assert!(run.stdout.contains("quotation from this source"), "{}", run.stdout);

    let masked = non_prose_lines(&article);
    assert!(masked.len() > 8, "front matter and a code block: {masked:?}");
    for l in run.stdout.lines().filter(|l| l.starts_with("examples/article.md:")) {
        let n: usize = l.split(':').nth(1).and_then(|n| n.parse().ok()).expect("a line number");
        assert!(!masked.contains(&n), "a finding in front matter or code: {l}");
    }

    let lenient = check_example(&["check", "--fail-on", "error", "examples/article.md"]);
    assert_eq!(lenient.code, 0, "no finding is an error by default\n{}", lenient.stdout);
    assert_eq!(
        lenient.stdout, run.stdout,
        "--fail-on changes the exit status, not the report"
    );
}

#[test]
fn human_format_underlines_the_real_span_counting_characters() {
    let dir = TempDir::new("caret");
    let line2 = "The café closed early. A source close to the owners said the lease had ended.";
    dir.write("story.txt", format!("Owners met on Monday.\n{line2}\n"));
    let run = dir.run(&["check", "story.txt"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let before = "The café closed early. ";
    let phrase = "A source close to the owners";
    let header = format!(
        "story.txt:2:{}: warning[anonymous-source]: ",
        before.chars().count() + 1
    );
    let at = lines
        .iter()
        .position(|l| l.starts_with(&header))
        .unwrap_or_else(|| panic!("no {header:?} in\n{}", run.stdout));
    assert!(
        lines[at].contains(phrase),
        "the message names the source: {}",
        lines[at]
    );
    assert_eq!(lines[at + 2], format!("2 | {line2}"));
    let caret = format!("  | {}{}", " ".repeat(before.chars().count()), "^".repeat(phrase.len()));
    assert_eq!(lines[at + 3], caret, "\n{}", run.stdout);
}

/// One short invented story: a named person with a descriptor, a quote she said, an anonymous
/// source with a vantage, and a poem title in quotation marks.
const STORY: &str = "Ana Ortiz, the town clerk, counted the ballots on Friday. \
“Every vote was counted twice,” Ortiz said. A source close to the count said the tally ran \
late. Ortiz read the poem “Paper Hands” aloud to the volunteers.";

fn analyze_story() -> Value {
    let run = copydesk(&std::env::temp_dir(), &["analyze", "-"], STORY.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    json_lines(&run.stdout).remove(0)
}

fn texts(items: &Value) -> Vec<&str> {
    let items = items.as_array().expect("an array");
    items.iter().map(|i| i["text"].as_str().expect("a text")).collect()
}

#[test]
fn analyze_classifies_named_and_anonymous_sources() {
    let doc = analyze_story();
    let sources = doc["sources"].as_array().expect("sources");
    let kind_of = |text: &str| {
        let s = sources.iter().find(|s| s["text"] == text);
        s.unwrap_or_else(|| panic!("no source {text:?} in {sources:?}"))["kind"].clone()
    };
    assert_eq!(kind_of("Ortiz"), "named");
    assert_eq!(kind_of("A source close to the count"), "anonymous");
    let anonymous = sources.iter().find(|s| s["kind"] == "anonymous").expect("one");
    assert_eq!(anonymous["vantage"]["text"], "close to the count");
    assert_eq!(anonymous["claim"]["text"], "the tally ran late");
    assert_eq!(sources.len(), 2, "{sources:?}");
}

#[test]
fn analyze_gives_speech_quotes_a_named_speaker_and_titles_go_to_terms() {
    let doc = analyze_story();
    assert_eq!(texts(&doc["quotes"]), ["“Every vote was counted twice,”"]);
    let quote = &doc["quotes"][0];
    assert_eq!(quote["kind"], "speech");
    assert_eq!(quote["speaker"]["text"], "Ortiz");
    assert_eq!(quote["speaker"]["kind"], "named");
    assert_eq!(quote["speaker"]["name"], "Ana Ortiz");
    assert_eq!(quote["cue"]["text"], "said");
    assert_eq!(texts(&doc["terms"]), ["“Paper Hands”"]);
    assert_eq!(doc["terms"][0]["kind"], "title");
    assert_eq!(doc["terms"][0]["speaker"], Value::Null);
}

#[test]
fn analyze_groups_a_persons_mentions_and_links_her_quote() {
    let doc = analyze_story();
    let people = doc["people"].as_array().expect("people");
    assert_eq!(people.len(), 1, "one person: {people:?}");
    let ana = &people[0];
    assert_eq!(ana["name"], "Ana Ortiz");
    let mentions: Vec<(&str, &str)> = ana["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .map(|m| (m["text"].as_str().unwrap(), m["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        mentions,
        [("Ana Ortiz", "name"), ("Ortiz", "short_name"), ("Ortiz", "short_name")]
    );
    assert_eq!(texts(&ana["descriptors"]), ["the town clerk"]);
    assert_eq!(ana["quotes"], json!([0]));
    assert_eq!(doc["quotes"][0]["speaker"]["person"], ana["id"]);
    let sources = &doc["sources"];
    let own: Vec<&Value> = ana["sources"]
        .as_array()
        .expect("source indexes")
        .iter()
        .map(|i| &sources[as_usize(i)])
        .collect();
    assert!(
        own.iter().all(|s| s["kind"] == "named" && s["person"] == ana["id"]),
        "{own:?}"
    );
}
