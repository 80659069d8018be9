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

const ANALYSIS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/analysis");

/// Every `.rs` file under `src/analysis`.
fn rust_sources() -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(ANALYSIS)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/analysis is readable") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out
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
    let mut checked = 0;
    for path in rust_sources() {
        if path.ends_with("tests.rs") || path.ends_with("test_util.rs") {
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
    assert!(checked > 10, "only {checked} files checked");
}

/// Imports point one way: rules and engines read the model, the text layer and the lexicon;
/// no engine imports another engine or a rule, and the model imports nothing of the analysis.
#[test]
fn analysis_layers_import_downwards_only() {
    // `work` counts work units for the linear-time tests (test builds only).
    // `memo` holds results between analyses, above `segment` (whose tokens it keeps).
    const BOTTOM: &[&str] = &["model", "text", "lexicon", "config", "segment", "work", "memo"];
    let allowed = |module: &str| -> &[&str] {
        match module {
            "model" | "lexicon" | "work" => &[],
            "memo" => &["segment", "model"],
            "text" => &["model"],
            "config" => &["model"],
            "segment" => &["model", "config", "text", "lexicon", "work"],
            // Engines and rules: the bottom layers, and themselves.
            _ => BOTTOM,
        }
    };
    let root = std::path::Path::new(ANALYSIS);
    let mut checked = 0;
    for path in rust_sources() {
        let rel = path.strip_prefix(root).expect("under src/analysis");
        let Some(first) = rel.iter().next().and_then(|c| c.to_str()) else {
            continue;
        };
        let module = first.trim_end_matches(".rs");
        if matches!(module, "mod" | "tests") {
            continue;
        }
        let src = std::fs::read_to_string(&path).expect("source is UTF-8");
        let prod = src.split("#[cfg(test)]").next().unwrap_or("");
        // In `analysis/x.rs` and `analysis/x/mod.rs`, `super::` is `crate::analysis::` too.
        let top = rel.components().count() == 1 || rel.ends_with("mod.rs") && rel.components().count() == 2;
        let prefixes: &[&str] = if top {
            &["crate::analysis::", "super::"]
        } else {
            &["crate::analysis::"]
        };
        for (at, prefix) in prefixes.iter().flat_map(|p| prod.match_indices(p)) {
            let target: String = prod[at + prefix.len()..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            let ok = target == module
                || matches!(target.as_str(), "" | "super")
                || allowed(module).contains(&target.as_str());
            assert!(ok, "{} imports `{prefix}{target}`, against the layers", rel.display());
        }
        checked += 1;
    }
    assert!(checked > 30, "only {checked} files checked");
}

#[test]
fn a_keystroke_retags_only_the_sentence_it_touched() {
    let story = "Ana Ortiz, 41, runs the bakery. She opened it in May.\n\n\
                 A source close to the family said the sale was planned. Ortiz denied it.\n\n\
                 “We are not selling,” Ortiz said.\n";
    let config = Config::default();
    let mut memo = Memo::new();
    analyze_with(story, &config, &mut memo);
    let cold = memo.stats();
    assert_eq!((cold.hits, cold.misses), (0, 5), "{cold:?}");
    let typed = story.replacen("planned", "planed", 1);
    let warm = analyze_with(&typed, &config, &mut memo);
    let stats = memo.stats();
    assert_eq!((stats.hits, stats.misses, stats.entries), (4, 1, 5), "{stats:?}");
    assert_eq!(stats.paragraphs, 3, "{stats:?}");
    assert_eq!(format!("{warm:?}"), format!("{:?}", analyze(&typed, &config)));
}

mod properties {
    use proptest::prelude::*;

    use crate::analysis::{analyze, analyze_with, Analysis, Config, Format, Memo, Span};

    /// The largest char boundary of `text` at or before `at`.
    fn floor_boundary(text: &str, mut at: usize) -> usize {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    /// Pieces that exercise every engine: cues, names, quotes, markdown, odd characters.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "a source says",
            "Ana Ortiz",
            "Ortiz",
            " she said",
            ", the insider adds.",
            "“",
            "”",
            "‘",
            "’",
            "\"",
            "'",
            "According to",
            " a pal,",
            "reportedly",
            "It is believed",
            " critics say",
            "Mr.",
            " Dr. ",
            "41",
            ", 41,",
            "\n",
            "\n\n",
            "\r\n",
            "\r",
            " ",
            "😀",
            "中文",
            "e\u{301}",
            "```\n",
            "`",
            "---\n",
            "<!--",
            "-->",
            "[link](http://x)",
            "#",
            "*",
            "(",
            ")",
            ":",
            ";",
            ".",
            "?",
            "!",
            "—",
            "Us Weekly",
            "told Us",
            "the actress",
            "his",
            "her",
            "Jr.",
            "van",
            "O’Neil",
            "’90s",
            "rock ’n’ roll",
            "“The Long Night”",
            "|",
            "| --- |",
            "\n- ",
            "\n1. ",
            "\n> ",
            "    ",
        ])
    }

    fn spans(a: &Analysis) -> Vec<Span> {
        let mut v: Vec<Span> = a
            .findings
            .iter()
            .flat_map(|f| std::iter::once(f.span).chain(f.related.iter().map(|r| r.span)))
            .collect();
        v.extend(
            a.sources
                .iter()
                .flat_map(|s| [Some(s.span), s.cue, s.claim, s.vantage, s.reason])
                .flatten(),
        );
        v.extend(
            a.quotes
                .iter()
                .flat_map(|q| [Some(q.span), q.cue, q.speaker.map(|s| s.span)])
                .flatten(),
        );
        v.extend(a.people.iter().flat_map(|p| p.mentions.iter().map(|m| m.span)));
        v
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn any_text_analyses_without_panic_and_spans_stay_on_char_boundaries(
            parts in prop::collection::vec(piece(), 0..60),
            markdown in any::<bool>(),
        ) {
            let text: String = parts.concat();
            let format = if markdown { Format::Markdown } else { Format::Plain };
            let a = analyze(&text, &Config::with_format(format));
            for s in spans(&a) {
                prop_assert!(s.start <= s.end && s.end <= text.len(), "{s:?} outside {} bytes", text.len());
                prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{s:?} splits a char");
            }
            let ids: Vec<usize> = a.quotes.iter().filter_map(|q| q.speaker.and_then(|s| s.person)).collect();
            prop_assert!(ids.iter().all(|&p| p < a.people.len()));
        }

        /// Incremental analysis is exact: after every edit of a random edit sequence, the
        /// analysis with the document's memo equals a from-scratch analysis, field for field.
        #[test]
        fn memoised_analysis_equals_a_fresh_one_after_every_edit(
            parts in prop::collection::vec(piece(), 0..60),
            edits in prop::collection::vec((any::<prop::sample::Index>(), 0..12usize, prop::collection::vec(piece(), 0..4)), 1..8),
            markdown in any::<bool>(),
        ) {
            let config = Config::with_format(if markdown { Format::Markdown } else { Format::Plain });
            let mut memo = Memo::new();
            let mut text: String = parts.concat();
            let first = analyze_with(&text, &config, &mut memo);
            prop_assert_eq!(format!("{first:?}"), format!("{:?}", analyze(&text, &config)));
            for (at, delete, insert) in edits {
                let start = floor_boundary(&text, at.index(text.len() + 1));
                let end = floor_boundary(&text, (start + delete).min(text.len()));
                text.replace_range(start..end, &insert.concat());
                let memoised = analyze_with(&text, &config, &mut memo);
                prop_assert_eq!(format!("{memoised:?}"), format!("{:?}", analyze(&text, &config)), "after editing {}..{} of {:?}", start, end, text);
            }
        }

        #[test]
        fn arbitrary_unicode_never_panics(text in "\\PC{0,400}", markdown in any::<bool>()) {
            let format = if markdown { Format::Markdown } else { Format::Plain };
            let _ = analyze(&text, &Config::with_format(format));
        }
    }
}

