//! The census name lists in `data/names/` are checked by the same parser `build.rs` uses: the
//! shipped lists parse, and a truncated or malformed list is refused (so the build fails instead
//! of shipping a gazetteer with no names).

#[path = "../../build/names.rs"]
mod names;

use std::path::Path;

fn read(file: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/names").join(file))
        .expect("list is in the repository")
}

#[test]
fn shipped_lists_parse_with_thousands_of_rows() {
    let last = names::parse(&read("last.txt"), 1, 1000).expect("last.txt parses");
    let first = names::parse(&read("first.txt"), 2, 1000).expect("first.txt parses");
    assert!(last.len() > 80_000, "{}", last.len());
    assert!(first.len() > 5_000, "{}", first.len());
    assert_eq!(last[0], ("smith".to_string(), vec![1]));
}

#[test]
fn a_corrupt_list_is_refused_with_its_line() {
    let truncated = "# header\nsmith 1\n";
    assert!(names::parse(truncated, 1, 1000).unwrap_err().contains("truncated"));
    let bad_number = "smith 1\njones x\n";
    assert!(names::parse(bad_number, 1, 0)
        .unwrap_err()
        .starts_with("2: not a number"));
    let missing_column = "aaron 240\n";
    assert!(names::parse(missing_column, 2, 0)
        .unwrap_err()
        .contains("expected 2 numbers"));
    let capitalised = "Smith 1\n";
    assert!(names::parse(capitalised, 1, 0).unwrap_err().contains("lowercase"));
    assert_eq!(names::parse("a 1\n", 1, 1).map(|r| r.len()), Ok(1));
}
