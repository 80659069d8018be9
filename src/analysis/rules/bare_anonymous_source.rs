//! `bare-anonymous-source` (information): an anonymous source with no description at all.
//!
//! ## What it flags
//! "A source", "an insider", "sources", "a second insider": the first mention of an anonymous
//! source that says nothing about who they are or why they would know.
//!
//! ## Why
//! Handbooks ask that an anonymous source be described as specifically as possible ("a source
//! close to the couple", "an aide who attended the meeting"): a bare "a source" is the weakest form.
//!
//! ## Example
//! ```text
//! The couple have split, a source says.
//!                        ^^^^^^^^ bare-anonymous-source
//! ```
//!
//! ## Not flagged
//! Sources with a vantage ("a source close to the couple") or a qualifier ("a senior official"),
//! and later references to an already introduced source.
//!
//! ## One finding per problem
//! When `anonymous-source` is on at this rule's severity or above, its finding on the same source
//! already says this (its message names what is missing and its related information lists the
//! quotations), so this finding is folded into it. Turn `anonymous-source` off, or set it below
//! this rule, to see this rule's findings on their own.

use super::describe_source;
use crate::analysis::model::SourceKind;
use crate::analysis::rules::{Context, Draft};

/// Words that add nothing about who a source is.
fn is_empty_word(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "one"
            | "another"
            | "second"
            | "third"
            | "two"
            | "three"
            | "several"
            | "some"
            | "anonymous"
            | "unnamed"
            | "single"
            | "other"
    )
}

/// Heads that carry no role: "source", "insider", "pal".
fn is_bare_head(w: &str) -> bool {
    matches!(
        w,
        "source"
            | "sources"
            | "insider"
            | "insiders"
            | "pal"
            | "pals"
            | "tipster"
            | "tipsters"
            | "someone"
            | "somebody"
    )
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Draft>) {
    for src in cx
        .analysis
        .sources
        .iter()
        .filter(|s| s.kind == SourceKind::Anonymous && s.antecedent.is_none())
    {
        if src.vantage.is_some() {
            continue;
        }
        let words: Vec<String> = src
            .span
            .of(cx.text())
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let Some((head, rest)) = words.split_last() else {
            continue;
        };
        if !is_bare_head(head) || !rest.iter().all(|w| is_empty_word(w)) {
            continue;
        }
        out.push(Draft {
            span: src.span,
            message: format!(
                "{} says nothing about who this is or how they would know: describe them, for example “a source close to the family”.",
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
    fn flags_sources_with_no_vantage_or_qualifier() {
        check(
            include_str!("../../../tests/fixtures/attribution/flags_bare.txt"),
            Format::Plain,
            &[RuleId::BareAnonymousSource],
        );
    }
}
