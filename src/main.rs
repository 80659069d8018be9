//! The `copydesk` binary: `lsp`, `check` and `analyze`. Logs go to stderr, never stdout.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = copydesk::cli::Cli::parse();
    copydesk::cli::run(cli)
}