/// Pastes that once took quadratic time: doubling one doubles the counted work (see
/// `analysis::work`), within a margin, and the output grows no faster either.
mod linear {
    use super::*;
    use crate::analysis::work;

    /// (name, the text at `n` repetitions).
    fn pastes(n: usize) -> [(&'static str, String); 4] {
        [
            ("a sentence with no full stop", "a source said that ".repeat(n)),
            (
                "one paragraph of anonymous sources with reasons",
                "A source said the plan was humiliating because they were not authorized to speak. ".repeat(n / 4),
            ),
            (
                "one long line",
                "An insider said the mayor was selfish, officials said. ".repeat(n / 3),
            ),
            (
                "pronouns after one source",
                format!("A source said that {}", "she said that ".repeat(n)),
            ),
        ]
    }

    /// Work units and output size (the bytes every span of the analysis covers) for `text`.
    fn cost(text: &str) -> (u64, usize) {
        let mut covered = 0;
        let units = work::measure(|| {
            let a = analyze(text, &Config::with_format(Format::Plain));
            let claims = a.sources.iter().filter_map(|s| s.claim).map(|c| c.len());
            covered = claims.chain(a.findings.iter().map(|f| f.span.len())).sum();
        });
        (units, covered)
    }

    #[test]
    fn doubling_a_pathological_paste_doubles_the_work() {
        // Past every cap (400-token claims, 200-token pronoun reach), so that growth shows.
        let (small, large) = (pastes(1200), pastes(2400));
        for ((name, a), (_, b)) in small.iter().zip(&large) {
            let (ua, ca) = cost(a);
            let (ub, cb) = cost(b);
            eprintln!("{name}: work {ua} -> {ub}, output {ca} -> {cb}");
            assert!(ua > 0, "{name}: no work counted");
            assert!(ub * 10 <= ua * 25, "{name}: work {ua} at N, {ub} at 2N");
            assert!(cb * 10 <= ca.max(1) * 25, "{name}: output {ca} at N, {cb} at 2N");
        }
    }
}
