//! Suppression directives: a writer's `copydesk-ignore`, with the reason an editor gave.
//!
//! Forms (the rule list is optional and means every rule; the reason follows the first colon):
//! - `<!-- copydesk-ignore anonymous-source: approved by the night editor -->` in Markdown (or
//!   plain text), before a paragraph: silences those rules in the paragraph that follows.
//! - `<!-- copydesk-ignore-file vague-attribution: a column, not a news story -->`: the file.
//! - In plain text, a line of its own that starts with `copydesk-ignore` (or
//!   `copydesk-ignore-file`) is the same directive, without the comment marks.
//!
//! A reason that is empty or still starts with [`PLACEHOLDER`]'s `TODO` is no reason: the
//! directive still silences, but is itself a `suppression-without-reason` finding. A directive
//! that silences nothing is an `unused-suppression` hint. Neither can be silenced.

use super::RuleId;
use crate::analysis::config::Format;
use crate::analysis::model::{Finding, Fix, Span, Suppressed};
use crate::analysis::segment::Document;

/// What a code action writes where the reason belongs; a reason starting with `TODO` is none.
pub const PLACEHOLDER: &str = "TODO say who approved this and why";

/// One `copydesk-ignore` directive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// The whole comment or line.
    pub span: Span,
    pub file: bool,
    /// The rules it names; empty means every rule.
    pub rules: Vec<RuleId>,
    /// Names that are no rule id.
    pub unknown: Vec<String>,
    /// The reason, trimmed; empty when missing or still the placeholder.
    pub reason: String,
    /// Where it applies: the whole text, or the directive's end to the next paragraph's end.
    pub scope: Span,
}

impl Directive {
    fn silences(&self, f: &Finding) -> bool {
        !is_suppression_rule(f.rule)
            && self.scope.start <= f.span.start
            && f.span.start < self.scope.end
            && ((self.rules.is_empty() && self.unknown.is_empty()) || self.rules.contains(&f.rule))
    }
}

/// The rules about directives themselves, which no directive silences.
pub fn is_suppression_rule(rule: RuleId) -> bool {
    matches!(rule, RuleId::SuppressionWithoutReason | RuleId::UnusedSuppression)
}

/// Every directive in the document, in text order.
pub fn directives(doc: &Document<'_>) -> Vec<Directive> {
    let text = doc.original;
    let mut found: Vec<(Span, &str)> = Vec::new();
    let mut from = 0;
    while let Some(open) = text.get(from..).and_then(|t| t.find("<!--")).map(|i| from + i) {
        let body_start = open + 4;
        let Some(close) = text
            .get(body_start..)
            .and_then(|t| t.find("-->"))
            .map(|i| body_start + i)
        else {
            break;
        };
        let body = text.get(body_start..close).unwrap_or("").trim();
        if body.starts_with("copydesk-ignore") && opens_line(text, open) && !in_fence(text, open) {
            found.push((Span::new(open, close + 3), body));
        }
        from = close + 3;
    }
    if doc.format == Format::Plain {
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let body = line.trim();
            if body.starts_with("copydesk-ignore") {
                let lead = line.len() - line.trim_start().len();
                found.push((Span::new(at + lead, at + lead + body.len()), body));
            }
            at += line.len();
        }
        found.sort_by_key(|(s, _)| s.start);
    }
    let spans: Vec<Span> = found.iter().map(|(s, _)| *s).collect();
    found
        .into_iter()
        .filter_map(|(span, body)| parse(doc, span, body, &spans))
        .collect()
}

/// Whether only indentation precedes `at` on its line: a directive is a line of its own, not an
/// example inside a sentence or inline code.
fn opens_line(text: &str, at: usize) -> bool {
    let line_start = text.get(..at).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
    text.get(line_start..at)
        .is_some_and(|lead| lead.chars().all(|c| c == ' ' || c == '\t'))
}

/// Whether `at` lies inside a fenced code block (``` or ~~~), where a directive is an example.
fn in_fence(text: &str, at: usize) -> bool {
    let mut open: Option<&str> = None;
    for line in text.get(..at).unwrap_or("").lines() {
        let t = line.trim_start();
        for fence in ["```", "~~~"] {
            if t.starts_with(fence) {
                open = match open {
                    Some(f) if f == fence => None,
                    None => Some(fence),
                    other => other,
                };
            }
        }
    }
    open.is_some()
}

fn parse(doc: &Document<'_>, span: Span, body: &str, all: &[Span]) -> Option<Directive> {
    let (file, rest) = if let Some(r) = body.strip_prefix("copydesk-ignore-file") {
        (true, r)
    } else {
        (false, body.strip_prefix("copydesk-ignore")?)
    };
    // "copydesk-ignored" is not a directive.
    if rest.starts_with(|c: char| c.is_alphanumeric() || c == '-') {
        return None;
    }
    let (names, reason) = rest.split_once(':').unwrap_or((rest, ""));
    let reason = reason.trim();
    let reason = if reason.starts_with("TODO") { "" } else { reason };
    let mut rules = Vec::new();
    let mut unknown = Vec::new();
    for name in names.split([',', ' ', '\t']).filter(|n| !n.is_empty()) {
        match RuleId::parse(name) {
            Some(r) => rules.push(r),
            None => unknown.push(name.to_string()),
        }
    }
    let scope = if file {
        Span::new(0, doc.original.len())
    } else {
        Span::new(span.end, next_paragraph_end(doc, span.end, all))
    };
    Some(Directive {
        span,
        file,
        rules,
        unknown,
        reason: reason.to_string(),
        scope,
    })
}

