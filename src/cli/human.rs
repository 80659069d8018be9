//! `check --format human`: findings rendered like a compiler's errors.
//!
//! ```text
//! story.md:3:24: warning[anonymous-source]: A claim rests on a source the story does not name.
//!   |
//! 3 | The deal is off, says a source close to the pair.
//!   |                       ^^^^^^^^
//!   = note: story.md:5:1: the claim
//! ```
//!
//! Lines and columns are 1-based and count code points, as an editor's status bar does. The
//! caret line expands tabs and gives East Asian wide characters and emoji two cells, combining
//! marks none; a span running past its first line is underlined to that line's end. On a long
//! line only a window around the span is printed (`…` marks the cuts), so the output grows with
//! the number of findings, not with findings × line length.

use std::io::{self, Write};

use crate::analysis::{Finding, Severity};
use crate::position::{Encoding, LineIndex, Position};

use super::checked::Checked;

const TAB_WIDTH: usize = 4;

/// Writes every finding of every file, then the summary line.
pub fn render(out: &mut dyn Write, files: &[Checked]) -> io::Result<()> {
    for file in files {
        let index = LineIndex::new(&file.text);
        for f in &file.findings {
            render_finding(out, &file.name, &file.text, &index, f)?;
        }
    }
    writeln!(out, "{}", summary(files))
}

fn render_finding(out: &mut dyn Write, name: &str, text: &str, index: &LineIndex<'_>, f: &Finding) -> io::Result<()> {
    let (line, col) = line_col(index, f.span.start);
    writeln!(
        out,
        "{name}:{line}:{col}: {}[{}]: {}",
        f.severity.as_str(),
        f.rule.as_str(),
        f.message
    )?;
    let gutter = " ".repeat(line.to_string().len());
    let (content, start) = line_at(text, index, f.span.start);
    let at = f.span.start.clamp(start, start + content.len());
    let end = f.span.end.min(start + content.len()).max(at);
    let shown = Window::around(content, at - start, end - start);
    let lead = display_width(shown.prefix()) + display_width(&content[shown.from..at - start]);
    let marked = display_width(&content[at - start..shown.mark_end]);
    writeln!(out, "{gutter} |")?;
    writeln!(out, "{line} | {}", shown.render(content))?;
    writeln!(out, "{gutter} | {}{}", " ".repeat(lead), "^".repeat(marked.max(1)))?;
    for r in &f.related {
        let (rl, rc) = line_col(index, r.span.start);
        writeln!(out, "{gutter} = note: {name}:{rl}:{rc}: {}", r.message)?;
    }
    writeln!(out)
}

/// 1-based line and code-point column of a byte offset.
fn line_col(index: &LineIndex<'_>, offset: usize) -> (usize, usize) {
    let p = index.position(offset, Encoding::Utf32);
    (p.line as usize + 1, p.character as usize + 1)
}

/// The line holding `offset` (without its line break) and the byte offset where it starts.
/// Lines end at `\n`, `\r\n` or a lone `\r`, as in LSP. Found through the index, so a long line
/// is not rescanned for every finding on it.
fn line_at<'t>(text: &'t str, index: &LineIndex<'_>, offset: usize) -> (&'t str, usize) {
    let offset = floor_boundary(text, offset);
    let p = index.position(offset, Encoding::Utf8);
    let start = offset - p.character as usize;
    let next = index.offset(Position::new(p.line + 1, 0), Encoding::Utf8);
    let end = if next > offset { next } else { text.len() };
    let content = text[start..end].trim_end_matches(['\n', '\r']);
    (content, start)
}

/// The part of a long line that is printed: about [`CONTEXT`] bytes either side of the marked
/// span, whose marked part is itself cut to [`MAX_MARK`] bytes, with `…` where the line goes on.
/// Output stays proportional to the findings, whatever the length of the lines.
struct Window {
    from: usize,
    to: usize,
    mark_end: usize,
    cut_left: bool,
    cut_right: bool,
}

