//! The person card, rendered from hand-built analyses (the people engine is tested elsewhere).

use tower_lsp::lsp_types::{HoverContents, Position};

use super::*;
use crate::analysis::{
    Age, Date, Descriptor, Mention, MentionKind, Person, Quote, QuoteKind, Relation, Source, SourceKind, Span,
};

const TEXT: &str = "The pier reopened on Tuesday.\n\
Marta Kellner, 41, the harbor commissioner, cut the ribbon. \
\"We kept every promise we made to the dockworkers of this town, and we kept them early,\" Kellner said.\n\
Her husband, Tobias Renn, watched. \"Finally,\" she added.\n";

fn span_of(needle: &str, nth: usize) -> Span {
    let start = TEXT.match_indices(needle).nth(nth).map(|(i, _)| i).unwrap();
    Span::new(start, start + needle.len())
}

fn mention(needle: &str, nth: usize, kind: MentionKind) -> Mention {
    Mention {
        span: span_of(needle, nth),
        kind,
    }
}

fn source(needle: &str, person: usize) -> Source {
    Source {
        span: span_of(needle, 0),
        kind: SourceKind::Named,
        cue: None,
        claim: None,
        vantage: None,
        reason: None,
        stock_reason: false,
        person: Some(person),
        antecedent: None,
        plural: false,
        quotes: Vec::new(),
    }
}

fn quote(needle: &str) -> Quote {
    Quote {
        span: span_of(needle, 0),
        kind: QuoteKind::Speech,
        speaker: None,
        cue: None,
    }
}

fn analysis(date: Option<Date>) -> Analysis {
    let marta = Person {
        name: "Marta Kellner".into(),
        mentions: vec![
            mention("Marta Kellner", 0, MentionKind::Name),
            mention("Kellner", 1, MentionKind::ShortName),
            mention("Her", 0, MentionKind::Pronoun),
            mention("she", 0, MentionKind::Pronoun),
        ],
        descriptors: vec![Descriptor {
            span: span_of("the harbor commissioner", 0),
            text: "the harbor commissioner".into(),
        }],
        ages: vec![Age {
            span: span_of("41", 0),
            years: 41,
        }],
        relations: vec![Relation {
            span: span_of("husband", 0),
            role: "husband".into(),
            other: Some(1),
        }],
        quotes: vec![0, 1],
        sources: vec![0, 1],
        ..Person::default()
    };
    let tobias = Person {
        name: "Tobias Renn".into(),
        mentions: vec![mention("Tobias Renn", 0, MentionKind::Name)],
        ..Person::default()
    };
    Analysis {
        people: vec![marta, tobias],
        quotes: vec![
            quote("\"We kept every promise we made to the dockworkers of this town, and we kept them early,\""),
            quote("\"Finally,\""),
        ],
        sources: vec![source("Kellner said", 0), source("she added", 0)],
        findings: Vec::new(),
        suppressed: Vec::new(),
        date,
    }
}

fn card_at(analysis: &Analysis, needle: &str) -> Option<String> {
    let index = LineIndex::new(TEXT);
    let pos = index.position(TEXT.find(needle).unwrap(), Encoding::Utf16);
    let hover = hover(
        TEXT,
        analysis,
        Position::new(pos.line, pos.character + 1),
        Encoding::Utf16,
    )?;
    match hover.contents {
        HoverContents::Markup(m) => Some(m.value),
        other => panic!("expected Markdown, got {other:?}"),
    }
}

#[test]
fn person_card_shows_what_the_story_says() {
    let date = Date {
        year: 2023,
        month: 6,
        day: 7,
    };
    let card = card_at(&analysis(Some(date)), "Marta").unwrap();
    assert!(card.starts_with("**Marta Kellner**"), "{card}");
    assert!(card.contains("the harbor commissioner (line 2)"), "{card}");
    assert!(card.contains("**Age:** 41 (line 2) as of 2023-06-07"), "{card}");
    assert!(card.contains("husband: Tobias Renn (line 3)"), "{card}");
    assert!(card.contains("**Mentioned** 4 times, first on line 2"), "{card}");
    assert!(card.contains("**Cited as a source** twice (lines 2, 3)"), "{card}");
    assert!(card.contains("**Quoted** twice"), "{card}");
    assert!(card.contains("> \"Finally,\" (line 3)"), "{card}");
}

