//! `copydesk check`: lint files for people and for CI.
//!
//! Exit status: 0 when no finding is at or above `--fail-on`, 1 when one is, 2 when an argument
//! or a file could not be read (that wins over 1; the readable files are still checked) or a
//! `copydesk.toml` is invalid (then nothing is checked).
//!
//! Each path argument takes the nearest `copydesk.toml` above it (or `--config`): its rules,
//! lexicon and house rules, and its include/exclude globs for directory walks. `--rule` wins
//! over the file.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, ValueEnum};
use rayon::prelude::*;
use serde_json::{json, Value};

use crate::analysis::{analyze, Config, Finding, RuleId, RuleSetting, Severity};
use crate::diagnostic;
use crate::position::{CharIndex, LineIndex};
use crate::project::{self, Project};

use super::checked::Checked;
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
    /// Read this config file instead of the nearest `copydesk.toml` above each path.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Set a rule's severity or turn it off, over the config file: `--rule anonymous-source=off`.
    /// Repeatable.
    #[arg(long = "rule", value_name = "ID=SEVERITY|off", value_parser = parse_rule)]
    pub rules: Vec<(RuleId, RuleSetting)>,
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

/// `ID=SEVERITY` or `ID=off`.
fn parse_rule(arg: &str) -> Result<(RuleId, RuleSetting), String> {
    let (id, value) = arg
        .split_once('=')
        .ok_or_else(|| format!("expected ID=SEVERITY, as in anonymous-source=off, not `{arg}`"))?;
    let rule = RuleId::parse(id.trim()).ok_or_else(|| format!("unknown rule id `{}`", id.trim()))?;
    let setting = if value.trim().eq_ignore_ascii_case("off") {
        RuleSetting::Off
    } else {
        RuleSetting::On(
            Severity::parse(value)
                .ok_or_else(|| format!("`{value}` is not off, hint, information, warning or error"))?,
        )
    };
    Ok((rule, setting))
}

pub fn run(args: CheckArgs) -> ExitCode {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut projects = Projects::default();
    let mut trouble = false;
    let mut files = Vec::new();
    for path in &paths {
        let project = match projects.for_path(path, args.config.as_deref()) {
            Ok(p) => p,
            Err(message) => {
                eprintln!("copydesk: {message}");
                return ExitCode::from(EXIT_TROUBLE);
            }
        };
        let keep = project.clone();
        let filter: input::Filter = Arc::new(move |p: &Path, is_dir| keep.wants(p, is_dir));
        let inputs = input::collect_one(path, &mut trouble, Some(filter));
        // Every core; `collect` keeps the files in input order.
        let checked: Vec<Result<Checked, ()>> = inputs
            .into_par_iter()
            .map(|i| check_one(i, &project, &args.rules))
            .collect();
        for c in checked {
            match c {
                Ok(c) => files.push(c),
                Err(()) => trouble = true,
            }
        }
    }
    // A missing path is reported on its own; a summary of nothing would only confuse.
    let nothing_read = files.is_empty() && trouble;
    if !(nothing_read && args.format == OutputFormat::Human) {
        if let Err(e) = write_report(args.format, &files) {
            if e.kind() != io::ErrorKind::BrokenPipe {
                input::report("stdout", &e);
            }
            return ExitCode::from(EXIT_TROUBLE);
        }
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

/// Config files read so far, by path.
#[derive(Default)]
struct Projects {
    loaded: HashMap<PathBuf, Arc<Project>>,
}

impl Projects {
    /// The project for a path argument: `--config`, else the nearest `copydesk.toml` above it,
    /// else the defaults. `Err` is the message for an unreadable or invalid file.
    fn for_path(&mut self, arg: &Path, explicit: Option<&Path>) -> Result<Arc<Project>, String> {
        let dir = if arg.as_os_str() == "-" || !arg.is_dir() {
            arg.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
        } else {
            arg
        };
        let Some(file) = explicit.map(Path::to_path_buf).or_else(|| project::find(dir)) else {
            return Ok(Arc::new(Project::defaults(dir)));
        };
        if let Some(p) = self.loaded.get(&file) {
            return Ok(p.clone());
        }
        let p = Arc::new(Project::load(&file).map_err(|e| format!("{}:{}: {}", file.display(), e.line, e.message))?);
        self.loaded.insert(file, p.clone());
        Ok(p)
    }
}

/// Reads and analyses one file; `Err` when it could not be read (reported on stderr here).
fn check_one(input: Input, project: &Project, overrides: &[(RuleId, RuleSetting)]) -> Result<Checked, ()> {
    let name = input.name();
    match input::read(&input) {
        Ok(text) => {
            let mut config = Config {
                format: input.format(),
                ..project.config.clone()
            };
            config.rules.extend(overrides.iter().copied());
            let analysis = analyze(&text, &config);
            let path = input.path().map(PathBuf::from);
            Ok(Checked {
                name,
                path,
                text,
                findings: analysis.findings,
                suppressed: analysis.suppressed,
            })
        }
        Err(e) => {
            input::report(&name, &e);
            Err(())
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

/// `[{"path", "diagnostics": [Diagnostic + "start"/"end"/"text"], "suppressed": [...]}]`, one
/// entry per file checked; a suppressed diagnostic also carries the directive's `reason`.
pub fn json_report(files: &[Checked]) -> Value {
    let entries = files.iter().map(|file| {
        let lines = LineIndex::new(&file.text);
        let chars = CharIndex::new(&file.text);
        let uri = diagnostic::document_uri(file.path.as_deref());
        let one = |f: &Finding| {
            let mut d = diagnostic::diagnostic_json(&lines, &chars, f, &uri);
            if let Value::Object(map) = &mut d {
                map.insert("text".into(), json!(f.span.of(&file.text)));
            }
            d
        };
        let diagnostics: Vec<Value> = file.findings.iter().map(one).collect();
        let suppressed: Vec<Value> = file
            .suppressed
            .iter()
            .map(|s| {
                let mut d = one(&s.finding);
                if let Value::Object(map) = &mut d {
                    map.insert("reason".into(), json!(s.reason));
                }
                d
            })
            .collect();
        json!({ "path": file.name, "diagnostics": diagnostics, "suppressed": suppressed })
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
            suppressed: Vec::new(),
        }];
        let v = json_report(&files);
        let d = &v[0]["diagnostics"][0];
        assert_eq!(v[0]["path"], "-");
        assert_eq!(d["range"]["start"], json!({"line": 0, "character": 3}));
        assert_eq!(d["start"], 2);
        assert_eq!(d["end"], 10);
        assert_eq!(d["code"], "anonymous-source");
        assert_eq!(d["severity"], 2);
        assert_eq!(d["text"], "a source");
        assert_eq!(v[0]["suppressed"], json!([]));
    }

    #[test]
    fn fail_on_orders_severities() {
        assert!(Severity::Warning <= FailOn::Info.threshold());
        assert!(Severity::Hint > FailOn::Info.threshold());
        assert!(Severity::Error <= FailOn::Error.threshold());
        assert!(Severity::Warning > FailOn::Error.threshold());
    }
}
