//! Name mentions: which candidate runs are people, judged on the gazetteer and on context.
//!
//! A candidate scores points for each piece of evidence: a known first name, a known surname,
//! a middle initial, a title or role before it, a speech verb next to it, an age appositive
//! ("Ortiz, 41,"), a results-table layout ("1. Ana Ortiz (Spain) 25.7"). It loses points after
//! "the" and when a word is also a common word at the start of a sentence. Anything containing
//! an organisation, place or calendar word is not a person. A candidate needs 3 points.

use std::ops::Range;

use crate::analysis::model::{Gender, Span};
use crate::analysis::segment::{Document, TokenKind};

use super::gazetteer::lookup;
use super::lists::{lists, lower};
use super::runs::{before, candidate, is_title, runs, Candidate};
use super::tokens::Shape;

/// One mention of a person by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameMention {
    /// The name only: no title, no possessive ending.
    pub span: Span,
    /// Tokens of the name (possessive token included).
    pub tokens: Range<usize>,
    /// The name words: no particles, initials, suffixes or periods.
    pub words: Vec<usize>,
    /// A title before the name, and the sex it implies.
    pub title: Option<usize>,
    pub title_gender: Option<Gender>,
    /// A role noun before the name ("forward", "actress").
    pub role: Option<usize>,
    /// Written in capitals (a headline).
    pub allcaps: bool,
}

impl NameMention {
    /// Two name words or more: a full name.
    pub fn is_full(&self) -> bool {
        self.words.len() >= 2
    }
}

/// Points a candidate needs to be taken as a person.
const THRESHOLD: i32 = 3;

/// Every name mention found from evidence (before propagation), in document order.
pub fn detect(doc: &Document<'_>, shapes: &[Shape]) -> Vec<NameMention> {
    let mut out = Vec::new();
    for s in &doc.sentences {
        for run in runs(doc, shapes, s.tokens.clone()) {
            let Some(c) = candidate(doc, run) else {
                continue;
            };
            let m = build(doc, shapes, &c);
            if m.words.is_empty() {
                continue;
            }
            if score(doc, shapes, &c, &m, s.tokens.start) >= THRESHOLD {
                out.push(m);
            }
        }
    }
    out
}

/// The mention a candidate would make.
pub fn build(doc: &Document<'_>, shapes: &[Shape], c: &Candidate) -> NameMention {
    let mut words = Vec::new();
    let mut end = c.tokens.start;
    for i in c.tokens.clone() {
        let sh = shapes[i];
        if doc.tokens[i].kind == TokenKind::Word {
            end = i;
            if !(sh.particle || sh.initial || sh.suffix) {
                words.push(i);
            }
        } else if i > c.tokens.start {
            end = i;
        }
    }
    let start = doc.tokens[c.tokens.start].span.start;
    let last = shapes[end];
    let stop = if doc.tokens[end].kind == TokenKind::Word {
        last.name.end
    } else {
        doc.tokens[end].span.end
    };
    let title_gender = c
        .title
        .and_then(|t| lists().titles.get(lower(doc.token_text(t)).as_ref()).copied().flatten());
    NameMention {
        span: Span::new(start, stop),
        tokens: c.tokens.clone(),
        words,
        title: c.title,
        title_gender,
        role: c.role,
        allcaps: false,
    }
}

fn word<'a>(doc: &'a Document<'_>, shapes: &[Shape], i: usize) -> &'a str {
    shapes.get(i).map_or("", |s| s.name.of(&doc.text))
}

