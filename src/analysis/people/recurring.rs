//! People named by one word only, found by how the story keeps referring to them: a word the
//! lists do not know ("Pachomius", "Byron" in a biography) that recurs and is followed, before
//! any other name, by "he", "she", "his" or "her", and never by "it" or "its", nor written
//! after "in", "at" or "near" as places are, nor going on from a capitalised word ("New York").

use crate::analysis::segment::{Document, TokenKind};

use super::lists::{lists, lower, FastMap, FastSet};
use super::mentions::{build, NameMention};
use super::runs::{before, candidate, is_title, runs};
use super::tokens::Shape;

/// What the occurrences of one word say.
#[derive(Default)]
struct Tally {
    seen: usize,
    personal: usize,
    against: usize,
    first: Option<NameMention>,
}

/// One-word names supported by recurring personal pronouns, one mention each (propagation
/// finds the rest).
pub fn find(doc: &Document<'_>, shapes: &[Shape], found: &[NameMention]) -> Vec<NameMention> {
    let l = lists();
    let mut tally: FastMap<String, Tally> = FastMap::default();
    let taken: FastSet<usize> = found.iter().map(|f| f.span.start).collect();
    for s in &doc.sentences {
        for run in runs(doc, shapes, s.tokens.clone()) {
            let Some(c) = candidate(doc, run.clone()) else {
                continue;
            };
            let m = build(doc, shapes, &c);
            let [w] = m.words.as_slice() else {
                continue;
            };
            let word = lower(shapes[*w].name.of(&doc.text)).into_owned();
            let listed = [&l.places, &l.nonperson, &l.common, &l.stopwords]
                .iter()
                .any(|set| set.contains(&word))
                || l.roles.contains_key(&word)
                || l.titles.contains_key(&word)
                || l.prefixes.contains_key(&word);
            if listed || c.modifier || !name_like(&word, shapes[*w].name.of(&doc.text)) || taken.contains(&m.span.start)
            {
                continue;
            }
            let t = tally.entry(word).or_default();
            t.seen += 1;
            match follow(doc, shapes, run.end, s.paragraph) {
                Some(true) => t.personal += 1,
                Some(false) => t.against += 1,
                None => {}
            }
            let place = before(doc, run.start).is_some_and(|p| {
                matches!(
                    doc.lower(p),
                    "in" | "at"
                        | "near"
                        | "from"
                        | "the"
                        | "a"
                        | "an"
                        | "his"
                        | "her"
                        | "their"
                        | "its"
                        | "our"
                        | "my"
                        | "your"
                )
            });
            // "New York, where she grew up", "UC Berkeley": a word that goes on from a
            // capitalised word the run left out (not a title, "Lord Byron", nor the sentence's
            // first word, "In Byron's") ends a longer name.
            let continues = before(doc, run.start).is_some_and(|p| {
                p + 1 == run.start
                    && shapes[p].cap
                    && !shapes[p].line_start
                    && !is_title(doc, p)
                    && (s.tokens.start..p).any(|i| doc.tokens[i].kind == TokenKind::Word)
            });
            t.against += usize::from(place && !shapes[*w].possessive) + usize::from(continues);
            t.first.get_or_insert(m);
        }
    }
    tally
        .into_values()
        .filter(|t| {
            (t.personal >= 2 && t.personal > 2 * t.against) || (t.personal == 1 && t.against == 0 && t.seen >= 3)
        })
        .filter_map(|t| t.first)
        .collect()
}

/// A word shaped like a name: three letters or more, no abstract-noun ending ("Scientology"),
/// no capital inside except after Mc, Mac, De, Le, La, Di or O' ("YouTube" is not one).
fn name_like(lower: &str, word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ology", "ism", "ity", "tion", "ment", "ness", "ics", "ship", "ance", "ence", "ing",
    ];
    let inner_cap = word
        .char_indices()
        .skip(1)
        .find(|(_, c)| c.is_uppercase())
        .map(|(i, _)| i);
    let prefix_ok = inner_cap.is_none_or(|i| {
        let head = word.get(..i).unwrap_or("");
        ["Mc", "Mac", "De", "Le", "La", "Di", "Da", "O'", "O’", "Van", "Von"].contains(&head)
    });
    lower.chars().count() >= 3 && !ENDINGS.iter().any(|e| lower.ends_with(e)) && prefix_ok
}

/// The first pronoun after token `from` in its paragraph, before any other capitalised word:
/// `Some(true)` for a personal one, `Some(false)` for "it"/"its".
fn follow(doc: &Document<'_>, shapes: &[Shape], from: usize, paragraph: usize) -> Option<bool> {
    let l = lists();
    let end = (from + 15).min(doc.tokens.len());
    for (i, (t, sh)) in doc.tokens.iter().zip(shapes).enumerate().take(end).skip(from) {
        if doc.paragraph_at(t.span.start) != Some(paragraph) {
            return None;
        }
        let w = doc.lower(i);
        if l.pronouns.contains_key(w) {
            return Some(true);
        }
        if matches!(w, "it" | "its") {
            return Some(false);
        }
        if sh.cap && !sh.stop {
            return None;
        }
    }
    None
}