/// Lines up to this many bytes are printed whole, as prose is wrapped; only longer ones (a
/// paragraph on one line, a paste) are cut to a window around the span.
const WHOLE_LINE: usize = 240;
/// Context kept either side of a span on a long line, and the longest marked part, in bytes.
const CONTEXT: usize = 60;
const MAX_MARK: usize = 120;

impl Window {
    fn around(line: &str, start: usize, end: usize) -> Window {
        if line.len() <= WHOLE_LINE {
            return Window {
                from: 0,
                to: line.len(),
                mark_end: ceil_boundary(line, end),
                cut_left: false,
                cut_right: false,
            };
        }
        let mark_end = ceil_boundary(line, end.min(start + MAX_MARK));
        let from = floor_boundary(line, start.saturating_sub(CONTEXT));
        let to = ceil_boundary(line, mark_end + CONTEXT);
        Window {
            from,
            to,
            mark_end,
            cut_left: from > 0,
            cut_right: to < line.len(),
        }
    }

    fn prefix(&self) -> &'static str {
        if self.cut_left {
            "…"
        } else {
            ""
        }
    }

    fn render(&self, line: &str) -> String {
        let suffix = if self.cut_right { "…" } else { "" };
        format!("{}{}{suffix}", self.prefix(), expand_tabs(&line[self.from..self.to]))
    }
}

fn ceil_boundary(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o += 1;
    }
    o
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

fn expand_tabs(line: &str) -> String {
    line.replace('\t', &" ".repeat(TAB_WIDTH))
}

