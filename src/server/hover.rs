//! Hover on a person: a Markdown card of what the story says about them.
//!
//! Any mention counts (full name, short name, epithet, pronoun). The card gives the full name,
//! descriptors, age (as of the story's date when it has one), relations, how often and where
//! they are first mentioned, their first few quotes, and how often they are a source. Every fact
//! says where the story says it ("the actress (line 12)"), so an editor can check it in one
//! jump. Words that are not a person get no hover.

use std::fmt::Write;

use tower_lsp::lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::convert::{Encoding, LineIndex};
use crate::analysis::{Analysis, Person, Span};

/// How many quotes a card shows, and how long each may be, in characters.
const MAX_QUOTES: usize = 3;
const QUOTE_CHARS: usize = 80;

/// The hover at `pos` in `text`, whose analysis is `analysis`.
pub fn hover(text: &str, analysis: &Analysis, pos: Position, enc: Encoding) -> Option<Hover> {
    let index = LineIndex::new(text);
    let offset = index.offset(pos, enc);
    let (person, mention) = analysis.person_at(offset)?;
    let value = card(text, analysis, person, &index)?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(index.range(mention.span, enc)),
    })
}

/// The Markdown card for `analysis.people[person]`.
pub fn card(text: &str, analysis: &Analysis, person: usize, index: &LineIndex<'_>) -> Option<String> {
    let p = analysis.people.get(person)?;
    let at = Lines { index };
    let mut out = format!("**{}**\n", escape(&p.name));
    let descriptors: Vec<String> = unique_descriptors(p.descriptors.iter().map(|d| (d.text.as_str(), d.span)))
        .into_iter()
        .map(|(d, spans)| format!("{} ({})", escape(d), at.lines(&spans)))
        .collect();
    if !descriptors.is_empty() {
        let _ = write!(out, "\n{}\n", descriptors.join("; "));
    }
    out.push('\n');
    if let Some(age) = age(analysis, p, &at) {
        let _ = writeln!(out, "- **Age:** {age}");
    }
    if let Some(relations) = relations(analysis, p, &at) {
        let _ = writeln!(out, "- **Relations:** {relations}");
    }
    if let Some(first) = p.mentions.first() {
        let line = at.line(first.span);
        let _ = writeln!(out, "- **Mentioned** {}, first on line {line}", times(p.mentions.len()));
    }
    let sources: Vec<Span> = p
        .sources
        .iter()
        .filter_map(|&i| analysis.sources.get(i))
        .map(|s| s.span)
        .collect();
    if !sources.is_empty() {
        let _ = writeln!(
            out,
            "- **Cited as a source** {} ({})",
            times(sources.len()),
            at.lines(&sources)
        );
    }
    quotes(&mut out, text, analysis, p, &at);
    Some(out.trim_end().to_string())
}

/// Where a fact sits: the 1-based line of a span's start.
struct Lines<'a, 'i> {
    index: &'a LineIndex<'i>,
}

/// How many line numbers a fact lists before "…".
const MAX_LINES: usize = 5;

impl Lines<'_, '_> {
    fn line(&self, span: Span) -> u32 {
        self.index.position(span.start, Encoding::Utf16).line + 1
    }

    /// "line 4", or "lines 4, 9" for a fact the story states more than once.
    fn lines(&self, spans: &[Span]) -> String {
        let numbers = unique(spans.iter().map(|&s| self.line(s)));
        let mut shown: Vec<String> = numbers.iter().take(MAX_LINES).map(u32::to_string).collect();
        if numbers.len() > MAX_LINES {
            shown.push("…".to_string());
        }
        let word = if numbers.len() == 1 { "line" } else { "lines" };
        format!("{word} {}", shown.join(", "))
    }
}

fn age(analysis: &Analysis, p: &Person, at: &Lines<'_, '_>) -> Option<String> {
    let years = unique(p.ages.iter().map(|a| a.years));
    if years.is_empty() {
        return None;
    }
    let parts: Vec<String> = years
        .iter()
        .map(|&y| {
            let spans: Vec<Span> = p.ages.iter().filter(|a| a.years == y).map(|a| a.span).collect();
            format!("{y} ({})", at.lines(&spans))
        })
        .collect();
    let mut s = parts.join(" or ");
    if let Some(d) = analysis.date {
        let _ = write!(s, " as of {:04}-{:02}-{:02}", d.year, d.month, d.day);
    }
    Some(s)
}

