//! `copydesk check`: lint files for people and for CI.
//!
//! Exit status: 0 when no finding is at or above `--fail-on`, 1 when one is, 2 when an argument
//! or a file could not be read (that wins over 1; the readable files are still checked).

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde_json::{json, Value};

use crate::analysis::{analyze, Config, Finding, Severity};
use crate::server::convert::{self, CharIndex, LineIndex};

use super::input::{self, Input};
use super::{human, sarif, EXIT_FINDINGS, EXIT_TROUBLE};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Exit with status 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// Files or directories to check (directories: `.md`, `.markdown`, `.txt`, honouring
    /// `.gitignore`); `-` reads standard input as plain text. Default: the current directory.
    pub paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// `path:line:col: severity[rule]: message`, the line and a caret underline.
    Human,
    /// An array of `{"path", "diagnostics"}`, LSP diagnostics with UTF-16 positions plus
    /// code-point `start`/`end`.
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    #[value(alias = "information")]
    Info,
    Hint,
}

impl FailOn {
    fn threshold(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Information,
            FailOn::Hint => Severity::Hint,
        }
    }
}

/// One document, read and analysed.
#[derive(Debug)]
pub struct Checked {
    /// The path as given (or `-`).
    pub name: String,
    /// `None` for standard input.
    pub path: Option<PathBuf>,
    pub text: String,
    pub findings: Vec<Finding>,
}

pub fn run(args: CheckArgs) -> ExitCode {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let mut trouble = false;
    let files: Vec<Checked> = input::collect(&paths, &mut trouble)
        .into_iter()
        .filter_map(|i| check_one(i, &mut trouble))
        .collect();
    if let Err(e) = write_report(args.format, &files) {
        if e.kind() != io::ErrorKind::BrokenPipe {
            input::report("stdout", &e);
        }
        return ExitCode::from(EXIT_TROUBLE);
    }
    let threshold = args.fail_on.threshold();
    let failing = files.iter().flat_map(|f| &f.findings).any(|f| f.severity <= threshold);
    if trouble {
        ExitCode::from(EXIT_TROUBLE)
    } else if failing {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

fn check_one(input: Input, trouble: &mut bool) -> Option<Checked> {
    let name = input.name();
    match input::read(&input) {
        Ok(text) => {
            let findings = analyze(&text, &Config::with_format(input.format())).findings;
            let path = input.path().map(PathBuf::from);
            Some(Checked {
                name,
                path,
                text,
                findings,
            })
        }
        Err(e) => {
            input::report(&name, &e);
            *trouble = true;
            None
        }
    }
}

fn write_report(format: OutputFormat, files: &[Checked]) -> io::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        OutputFormat::Human => human::render(&mut out, files)?,
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &json_report(files))?;
            writeln!(out)?;
        }
        OutputFormat::Sarif => {
            serde_json::to_writer_pretty(&mut out, &sarif::report(files))?;
            writeln!(out)?;
        }
    }
    out.flush()
}

/// `[{"path", "diagnostics": [Diagnostic + "start"/"end"]}]`, one entry per file checked.
pub fn json_report(files: &[Checked]) -> Value {
    let entries = files.iter().map(|file| {
        let lines = LineIndex::new(&file.text);
        let chars = CharIndex::new(&file.text);
        let uri = convert::document_url(file.path.as_deref());
        let diagnostics: Vec<Value> = file
            .findings
            .iter()
            .map(|f| convert::diagnostic_json(&lines, &chars, f, &uri))
            .collect();
        json!({ "path": file.name, "diagnostics": diagnostics })
    });
    Value::Array(entries.collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{RuleId, Span};
    use crate::cli::test_util::finding;

    #[test]
    fn json_has_utf16_range_and_code_point_offsets() {
        let text = "😀 a source";
        let start = text.find('a').unwrap();
        let files = [Checked {
            name: "-".into(),
            path: None,
            text: text.into(),
            findings: vec![finding(
                RuleId::AnonymousSource,
                Span::new(start, text.len()),
                Severity::Warning,
                vec![],
            )],
        }];
        let v = json_report(&files);
        let d = &v[0]["diagnostics"][0];
        assert_eq!(v[0]["path"], "-");
        assert_eq!(d["range"]["start"], json!({"line": 0, "character": 3}));
        assert_eq!(d["start"], 2);
        assert_eq!(d["end"], 10);
        assert_eq!(d["code"], "anonymous-source");
        assert_eq!(d["severity"], 2);
    }

    #[test]
    fn fail_on_orders_severities() {
        assert!(Severity::Warning <= FailOn::Info.threshold());
        assert!(Severity::Hint > FailOn::Info.threshold());
        assert!(Severity::Error <= FailOn::Error.threshold());
        assert!(Severity::Warning > FailOn::Error.threshold());
    }
}
