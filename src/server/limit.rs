//! Large documents: only the first [`MAX_ANALYSED`] bytes are analysed, and one diagnostic at
//! the cut says so, so that a pasted book does not freeze the editor.
//!
//! The analysis is linear in the text (see README, "Limits"), about 1.5 MB a second on a slow
//! machine, and runs again after every keystroke; 1 MiB keeps a keystroke's turnaround under a
//! second. The cut falls on the last paragraph break (or line break, or character boundary)
//! before the limit, so no sentence is analysed half.

use tower_lsp::lsp_types::{Diagnostic, DiagnosticSeverity, NumberOrString};

use super::convert::{Encoding, LineIndex};
use crate::analysis::Span;

/// The most text analysed per document, in bytes.
pub const MAX_ANALYSED: usize = 1024 * 1024;

/// The part of `text` that is analysed.
pub fn analysed(text: &str) -> &str {
    &text[..cut(text)]
}

fn cut(text: &str) -> usize {
    if text.len() <= MAX_ANALYSED {
        return text.len();
    }
    let head = &text.as_bytes()[..MAX_ANALYSED];
    let at = |pat: &[u8]| head.windows(pat.len()).rposition(|w| w == pat).map(|i| i + pat.len());
    at(b"\n\n").or_else(|| at(b"\n")).unwrap_or_else(|| {
        (0..=MAX_ANALYSED)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0)
    })
}

/// The diagnostic that says where analysis stopped, for a text over the limit.
pub fn notice(text: &str, enc: Encoding) -> Option<Diagnostic> {
    let end = cut(text);
    if end == text.len() {
        return None;
    }
    let index = LineIndex::new(text);
    let next = text[end..].chars().next().map_or(0, char::len_utf8);
    Some(Diagnostic {
        range: index.range(Span::new(end, end + next), enc),
        severity: Some(DiagnosticSeverity::INFORMATION),
        code: Some(NumberOrString::String("document-too-large".into())),
        source: Some("copydesk".into()),
        message: format!(
            "copydesk checks the first {} KiB of a document; the remaining {} KiB from here on are not checked",
            end / 1024,
            (text.len() - end).div_ceil(1024)
        ),
        ..Diagnostic::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_text_is_analysed_whole_without_a_notice() {
        assert_eq!(analysed("short."), "short.");
        assert!(notice("short.", Encoding::Utf16).is_none());
    }

    #[test]
    fn a_large_text_is_cut_at_a_paragraph_break_and_says_so_once() {
        let para = "A source said the vote would slip. ".repeat(100) + "\n\n";
        let text = para.repeat(MAX_ANALYSED / para.len() + 3);
        let head = analysed(&text);
        assert!(head.len() <= MAX_ANALYSED && head.len() > MAX_ANALYSED - para.len());
        assert!(head.ends_with("\n\n"));
        let d = notice(&text, Encoding::Utf16).unwrap();
        let line = u32::try_from(head.matches('\n').count()).unwrap();
        assert_eq!((d.range.start.line, d.range.start.character), (line, 0));
        let first = format!("first {} KiB", head.len() / 1024);
        assert!(d.message.contains(&first), "{}", d.message);
    }

    #[test]
    fn a_single_huge_line_is_cut_on_a_character_boundary() {
        let text = "é".repeat(MAX_ANALYSED);
        let head = analysed(&text);
        assert!(head.len() <= MAX_ANALYSED && head.len() >= MAX_ANALYSED - 1);
        assert!(notice(&text, Encoding::Utf8).is_some());
    }
}
