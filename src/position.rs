//! Byte offsets ⇄ line and column positions, and byte ⇄ code-point offsets: what the server
//! (LSP positions) and the command line (line:column, SARIF regions, the JSON contract's
//! code-point offsets) both need, with no protocol type in it. `server::convert` turns these
//! positions into `lsp_types` ones.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r` (and nothing else: not U+2028). A column counts
//! UTF-16 code units, bytes or code points as the [`Encoding`] says. A position past the end of
//! a line clamps to the line end, and a line past the end of the text clamps to its end, as the
//! LSP specification says; a position inside a surrogate pair or a multi-byte character rounds
//! down to the character's start. Nothing here panics on any input.

use crate::analysis::Span;

/// How `Position.character` counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    /// The units `c` takes in this encoding.
    pub fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// A zero-based line and a column in some [`Encoding`]'s units: the LSP's `Position`, without
/// the LSP (the server converts it in `server::convert`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

impl Position {
    pub fn new(line: u32, character: u32) -> Position {
        Position { line, character }
    }
}

/// A start and an end [`Position`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

impl Range {
    pub fn new(start: Position, end: Position) -> Range {
        Range { start, end }
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
