//! `missing-anonymity-reason` (information): an anonymous source, and no reason for anonymity.
//!
//! ## What it flags
//! The first mention of an anonymous source when neither its sentence nor its paragraph says why
//! it was granted anonymity ("who asked not to be named because the talks are private").
//!
//! ## Why
//! The AP and The New York Times require the story to tell readers why a source was not named.
//!
//! ## Example
//! ```text
//! The deal is dead, a senior aide said.
//!                   ^^^^^^^^^^^^^ missing-anonymity-reason
//! ```
//!
//! ## Not flagged
//! Later references to the same source ("the aide added"): the first mention carries the flag.
//!
//! ## One finding per problem
//! When `anonymous-source` is on at this rule's severity or above, its finding on the same source
//! already says this (its message names what is missing and its related information lists the
//! quotations), so this finding is folded into it. Turn `anonymous-source` off, or set it below
//! this rule, to see this rule's findings on their own.

use super::describe_source;
use crate::analysis::model::SourceKind;
use crate::analysis::rules::{Context, Draft};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Draft>) {
    let first_mentions = cx
        .analysis
        .sources
        .iter()
        .filter(|s| s.kind == SourceKind::Anonymous && s.antecedent.is_none());
    for src in first_mentions.filter(|s| s.reason.is_none()) {
        out.push(Draft {
            span: src.span,
            message: format!(
                "The story does not say why {} was granted anonymity.",
                describe_source(cx.text(), src.span)
            ),
            related: Vec::new(),
            fixes: Vec::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_util::check;
    use crate::analysis::{Format, RuleId};

    #[test]
    fn flags_first_mentions_without_a_reason_only() {
        check(
            include_str!("../../../tests/fixtures/attribution/flags_missing_reason.txt"),
            Format::Plain,
            &[RuleId::MissingAnonymityReason, RuleId::BoilerplateAnonymityReason],
        );
    }
}
