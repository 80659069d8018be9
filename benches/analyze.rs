//! How fast `analysis::analyze` runs by document size: `cargo bench --bench analyze`.
//!
//! Documents of about 3 KB, 30 KB, 300 KB and 1 MB are built from `examples/article.md`, each copy
//! with a different invented cast so the people engine sees new names, not one story repeated.
//! Each size runs until about a second has passed (at least three times); the report gives the
//! mean milliseconds per document and code points per second. Plain `std::time`, no harness.
//! A second table times each stage of the pipeline (text layer, people, attribution, quotes,
//! rules) on the same documents; a third the learned name tagger alone
//! (`people::tagger::names`, segmentation done beforehand), in tokens per second.
//!
//! Run without `--bench` (as `cargo test --benches` does) it analyses the smallest document once
//! and exits: a smoke test that keeps the bench compiling and working.

use std::hint::black_box;
use std::io::{self, Write};
use std::time::{Duration, Instant};

use copydesk::analysis::segment::Document;
use copydesk::analysis::{analyze, analyze_observed, analyze_with, people, Config, Format, Memo};

const ARTICLE: &str = include_str!("../examples/article.md");

/// Sizes in bytes, with their labels.
const SIZES: [(&str, usize); 4] = [
    ("3 KB", 3_000),
    ("30 KB", 30_000),
    ("300 KB", 300_000),
    ("1 MB", 1_000_000),
];

/// Surnames and first names substituted for the article's cast, one combination per copy.
const SURNAMES: [&str; 12] = [
    "Calloway",
    "Brennan",
    "Sato",
    "Okonkwo",
    "Lindqvist",
    "Marchetti",
    "Duarte",
    "Kowalczyk",
    "Haddad",
    "Nakamura",
    "Ferreira",
    "Abernathy",
];
const FIRST_NAMES: [&str; 12] = [
    "Mara", "Jonah", "Ines", "Tobias", "Keiko", "Rafael", "Odile", "Samir", "Greta", "Emeka", "Lucia", "Anders",
];

/// The article's cast: (first name, surname) pairs replaced in each copy.
const CAST: [(&str, &str); 6] = [
    ("Lena", "Vega"),
    ("Tomás", "Ortiz"),
    ("Marcus", "Bell"),
    ("Dana", "Whitcomb"),
    ("Gwen", "Hadley"),
    ("Priya", "Raman"),
];

/// The article body (front matter dropped) with copy `n`'s cast.
fn variant(n: usize) -> String {
    let body = ARTICLE
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(ARTICLE, |(_, body)| body);
    let mut text = body.to_string();
    for (k, (first, last)) in CAST.iter().enumerate() {
        let i = n * CAST.len() + k;
        text = text
            .replace(last, SURNAMES[(i + n) % SURNAMES.len()])
            .replace(first, FIRST_NAMES[(i * 5 + n) % FIRST_NAMES.len()]);
    }
    text
}

/// A document of about `size` bytes, cut at a paragraph break.
fn document(size: usize) -> String {
    let mut text = String::new();
    let mut n = 0;
    while text.len() < size {
        text.push_str(&variant(n));
        text.push('\n');
        n += 1;
    }
    let mut cut = size.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let cut = text[..cut].rfind("\n\n").map_or(cut, |i| i + 1);
    text.truncate(cut);
    text
}

/// Mean time per run of `analyze` on `text`.
fn time(text: &str, config: &Config) -> (Duration, u32) {
    let start = Instant::now();
    let mut runs = 0;
    while runs < 3 || start.elapsed() < Duration::from_secs(1) {
        black_box(analyze(black_box(text), config));
        runs += 1;
    }
    (start.elapsed() / runs, runs)
}

/// The pipeline's stages, in order, as `analyze` runs them.
const STAGES: [&str; 5] = ["text layer", "people", "attribution", "quotes", "rules"];

/// A keystroke in the middle of `text`: the same text with one letter typed into the middle
/// paragraph's first word.
fn keystroke(text: &str) -> String {
    let mid = text.len() / 2;
    let para = text[mid..].find("\n\n").map_or(mid, |i| mid + i + 2);
    let mut typed = text.to_string();
    typed.insert(para, 'x');
    typed
}

/// Mean time per run of each stage of `analyze` on `text`; with `memoised`, of `analyze_with`
/// with a warm memo on alternating versions of `text`, before and after a [`keystroke`]: what an
/// editor pays per key.
fn time_stages(text: &str, config: &Config, memoised: bool) -> ([Duration; 5], u32) {
    let mut spent = [Duration::ZERO; 5];
    let typed = keystroke(text);
    let mut memo = Memo::new();
    analyze_with(text, config, &mut memo);
    let start = Instant::now();
    let mut runs = 0;
    while runs < 3 || start.elapsed() < Duration::from_secs(1) {
        let mut clock = Instant::now();
        let (version, memo) = match memoised {
            true if runs % 2 == 0 => (typed.as_str(), Some(&mut memo)),
            true => (text, Some(&mut memo)),
            false => (text, None),
        };
        black_box(analyze_observed(black_box(version), config, memo, |stage| {
            spent[stage as usize] += clock.elapsed();
            clock = Instant::now();
        }));
        runs += 1;
    }
    (spent.map(|d| d / runs), runs)
}

