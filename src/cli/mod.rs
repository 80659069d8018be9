//! The command line: `copydesk lsp | check | analyze | report | rules`.
//!
//! Each command reads its inputs ([`input`]), runs the pure [`crate::analysis::analyze`] on each,
//! and writes a report to stdout through an explicit, buffered writer. Offsets change form only
//! through `crate::position` (and `crate::diagnostic` for the LSP-shaped JSON); the CLI never
//! imports the server, except that `copydesk lsp` starts it. Problems with inputs go to stderr, by name, and never stop
//! the other inputs.
//!
//! Exit status, for every command: 0 fine, 1 findings at or above `--fail-on` (check) or a
//! malformed JSON Lines document (analyze), 2 a usage error or an input that could not be read.

mod analyze;
mod check;
mod checked;
mod contract;
mod human;
mod input;
mod report;
mod rules;
mod sarif;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Findings at or above the threshold, or malformed input lines.
const EXIT_FINDINGS: u8 = 1;
/// A usage error or an unreadable input (clap also exits with 2 on usage errors).
const EXIT_TROUBLE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "copydesk",
    version,
    about = "Checks sourcing, quotations and people in news copy",
    long_about = "Checks sourcing, quotations and people in news copy: claims resting on anonymous \
                  sources, quotations with no named speaker, and what the story says about each person."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the Language Server Protocol on stdio (for editors).
    Lsp {
        /// Accepted and ignored: stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Lint files: print findings, exit 1 when one is at or above --fail-on.
    Check(check::CheckArgs),
    /// Print the full analysis (people, quotes, sources, findings) as JSON Lines.
    Analyze(analyze::AnalyzeArgs),
    /// Write the sourcing audit of many stories: one HTML page, or JSON with the same figures.
    Report(report::ReportArgs),
    /// List every rule with its default severity (`--format json` adds the documentation).
    Rules(rules::RulesArgs),
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Lsp { .. } => crate::server::run(),
        Command::Check(args) => check::run(args),
        Command::Analyze(args) => analyze::run(args),
        Command::Report(args) => report::run(args),
        Command::Rules(args) => rules::run(args),
    }
}

#[cfg(test)]
pub(crate) mod test_util {
    use crate::analysis::{Finding, Related, RuleId, Severity, Span};

    /// A finding with the message "Message." and the given related spans.
    pub fn finding(rule: RuleId, span: Span, severity: Severity, related: Vec<(Span, &str)>) -> Finding {
        Finding {
            rule,
            span,
            severity,
            message: "Message.".to_string(),
            related: related
                .into_iter()
                .map(|(span, m)| Related {
                    span,
                    message: m.to_string(),
                })
                .collect(),
            fixes: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
