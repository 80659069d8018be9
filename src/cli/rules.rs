//! `copydesk rules`: every rule with its default severity, summary and documentation.
//!
//! The one printed source of the rule list: the README table, the VS Code settings schema, the
//! extension's `settings.ts` and the Neovim rule list are checked against it by
//! `tests/it/rules.rs`.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::analysis::rules::ALL_RULES;

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// `table`: one line per rule; `json`: an array of {"id", "severity", "summary", "docs"}.
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Table,
    Json,
}

/// One rule as `copydesk rules --format json` prints it.
#[derive(Debug, Serialize)]
pub struct RuleDoc {
    pub id: &'static str,
    pub severity: &'static str,
    pub summary: &'static str,
    pub docs: String,
}

/// Every rule, sorted by id.
pub fn rule_docs() -> Vec<RuleDoc> {
    ALL_RULES
        .iter()
        .map(|r| RuleDoc {
            id: r.id.as_str(),
            severity: r.default_severity.as_str(),
            summary: r.summary,
            docs: r.docs(),
        })
        .collect()
}

pub fn run(args: RulesArgs) -> ExitCode {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = match args.format {
        RulesFormat::Json => serde_json::to_writer_pretty(&mut out, &rule_docs())
            .map_err(io::Error::other)
            .and_then(|()| writeln!(out)),
        RulesFormat::Table => write_table(&mut out),
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("copydesk: cannot write the rule list: {e}");
            ExitCode::from(super::EXIT_TROUBLE)
        }
    }
}

fn write_table(out: &mut impl Write) -> io::Result<()> {
    let width = ALL_RULES.iter().map(|r| r.id.as_str().len()).max().unwrap_or(0);
    for r in ALL_RULES {
        writeln!(
            out,
            "{:width$}  {:11}  {}",
            r.id.as_str(),
            r.default_severity.as_str(),
            r.summary
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_docs_with_its_id() {
        let docs = rule_docs();
        assert_eq!(docs.len(), ALL_RULES.len());
        for d in &docs {
            assert!(d.docs.contains(d.id), "{}", d.id);
            assert!(!d.docs.contains("//!"), "{}", d.id);
        }
    }

    #[test]
    fn table_has_one_line_per_rule() {
        let mut out = Vec::new();
        write_table(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), ALL_RULES.len());
        assert!(text
            .lines()
            .any(|l| l.starts_with("anonymous-source ") && l.contains("warning")));
    }
}
