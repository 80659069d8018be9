//! `anonymous-source` (warning): a claim rests on a source the story does not name.
//!
//! ## What it flags
//! Every source phrase the attribution engine judges anonymous: a specific person or group whose
//! identity is withheld ("a source", "an insider", "two people familiar with the talks", "a senior
//! official"), including epithets and pronouns that refer back to one ("the insider adds").
//!
//! ## Why
//! AP, Reuters and The New York Times allow anonymous sources only as a last resort, and ask that
//! the reader learn as much as possible about who they are and why they are not named. Every
//! claim that rests on one is something an editor has to approve.
//!
//! ## Example
//! ```text
//! The actor is moving to Lisbon, a source tells the Ledger.
//!                                ^^^^^^^^ anonymous-source
//! ```
//!
//! A later reference to a source already flagged ("the insider adds") in the same paragraph or
//! the next is not flagged again: the first mention's finding lists it ("the same source
//! again") with the claims and quotations resting on it. Editors judged such nearby repeats
//! noise in every field test. A reference further on gets one short finding that points back to
//! the first mention, which alone lists what is missing and offers the fix.
//!
//! ## Not flagged
//! Named people, pronouns for them, institutions ("police said"), documents ("court papers
//! show"), and vague crowds ("critics say", which `vague-attribution` covers). A role the story
//! names is named too: an appositive of a name ("Claudia Ferro, a friend, said"), or a role
//! phrase whose holder the story names by the same job ("a spokeswoman for the board said …"
//! and, in the next paragraph, "…, said Mara Lindqvist, the board's spokeswoman"). "Another
//! aide", "an unnamed adviser" and a stated reason for anonymity keep a phrase anonymous.

use super::describe_source;
use crate::analysis::model::{Fix, Related, Source, SourceKind, Span};
use crate::analysis::rules::{Context, Draft};

/// What a finding's related information calls a nearby back-reference folded into it; `run`'s
/// folding treats the span as the flagged source's own.
pub(super) const SAME_SOURCE_AGAIN: &str = "the same source again";

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Draft>) {
    let text = cx.text();
    let sources = &cx.analysis.sources;
    let paragraph = |span: Span| cx.doc.paragraphs.partition_point(|p| p.span.end <= span.start);
    // Nearby back-references, by the index of the source they point back to.
    let mut again: Vec<Vec<&Source>> = vec![Vec::new(); sources.len()];
    let mut folded = vec![false; sources.len()];
    for (i, src) in sources.iter().enumerate() {
        if src.kind != SourceKind::Anonymous {
            continue;
        }
        if let Some(r) = src.antecedent.filter(|&r| r != i) {
            let near = sources
                .get(r)
                .is_some_and(|root| paragraph(src.span) <= paragraph(root.span) + 1);
            if near {
                again[r].push(src);
                folded[i] = true;
            }
        }
    }
    for (i, src) in sources.iter().enumerate().filter(|(_, s)| s.kind == SourceKind::Anonymous) {
        if folded[i] {
            continue;
        }
        let root = src.antecedent.and_then(|r| sources.get(r)).unwrap_or(src);
        let mut missing = Vec::new();
        if root.vantage.is_none() {
            missing.push("how they would know");
        }
        if root.reason.is_none() {
            missing.push("why they were not named");
        }
        // A back-reference ("the insider adds") gets one short finding pointing back: the first
        // mention carries what is missing and the fix.
        let repeat = src.antecedent.is_some() && !std::ptr::eq(root, src);
        let message = if repeat {
            format!(
                "{} is the anonymous source first mentioned as {}; that finding says what is missing.",
                describe_source(text, src.span),
                describe_source(text, root.span)
            )
        } else if missing.is_empty() {
            format!(
                "This rests on an anonymous source, {}: the story does not name them.",
                describe_source(text, src.span)
            )
        } else {
            format!(
                "This rests on an anonymous source, {}: the story does not name them or say {}.",
                describe_source(text, src.span),
                missing.join(" or ")
            )
        };
        let mut related = resting_on(cx, src);
        for later in &again[i] {
            related.push(Related {
                span: later.span,
                message: SAME_SOURCE_AGAIN.to_string(),
            });
            related.extend(resting_on(cx, later));
        }
        if let Some(r) = src.antecedent.and_then(|r| cx.analysis.sources.get(r)) {
            related.push(Related {
                span: r.span,
                message: "the same source, introduced here".to_string(),
            });
        }
        out.push(Draft {
            span: src.span,
            message,
            related,
            fixes: if repeat {
                Vec::new()
            } else {
                skeleton(text, root).into_iter().collect()
            },
        });
    }
}