/// The evidence a candidate is a person, in points.
fn score(doc: &Document<'_>, shapes: &[Shape], c: &Candidate, m: &NameMention, sent_start: usize) -> i32 {
    let l = lists();
    let names: Vec<String> = m
        .words
        .iter()
        .map(|&i| lower(word(doc, shapes, i)).into_owned())
        .collect();
    if names.iter().any(|w| l.nonperson.contains(w) || l.stopwords.contains(w))
        || l.nonperson_phrases.contains(&names.join(" "))
        || names.iter().all(|w| l.places.contains(w))
        || names.len() > 4
        || work_before(doc, c.run.start)
    {
        return 0;
    }
    let mut points = context(doc, shapes, c, m);
    let at_start = c.tokens.start == sent_start;
    if let [only] = names.as_slice() {
        if l.roles.contains_key(only) || l.titles.contains_key(only) {
            return 0;
        }
        let info = lookup(only);
        let known = (info.first_at_least(5) || info.surname_within(20_000)) && !l.common.contains(only);
        if !known && m.title.is_none() && age_after(doc, c.tokens.end).is_none() {
            points -= 1;
        }
        return points;
    }
    let (first, last) = (&names[0], &names[names.len() - 1]);
    let fi = lookup(first);
    if fi.is_first() && !l.places.contains(first) {
        points += if l.common.contains(first) {
            1 + i32::from(!at_start)
        } else if fi.first_at_least(5) {
            3
        } else {
            2
        };
    }
    let li = lookup(last);
    points += i32::from(li.is_surname()) + i32::from(li.surname_within(5000) && !l.common.contains(last));
    if l.places.contains(last) {
        points -= 2;
    }
    if m.tokens.clone().any(|i| shapes[i].initial) {
        points += 1;
    }
    points
}

/// Context around a candidate: title, role, speech verb, age, results table, "the".
fn context(doc: &Document<'_>, shapes: &[Shape], c: &Candidate, m: &NameMention) -> i32 {
    let l = lists();
    let mut points = 0;
    if c.title.is_some() {
        points += 3;
    } else if c.role.is_some() {
        points += 2;
    }
    let prev = before(doc, c.run.start);
    let next = c.tokens.end;
    let prev_word = prev.map(|p| lower(doc.token_text(p)));
    let next_word = lower(doc.token_text(next));
    if l.speech_verbs.contains(next_word.as_ref())
        || prev_word.as_ref().is_some_and(|w| l.speech_verbs.contains(w.as_ref()))
    {
        points += 3;
    }
    if age_after(doc, next).is_some() {
        points += 3;
    }
    points += table(doc, shapes, c.run.start, next);
    if c.title.is_none() && c.role.is_none() && prev_word.is_some_and(|w| w == "the" || w == "a" || w == "an") {
        points -= 2;
    }
    if m.words.len() == 1 && shapes[m.words[0]].possessive && c.title.is_none() {
        points -= 1;
    }
    points
}

/// "Ortiz, 41," or "Ortiz (41)": the age right after a name, and where it is.
pub fn age_after(doc: &Document<'_>, next: usize) -> Option<(u32, Span)> {
    let open = doc.token_text(next);
    let num = next + 1;
    let close = doc.token_text(num + 1);
    let ok = matches!((open, close), (",", ",") | (",", ".") | ("(", ")") | (",", ";"));
    if !ok || doc.tokens.get(num)?.kind != TokenKind::Number {
        return None;
    }
    let years: u32 = doc.token_text(num).parse().ok()?;
    (1..=110).contains(&years).then(|| (years, doc.tokens[num].span))
}

/// Results-table layout: the name starts a line or follows a rank, score or list comma, and a
/// bracketed country or a score follows it.
fn table(doc: &Document<'_>, shapes: &[Shape], start: usize, next: usize) -> i32 {
    let lead = shapes.get(start).is_some_and(|s| s.line_start)
        || start.checked_sub(1).is_some_and(|p| {
            doc.tokens[p].kind == TokenKind::Number || matches!(doc.token_text(p), "," | ":" | "(" | "-" | ";" | ".")
        });
    if !lead {
        return 0;
    }
    let after = doc.token_text(next);
    if after == "(" && doc.token_text(next + 2) == ")" && shapes.get(next + 1).is_some_and(|s| s.cap) {
        return 3;
    }
    let number_next = doc.tokens.get(next).is_some_and(|t| t.kind == TokenKind::Number)
        && doc
            .tokens
            .get(next)
            .is_some_and(|t| !shapes[next].line_start && t.span.start > doc.tokens[next - 1].span.end);
    if number_next {
        return 2;
    }
    0
}

/// "the thriller Black Swan": a work noun right before the run.
fn work_before(doc: &Document<'_>, start: usize) -> bool {
    let Some(p) = start.checked_sub(1) else {
        return false;
    };
    lists().work_nouns.contains(lower(doc.token_text(p)).as_ref()) && !is_title(doc, p)
}
