//! One document the `check` command read and analysed: what every report format
//! (`human`, `sarif`, the JSON report in `check`) reads. Its own module so that the formats and
//! the command do not import each other.

use std::path::PathBuf;

use crate::analysis::{Finding, Suppressed};

/// One document, read and analysed.
#[derive(Debug)]
pub struct Checked {
    /// The path as given (or `-`).
    pub name: String,
    /// `None` for standard input.
    pub path: Option<PathBuf>,
    pub text: String,
    pub findings: Vec<Finding>,
    /// Findings a `copydesk-ignore` silenced, with its reason.
    pub suppressed: Vec<Suppressed>,
}
