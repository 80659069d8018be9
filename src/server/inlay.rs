//! Inlay hints: who is speaking, after each quotation whose tag does not say it by name.
//!
//! After a quotation tagged with a pronoun or a description ("she said", "the mayor added"),
//! the hint names the person the analysis resolved it to (`→ Lena Vega`). After one tagged with
//! a back-reference to an unnamed source ("the insider added"), it says what kind of source it
//! is and where it was introduced (`→ anonymous, first at line 12`). Quotations tagged with a
//! name need no hint. The `inlayHints` setting turns them off.

use tower_lsp::lsp_types::{InlayHint, InlayHintKind, InlayHintLabel, Range};

use super::convert::{Encoding, LineIndex};
use crate::analysis::{Analysis, MentionKind, QuoteKind};

/// The hints whose position lies in `range`.
pub fn hints(text: &str, analysis: &Analysis, range: Range, enc: Encoding) -> Vec<InlayHint> {
    let index = LineIndex::new(text);
    let mut out = Vec::new();
    for q in analysis.quotes.iter().filter(|q| q.kind == QuoteKind::Speech) {
        let Some(speaker) = q.speaker else {
            continue;
        };
        let label = match speaker.person.and_then(|p| analysis.people.get(p)) {
            Some(person) => {
                let by_name = person.mentions.iter().any(|m| {
                    matches!(m.kind, MentionKind::Name | MentionKind::ShortName) && m.span.overlaps(speaker.span)
                });
                if by_name {
                    continue;
                }
                person.name.clone()
            }
            None => {
                let root = speaker
                    .source
                    .and_then(|s| analysis.sources.get(s))
                    .and_then(|s| s.antecedent)
                    .and_then(|a| analysis.sources.get(a));
                let Some(root) = root else {
                    continue;
                };
                let line = index.position(root.span.start, enc).line + 1;
                format!("{}, first at line {line}", root.kind.as_str())
            }
        };
        let position = index.position(q.span.end, enc);
        if position < range.start || position > range.end {
            continue;
        }
        out.push(InlayHint {
            position,
            label: InlayHintLabel::String(format!("→ {label}")),
            kind: Some(InlayHintKind::PARAMETER),
            text_edits: None,
            tooltip: None,
            padding_left: Some(true),
            padding_right: None,
            data: None,
        });
    }
    out
}