/// Mean time per run of the name tagger on an already segmented document.
fn time_tagger(doc: &Document<'_>) -> (Duration, u32) {
    let start = Instant::now();
    let mut runs = 0;
    while runs < 3 || start.elapsed() < Duration::from_secs(1) {
        black_box(people::tagger::names(black_box(doc)));
        runs += 1;
    }
    (start.elapsed() / runs, runs)
}

/// Pastes that once took quadratic time (see README, "Limits"), at `n` repetitions: a sentence
/// with no full stop, one paragraph of anonymous sources with reasons, one long line.
fn pathological(n: usize) -> [(&'static str, String); 3] {
    [
        ("no full stop", "a source said that ".repeat(n)),
        (
            "one paragraph",
            "An official said the plan was selfish because they were not authorized to speak. ".repeat(n / 4),
        ),
        (
            "one line",
            "An insider said the mayor was humiliated, officials said. ".repeat(n / 3),
        ),
    ]
}

fn main() -> io::Result<()> {
    let full = std::env::args().any(|a| a == "--bench");
    let config = Config::with_format(Format::Markdown);
    let mut out = io::stdout().lock();
    if !full {
        let text = document(SIZES[0].1);
        let a = analyze(&text, &config);
        let mut memo = Memo::new();
        let typed = keystroke(&text);
        analyze_with(&text, &config, &mut memo);
        if format!("{:?}", analyze_with(&typed, &config, &mut memo)) != format!("{:?}", analyze(&typed, &config)) {
            writeln!(out, "bench smoke run: the memoised analysis differs from a fresh one")?;
            std::process::exit(1);
        }
        writeln!(
            out,
            "bench smoke run: {} sources found; run `cargo bench --bench analyze` to time",
            a.sources.len()
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "{:>8} {:>10} {:>12} {:>14} {:>6}",
        "size", "chars", "ms/doc", "chars/s", "runs"
    )?;
    for (label, size) in SIZES {
        let text = document(size);
        let chars = text.chars().count();
        let (per_doc, runs) = time(&text, &config);
        let rate = chars as f64 / per_doc.as_secs_f64();
        let ms = per_doc.as_secs_f64() * 1e3;
        writeln!(out, "{label:>8} {chars:>10} {ms:>12.2} {rate:>14.0} {runs:>6}")?;
    }
    writeln!(out, "one keystroke mid-document, memo warm (analyze_with):")?;
    writeln!(out, "{:>8} {:>10} {:>12} {:>6}", "size", "chars", "ms/key", "runs")?;
    for (label, size) in SIZES {
        let text = document(size);
        let chars = text.chars().count();
        let (stages, runs) = time_stages(&text, &config, true);
        let per_key: Duration = stages.iter().sum();
        let ms = per_key.as_secs_f64() * 1e3;
        writeln!(out, "{label:>8} {chars:>10} {ms:>12.2} {runs:>6}")?;
    }
    writeln!(out, "pathological pastes, at N and 2N (linear: the time doubles):")?;
    for n in [4_000, 8_000] {
        for (label, text) in pathological(n) {
            let (per_doc, runs) = time(&text, &Config::with_format(Format::Plain));
            let ms = per_doc.as_secs_f64() * 1e3;
            writeln!(out, "{label:>14} {:>9} bytes {ms:>10.2} ms {runs:>6}", text.len())?;
        }
    }
    for (title, memoised) in [
        ("by stage, ms/doc (chars/s):", false),
        ("by stage, one keystroke with a warm memo, ms/key:", true),
    ] {
        writeln!(out, "{title}")?;
        write!(out, "{:>8}", "size")?;
        for stage in STAGES {
            write!(out, " {stage:>22}")?;
        }
        writeln!(out)?;
        for (label, size) in SIZES {
            let text = document(size);
            let chars = text.chars().count() as f64;
            let (stages, _) = time_stages(&text, &config, memoised);
            write!(out, "{label:>8}")?;
            for d in stages {
                let cell = format!("{:.2} ({:.1}M)", d.as_secs_f64() * 1e3, chars / d.as_secs_f64() / 1e6);
                write!(out, " {cell:>22}")?;
            }
            writeln!(out)?;
        }
    }
    writeln!(out, "name tagger alone:")?;
    writeln!(
        out,
        "{:>8} {:>10} {:>12} {:>14} {:>6}",
        "size", "tokens", "ms/doc", "tokens/s", "runs"
    )?;
    for (label, size) in SIZES {
        let text = document(size);
        let doc = Document::new(&text, Format::Markdown);
        let tokens = doc.tokens.len();
        let (per_doc, runs) = time_tagger(&doc);
        let rate = tokens as f64 / per_doc.as_secs_f64();
        let ms = per_doc.as_secs_f64() * 1e3;
        writeln!(out, "{label:>8} {tokens:>10} {ms:>12.2} {rate:>14.0} {runs:>6}")?;
    }
    Ok(())
}
