//! Properties of the whole pipeline that hold for any input.

use super::*;

#[test]
fn empty_and_odd_inputs_do_not_panic() {
    for text in [
        "",
        " ",
        "\n\n",
        "“",
        "\"",
        "’",
        "a source said",
        "\r\r\n\u{2028}",
        "😀 said a source.",
        "Mr.",
    ] {
        for format in [Format::Plain, Format::Markdown] {
            let a = analyze(text, &Config::with_format(format));
            for f in &a.findings {
                assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
            }
        }
    }
}

/// The core stays pure: no LSP, JSON, async, file system or environment access.
#[test]
fn analysis_module_has_no_io_or_protocol_dependencies() {
    let forbidden = [
        "tower_lsp",
        "lsp_types",
        "tokio",
        "serde_json",
        "std::fs",
        "std::env",
        "std::io",
        "std::net",
        "std::process",
        "println!",
        "eprintln!",
        "panic!(",
        ".unwrap()",
        "unreachable!",
        "todo!",
        "unimplemented!",
        ".expect(",
    ];
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src/analysis");
    let mut stack = vec![std::path::PathBuf::from(root)];
    let mut checked = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/analysis is readable") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs")
                || path.ends_with("tests.rs")
                || path.ends_with("test_util.rs")
            {
                continue;
            }
            let src = std::fs::read_to_string(&path).expect("source is UTF-8");
            // Only production code: stop at the first test module.
            let prod = src.split("#[cfg(test)]").next().unwrap_or("");
            for word in forbidden {
                assert!(!prod.contains(word), "{} uses `{word}`", path.display());
            }
            checked += 1;
        }
    }
    assert!(checked > 10, "only {checked} files checked");
}
