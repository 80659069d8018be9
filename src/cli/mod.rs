//! The command line: `copydesk lsp | check | analyze`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "copydesk",
    version,
    about = "Checks sourcing, quotations and people in news copy"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the Language Server Protocol on stdio.
    Lsp {
        /// Accepted and ignored: stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Lint files for CI.
    Check { paths: Vec<PathBuf> },
    /// Print the analysis as JSON Lines.
    Analyze { paths: Vec<PathBuf> },
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Lsp { .. } => crate::server::run(),
        Command::Check { .. } | Command::Analyze { .. } => ExitCode::from(2),
    }
}