/// The quotations resting on `src`, or else its claim.
fn resting_on(cx: &Context<'_>, src: &Source) -> Vec<Related> {
    let mut related: Vec<Related> = src
        .quotes
        .iter()
        .filter_map(|&q| cx.analysis.quotes.get(q))
        .map(|q| Related {
            span: q.span,
            message: "quotation from this source".to_string(),
        })
        .collect();
    if related.is_empty() {
        if let Some(claim) = src.claim {
            related.push(Related {
                span: claim,
                message: "claim resting on this source".to_string(),
            });
        }
    }
    related
}

/// The fix: right after the source's first mention, a skeleton of what the story owes the
/// reader, with bracketed placeholders: how the source would know, and why anonymity was
/// granted. Only the missing parts; nothing when neither is missing.
fn skeleton(text: &str, root: &Source) -> Option<Fix> {
    let mut insert = String::new();
    if root.vantage.is_none() {
        insert.push_str(" familiar with [what they know, and how]");
    }
    if root.reason.is_none() {
        insert.push_str(", who spoke on condition of anonymity because [why they could not be named]");
        // Close the aside unless punctuation already follows.
        if !text
            .get(root.span.end..)
            .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_punctuation()))
        {
            insert.push(',');
        }
    }
    (!insert.is_empty()).then(|| Fix {
        ignore: false,
        title: "Say how the source would know and why they were not named".to_string(),
        edits: vec![(Span::new(root.span.end, root.span.end), insert)],
    })
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_util::{check, check_clean};
    use crate::analysis::{Format, RuleId};

    const RULE: &[RuleId] = &[RuleId::AnonymousSource];

    #[test]
    fn flags_every_cue_form() {
        check(
            include_str!("../../../tests/fixtures/attribution/flags_cue_forms.md"),
            Format::Markdown,
            RULE,
        );
    }

    #[test]
    fn flags_epithets_and_pronouns_that_refer_back() {
        check(
            include_str!("../../../tests/fixtures/attribution/flags_back_references.txt"),
            Format::Plain,
            RULE,
        );
    }

    #[test]
    fn allows_named_institutional_and_document_sources() {
        check_clean(
            include_str!("../../../tests/fixtures/attribution/named_sources_clean.txt"),
            Format::Plain,
        );
    }

    #[test]
    fn allows_the_word_source_when_it_is_not_a_person() {
        check_clean(
            include_str!("../../../tests/fixtures/attribution/source_word_clean.txt"),
            Format::Plain,
        );
    }

    #[test]
    fn allows_anything_inside_markdown_code() {
        check_clean(
            include_str!("../../../tests/fixtures/attribution/markdown_code_clean.md"),
            Format::Markdown,
        );
    }

    #[test]
    fn the_fix_leaves_a_skeleton_for_vantage_and_reason_after_the_source() {
        let text = "The ferry will stop in May, a source said.\n";
        let out = crate::analysis::rules::test_util::fixed(text, Format::Plain, RuleId::AnonymousSource);
        assert_eq!(
            out,
            "The ferry will stop in May, a source familiar with [what they know, and how], who spoke on \
             condition of anonymity because [why they could not be named], said.\n"
        );
    }
}
