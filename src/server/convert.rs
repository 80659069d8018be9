//! Byte offsets ⇄ LSP positions, in the negotiated encoding. The only place offsets change form.
//!
//! LSP lines end at `\n`, `\r\n` or a lone `\r` (and nothing else: not U+2028, which is why ropey
//! is built without its `unicode_lines` feature). A `character` counts UTF-16 code units by
//! default, bytes when UTF-8 was negotiated, code points for UTF-32. A position past the end of
//! a line clamps to the line end, and a line past the end of the document clamps to its end, as
//! the LSP specification says; a position inside a surrogate pair or a multi-byte character
//! rounds down to the character's start. Nothing here panics on any input.

use ropey::Rope;
use serde_json::{json, Value};
use tower_lsp::lsp_types::{self, Position, PositionEncodingKind, Range};

use crate::analysis::{Analysis, Finding, Severity, Span};

/// How `Position.character` counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

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

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// Line starts of a text snapshot, for converting many offsets of one analysis.
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of each line's first byte; the first is 0.
    starts: Vec<usize>,
    /// About every [`CHECKPOINT`] bytes: (byte offset, UTF-16 units before it, code points
    /// before it). A column is counted from the nearest checkpoint, so converting many offsets
    /// on one very long line stays linear.
    checkpoints: Vec<(usize, usize, usize)>,
}

const CHECKPOINT: usize = 256;

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        let mut checkpoints = vec![(0, 0, 0)];
        let (mut u16s, mut chars) = (0, 0);
        for (b, c) in text.char_indices() {
            if b >= checkpoints.last().map_or(0, |c| c.0) + CHECKPOINT {
                checkpoints.push((b, u16s, chars));
            }
            u16s += c.len_utf16();
            chars += 1;
        }
        LineIndex {
            text,
            starts,
            checkpoints,
        }
    }

    /// The units of `enc` in the text before byte `offset` (a char boundary).
    fn units_before(&self, offset: usize, enc: Encoding) -> usize {
        if enc == Encoding::Utf8 {
            return offset;
        }
        let k = self.checkpoints.partition_point(|c| c.0 <= offset).saturating_sub(1);
        let (at, u16s, chars) = self.checkpoints.get(k).copied().unwrap_or((0, 0, 0));
        let base = if enc == Encoding::Utf16 { u16s } else { chars };
        base + self.text[at..offset].chars().map(|c| enc.width(c)).sum::<usize>()
    }

    /// The byte range of a line's content, without its line break.
    fn line_content(&self, line: usize) -> (usize, usize) {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).copied().unwrap_or(self.text.len());
        let b = self.text.as_bytes();
        if end > start && b[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && b[end - 1] == b'\r' {
            end -= 1;
        }
        (start, end)
    }

    /// The position of a byte offset (clamped to the text, rounded down to a char boundary).
    pub fn position(&self, offset: usize, enc: Encoding) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let (start, end) = self.line_content(line);
        let upto = offset.min(end);
        let character = self.units_before(upto, enc) - self.units_before(start, enc);
        Position::new(saturate(line), saturate(character))
    }

    /// The byte offset of a position, clamped as the LSP specification says.
    pub fn offset(&self, pos: Position, enc: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return self.text.len();
        }
        let (start, end) = self.line_content(line);
        start + column_to_bytes(&self.text[start..end], pos.character as usize, enc)
    }

    pub fn range(&self, span: Span, enc: Encoding) -> Range {
        Range::new(self.position(span.start, enc), self.position(span.end, enc))
    }
}

/// Bytes into `line` covering `column` units of `enc`, stopping at the line end and never inside
/// a character.
fn column_to_bytes(line: &str, column: usize, enc: Encoding) -> usize {
    let mut units = 0;
    for (b, c) in line.char_indices() {
        let w = enc.width(c);
        if units + w > column {
            return b;
        }
        units += w;
    }
    line.len()
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
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
        data: fixes_data(index, enc, f),
        ..Default::default()
    }
}

