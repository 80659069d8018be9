//! The row format of the census name lists in `data/names/`, shared by `build.rs` and the test
//! that proves a corrupt list is refused (`tests/it/names_data.rs`).
//!
//! A row is a lowercase name and a fixed number of unsigned integers, separated by whitespace;
//! blank lines and lines starting with `#` are skipped.

/// A name and its numbers.
pub type Row = (String, Vec<u64>);

/// The rows of a list with exactly `columns` numbers each and at least `min_rows` rows, or
/// `"line: problem: row"` for the first bad row (`"0: ..."` when the list is too short).
pub fn parse(text: &str, columns: usize, min_rows: usize) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |why: &str| format!("{}: {why}: {line:?}", n + 1);
        let mut parts = line.split_whitespace();
        let name = parts.next().unwrap_or_default().to_string();
        if !name.chars().all(|c| c.is_lowercase() || c == '\'' || c == '-') {
            return Err(bad("a name is lowercase letters, apostrophes and hyphens"));
        }
        let nums = parts
            .map(|p| p.parse::<u64>().map_err(|_| bad("not a number")))
            .collect::<Result<Vec<u64>, String>>()?;
        if nums.len() != columns {
            return Err(bad(&format!("expected {columns} numbers")));
        }
        rows.push((name, nums));
    }
    if rows.len() < min_rows {
        return Err(format!(
            "0: only {} rows, expected at least {min_rows}: is the list truncated?",
            rows.len()
        ));
    }
    Ok(rows)
}