fn relations(analysis: &Analysis, p: &Person, at: &Lines<'_, '_>) -> Option<String> {
    let mut parts: Vec<(String, Vec<Span>)> = Vec::new();
    for r in &p.relations {
        let said = match r.other.and_then(|o| analysis.people.get(o)) {
            Some(other) => format!("{}: {}", r.role, other.name),
            None => r.role.clone(),
        };
        match parts.iter_mut().find(|(s, _)| *s == said) {
            Some((_, spans)) => spans.push(r.span),
            None => parts.push((said, vec![r.span])),
        }
    }
    let parts: Vec<String> = parts
        .iter()
        .map(|(said, spans)| format!("{} ({})", escape(said), at.lines(spans)))
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

fn quotes(out: &mut String, text: &str, analysis: &Analysis, p: &Person, at: &Lines<'_, '_>) {
    if p.quotes.is_empty() {
        return;
    }
    let _ = writeln!(out, "- **Quoted** {}:", times(p.quotes.len()));
    for q in p.quotes.iter().filter_map(|&i| analysis.quotes.get(i)).take(MAX_QUOTES) {
        let line = at.line(q.span);
        let _ = writeln!(
            out,
            "  > {} (line {line})",
            escape(&shorten(q.span.of(text), QUOTE_CHARS))
        );
    }
}

fn times(n: usize) -> String {
    match n {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    }
}

/// Whitespace collapsed to single spaces, cut to `max` characters with an ellipsis.
fn shorten(s: &str, max: usize) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// Whether a client whose `hover.contentFormat` is `formats` wants plain text: its first
/// format that copydesk can write is plain text. Markdown when it says nothing.
pub fn wants_plaintext(formats: Option<&[MarkupKind]>) -> bool {
    let known = formats
        .unwrap_or_default()
        .iter()
        .find(|k| matches!(k, MarkupKind::Markdown | MarkupKind::PlainText));
    known == Some(&MarkupKind::PlainText)
}

/// The same hover as plain text: the card's emphasis markers and escapes removed.
pub fn as_plaintext(hover: Hover) -> Hover {
    let HoverContents::Markup(m) = &hover.contents else {
        return hover;
    };
    if m.kind != MarkupKind::Markdown {
        return hover;
    }
    let value = unmark(&m.value);
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::PlainText,
            value,
        }),
        range: hover.range,
    }
}

/// Undoes [`escape`] and drops `**`, the only markup a card uses besides list dashes and
/// quote marks, which read well as they are.
fn unmark(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut chars = md.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
            }
            c => out.push(c),
        }
    }
    out
}

/// Backslash-escapes the characters Markdown would read as markup.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Descriptors once each, ignoring case and a leading article ("The singer", "the singer" and
/// "singer" are one), in first-seen order, each with every span that says it.
fn unique_descriptors<'a>(items: impl Iterator<Item = (&'a str, Span)>) -> Vec<(&'a str, Vec<Span>)> {
    let key = |d: &str| {
        let lower = d.trim().to_lowercase();
        let bare = ["the ", "a ", "an "]
            .iter()
            .find_map(|a| lower.strip_prefix(a))
            .map(str::to_string);
        bare.unwrap_or(lower)
    };
    let mut seen: Vec<(String, &str, Vec<Span>)> = Vec::new();
    for (d, span) in items {
        let k = key(d);
        match seen.iter_mut().find(|(s, _, _)| *s == k) {
            Some((_, _, spans)) => spans.push(span),
            None => seen.push((k, d, vec![span])),
        }
    }
    seen.into_iter().map(|(_, d, spans)| (d, spans)).collect()
}

/// The distinct items, in first-seen order.
fn unique<T: PartialEq + Copy>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut seen = Vec::new();
    for item in items {
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen
}

#[cfg(test)]
mod tests;
