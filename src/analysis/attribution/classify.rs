//! Judging a source phrase: named, pronoun, anonymous, vague, institution or document.
//!
//! The phrase splits into a pre-head part ("two senior Clinton") and a post-modifier that gives
//! the source's vantage ("close to the couple", "familiar with the talks", "for the agency").
//! The head noun decides: a person mention from the people engine is named; "source", "aide",
//! "official" are anonymous whatever their number; "critics", "experts", "Republicans" are vague
//! unless counted ("one Republican", "two lawmakers"); "police", "the campaign" are institutions;
//! "a report", "court papers" are documents.

use super::lex::{self, LEX};
use super::Cx;
use crate::analysis::model::{MentionKind, SourceKind, Span};

pub(super) struct Class {
    pub kind: SourceKind,
    pub vantage: Option<Span>,
    pub person: Option<usize>,
    pub plural: bool,
}

/// Classifies tokens `s..e`; `None` when the phrase is not recognisably a source.
pub(super) fn classify(cx: &Cx<'_, '_>, s: usize, e: usize) -> Option<Class> {
    let mut m = s + 1;
    while m < e && !(cx.is_word(m) && lex::starts_postmodifier(cx.low(m)) && !lex::is_determiner(cx.low(m - 1))) {
        m += 1;
    }
    // "one of the docs", "many of her closest advisers": the head is inside the "of" phrase.
    if m < e && cx.low(m) == "of" && m == s + 1 && is_quantifier(cx.low(s)) {
        let mut inner = classify(cx, m + 1, e)?;
        if inner.kind == SourceKind::Vague && lex::is_counting_determiner(cx.low(s)) {
            inner.kind = SourceKind::Anonymous;
        }
        return Some(inner);
    }
    let head = (s..m).rev().find(|&t| cx.is_word(t))?;
    let vantage = (m < e).then(|| cx.span(m, e));
    let hl = cx.low(head);
    let plural = is_plural(hl);
    let class = |kind| {
        Some(Class {
            kind,
            vantage,
            person: None,
            plural,
        })
    };
    if let Some((person, mk)) = cx.mention.get(head).copied().flatten() {
        let kind = if mk == MentionKind::Pronoun { SourceKind::Pronoun } else { SourceKind::Named };
        return Some(Class {
            kind,
            vantage,
            person: Some(person),
            plural: false,
        });
    }
    if lex::is_pronoun(hl) && head == s {
        return class(SourceKind::Pronoun);
    }
    let counted = is_counted(cx, s, head);
    if LEX.anonymous_heads.contains(hl) {
        return class(SourceKind::Anonymous);
    }
    if LEX.group_heads.contains(hl) {
        let specific = counted || vantage_is_specific(cx, m, e);
        return class(if specific { SourceKind::Anonymous } else { SourceKind::Vague });
    }
    if LEX.document_heads.contains(hl) {
        return class(SourceKind::Document);
    }
    if LEX.institution_heads.contains(hl) {
        return class(SourceKind::Institution);
    }
    if LEX.role_heads.contains(hl) {
        return class(SourceKind::Anonymous);
    }
    if lex::is_unique_office(hl) && cx.low(s) == "the" {
        return class(SourceKind::Named);
    }
    if cx.is_capitalized(head) {
        let the = cx.low(s) == "the";
        let words = (s..m).filter(|&t| cx.is_word(t)).count();
        let all_caps = (s..m).filter(|&t| cx.is_word(t)).all(|t| cx.is_capitalized(t));
        return if !the && all_caps && words <= 4 {
            class(SourceKind::Named)
        } else {
            class(SourceKind::Institution)
        };
    }
    None
}

fn is_quantifier(w: &str) -> bool {
    matches!(w, "one" | "two" | "three" | "some" | "many" | "most" | "several" | "few" | "all" | "each" | "none" | "both" | "any" | "dozens")
}

fn is_plural(w: &str) -> bool {
    matches!(w, "people" | "police" | "spokespeople" | "others" | "some" | "many" | "several")
        || (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us"))
}

/// A counted phrase ("one analyst", "two senior lawmakers", "at least one Democrat") names a
/// specific group, not a crowd.
fn is_counted(cx: &Cx<'_, '_>, s: usize, head: usize) -> bool {
    (s..head).any(|t| lex::is_counting_determiner(cx.low(t)))
}

/// "experts I interviewed", "voters who attended": a post-modifier that pins the group down.
fn vantage_is_specific(cx: &Cx<'_, '_>, m: usize, e: usize) -> bool {
    m < e && matches!(cx.low(m), "i" | "we" | "who" | "in" | "at" | "close" | "familiar" | "briefed")
}
