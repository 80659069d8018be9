//! Source phrases: the subject left of a cue, or the phrase right of an inverted cue.
//!
//! No parser: the subject is the clause prefix before the verb, cut at clause openers ("that",
//! "but", ";", a quotation mark), split at commas, with parenthetical chunks ("however", "in an
//! interview", "who asked not to be named") skipped. A bare name followed by an appositive
//! ("Vega, the party's treasurer, said") is kept whole.

use super::lex;
use super::Cx;

/// The most tokens a subject phrase may have.
const MAX_SUBJECT: usize = 24;

/// Parenthetical chunks between a subject and its verb.
fn is_parenthetical_word(w: &str) -> bool {
    matches!(
        w,
        "however"
            | "meanwhile"
            | "too"
            | "though"
            | "also"
            | "instead"
            | "indeed"
            | "moreover"
            | "furthermore"
            | "nevertheless"
            | "still"
            | "then"
            | "now"
            | "later"
            | "previously"
            | "earlier"
            | "again"
            | "apparently"
            | "reportedly"
            | "allegedly"
            | "similarly"
            | "likewise"
            | "separately"
            | "otherwise"
            | "yes"
            | "no"
            | "well"
            | "so"
            | "today"
            | "yesterday"
    )
}

/// Words that open a sentence without being part of the subject.
fn is_opening_adverb(w: &str) -> bool {
    matches!(
        w,
        "but" | "and" | "so" | "yet" | "still" | "now" | "meanwhile" | "however" | "also" | "instead" | "indeed" | "then" | "or"
    )
}

/// The subject phrase ending right before cue `i` (auxiliaries and adverbs skipped), as tokens
/// `s..e`; `None` when the verb has no subject on its left (an inverted or participial cue).
pub(super) fn left_subject(cx: &Cx<'_, '_>, a: usize, i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    while j > a && cx.is_word(j - 1) && lex::is_aux_or_adverb(cx.low(j - 1)) {
        j -= 1;
    }
    if j == a {
        return None;
    }
    let prev = j - 1;
    if cx.is_quote(prev) || (cx.text(prev) == "," && (prev == a || cx.is_quote(prev - 1))) {
        return None;
    }
    let mut s = j;
    while s > a {
        let t = s - 1;
        let txt = cx.text(t);
        let boundary = if cx.is_word(t) {
            lex::is_clause_boundary(cx.low(t))
        } else {
            cx.is_quote(t) || matches!(txt, ";" | ":" | "(" | ")" | "—" | "–" | "[" | "]" | "-")
        };
        if boundary || j - s >= 60 {
            break;
        }
        s -= 1;
    }
    let chunks = split_commas(cx, s, j);
    let mut pick = None;
    for (k, &(cs, ce)) in chunks.iter().enumerate().rev() {
        if ce <= cs || is_parenthetical(cx, cs, ce) {
            continue;
        }
        pick = Some((k, cs, ce));
        break;
    }
    let (k, mut cs, ce) = pick?;
    // "Vega, the party's treasurer, said": keep the name with its appositive.
    if k > 0 && matches!(cx.low(cs), "the" | "a" | "an") {
        let (ps, pe) = chunks[k - 1];
        if pe > ps && pe - ps <= 5 && (ps..pe).all(|t| cx.is_capitalized(t) || !cx.is_word(t)) {
            cs = ps;
        }
    }
    while cs < ce && cx.is_word(cs) && is_opening_adverb(cx.low(cs)) {
        cs += 1;
    }
    valid_phrase(cx, cs, ce).then_some((cs, ce))
}

/// The phrase starting at token `s` and running to the next punctuation, `that` or time word:
/// `said [a source close to the couple].`, `according to [the source],`.
pub(super) fn right_phrase(cx: &Cx<'_, '_>, s: usize, b: usize) -> Option<(usize, usize)> {
    if s >= b || !cx.is_word(s) || lex::is_time_word(cx.low(s)) {
        return None;
    }
    let mut e = s;
    while e < b && e - s < MAX_SUBJECT {
        let stop = if cx.is_word(e) {
            e > s && matches!(cx.low(e), "that" | "on" | "in" | "during" | "after" | "before" | "when" | "while" | "as" | "because")
                && !(cx.low(e) == "in" && e > s && lex::LEX.anonymous_heads.contains(cx.low(e - 1)))
        } else {
            !matches!(cx.text(e), "'" | "’" | "-" | "&" | ".") || cx.text(e) == "."
        };
        if stop {
            break;
        }
        e += 1;
    }
    valid_phrase(cx, s, e).then_some((s, e))
}

/// Splits tokens `s..e` at commas into chunks.
fn split_commas(cx: &Cx<'_, '_>, s: usize, e: usize) -> Vec<(usize, usize)> {
    let mut chunks = Vec::new();
    let mut start = s;
    for t in s..e {
        if cx.text(t) == "," {
            chunks.push((start, t));
            start = t + 1;
        }
    }
    chunks.push((start, e));
    chunks
}

/// A chunk that is not the subject: an adverb, a prepositional phrase, a relative clause.
fn is_parenthetical(cx: &Cx<'_, '_>, s: usize, e: usize) -> bool {
    let first = cx.low(s);
    if e - s <= 2 && (s..e).all(|t| is_parenthetical_word(cx.low(t)) || lex::is_aux_or_adverb(cx.low(t))) {
        return true;
    }
    matches!(first, "who" | "which" | "whose" | "where" | "when" | "whom" | "according" | "speaking" | "asked" | "citing")
        || lex::is_preposition(first)
}

/// A plausible source phrase: short, made of words, not opening with a preposition or a verb.
fn valid_phrase(cx: &Cx<'_, '_>, s: usize, e: usize) -> bool {
    if e <= s || e - s > MAX_SUBJECT {
        return false;
    }
    let first = cx.low(s);
    if lex::is_preposition(first) || lex::is_clause_boundary(first) {
        return false;
    }
    (s..e).any(|t| cx.is_word(t)) && !(s..e).any(|t| cx.is_quote(t) && !matches!(cx.text(t), "’" | "'"))
}
