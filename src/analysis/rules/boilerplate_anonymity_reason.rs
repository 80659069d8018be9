//! `boilerplate-anonymity-reason` (hint): the reason given for anonymity is a stock phrase.
//!
//! ## What it flags
//! "Not authorized to speak publicly", "on condition of anonymity", "asked not to be named" when
//! they are the only reason the paragraph gives for an anonymous source.
//!
//! ## Why
//! A stock phrase is a justification, but a boilerplate one: editors prefer the real reason
//! ("because the negotiations are private", "for fear of losing her job").
//!
//! ## Example
//! ```text
//! An aide, who was not authorized to speak publicly, said the bill was dead.
//!                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ boilerplate-anonymity-reason
//! ```

use crate::analysis::model::SourceKind;
use crate::analysis::rules::{Context, Draft};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Draft>) {
    let mut seen = Vec::new();
    for src in cx
        .analysis
        .sources
        .iter()
        .filter(|s| s.kind == SourceKind::Anonymous && s.antecedent.is_none())
    {
        let Some(reason) = src.reason else { continue };
        if seen.contains(&reason) || !src.stock_reason {
            continue;
        }
        seen.push(reason);
        out.push(Draft {
            span: reason,
            message: format!(
                "“{}” is a stock reason: say why this source needed anonymity.",
                reason.of(cx.text())
            ),
            related: Vec::new(),
            fixes: Vec::new(),
        });
    }
}