/// Terminal cells a string takes, roughly: enough to put carets under the right characters.
fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    match c as u32 {
        0x09 => TAB_WIDTH,
        0x00..=0x1F | 0x7F | 0x200B..=0x200F | 0xFE00..=0xFE0F => 0,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF => 0,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF => 2,
        0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 => 2,
        0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x1F900..=0x1F9FF | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// "3 warnings, 1 information in 2 of 5 files", or "No problems in 5 files".
pub fn summary(files: &[Checked]) -> String {
    let checked = files.len();
    let flagged = files.iter().filter(|f| !f.findings.is_empty()).count();
    let counts: Vec<String> = [
        Severity::Error,
        Severity::Warning,
        Severity::Information,
        Severity::Hint,
    ]
    .into_iter()
    .filter_map(|s| {
        let n = files
            .iter()
            .flat_map(|f| &f.findings)
            .filter(|f| f.severity == s)
            .count();
        (n > 0).then(|| count_label(n, s))
    })
    .collect();
    let files_label = |n: usize| if n == 1 { "file" } else { "files" };
    if counts.is_empty() {
        format!("No problems in {checked} {}", files_label(checked))
    } else if flagged == checked {
        format!("{} in {checked} {}", counts.join(", "), files_label(checked))
    } else {
        format!(
            "{} in {flagged} of {checked} {}",
            counts.join(", "),
            files_label(checked)
        )
    }
}

fn count_label(n: usize, s: Severity) -> String {
    let plural = if n == 1 { "" } else { "s" };
    match s {
        Severity::Error => format!("{n} error{plural}"),
        Severity::Warning => format!("{n} warning{plural}"),
        Severity::Information => format!("{n} information"),
        Severity::Hint => format!("{n} hint{plural}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{RuleId, Span};
    use crate::cli::test_util::finding;

    fn rendered(text: &str, findings: Vec<Finding>) -> String {
        let files = [Checked {
            name: "story.md".to_string(),
            path: None,
            text: text.to_string(),
            findings,
            suppressed: Vec::new(),
        }];
        let mut out = Vec::new();
        render(&mut out, &files).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn span_of(text: &str, needle: &str) -> Span {
        let s = text.find(needle).unwrap();
        Span::new(s, s + needle.len())
    }

    #[test]
    fn renders_location_source_line_and_carets() {
        let text = "Intro.\nThe deal is off, says a source.\n";
        let f = finding(
            RuleId::AnonymousSource,
            span_of(text, "a source"),
            Severity::Warning,
            vec![],
        );
        let out = rendered(text, vec![f]);
        let expected = "story.md:2:23: warning[anonymous-source]: Message.\n  |\n2 | The deal is off, says a source.\n  |                       ^^^^^^^^\n\n1 warning in 1 file\n";
        assert_eq!(out, expected);
    }

    #[test]
    fn a_long_line_is_cut_to_a_window_around_the_span() {
        let text = format!(
            "{}The deal is off, says a source.{}\nNext.",
            "é".repeat(5000),
            " Filler.".repeat(5000)
        );
        let f = finding(
            RuleId::AnonymousSource,
            span_of(&text, "a source"),
            Severity::Warning,
            vec![],
        );
        let out = rendered(&text, vec![f.clone(), f]);
        assert!(out.len() < 1200, "{} bytes", out.len());
        let lines: Vec<&str> = out.lines().collect();
        assert!(
            lines[2].starts_with("1 | …é") && lines[2].ends_with('…'),
            "{}",
            lines[2]
        );
        assert!(
            lines[2].contains("The deal is off, says a source. Filler."),
            "{}",
            lines[2]
        );
        let caret = lines[3].find('^').unwrap();
        let under: String = lines[2].chars().skip(caret).take(8).collect();
        assert_eq!(under, "a source", "carets sit under the span");
    }

    #[test]
    fn columns_count_code_points_and_carets_follow_wide_chars_and_tabs() {
        let text = "😀\t中 a source";
        let f = finding(
            RuleId::AnonymousSource,
            span_of(text, "a source"),
            Severity::Error,
            vec![],
        );
        let out = rendered(text, vec![f]);
        assert!(out.starts_with("story.md:1:5: error[anonymous-source]"), "{out}");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[2], "1 | 😀    中 a source");
        // 😀 = 2 cells, tab = 4, 中 = 2, space = 1.
        assert_eq!(lines[3], format!("  | {}^^^^^^^^", " ".repeat(9)));
    }

    #[test]
    fn related_information_becomes_note_lines() {
        let text = "First line.\r\nA source said so.";
        let f = finding(
            RuleId::AnonymousQuote,
            span_of(text, "A source"),
            Severity::Information,
            vec![(span_of(text, "line"), "the claim")],
        );
        let out = rendered(text, vec![f]);
        assert!(out.contains("story.md:2:1: information[anonymous-quote]"), "{out}");
        assert!(out.contains("  = note: story.md:1:7: the claim\n"), "{out}");
        assert!(out.ends_with("1 information in 1 file\n"), "{out}");
    }

    #[test]
    fn empty_and_multiline_spans_get_at_least_one_caret_and_stop_at_line_end() {
        let text = "ab\ncd";
        let f1 = finding(RuleId::NameVariant, Span::new(1, 1), Severity::Hint, vec![]);
        let f2 = finding(RuleId::NameVariant, Span::new(1, 5), Severity::Hint, vec![]);
        let out = rendered(text, vec![f1, f2]);
        let carets: Vec<&str> = out.lines().filter(|l| l.contains('^')).collect();
        assert_eq!(carets, ["  |  ^", "  |  ^"]);
        assert!(out.ends_with("2 hints in 1 file\n"));
    }

    #[test]
    fn summary_counts_by_severity_and_files() {
        let file = |findings| Checked {
            name: "x".into(),
            path: None,
            text: String::new(),
            findings,
            suppressed: Vec::new(),
        };
        let w = || finding(RuleId::AnonymousSource, Span::new(0, 0), Severity::Warning, vec![]);
        let i = finding(RuleId::VagueAttribution, Span::new(0, 0), Severity::Information, vec![]);
        let files = [file(vec![w(), w(), i]), file(vec![w()]), file(vec![])];
        assert_eq!(summary(&files), "3 warnings, 1 information in 2 of 3 files");
        assert_eq!(summary(&files[2..]), "No problems in 1 file");
    }
}
