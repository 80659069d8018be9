//! Caret fixtures: a story with its expected findings written as caret lines under the text.
//!
//! ```text
//! The actress felt hurt, a source says.
//!                        ^^^^^^^^ anonymous-source
//! ```
//! A caret line (only spaces, `^` and a rule id) annotates the text line above it; caret columns
//! count chars. [`parse`] removes the annotation lines and returns the text the analyzer reads
//! with the expectations. The rule unit tests and the per-rule fixture folders
//! (`tests/fixtures/<rule-id>/`, read by `tests/it/fixtures.rs`) share it.

/// Splits a fixture into its text and its expectations `(rule, start, end)` in byte offsets.
pub fn parse(fixture: &str) -> (String, Vec<(String, usize, usize)>) {
    let mut text = String::new();
    let mut expected = Vec::new();
    let mut last_line_start = 0;
    let mut last_line = String::new();
    for line in fixture.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        let trimmed = body.trim_start();
        if trimmed.starts_with('^') {
            let col = body.chars().count() - trimmed.chars().count();
            let carets = trimmed.chars().take_while(|&c| c == '^').count();
            let rule = trimmed.get(carets..).unwrap_or("").trim().to_string();
            let byte = |chars: usize| {
                last_line_start + last_line.char_indices().nth(chars).map_or(last_line.len(), |(b, _)| b)
            };
            expected.push((rule, byte(col), byte(col + carets)));
            continue;
        }
        last_line_start = text.len();
        last_line = body.to_string();
        text.push_str(line);
    }
    (text, expected)
}
