//! The one integration-test binary: LSP end to end, CLI, fixtures.

mod cli;
mod config;
mod features;
mod fixtures;
mod lsp;
mod lsp_client;
mod names_data;
mod people;
mod reliability;
mod report;
mod rules;
mod snapshot;

#[test]
fn binary_prints_help() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("--help")
        .output()
        .expect("binary runs");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("analyze"));
}
