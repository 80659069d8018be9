//! Edits through [`Document::apply_changes`] against a plain `String` model, and the ranges of
//! diagnostics on the result.

use proptest::prelude::*;
use tower_lsp::lsp_types::{Position, Range, TextDocumentContentChangeEvent, Url};

use super::*;
use crate::analysis::{self, Config, Span};
use crate::server::convert::LineIndex;

const ENCODINGS: [Encoding; 3] = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32];

/// Pieces that make line and column arithmetic interesting.
const PIECES: &[&str] = &[
    "a",
    "word ",
    " ",
    "\n",
    "\r\n",
    "\r",
    "😀",
    "中文",
    "e\u{301}",
    "\u{2028}",
    "“",
    "said",
    "\"",
    "Ana Ortiz",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..12).prop_map(|v| v.concat())
}

fn position() -> impl Strategy<Value = Position> {
    // Lines and columns past the end are included on purpose: they must clamp.
    (0u32..8, 0u32..14).prop_map(|(l, c)| Position::new(l, c))
}

fn change() -> impl Strategy<Value = TextDocumentContentChangeEvent> {
    let ranged = (position(), position(), text()).prop_map(|(a, b, text)| TextDocumentContentChangeEvent {
        range: Some(Range::new(a, b)),
        range_length: None,
        text,
    });
    let whole = text().prop_map(|text| TextDocumentContentChangeEvent {
        range: None,
        range_length: None,
        text,
    });
    prop_oneof![9 => ranged, 1 => whole]
}

fn encoding() -> impl Strategy<Value = Encoding> {
    prop::sample::select(&ENCODINGS[..])
}

/// The model: the same edit on a `String`, positions resolved by [`LineIndex::offset`].
fn apply_to_string(s: &mut String, change: &TextDocumentContentChangeEvent, enc: Encoding) {
    let Some(range) = change.range else {
        s.clone_from(&change.text);
        return;
    };
    let index = LineIndex::new(s);
    let a = index.offset(range.start, enc);
    let b = index.offset(range.end, enc);
    s.replace_range(a.min(b)..a.max(b), &change.text);
}

/// A position is inside the text when converting it to an offset and back changes nothing.
#[track_caller]
fn assert_inside(index: &LineIndex<'_>, range: Range, enc: Encoding) {
    for p in [range.start, range.end] {
        assert_eq!(
            index.position(index.offset(p, enc), enc),
            p,
            "{p:?} is outside the document"
        );
    }
    assert!(range.start <= range.end, "{range:?} is reversed");
}

proptest! {
    #[test]
    fn incremental_edits_match_the_string_model(
        start in text(),
        batches in prop::collection::vec(prop::collection::vec(change(), 1..4), 1..8),
        enc in encoding(),
    ) {
        let mut doc = Document::new(&start, 1, "plaintext");
        let mut model = start.clone();
        for (n, batch) in batches.iter().enumerate() {
            let version = 2 + n as i32;
            doc.apply_changes(batch, version, enc);
            for change in batch {
                apply_to_string(&mut model, change, enc);
            }
            prop_assert_eq!(doc.text(), model.clone());
            prop_assert_eq!(doc.version(), version);
        }
    }

    #[test]
    fn diagnostic_ranges_lie_inside_the_edited_document(
        start in text(),
        batch in prop::collection::vec(change(), 1..6),
        enc in encoding(),
        spans in prop::collection::vec((0usize..80, 0usize..80), 0..6),
        markdown in any::<bool>(),
    ) {
        let mut doc = Document::new(&start, 1, if markdown { "markdown" } else { "plaintext" });
        doc.apply_changes(&batch, 2, enc);
        let text = doc.text();
        let index = LineIndex::new(&text);
        let uri = Url::parse("file:///story.txt").unwrap();
        let config = Config::with_format(doc.format(&uri));
        let analysis = analysis::analyze(&text, &config);
        for d in convert::diagnostics(&text, &analysis, enc, &uri) {
            assert_inside(&index, d.range, enc);
        }
        // Any span at all, even past the end or inside a character, converts to a valid range.
        for (a, b) in spans {
            assert_inside(&index, index.range(Span::new(a.min(b), a.max(b)), enc), enc);
        }
    }
}

fn change_at(range: Option<Range>, text: &str) -> TextDocumentContentChangeEvent {
    TextDocumentContentChangeEvent {
        range,
        range_length: None,
        text: text.to_string(),
    }
}

fn range(l1: u32, c1: u32, l2: u32, c2: u32) -> Option<Range> {
    Some(Range::new(Position::new(l1, c1), Position::new(l2, c2)))
}

#[test]
fn a_batch_applies_in_order() {
    let mut doc = Document::new("ab\ncd", 1, "plaintext");
    let batch = [change_at(range(0, 1, 0, 1), "X"), change_at(range(0, 2, 1, 1), "")];
    doc.apply_changes(&batch, 2, Encoding::Utf16);
    assert_eq!(doc.text(), "aXd");
}

#[test]
fn reversed_and_out_of_range_ranges_are_normalised_and_clamped() {
    let mut doc = Document::new("héllo\r\nwörld", 1, "plaintext");
    doc.apply_changes(&[change_at(range(1, 99, 0, 3), "-")], 2, Encoding::Utf16);
    assert_eq!(doc.text(), "hél-");
    doc.apply_changes(&[change_at(range(40, 0, 50, 7), "!")], 3, Encoding::Utf8);
    assert_eq!(doc.text(), "hél-!");
    doc.apply_changes(&[change_at(None, "new")], 4, Encoding::Utf8);
    assert_eq!((doc.text().as_str(), doc.version()), ("new", 4));
}

#[test]
fn md_files_are_markdown_whatever_the_language_id() {
    let md = Url::parse("file:///notes/Story.MD").unwrap();
    let txt = Url::parse("file:///notes/story.txt").unwrap();
    assert_eq!(Document::new("", 1, "plaintext").format(&md), Format::Markdown);
    assert_eq!(Document::new("", 1, "markdown").format(&txt), Format::Markdown);
    assert_eq!(Document::new("", 1, "plaintext").format(&txt), Format::Plain);
    assert_eq!(Document::new("", 1, "plaintext").language_id(), "plaintext");
}
