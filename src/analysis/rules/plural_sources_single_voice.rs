//! `plural-sources-single-voice` (information): "sources" in the plural speak one quotation.
//!
//! ## What it flags
//! An anonymous source phrase in the plural ("sources close to the team", "people familiar with
//! the talks") that is given a direct quotation.
//!
//! ## Why
//! "Sources say" in the plural needs more than one source (DOMAIN.md 1.4), and a verbatim quote
//! has exactly one speaker: which of the sources said it?
//!
//! ## Example
//! ```text
//! “We are done,” sources close to the band said.
//!                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ plural-sources-single-voice
//! ```
//!
//! ## Not flagged
//! Plural sources for a paraphrased claim, where several people can say the same thing. The
//! rule stays precise rather than guessing from paraphrase whether one voice is behind it.

use super::describe_source;
use crate::analysis::model::{QuoteKind, Related, SourceKind};
use crate::analysis::rules::{Context, Draft};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Draft>) {
    for src in cx
        .analysis
        .sources
        .iter()
        .filter(|s| s.kind == SourceKind::Anonymous && s.plural)
    {
        let quotes: Vec<Related> = src
            .quotes
            .iter()
            .filter_map(|&q| cx.analysis.quotes.get(q))
            .filter(|q| q.kind == QuoteKind::Speech)
            .map(|q| Related {
                span: q.span,
                message: "one voice, quoted word for word".to_string(),
            })
            .collect();
        if quotes.is_empty() {
            continue;
        }
        out.push(Draft {
            span: src.span,
            message: format!(
                "A word-for-word quotation is attributed to {} in the plural: say which one said it.",
                describe_source(cx.text(), src.span)
            ),
            related: quotes,
            fixes: Vec::new(),
        });
    }
}