/// The finding's fixes for `Diagnostic.data`, already in LSP form so that a code action only
/// copies them: `{"fixes": [{"title", "edits": [TextEdit]}], "ignore": {"line", "markdown"}}`.
/// The ignore fix, which every finding has, travels as the line it inserts at and whether the
/// text is Markdown (`crate::server::actions` rebuilds it), to keep diagnostics small. `None`
/// when there is nothing to carry.
fn fixes_data(index: &LineIndex<'_>, enc: Encoding, f: &Finding) -> Option<Value> {
    let mut data = serde_json::Map::new();
    let fixes: Vec<Value> = f
        .fixes
        .iter()
        .filter(|fix| !fix.ignore)
        .map(|fix| {
            let edits: Vec<lsp_types::TextEdit> = fix
                .edits
                .iter()
                .map(|(span, text)| lsp_types::TextEdit::new(index.range(*span, enc), text.clone()))
                .collect();
            json!({ "title": fix.title, "edits": edits })
        })
        .collect();
    if !fixes.is_empty() {
        data.insert("fixes".into(), Value::Array(fixes));
    }
    let ignore = f
        .fixes
        .iter()
        .filter(|fix| fix.ignore)
        .find_map(|fix| fix.edits.first());
    if let Some((span, text)) = ignore {
        let line = index.position(span.start, enc).line;
        data.insert(
            "ignore".into(),
            json!({ "line": line, "markdown": text.starts_with("<!--") }),
        );
    }
    (!data.is_empty()).then_some(Value::Object(data))
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

/// Code-point offset of a byte offset (the `copydesk analyze` and `check --format json`
/// contract). For many offsets into one text use [`CharIndex`].
pub fn char_offset(text: &str, byte: usize) -> usize {
    CharIndex::new(text).chars(byte)
}

/// Byte → code-point offsets for one text, in O(log n) per lookup.
pub struct CharIndex {
    /// (byte offset, char index, byte length) of every non-ASCII char.
    marks: Vec<(usize, usize, usize)>,
    len: usize,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let marks = text
            .chars()
            .scan(0usize, |byte, c| {
                let b = *byte;
                *byte += c.len_utf8();
                Some((b, c))
            })
            .enumerate()
            .filter(|(_, (_, c))| !c.is_ascii())
            .map(|(ci, (b, c))| (b, ci, c.len_utf8()))
            .collect();
        CharIndex { marks, len: text.len() }
    }

    /// The code-point offset of a byte offset (clamped; inside a char rounds down).
    pub fn chars(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        let i = self.marks.partition_point(|&(b, _, _)| b < byte);
        match i.checked_sub(1).map(|k| self.marks[k]) {
            None => byte,
            Some((b, c, w)) if byte < b + w => c,
            // Only ASCII lies between the end of that char and `byte`.
            Some((b, c, w)) => c + 1 + (byte - (b + w)),
        }
    }
}

/// The URI of a document the CLI reads: `file://` with the absolute path, or `untitled:stdin`
/// when `path` is `None` (standard input) or cannot be made absolute. Lets `crate::cli` call
/// [`diagnostic_json`] without naming a tower-lsp type.
pub fn document_url(path: Option<&std::path::Path>) -> lsp_types::Url {
    path.and_then(|p| std::path::absolute(p).ok())
        .and_then(|p| lsp_types::Url::from_file_path(p).ok())
        .unwrap_or_else(|| lsp_types::Url::parse("untitled:stdin").expect("a constant URI parses"))
}

/// A diagnostic as JSON with code-point `start`/`end` added (`copydesk check --format json`).
pub fn diagnostic_json(index: &LineIndex<'_>, chars: &CharIndex, f: &Finding, uri: &lsp_types::Url) -> Value {
    let mut v = serde_json::to_value(diagnostic(index, Encoding::Utf16, f, uri)).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut v {
        map.insert("start".into(), json!(chars.chars(f.span.start)));
        map.insert("end".into(), json!(chars.chars(f.span.end)));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENCODINGS: [Encoding; 3] = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32];

    #[test]
    fn columns_on_a_long_line_match_a_count_from_the_line_start() {
        let text = format!("x\n{}\r\nend", "a😀é中".repeat(400));
        let index = LineIndex::new(&text);
        for offset in (0..text.len()).filter(|&o| text.is_char_boundary(o)).step_by(7) {
            for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                let p = index.position(offset, enc);
                let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
                let naive: usize = text[start..offset]
                    .trim_end_matches('\r')
                    .chars()
                    .map(|c| enc.width(c))
                    .sum();
                assert_eq!(p.character as usize, naive, "{offset} {enc:?}");
                assert_eq!(
                    index.offset(p, enc),
                    offset.min(start + text[start..].find(['\r', '\n']).unwrap_or(text.len() - start))
                );
            }
        }
    }

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn astral_cjk_and_combining_marks_count_per_encoding() {
        // 😀 is 4 bytes / 2 UTF-16 units / 1 code point; 中 is 3 / 1 / 1; e + U+0301 is 1+2 / 2 / 2.
        let text = "a😀中e\u{301}x";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(idx.position(x, Encoding::Utf8), pos(0, 11));
        assert_eq!(idx.position(x, Encoding::Utf16), pos(0, 6));
        assert_eq!(idx.position(x, Encoding::Utf32), pos(0, 5));
        for enc in ENCODINGS {
            for (b, _) in text.char_indices() {
                assert_eq!(idx.offset(idx.position(b, enc), enc), b, "{enc:?} at {b}");
            }
        }
    }

    #[test]
    fn inside_a_surrogate_pair_or_multibyte_char_rounds_down() {
        let text = "a😀b";
        let idx = LineIndex::new(text);
        assert_eq!(idx.offset(pos(0, 2), Encoding::Utf16), 1);
        assert_eq!(idx.offset(pos(0, 3), Encoding::Utf8), 1);
        assert_eq!(idx.position(3, Encoding::Utf16), pos(0, 1));
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

    #[test]
    fn char_index_counts_code_points() {
        let text = "é😀 a中b";
        let ci = CharIndex::new(text);
        for (n, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(ci.chars(b), n);
        }
        assert_eq!(ci.chars(text.len()), text.chars().count());
        assert_eq!(ci.chars(2), 1, "inside 😀 rounds down");
    }
}
