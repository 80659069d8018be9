//! People cards from caret fixtures: `tests/fixtures/people/cards/*.txt`, one per error class
//! an editor reported (non-person, merge, split, wrong attachment, an office given to the wrong
//! person, accented name), all invented.
//!
//! Each caret line under a text line says what the span above it is:
//! - `person NAME`: a name mention (full or short) of the person called NAME;
//! - `descriptor NAME`, `age NAME`: a descriptor or an age on NAME's card, exactly this span;
//! - `not-person`: no person's mention touches it;
//! - `silent`: no person's mention or descriptor touches it (an epithet two people fit).
//!
//! The people found must be exactly the ones named by `person` lines: no card more, none less.

use std::fs;
use std::path::Path;

use copydesk::analysis::rules::fixture;
use copydesk::analysis::{analyze, Config, MentionKind, Person, Span};

fn touches(span: Span, mut spans: impl Iterator<Item = Span>) -> bool {
    spans.any(|s| s.overlaps(span))
}

fn check(name: &str, fixture_text: &str) {
    let (text, expected) = fixture::parse(fixture_text);
    assert!(!expected.is_empty(), "{name}: no caret lines");
    let people = analyze(&text, &Config::default()).people;
    let by_name = |n: &str| people.iter().find(|p| p.name == n);
    let mut wrong = Vec::new();
    for (label, start, end) in &expected {
        let span = Span::new(*start, *end);
        let (kind, who) = label.split_once(' ').unwrap_or((label.as_str(), ""));
        let on = |f: &dyn Fn(&Person) -> bool| by_name(who).is_some_and(f);
        let ok = match kind {
            "person" => on(&|p| {
                p.mentions
                    .iter()
                    .any(|m| m.span == span && matches!(m.kind, MentionKind::Name | MentionKind::ShortName))
            }),
            "descriptor" => on(&|p| p.descriptors.iter().any(|d| d.span == span)),
            "age" => on(&|p| p.ages.iter().any(|a| a.span == span)),
            "not-person" => !people.iter().any(|p| touches(span, p.mentions.iter().map(|m| m.span))),
            "silent" => !people.iter().any(|p| {
                touches(span, p.mentions.iter().map(|m| m.span)) || touches(span, p.descriptors.iter().map(|d| d.span))
            }),
            other => panic!("{name}: unknown caret label {other:?}"),
        };
        if !ok {
            wrong.push(format!("{label} {:?}", &text[*start..*end]));
        }
    }
    let mut named: Vec<&str> = expected
        .iter()
        .filter_map(|(label, _, _)| label.strip_prefix("person "))
        .collect();
    named.sort_unstable();
    named.dedup();
    let mut found: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
    found.sort_unstable();
    let cards: Vec<String> = people
        .iter()
        .map(|p| {
            let d: Vec<&str> = p.descriptors.iter().map(|d| d.text.as_str()).collect();
            let m: Vec<&str> = p.mentions.iter().map(|m| m.span.of(&text)).collect();
            format!("{}: {m:?} {d:?}", p.name)
        })
        .collect();
    assert!(
        wrong.is_empty() && found == named,
        "{name}: wrong {wrong:#?}\npeople {found:?}, expected {named:?}\ncards {cards:#?}"
    );
}

#[test]
fn every_people_card_fixture_holds() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/people/cards");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("the cards folder exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    files.sort();
    let names: Vec<String> = files
        .iter()
        .filter_map(|f| f.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    for class in ["accented", "merge", "non_person", "split", "wrong_attachment"] {
        assert!(names.iter().any(|n| n == class), "no fixture for {class}: {names:?}");
    }
    for f in &files {
        let text = fs::read_to_string(f).expect("fixture is UTF-8");
        check(&f.display().to_string(), &text);
    }
}

#[test]
fn a_wrong_expectation_fails() {
    // The checker itself can fail: a card it does not find, and a person it was not told of.
    for bad in [
        "Nadia Okoro won.\n^^^^^^^^^^^ person Nadia Okorro\n",
        "Nadia Okoro won. She thanked Bill Harrow.\n^^^^^^^^^^^ person Nadia Okoro\n",
        "Nadia Okoro won.\n^^^^^ not-person\n",
    ] {
        let failed = std::panic::catch_unwind(|| check("inline", bad)).is_err();
        assert!(failed, "{bad}");
    }
}
