//! Incremental edit sequences against the document store: after every batch the document's
//! text equals a `String` model edited the same way, and every diagnostic range published for
//! the final text lies inside it.
//!
//! Input: one byte for the encoding, then edits of six bytes each (kind, start line and
//! column, end line and column, text length) followed by that many bytes of text (UTF-8,
//! lossily). Kind bit 0 replaces the whole text; bit 1 ends the batch.
#![no_main]

use copydesk::analysis::{analyze, Config};
use copydesk::server::convert::{self, Encoding, LineIndex};
use copydesk::server::documents::Document;
use libfuzzer_sys::fuzz_target;
use tower_lsp::lsp_types::{Position, Range, TextDocumentContentChangeEvent, Url};

const ENCODINGS: [Encoding; 3] = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32];

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

fuzz_target!(|data: &[u8]| {
    let Some((&e, mut rest)) = data.split_first() else {
        return;
    };
    let enc = ENCODINGS[usize::from(e) % 3];
    let mut doc = Document::new("", 1, if e & 4 == 0 { "markdown" } else { "plaintext" });
    let mut model = String::new();
    let mut batch = Vec::new();
    let mut version = 1;
    while rest.len() >= 6 {
        let (head, tail) = rest.split_at(6);
        let len = usize::from(head[5]).min(tail.len());
        let text = String::from_utf8_lossy(&tail[..len]).into_owned();
        rest = &tail[len..];
        let range = (head[0] & 1 == 0).then(|| {
            let p = |l: u8, c: u8| Position::new(u32::from(l % 16), u32::from(c));
            Range::new(p(head[1], head[2]), p(head[3], head[4]))
        });
        batch.push(TextDocumentContentChangeEvent {
            range,
            range_length: None,
            text,
        });
        if head[0] & 2 != 0 || rest.len() < 6 {
            version += 1;
            doc.apply_changes(&batch, version, enc);
            for change in &batch {
                apply_to_string(&mut model, change, enc);
            }
            assert_eq!(doc.text(), model, "after version {version}");
            batch.clear();
        }
    }
    let text = doc.text();
    let uri = Url::parse("file:///story.md").unwrap();
    let analysis = analyze(&text, &Config::with_format(doc.format(&uri)));
    let index = LineIndex::new(&text);
    for d in convert::diagnostics(&text, &analysis, enc, &uri) {
        for p in [d.range.start, d.range.end] {
            assert_eq!(
                index.position(index.offset(p, enc), enc),
                p,
                "{p:?} is outside the document"
            );
        }
        assert!(d.range.start <= d.range.end, "{:?} is reversed", d.range);
    }
});
