//! Document-level propagation: once "Ana Ortiz" is found, every other "Ortiz", "Ana",
//! "Ortiz’s", "ORTIZ" and "Ana Ortiz" in the document is a mention too.

use crate::analysis::model::Span;
use crate::analysis::segment::{Document, TokenKind};

use super::lists::{lists, FastMap, FastSet};
use super::mentions::{build, NameMention};
use super::runs::{candidate, month_after_preposition, runs};
use super::tokens::Shape;
use crate::analysis::text::{fold, one_edit};

/// Lowercase name words the found mentions make known: given names, surnames, whole names.
struct Keys {
    words: FastSet<String>,
    /// Given names: not propagated at the start of a sentence when also a common word.
    given: FastSet<String>,
    full: FastSet<Vec<String>>,
    /// Surnames of full names, for variant spellings.
    surnames: FastSet<String>,
    /// The same surnames by first letter.
    by_initial: FastMap<char, Vec<String>>,
}

fn keys(doc: &Document<'_>, shapes: &[Shape], found: &[NameMention]) -> Keys {
    let mut k = Keys {
        words: FastSet::default(),
        given: FastSet::default(),
        full: FastSet::default(),
        surnames: FastSet::default(),
        by_initial: FastMap::default(),
    };
    for m in found {
        let words: Vec<String> = m.words.iter().map(|&i| fold(shapes[i].name.of(&doc.text))).collect();
        if let (Some(first), Some(last)) = (words.first(), words.last()) {
            k.words.insert(last.clone());
            if words.len() >= 2 {
                k.words.insert(first.clone());
                k.given.insert(first.clone());
                k.surnames.insert(last.clone());
                // "Aung San Suu Kyi" makes "Suu Kyi" and "San Suu Kyi" known too.
                for from in 0..words.len() - 1 {
                    k.full.insert(words[from..].to_vec());
                }
            }
        }
    }
    for s in &k.surnames {
        if let Some(c) = s.chars().next() {
            k.by_initial.entry(c).or_default().push(s.clone());
        }
    }
    k
}

/// `found` plus every other occurrence of a known name, sorted by position, without overlaps.
pub fn propagate(doc: &Document<'_>, shapes: &[Shape], found: Vec<NameMention>) -> Vec<NameMention> {
    let k = keys(doc, shapes, &found);
    let l = lists();
    let taken: FastSet<usize> = found.iter().map(|m| m.span.start).collect();
    let mut out = found;
    for s in &doc.sentences {
        for run in runs(doc, shapes, s.tokens.clone()) {
            let Some(c) = candidate(doc, run) else {
                continue;
            };
            let m = build(doc, shapes, &c);
            if taken.contains(&m.span.start) || m.words.is_empty() {
                continue;
            }
            let words: Vec<String> = m.words.iter().map(|&i| fold(shapes[i].name.of(&doc.text))).collect();
            // "take place in May": a month after a word of time is a date, even when a person
            // in the story is called May.
            if place_after(doc, c.tokens.end) || (m.words.len() == 1 && month_after_preposition(doc, m.words[0])) {
                continue;
            }
            let hit = match words.as_slice() {
                [w] if !k.words.contains(w) => variant_of_surname(&k, w, &m, shapes),
                [w] => {
                    let sentence_start = c.tokens.start == s.tokens.start;
                    k.words.contains(w)
                        && !(sentence_start && k.given.contains(w) && !k.surnames.contains(w) && l.common.contains(w))
                }
                _ => k.full.contains(&words),
            };
            if hit {
                out.push(m);
            }
        }
    }
    capitals(doc, shapes, &k, &mut out);
    out.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut last_end = 0;
    out.retain(|m| {
        let keep = m.span.start >= last_end;
        if keep {
            last_end = m.span.end;
        }
        keep
    });
    out
}

/// Headline capitals: "ORTIZ", "ANA ORTIZ".
fn capitals(doc: &Document<'_>, shapes: &[Shape], k: &Keys, out: &mut Vec<NameMention>) {
    let mut i = 0;
    while i < doc.tokens.len() {
        if !(shapes[i].allcaps && doc.tokens[i].kind == TokenKind::Word) {
            i += 1;
            continue;
        }
        let w0 = fold(shapes[i].name.of(&doc.text));
        let w1 = (!shapes[i].possessive && shapes.get(i + 1).is_some_and(|s| s.allcaps && !s.line_start))
            .then(|| fold(shapes[i + 1].name.of(&doc.text)));
        let len = match w1 {
            Some(ref w1) if k.full.contains(&vec![w0.clone(), w1.clone()]) => 2,
            _ if k.words.contains(&w0) && !lists().stopwords.contains(&w0) => 1,
            _ => 0,
        };
        if len > 0 {
            let last = shapes[i + len - 1].name;
            out.push(NameMention {
                span: Span::new(doc.tokens[i].span.start, last.end),
                tokens: i..i + len,
                words: (i..i + len).collect(),
                title: None,
                title_gender: None,
                role: None,
                allcaps: true,
            });
        }
        i += len.max(1);
    }
}

/// "Austin, Texas": a comma and a place after the word.
fn place_after(doc: &Document<'_>, next: usize) -> bool {
    doc.token_text(next) == "," && lists().places.contains(doc.lower(next + 1))
}

/// "Ortis" when "Ana Ortiz" is known: a lone word one letter off a full name's surname that
/// the census does not list as a frequent surname (the cluster step ties it to that person
/// and `name-variant` reports it).
fn variant_of_surname(k: &Keys, w: &str, m: &NameMention, shapes: &[Shape]) -> bool {
    let l = lists();
    let same_initial = w
        .chars()
        .next()
        .and_then(|c| k.by_initial.get(&c))
        .map_or(&[][..], Vec::as_slice);
    let candidates = same_initial.iter().filter(|s| s.len().abs_diff(w.len()) <= 1);
    let listed = l.stopwords.contains(w) || l.nonperson.contains(w) || l.places.contains(w) || l.common.contains(w);
    !listed
        && !shapes[m.words[0]].allcaps
        && candidates.clone().next().is_some()
        && !super::gazetteer::lookup(w).surname_within(10_000)
        && candidates.into_iter().any(|s| one_edit(s, w))
}
