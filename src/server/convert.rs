//! Byte offsets ⇄ LSP positions, in the negotiated encoding: `crate::position` does the
//! counting, this module turns its positions into `lsp_types` ones.
//!
//! LSP lines end at `\n`, `\r\n` or a lone `\r` (and nothing else: not U+2028, which is why ropey
//! is built without its `unicode_lines` feature). A `character` counts UTF-16 code units by
//! default, bytes when UTF-8 was negotiated, code points for UTF-32. A position past the end of
//! a line clamps to the line end, and a line past the end of the document clamps to its end, as
//! the LSP specification says; a position inside a surrogate pair or a multi-byte character
//! rounds down to the character's start. Nothing here panics on any input.

use ropey::Rope;
use tower_lsp::lsp_types::{self, Position, PositionEncodingKind, Range};

use crate::analysis::{Analysis, Finding, Severity, Span};
use crate::position;

pub use crate::position::{CharIndex, Encoding};

impl Encoding {
    /// The encoding to use given what the client offers: UTF-8 when listed, else UTF-32 when it
    /// is the only one, else UTF-16 (the protocol's default, always supported).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let Some(offered) = offered else {
            return Encoding::Utf16;
        };
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if offered == [PositionEncodingKind::UTF32] {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }
}

/// [`crate::position::LineIndex`] in LSP types.
#[derive(Clone, Debug)]
pub struct LineIndex<'a>(position::LineIndex<'a>);

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        LineIndex(position::LineIndex::new(text))
    }

    /// The position of a byte offset (clamped to the text, rounded down to a char boundary).
    pub fn position(&self, offset: usize, enc: Encoding) -> Position {
        lsp(self.0.position(offset, enc))
    }

    /// The byte offset of a position, clamped as the LSP specification says.
    pub fn offset(&self, pos: Position, enc: Encoding) -> usize {
        self.0.offset(position::Position::new(pos.line, pos.character), enc)
    }

    pub fn range(&self, span: Span, enc: Encoding) -> Range {
        let r = self.0.range(span, enc);
        Range::new(lsp(r.start), lsp(r.end))
    }
}

fn lsp(p: position::Position) -> Position {
    Position::new(p.line, p.character)
}

/// The byte offset of a position in a rope, clamped like [`LineIndex::offset`].
pub fn rope_offset(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let start = rope.line_to_byte(line);
    let slice = rope.line(line);
    let mut bytes = 0;
    let mut units = 0;
    for c in slice.chars() {
        if c == '\n' || c == '\r' {
            break;
        }
        let w = enc.width(c);
        if units + w > pos.character as usize {
            break;
        }
        units += w;
        bytes += c.len_utf8();
    }
    start + bytes
}

pub fn severity(s: Severity) -> lsp_types::DiagnosticSeverity {
    match s {
        Severity::Error => lsp_types::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp_types::DiagnosticSeverity::WARNING,
        Severity::Information => lsp_types::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp_types::DiagnosticSeverity::HINT,
    }
}

/// A finding as an LSP diagnostic. `uri` is the document's, for related information.
pub fn diagnostic(index: &LineIndex<'_>, enc: Encoding, f: &Finding, uri: &lsp_types::Url) -> lsp_types::Diagnostic {
    let related = (!f.related.is_empty()).then(|| {
        f.related
            .iter()
            .map(|r| lsp_types::DiagnosticRelatedInformation {
                location: lsp_types::Location::new(uri.clone(), index.range(r.span, enc)),
                message: r.message.clone(),
            })
            .collect()
    });
    lsp_types::Diagnostic {
        range: index.range(f.span, enc),
        severity: Some(severity(f.severity)),
        code: Some(lsp_types::NumberOrString::String(f.rule.as_str().to_string())),
        source: Some("copydesk".to_string()),
        message: f.message.clone(),
        related_information: related,
        data: crate::diagnostic::data(&index.0, enc, f),
        ..Default::default()
    }
}

/// Every finding of an analysis of `text` as LSP diagnostics.
pub fn diagnostics(text: &str, analysis: &Analysis, enc: Encoding, uri: &lsp_types::Url) -> Vec<lsp_types::Diagnostic> {
    let index = LineIndex::new(text);
    analysis
        .findings
        .iter()
        .map(|f| diagnostic(&index, enc, f, uri))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENCODINGS: [Encoding; 3] = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32];

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn crlf_and_lone_cr_end_lines_but_u2028_does_not() {
        let text = "ab\r\ncd\ref\u{2028}gh\nij";
        let idx = LineIndex::new(text);
        let rope = Rope::from_str(text);
        for enc in ENCODINGS {
            assert_eq!(idx.position(text.find('c').unwrap(), enc), pos(1, 0));
            assert_eq!(idx.position(text.find('e').unwrap(), enc), pos(2, 0));
            assert_eq!(idx.position(text.find('i').unwrap(), enc), pos(3, 0));
            assert_eq!(
                idx.position(text.find('g').unwrap(), enc).line,
                2,
                "U+2028 is not a line break"
            );
            for line in 0..5 {
                for ch in 0..12 {
                    assert_eq!(
                        rope_offset(&rope, pos(line, ch), enc),
                        idx.offset(pos(line, ch), enc),
                        "{enc:?} {line}:{ch}"
                    );
                }
            }
        }
    }

    #[test]
    fn positions_past_line_or_document_end_clamp() {
        let text = "short\r\nline two";
        let idx = LineIndex::new(text);
        for enc in ENCODINGS {
            assert_eq!(idx.offset(pos(0, 99), enc), 5, "past the line end stops before CRLF");
            assert_eq!(idx.offset(pos(7, 0), enc), text.len());
            assert_eq!(idx.position(999, enc), pos(1, 8));
        }
        assert_eq!(rope_offset(&Rope::from_str(text), pos(0, 99), Encoding::Utf16), 5);
    }

    #[test]
    fn negotiates_utf8_only_when_offered() {
        use PositionEncodingKind as K;
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(Some(&[K::UTF16, K::UTF8])), Encoding::Utf8);
        assert_eq!(Encoding::negotiate(Some(&[K::UTF32])), Encoding::Utf32);
        assert_eq!(Encoding::negotiate(Some(&[K::UTF16, K::UTF32])), Encoding::Utf16);
    }
}
