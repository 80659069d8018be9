//! The subject of a sentence's main clause, for cues whose subject is not on their left.
//!
//! A participle after a comma at the end of a clause ("Ortiz took aim at the plan on Monday,
//! saying …", "Vega chimed in on Twitter, writing …") takes the subject of the clause it hangs
//! off, not the noun right before the comma ("Monday", "Twitter"); so does a verb coordinated
//! with the clause's first ("Vega did not apologise, but said …"). No parser: the main clause's
//! subject is the person the sentence opens with, after any introductory phrase ("In a speech
//! in May, Ortiz …", "Later on Sunday, Vega …"): a name with its title ("Democratic nominee Ana
//! Ortiz"), an epithet the story links to a person ("the justice"), or a personal pronoun.

use super::lex;
use super::Cx;
use crate::analysis::model::MentionKind;

/// The most introductory phrases skipped before the subject ("Also, before the vote, Vega …").
const MAX_INTRODUCTIONS: usize = 2;

/// The most words of a title before the name ("Democratic presidential nominee Ana Ortiz").
const MAX_TITLE: usize = 6;

/// Whether the cue at `i`, in the sentence starting at `a`, is a participle right after a comma
/// that does not close a quotation: ", saying …", ", telling reporters …", ", writing …".
pub(super) fn is_closing_participle(cx: &Cx<'_, '_>, a: usize, i: usize) -> bool {
    let w = cx.low(i);
    w.len() > 4 && w.ends_with("ing") && i >= a + 2 && cx.text(i - 1) == "," && !cx.is_quote(i - 2)
}

/// For a closing participle at `i` (see [`is_closing_participle`]) in the sentence starting at
/// `a`: the subject of the main clause, as tokens `s..e` (see [`subject_before`]).
pub(super) fn participle_subject(cx: &Cx<'_, '_>, a: usize, i: usize) -> Option<(usize, usize)> {
    subject_before(cx, a, i - 1)
}

/// For a verb at `i` coordinated with the clause's first verb ("Ortiz paused and added …",
/// "Vega did not apologise, but said …", "He declined, and instead argued …"): the token of the
/// conjunction, adverbs between skipped.
pub(super) fn coordinating_conjunction(cx: &Cx<'_, '_>, a: usize, i: usize) -> Option<usize> {
    let mut j = i;
    while j > a && cx.is_word(j - 1) && (lex::is_aux_or_adverb(cx.low(j - 1)) || cx.low(j - 1) == "instead") {
        j -= 1;
    }
    j.checked_sub(1)
        .filter(|&conj| conj > a && matches!(cx.low(conj), "and" | "but"))
}

/// The subject of the main clause of the sentence starting at `a`, as tokens `s..e`, when the
/// sentence opens with a person and a verb (at least) stands between that person and `end`.
pub(super) fn subject_before(cx: &Cx<'_, '_>, a: usize, end: usize) -> Option<(usize, usize)> {
    let s = clause_start(cx, a, end)?;
    let (s, e) = person_at_start(cx, s, end)?;
    (e < end).then_some((s, e))
}

/// Where the main clause starts: after opening conjunctions and up to two introductory
/// phrases, each ending at a comma before `end` ("In a speech in May,", "Later on Sunday,").
fn clause_start(cx: &Cx<'_, '_>, a: usize, end: usize) -> Option<usize> {
    let mut s = a;
    for _ in 0..=MAX_INTRODUCTIONS {
        while s < end && cx.is_word(s) && matches!(cx.low(s), "but" | "and" | "so" | "yet" | "still" | "meanwhile") {
            s += 1;
        }
        let w = cx.low(s);
        let introduction = lex::is_preposition(w)
            || lex::is_time_word(w)
            || lex::is_clause_boundary(w)
            || matches!(w, "also" | "later" | "earlier" | "then" | "now" | "asked" | "meanwhile");
        if !introduction || (cx.is_word(s) && cx.mention.get(s).copied().flatten().is_some()) {
            return Some(s);
        }
        s = (s..end).find(|&k| cx.text(k) == ",")? + 1;
    }
    None
}

/// The person opening the clause at `s`, before `end`: a name or an epithet linked to a
/// person, after at most a few title words, or a personal pronoun. Not a possessive ("Ortiz's
/// aide").
fn person_at_start(cx: &Cx<'_, '_>, s: usize, end: usize) -> Option<(usize, usize)> {
    if matches!(cx.low(s), "he" | "she" | "they" | "we" | "i") {
        return Some((s, s + 1));
    }
    // The first name or epithet within a title's length that is not a possessive ("Ortiz's
    // lawyer Ana Vega": Vega).
    let mut k = s;
    while k < end.min(s + MAX_TITLE + 1) {
        let Some((person, kind)) = cx.mention.get(k).copied().flatten() else {
            k += 1;
            continue;
        };
        let mut e = k;
        while e < end && cx.mention.get(e).copied().flatten().is_some_and(|(p, _)| p == person) {
            e += 1;
        }
        let possessive = cx.low(e - 1).ends_with("'s") || cx.low(e - 1).ends_with("’s");
        if !possessive {
            // Only title words before the name: words or title abbreviations, no commas,
            // quotation marks or prepositions but "of" ("Secretary of State Ana Ortiz"); a
            // possessive pronoun ("his aides") is not the subject.
            let title = (s..k).all(|t| {
                (cx.is_word(t) && (!lex::is_preposition(cx.low(t)) || cx.low(t) == "of")) || cx.text(t) == "."
            });
            return (title && kind != MentionKind::Pronoun).then_some((s, e));
        }
        k = e;
    }
    None
}
