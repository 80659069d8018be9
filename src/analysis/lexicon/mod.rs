//! Word lists shipped inside the binary, one entry a line, `#` starts a comment line.
//!
//! Each list is a data file next to this module, written for copydesk (the name gazetteer comes
//! from the 1990 US Census, see `data/names/README.md`). Engines compile the lists they need once,
//! into immutable statics: lookup tables, not state.

use std::collections::HashSet;
use std::sync::LazyLock;

/// The entries of a list file: trimmed, non-empty lines that are not comments.
pub fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A list as a set of lowercase entries.
pub fn set(data: &'static str) -> HashSet<String> {
    entries(data).map(str::to_lowercase).collect()
}

static AUXILIARIES: LazyLock<HashSet<String>> = LazyLock::new(|| set(include_str!("closed_auxiliaries.txt")));

/// Whether a lowercase word is an auxiliary or modal verb (`closed_auxiliaries.txt`).
pub fn is_auxiliary(w: &str) -> bool {
    AUXILIARIES.contains(w)
}