/// The end of the paragraph holding the first prose byte after `from` that is not part of
/// another directive; `from` itself when nothing follows.
fn next_paragraph_end(doc: &Document<'_>, from: usize, directives: &[Span]) -> usize {
    let text = doc.original;
    let mut at = from;
    while at < text.len() {
        if let Some(d) = directives.iter().find(|d| d.contains(at)) {
            at = d.end;
            continue;
        }
        let Some(c) = text.get(at..).and_then(|t| t.chars().next()) else {
            break;
        };
        if c.is_whitespace() {
            at += c.len_utf8();
            continue;
        }
        return match doc.paragraph_at(at).and_then(|p| doc.paragraphs.get(p)) {
            Some(p) => p.span.end,
            // Not prose (a table, a code block): up to the next blank line.
            None => text
                .get(at..)
                .and_then(|t| t.find("\n\n"))
                .map_or(text.len(), |i| at + i),
        };
    }
    from
}

/// Splits findings into kept and suppressed; `used[i]` says whether directive `i` silenced one.
/// Findings inside a directive (its own words, in plain text) are dropped.
pub fn apply(directives: &[Directive], findings: Vec<Finding>) -> (Vec<Finding>, Vec<Suppressed>, Vec<bool>) {
    let mut used = vec![false; directives.len()];
    let mut kept = Vec::new();
    let mut suppressed = Vec::new();
    for f in findings {
        if !is_suppression_rule(f.rule) && directives.iter().any(|d| d.span.overlaps(f.span)) {
            continue;
        }
        match directives.iter().position(|d| d.silences(&f)) {
            Some(i) => {
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
                let d = &directives[i];
                suppressed.push(Suppressed {
                    finding: f,
                    reason: d.reason.clone(),
                    directive: d.span,
                });
            }
            None => kept.push(f),
        }
    }
    (kept, suppressed, used)
}

/// The code action that silences `f` in its paragraph: a directive with a reason placeholder,
/// on a line of its own above the paragraph.
pub fn fix(doc: &Document<'_>, f: &Finding) -> Option<Fix> {
    if is_suppression_rule(f.rule) {
        return None;
    }
    let para = doc.paragraph_at(f.span.start).and_then(|p| doc.paragraphs.get(p))?;
    let text = doc.original;
    let line_start = text.get(..para.span.start)?.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    Some(Fix {
        ignore: true,
        title: fix_title(f.rule.as_str()),
        edits: vec![(
            Span::new(line_start, line_start),
            directive_line(f.rule.as_str(), doc.format),
        )],
    })
}

/// The title of the ignore fix for a rule.
pub fn fix_title(rule: &str) -> String {
    format!("Ignore {rule} in this paragraph (with a reason)")
}

/// The directive line the ignore fix inserts, with its line break.
pub fn directive_line(rule: &str, format: Format) -> String {
    match format {
        Format::Markdown => format!("<!-- copydesk-ignore {rule}: {PLACEHOLDER} -->\n"),
        Format::Plain => format!("copydesk-ignore {rule}: {PLACEHOLDER}\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str, format: Format) -> Vec<Directive> {
        directives(&Document::new(text, format))
    }

    #[test]
    fn reads_rules_reason_and_the_next_paragraph_as_scope() {
        let text = "One.\n\n<!-- copydesk-ignore anonymous-source, vague-attribution: approved by Kim -->\nTwo, a source said.\n\nThree.\n";
        let d = parsed(text, Format::Markdown);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].rules, vec![RuleId::AnonymousSource, RuleId::VagueAttribution]);
        assert_eq!(d[0].reason, "approved by Kim");
        assert!(!d[0].file);
        assert_eq!(d[0].scope.of(text).trim(), "Two, a source said.");
    }

    #[test]
    fn the_plain_text_line_form_and_the_file_form() {
        let text = "copydesk-ignore-file: a column\n\nOne.\ncopydesk-ignore anonymous-source\nTwo.\n";
        let d = parsed(text, Format::Plain);
        assert_eq!(d.len(), 2);
        assert!(d[0].file && d[0].rules.is_empty() && d[0].reason == "a column");
        assert_eq!(d[0].scope, Span::new(0, text.len()));
        assert_eq!(d[1].reason, "", "no colon, no reason");
        assert!(d[1].scope.of(text).contains("Two."));
        assert!(parsed("Body text.\n", Format::Plain).is_empty());
    }

    #[test]
    fn examples_in_code_and_inside_sentences_are_not_directives() {
        let text = "Write `<!-- copydesk-ignore anonymous-source: why -->` before it.\n\n```\n<!-- copydesk-ignore anonymous-source: why -->\n```\n";
        assert!(parsed(text, Format::Markdown).is_empty());
    }

    #[test]
    fn a_placeholder_is_no_reason_and_unknown_names_are_kept() {
        let text = format!("<!-- copydesk-ignore anonymus-source: {PLACEHOLDER} -->\nText.\n");
        let d = parsed(&text, Format::Markdown);
        assert_eq!(d[0].reason, "");
        assert_eq!(d[0].unknown, vec!["anonymus-source".to_string()]);
        assert!(parsed("<!-- copydesk-ignored -->\n", Format::Markdown).is_empty());
    }
}
