//! People the story itself calls anonymous: "Anonymous blogger", "an unnamed official", "an
//! unidentified aide". They are anonymous sources whatever verb (or none) goes with them.
//!
//! Runs after the cue pass and only adds phrases no cue already took. A capitalised word after
//! "Anonymous" is a name ("the collective Anonymous Ops"), not a person withheld.
//!
//! Measured and rejected: treating every aide, official or lawyer who is the subject of any verb
//! ("aides were coy", "lawyers filed papers") as a source found a few more gold sources on
//! PolNeAR but flagged dozens of people who only act ("officers encountered Scott"): precision
//! first.

use super::classify::classify;
use super::lex;
use super::{source, Cx};
use crate::analysis::model::{Source, SourceKind};

/// Adds to `extra` the explicitly anonymous people of sentence `si` that no source in `found`
/// (sorted by start) already covers.
pub(super) fn find_in_sentence(cx: &Cx<'_, '_>, si: usize, found: &[Source], extra: &mut Vec<Source>) {
    let Some(sentence) = cx.doc.sentences.get(si) else {
        return;
    };
    let (a, b) = (sentence.tokens.start, sentence.tokens.end);
    for h in a..b {
        if !matches!(cx.low(h), "anonymous" | "unnamed" | "unidentified")
            || cx.in_quote.get(h).copied().unwrap_or(false)
        {
            continue;
        }
        // "an unnamed senior official": up to two lowercase words, the last one the head.
        let mut e = h + 1;
        while e < b && e < h + 3 && cx.is_word(e) && !cx.is_capitalized(e) && !is_function_word(cx.low(e)) {
            e += 1;
        }
        if e == h + 1 {
            continue;
        }
        let s = if h > a && matches!(cx.low(h - 1), "a" | "an" | "the" | "one" | "two" | "several") {
            h - 1
        } else {
            h
        };
        let phrase = cx.span(s, e);
        let near = found.partition_point(|o| o.span.end <= phrase.start);
        if found[near..]
            .iter()
            .take_while(|o| o.span.start < phrase.end)
            .any(|o| o.span.overlaps(phrase))
        {
            continue;
        }
        let mut src = source(phrase, SourceKind::Anonymous, None, None);
        if let Some((_, _, c)) = classify(cx, s, e) {
            src.vantage = c.vantage;
            src.plural = c.plural;
        }
        extra.push(src);
    }
}

fn is_function_word(w: &str) -> bool {
    lex::is_preposition(w) || lex::is_clause_boundary(w) || lex::is_determiner(w) || super::classify::is_verbish(w)
}
