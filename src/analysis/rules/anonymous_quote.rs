//! `anonymous-quote` (warning): a quotation whose only speaker is an anonymous or vague source.
//!
//! ## What it flags
//! A quotation of speech whose speaker is a source the story does not name: anonymous ("a
//! source close to the couple says", "the insider adds", "according to a person familiar with
//! the talks") or vague ("critics say"), including a pronoun or epithet that refers back to one
//! and a quotation that carries over such a speaker. The related information points at the
//! source phrase.
//!
//! ## Why
//! Handbooks allow anonymous sources for information, rarely for quotation: a direct quote gives
//! an unnamed person the full weight of their own words, with nobody accountable for them, and
//! is where anonymous judgement ("she feels humiliated") slips in.
//!
//! ## Examples
//! ```text
//! Lindqvist felt “blindsided” by the vote, a source close to the organisers says.
//!                ^^^^^^^^^^^^ anonymous-quote
//! ```
//!
//! ## Not flagged
//! - Quotations by a named person, or a pronoun or epithet standing for one.
//! - Quotations with no speaker at all (that is `unattributed-quote`).
//! - Titles, nicknames and scare quotes.
//!
//! ## One finding per problem
//! When `anonymous-source` is on at this rule's severity or above, its finding on the same source
//! already says this (its message names what is missing and its related information lists the
//! quotations), so this finding is folded into it. Turn `anonymous-source` off, or set it below
//! this rule, to see this rule's findings on their own.

use crate::analysis::model::{QuoteKind, Related, SourceKind};
use crate::analysis::rules::{Context, Draft};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Draft>) {
    for q in &cx.analysis.quotes {
        let Some(speaker) = q.speaker.filter(|s| s.kind.is_unnamed()) else {
            continue;
        };
        if q.kind != QuoteKind::Speech {
            continue;
        }
        let (message, related) = match speaker.kind {
            SourceKind::Vague => (
                "This quotation is attributed only to an unnamed group.",
                "said by this unnamed group",
            ),
            _ => (
                "This quotation is attributed only to an anonymous source.",
                "said by this anonymous source",
            ),
        };
        out.push(Draft {
            span: q.span,
            message: message.to_string(),
            related: vec![Related {
                span: speaker.span,
                message: related.to_string(),
            }],
            fixes: Vec::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_util::{check, only};
    use crate::analysis::{analyze, Format, RuleId};

    const RULES: &[RuleId] = &[RuleId::UnattributedQuote, RuleId::AnonymousQuote];

    #[test]
    fn flags_quotes_by_anonymous_sources() {
        check(
            include_str!("../../../tests/fixtures/quotes/flags_anonymous_quote.md"),
            Format::Markdown,
            RULES,
        );
    }

    #[test]
    fn flags_a_scare_word_that_a_source_is_said_to_have_said() {
        check(
            "The actor felt “humiliated,” a source says.\n               ^^^^^^^^^^^^^ anonymous-quote\n",
            Format::Plain,
            RULES,
        );
    }

    #[test]
    fn points_at_the_source_phrase() {
        let text = "“It was over by March,” the insider adds.";
        let a = analyze(text, &only(Format::Plain, &[RuleId::AnonymousQuote]));
        let f = a
            .findings
            .iter()
            .find(|f| f.rule == RuleId::AnonymousQuote)
            .map(|f| (f.related[0].span.of(text), f.related[0].message.as_str()));
        assert_eq!(f, Some(("the insider", "said by this anonymous source")));
    }

    #[test]
    fn allows_named_and_pronoun_speakers() {
        check(
            include_str!("../../../tests/fixtures/quotes/attributed_clean.md"),
            Format::Markdown,
            RULES,
        );
    }

    #[test]
    fn allows_told_us_where_us_is_the_magazine() {
        check(
            "Vega told Us that the tour was “the best year of my life.”\n",
            Format::Plain,
            RULES,
        );
    }
}
