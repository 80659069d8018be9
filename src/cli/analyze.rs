//! `copydesk analyze`: the analysis as JSON Lines, one object per document (see [`contract`]).
//!
//! `--input text` (the default): each path (or `-`, standard input, also the default) is one
//! document whose `id` is the path. `--input jsonl`: each line of each input is a document
//! `{"id": any, "text": string, "format"?: "markdown"}`, and `id` is echoed as given. A line that
//! is not such an object yields `{"id": <id or null>, "error": "..."}` and the others are still
//! analysed. Documents are analysed in batches of 64 on every core (rayon); the output keeps
//! input order.
//!
//! Exit status: 0, or 1 when a JSON Lines input had a malformed line, or 2 when an input could
//! not be read (that wins).

use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use rayon::prelude::*;
use serde_json::{Map, Value};

use crate::analysis::{analyze, Config, Format};

use super::contract;
use super::input::{self, Input, ReadError};
use super::{EXIT_FINDINGS, EXIT_TROUBLE};

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// What each input holds.
    #[arg(long, value_enum, default_value_t = InputKind::Text)]
    pub input: InputKind,
    /// Files or directories to analyse; `-` (the default) reads standard input.
    pub paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputKind {
    /// One document per input; Markdown for `.md` and `.markdown` files.
    Text,
    /// One `{"id", "text"}` object per line; plain text unless `"format": "markdown"`.
    Jsonl,
}

/// What went wrong along the way, for the exit status.
#[derive(Debug, Default)]
struct Status {
    malformed: bool,
    trouble: bool,
}