#[test]
fn every_fact_on_the_card_says_its_line() {
    let card = card_at(&analysis(None), "Marta").unwrap();
    for line in card.lines().skip(1).filter(|l| !l.is_empty()) {
        if line.starts_with("- **Quoted**") {
            continue;
        }
        assert!(
            line.contains("(line ") || line.contains("(lines ") || line.contains("on line "),
            "{line}"
        );
    }
}

#[test]
fn a_fact_stated_twice_lists_both_lines_and_long_lists_end_in_an_ellipsis() {
    let text = "a\nb\nc\nd\ne\nf\ng\n";
    let index = LineIndex::new(text);
    let at = Lines { index: &index };
    let span = |line: usize| Span::new(line * 2, line * 2 + 1);
    assert_eq!(at.lines(&[span(0)]), "line 1");
    assert_eq!(at.lines(&[span(3), span(0), span(3)]), "lines 4, 1");
    assert_eq!(
        at.lines(&(0..7).map(span).collect::<Vec<_>>()),
        "lines 1, 2, 3, 4, 5, …"
    );
}

#[test]
fn long_quotes_are_shortened_to_about_eighty_characters() {
    let card = card_at(&analysis(None), "Marta").unwrap();
    let line = card.lines().find(|l| l.contains("promise")).unwrap();
    let quote = line.trim_start_matches("  > ").trim_end_matches(" (line 2)");
    assert!(quote.ends_with('…'), "{line}");
    assert!(quote.chars().count() <= QUOTE_CHARS, "{line}");
}

#[test]
fn age_without_a_story_date_is_bare() {
    let card = card_at(&analysis(None), "Marta").unwrap();
    assert!(card.contains("**Age:** 41 (line 2)\n"), "{card}");
}

#[test]
fn pronouns_and_short_names_open_the_same_card() {
    let a = analysis(None);
    let full = card_at(&a, "Marta").unwrap();
    assert_eq!(card_at(&a, "Kellner said").as_deref(), Some(full.as_str()));
    assert_eq!(card_at(&a, "she added").as_deref(), Some(full.as_str()));
    let tobias = card_at(&a, "Tobias").unwrap();
    assert!(
        tobias.starts_with("**Tobias Renn**") && tobias.contains("**Mentioned** once"),
        "{tobias}"
    );
}

#[test]
fn allows_no_hover_on_words_that_are_not_people() {
    let a = analysis(None);
    assert_eq!(card_at(&a, "pier"), None);
    assert_eq!(card_at(&a, "ribbon"), None);
}

#[test]
fn hover_range_is_the_mention() {
    let a = analysis(None);
    let index = LineIndex::new(TEXT);
    let start = TEXT.find("Kellner said").unwrap();
    let pos = index.position(start + 2, Encoding::Utf16);
    let h = hover(TEXT, &a, pos, Encoding::Utf16).unwrap();
    assert_eq!(
        h.range,
        Some(index.range(Span::new(start, start + "Kellner".len()), Encoding::Utf16))
    );
}

#[test]
fn markup_in_names_is_escaped() {
    assert_eq!(escape("A*b_c"), "A\\*b\\_c");
    assert_eq!(shorten("a  b\n c", 80), "a b c");
}

#[test]
fn descriptors_that_differ_only_in_case_or_article_show_once() {
    let spans = [Span::new(0, 1), Span::new(2, 3), Span::new(4, 5), Span::new(6, 7)];
    let got = super::unique_descriptors(["Singer", "The singer", "the singer", "a nurse"].into_iter().zip(spans));
    assert_eq!(
        got,
        vec![
            ("Singer", vec![spans[0], spans[1], spans[2]]),
            ("a nurse", vec![spans[3]])
        ]
    );
}

#[test]
fn a_plaintext_client_gets_the_card_without_markup() {
    use tower_lsp::lsp_types::MarkupKind::{Markdown, PlainText};
    assert!(wants_plaintext(Some(&[PlainText])));
    assert!(wants_plaintext(Some(&[PlainText, Markdown])));
    assert!(!wants_plaintext(Some(&[Markdown, PlainText])));
    assert!(!wants_plaintext(None));
    assert!(!wants_plaintext(Some(&[])));
    let md = Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: "**Ana \\*Ortiz\\***\n\n- **Age:** 41\n  > \\[sic\\] a\\\\b".into(),
        }),
        range: None,
    };
    let HoverContents::Markup(plain) = as_plaintext(md).contents else {
        panic!("markup expected");
    };
    assert_eq!(plain.kind, MarkupKind::PlainText);
    assert_eq!(plain.value, "Ana *Ortiz*\n\n- Age: 41\n  > [sic] a\\b");
}