pub fn run(args: AnalyzeArgs) -> ExitCode {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths
    };
    let mut status = Status::default();
    let inputs = input::collect(&paths, &mut status.trouble);
    if inputs.contains(&Input::Stdin) && io::stdin().is_terminal() {
        // Someone typed `copydesk analyze` and is waiting: say what is going on.
        eprintln!("copydesk analyze: reading a story from standard input; end it with Ctrl-D (or pass a file: copydesk analyze story.md)");
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = match args.input {
        InputKind::Text => analyze_texts(&inputs, &mut out, &mut status),
        InputKind::Jsonl => inputs.iter().try_for_each(|i| analyze_jsonl(i, &mut out, &mut status)),
    };
    if let Err(e) = written.and_then(|()| out.flush()) {
        if e.kind() != io::ErrorKind::BrokenPipe {
            input::report("stdout", &e);
        }
        return ExitCode::from(EXIT_TROUBLE);
    }
    if status.trouble {
        ExitCode::from(EXIT_TROUBLE)
    } else if status.malformed {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

fn emit(out: &mut dyn Write, v: &Value) -> io::Result<()> {
    serde_json::to_writer(&mut *out, v)?;
    out.write_all(b"\n")
}

/// Documents analysed at once, on every core; output stays in input order.
const BATCH: usize = 64;

/// One document per input, analysed in parallel batches; an unreadable one is reported on
/// stderr and still gets an error line, so the output keeps one line per input, in order.
fn analyze_texts(inputs: &[Input], out: &mut dyn Write, status: &mut Status) -> io::Result<()> {
    for batch in inputs.chunks(BATCH) {
        let lines: Vec<(Value, bool)> = batch.par_iter().map(analyze_text).collect();
        for (v, failed) in lines {
            status.trouble |= failed;
            emit(out, &v)?;
        }
    }
    Ok(())
}

/// One document's line, and whether it could not be read.
fn analyze_text(input: &Input) -> (Value, bool) {
    let id = Value::String(input.name());
    match input::read(input) {
        Ok(text) => {
            let a = analyze(&text, &Config::with_format(input.format()));
            (contract::document(id, &text, &a), false)
        }
        Err(e) => {
            input::report(&input.name(), &e);
            (contract::error(id, &e.to_string()), true)
        }
    }
}

fn analyze_jsonl(input: &Input, out: &mut dyn Write, status: &mut Status) -> io::Result<()> {
    let reader: Box<dyn Read> = match input {
        Input::Stdin => Box::new(io::stdin().lock()),
        Input::File(p) => match std::fs::File::open(p) {
            Ok(f) => Box::new(f),
            Err(e) => {
                input::report(&input.name(), &ReadError::Io(e));
                status.trouble = true;
                return Ok(());
            }
        },
    };
    let mut reader = BufReader::new(reader);
    let mut batch: Vec<(usize, Vec<u8>)> = Vec::with_capacity(BATCH);
    let mut number = 0;
    loop {
        let mut line = Vec::new();
        let end = match reader.read_until(b'\n', &mut line) {
            Ok(0) => true,
            Ok(_) => false,
            Err(e) => {
                input::report(&input.name(), &ReadError::Io(e));
                status.trouble = true;
                true
            }
        };
        if !end {
            number += 1;
            if !line.iter().all(u8::is_ascii_whitespace) {
                batch.push((number, line));
            }
        }
        if batch.len() == BATCH || (end && !batch.is_empty()) {
            // Every core; `collect` keeps the lines in input order.
            let done: Vec<(Value, bool)> = batch
                .par_iter()
                .map(|(number, line)| match parse_line(line) {
                    Ok((id, text, format)) => (
                        contract::document(id, &text, &analyze(&text, &Config::with_format(format))),
                        false,
                    ),
                    Err((id, why)) => (contract::error(id, &format!("{}:{number}: {why}", input.name())), true),
                })
                .collect();
            batch.clear();
            for (v, malformed) in done {
                status.malformed |= malformed;
                emit(out, &v)?;
            }
        }
        if end {
            return Ok(());
        }
    }
}

/// `(id, text, format)` of one JSON Lines document, or `(id or null, why not)`.
fn parse_line(line: &[u8]) -> Result<(Value, String, Format), (Value, String)> {
    let line = std::str::from_utf8(line).map_err(|_| (Value::Null, "line is not valid UTF-8".to_string()))?;
    let mut obj: Map<String, Value> = match serde_json::from_str(line) {
        Ok(Value::Object(o)) => o,
        Ok(_) => return Err((Value::Null, "expected a JSON object".to_string())),
        Err(e) => return Err((Value::Null, format!("invalid JSON: {e}"))),
    };
    let id = obj.remove("id").unwrap_or(Value::Null);
    let format = match obj.get("format").and_then(Value::as_str) {
        Some(f) if f.eq_ignore_ascii_case("markdown") || f.eq_ignore_ascii_case("md") => Format::Markdown,
        _ => Format::Plain,
    };
    match obj.remove("text") {
        Some(Value::String(text)) => Ok((id, text, format)),
        Some(_) => Err((id, "\"text\" is not a string".to_string())),
        None => Err((id, "missing \"text\"".to_string())),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn parses_any_id_and_markdown_format() {
        let (id, text, format) = parse_line(br#"{"id": [1, "a"], "text": "Hi.", "format": "markdown"}"#).unwrap();
        assert_eq!(id, json!([1, "a"]));
        assert_eq!(text, "Hi.");
        assert_eq!(format, Format::Markdown);
        let (id, _, format) = parse_line(br#"{"text": "x"}"#).unwrap();
        assert_eq!(id, Value::Null);
        assert_eq!(format, Format::Plain);
    }

    #[test]
    fn malformed_lines_keep_their_id_when_there_is_one() {
        assert_eq!(parse_line(br#"{"id": 3, "text": 5}"#).unwrap_err().0, json!(3));
        assert_eq!(parse_line(br#"{"id": "x"}"#).unwrap_err().0, json!("x"));
        assert_eq!(parse_line(br#"{"id": 3, "text": "#).unwrap_err().0, Value::Null);
        assert_eq!(parse_line(b"[1]").unwrap_err().0, Value::Null);
        assert_eq!(parse_line(b"{\"text\": \"\xff\"}").unwrap_err().0, Value::Null);
    }
}
