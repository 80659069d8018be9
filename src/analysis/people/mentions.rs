//! Name mentions: which candidate runs are people, judged on the gazetteer and on context.
//!
//! A candidate scores points for each piece of evidence: a known first name, a known surname,
//! a middle initial, a title or role before it, a speech verb next to it, an age appositive
//! ("Ortiz, 41,"), an appositive role ("Ortiz, a nurse"), a results-table layout ("1. Ana Ortiz
//! (Spain) 25.7"), a byline, a biography lead ("Ana Ortiz (born 1950) is"). It loses points
//! after "the" and when its first word is also a common word at the start of a sentence.
//! Anything containing an organisation, calendar or function word is not a person, nor is a
//! run made only of places. A candidate needs 3 points; a two- or three-word candidate in a
//! list ("Ana Ortiz, Luis Vega and Eva Lind") next to an accepted name is accepted too. In a
//! headline, a run holding a name the body states is cut to that name.

use std::ops::Range;

use crate::analysis::model::{Gender, Span};
use crate::analysis::segment::{Document, TokenKind};

use super::evidence::{age_after, appositive_role, biography, byline, scorer, speech, table, work_before};
use super::gazetteer::lookup;
use super::lists::{lists, lower, FastMap, FastSet};
use super::runs::{before, candidate, in_nickname, is_role, is_title, runs, Candidate};
use super::tagger::Tagged;
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

/// One judged candidate.
struct Judged {
    mention: NameMention,
    run: Range<usize>,
    listable: bool,
    accepted: bool,
}

/// Every name mention found from evidence (before propagation), in document order.
pub fn detect(doc: &Document<'_>, shapes: &[Shape], tagged: &Tagged) -> Vec<NameMention> {
    let l = lists();
    let inside = CapitalisedInside::count(doc, shapes);
    let mut all: Vec<Judged> = Vec::new();
    for s in &doc.sentences {
        let runs = runs(doc, shapes, s.tokens.clone());
        for run in runs.into_iter().flat_map(|r| tagged.split(doc, r)) {
            let Some(mut c) = candidate(doc, run.clone()) else {
                continue;
            };
            tagged.trim(doc, &mut c);
            let m = build(doc, shapes, &c);
            if m.words.is_empty() {
                continue;
            }
            let points = score(doc, shapes, &inside, &c, &m, s.tokens.start) + tagged.points(doc, &c, &m);
            let listable = (2..=3).contains(&m.words.len())
                && points > -3
                && !m.words.iter().any(|&i| l.places.contains(doc.lower(i)));
            all.push(Judged {
                mention: m,
                run,
                listable: listable && points >= 0,
                accepted: points >= THRESHOLD,
            });
        }
    }
    spread_lists(doc, &mut all);
    let all = cut_headlines(doc, shapes, tagged, all);
    all.into_iter().filter(|j| j.accepted).map(|j| j.mention).collect()
}

/// "Lindsay Lohan Doing Drugs", "Will Kim Kardashian Divorce Kanye West?": in a headline line,
/// where every word has a capital, a name the story's body states (accepted outside headlines)
/// is cut out of the run. An accepted candidate only loses words after the name ("Madonna
/// Feud"), never before it ("Noam Chomsky" stays whole where the body says "Chomsky"), and
/// never a word of a known name or one the tagger reads as part of the same name ("Anne
/// Hathaway" where the body has "Anne"); a run
/// judged no name gives the names of two words or more it holds.
fn cut_headlines(doc: &Document<'_>, shapes: &[Shape], tagged: &Tagged, all: Vec<Judged>) -> Vec<Judged> {
    let key = |words: &[usize]| -> Vec<String> {
        words
            .iter()
            .map(|&i| lower(word(doc, shapes, i)).into_owned())
            .collect()
    };
    let known: FastSet<Vec<String>> = all
        .iter()
        .filter(|j| j.accepted && !tagged.headline_at(j.run.start))
        .map(|j| key(&j.mention.words))
        .collect();
    let longest = known.iter().map(Vec::len).max().unwrap_or(0);
    let known_words: FastSet<&str> = known.iter().flatten().map(String::as_str).collect();
    // The longest known name made of the consecutive words `words[k..]` start with.
    let known_at = |words: &[usize], k: usize, shortest: usize| {
        (shortest..=longest.min(words.len() - k)).rev().find(|&n| {
            let span = &words[k..k + n];
            span.windows(2).all(|w| w[0] + 1 == w[1]) && known.contains(&key(span))
        })
    };
    let mut out = Vec::with_capacity(all.len());
    for j in all {
        if !tagged.headline_at(j.run.start) || known.is_empty() {
            out.push(j);
            continue;
        }
        let mut found: Vec<Range<usize>> = Vec::new();
        if j.accepted {
            let words = &j.mention.words;
            let tagged_with_first = |i: usize| tagged.name_at(words[0]).is_some_and(|r| r.contains(&i));
            let cut_off_names = |n: usize| {
                words[n..]
                    .iter()
                    .any(|&i| known_words.contains(lower(word(doc, shapes, i)).as_ref()) || tagged_with_first(i))
            };
            if let Some(n) = known_at(words, 0, 1).filter(|&n| n < words.len() && !cut_off_names(n)) {
                found.push(words[0]..words[n - 1] + 1);
            }
        } else {
            let words: Vec<usize> = j
                .run
                .clone()
                .filter(|&i| doc.tokens[i].kind == TokenKind::Word)
                .collect();
            let mut k = 0;
            while k < words.len() {
                match known_at(&words, k, 2) {
                    Some(n) => {
                        found.push(words[k]..words[k + n - 1] + 1);
                        k += n;
                    }
                    None => k += 1,
                }
            }
        }
        if found.is_empty() {
            out.push(j);
            continue;
        }
        for tokens in found {
            let c = Candidate {
                tokens,
                title: None,
                role: None,
                modifier: false,
                run: j.run.clone(),
            };
            let m = build(doc, shapes, &c);
            if !m.words.is_empty() {
                out.push(Judged {
                    mention: m,
                    run: j.run.clone(),
                    listable: false,
                    accepted: true,
                });
            }
        }
    }
    out
}

/// Accepts list items next to accepted names, forwards then backwards.
fn spread_lists(doc: &Document<'_>, all: &mut [Judged]) {
    for _ in 0..2 {
        for i in 1..all.len() {
            if !all[i].accepted && all[i].listable && all[i - 1].accepted && listed(doc, &all[i - 1].run, &all[i].run) {
                all[i].accepted = true;
            }
        }
        for i in (0..all.len().saturating_sub(1)).rev() {
            if !all[i].accepted && all[i].listable && all[i + 1].accepted && listed(doc, &all[i].run, &all[i + 1].run) {
                all[i].accepted = true;
            }
        }
    }
}

/// Whether two runs are neighbouring items of one list: only scores and one separator
/// between them.
fn listed(doc: &Document<'_>, a: &Range<usize>, b: &Range<usize>) -> bool {
    let gap: Vec<&str> = (a.end..b.start).map(|i| doc.token_text(i)).collect();
    let seps =
        gap.iter().filter(|w| matches!(**w, "," | "and" | ";")).count() - usize::from(gap.ends_with(&[",", "and"]));
    let numbers = (a.end..b.start)
        .all(|i| doc.tokens[i].kind == TokenKind::Number || matches!(doc.token_text(i), "," | "and" | ";"));
    seps == 1 && numbers && gap.len() <= 3
}

/// The mention a candidate would make.
pub fn build(doc: &Document<'_>, shapes: &[Shape], c: &Candidate) -> NameMention {
    let mut words = Vec::new();
    let mut end = c.tokens.start;
    for i in c.tokens.clone() {
        let sh = shapes[i];
        if doc.tokens[i].kind == TokenKind::Word {
            end = i;
            // "Marcus “Tiny” Bell": the nickname is in the mention, not among its name words.
            if !(sh.particle || sh.initial || sh.suffix || in_nickname(doc, c.tokens.start, i)) {
                words.push(i);
            }
        } else if i > c.tokens.start {
            end = i;
        }
    }
    let start = doc.tokens[c.tokens.start].span.start;
    let stop = if doc.tokens[end].kind == TokenKind::Word {
        shapes[end].name.end
    } else {
        doc.tokens[end].span.end
    };
    let title_gender = c
        .title
        .and_then(|t| lists().titles.get(doc.lower(t)).copied().flatten());
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

/// Whether a word rules the whole candidate out.
fn excluded(w: &str) -> bool {
    let l = lists();
    l.nonperson.contains(w) || l.stopwords.contains(w)
}

/// The evidence a candidate is a person, in points.
fn score(
    doc: &Document<'_>,
    shapes: &[Shape],
    inside: &CapitalisedInside<'_>,
    c: &Candidate,
    m: &NameMention,
    sent_start: usize,
) -> i32 {
    let l = lists();
    let names: Vec<String> = m
        .words
        .iter()
        .map(|&i| lower(word(doc, shapes, i)).into_owned())
        .collect();
    if names.iter().any(|w| excluded(w))
        || l.nonperson_phrases.contains(&names.join(" "))
        || names.iter().all(|w| l.places.contains(w))
        || names.len() > 4
        || work_before(doc, c.run.start)
        || quoted_work(doc, c.run.clone())
        || ends_in_title(doc, m)
    {
        return -9;
    }
    let at_start = c.tokens.start == sent_start;
    if let [only] = names.as_slice() {
        return single(doc, shapes, inside, c, m, (only, at_start));
    }
    let (first, last) = (&names[0], &names[names.len() - 1]);
    let fi = lookup(first);
    let li = lookup(last);
    let solid_first = fi.first_at_least(5) && !l.common.contains(first);
    let mut points = context(doc, shapes, c, fi.is_first() || li.is_surname(), solid_first);
    if fi.is_first() && !l.places.contains(first) {
        points += if l.common.contains(first) {
            1 + i32::from(!at_start)
        } else if fi.first_at_least(5) {
            3
        } else {
            2
        };
    }
    points += i32::from(li.is_surname()) + i32::from(li.surname_within(5000) && !l.common.contains(last));
    // "Export Development Canada", "Poetry London": a name does not end in a place.
    if l.places.contains(last) && c.title.is_none() {
        return -9;
    }
    if c.modifier {
        points += 1;
    }
    if m.tokens.clone().any(|i| shapes[i].initial) {
        points += 1;
    }
    points
}

/// "Queen Adela of Varnland", "the Duke of Sussex", "Lord Tomlin of Ashby": one word after a
/// title (and its name) and "of" is a place the title belongs to, not a person.
fn territory(doc: &Document<'_>, start: usize) -> bool {
    let Some(of) = start.checked_sub(1).filter(|&p| doc.token_text(p) == "of") else {
        return false;
    };
    let Some(p) = of.checked_sub(1) else {
        return false;
    };
    let capital = |i: usize| doc.token_text(i).starts_with(char::is_uppercase);
    is_title(doc, p) || capital(p) && p.checked_sub(1).is_some_and(|t| is_title(doc, t) && capital(t))
}

/// “Mr. and Mrs. Pellow,” a comedy; the film “Ana Ortiz”: a run inside quotation marks that
/// name a work (a work noun before the opening mark, or ", a comedy" after the closing one).
fn quoted_work(doc: &Document<'_>, run: Range<usize>) -> bool {
    let is_quote = |i: usize| doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Quote);
    let glued = |a: usize, b: usize| {
        doc.tokens
            .get(a)
            .zip(doc.tokens.get(b))
            .is_some_and(|(x, y)| x.span.end == y.span.start)
    };
    // Double marks only: an opening one with no word glued before it, a closing one with no
    // word glued after it.
    let opening = |i: usize| match doc.token_text(i) {
        "“" => true,
        "\"" => i == 0 || !glued(i - 1, i),
        _ => false,
    };
    let closing = |i: usize| match doc.token_text(i) {
        "”" => true,
        "\"" => !(glued(i, i + 1) && doc.tokens[i + 1].kind == TokenKind::Word),
        _ => false,
    };
    let Some(open) = (run.start.saturating_sub(6)..run.start)
        .rev()
        .find(|&i| is_quote(i))
        .filter(|&i| opening(i))
    else {
        return false;
    };
    let Some(close) = (run.end..run.end + 6).find(|&i| is_quote(i)).filter(|&i| closing(i)) else {
        return false;
    };
    let l = lists();
    let work = |i: usize| l.work_nouns.contains(doc.lower(i));
    let before = open.checked_sub(1).is_some_and(work);
    let after = (close + 1..close + 5)
        .take_while(|&i| doc.tokens.get(i).is_some_and(|t| t.kind != TokenKind::Quote))
        .any(work);
    let inside_ok = (open + 1..close).all(|i| !is_quote(i));
    inside_ok && (before || after && matches!(doc.token_text(close + 1), "," | "a" | "an" | "the"))
}

/// "Premier League Chief": a name does not end in a title or role word, unless the word is a
/// frequent surname as well ("Oona King", "Carole King", "Elvin Bishop").
fn ends_in_title(doc: &Document<'_>, m: &NameMention) -> bool {
    m.words.len() >= 2
        && m.words.last().is_some_and(|&i| {
            let info = lookup(doc.token_text(i));
            (is_title(doc, i) || is_role(doc, i)) && !info.first_at_least(50) && !info.surname_within(500)
        })
}

/// Points for a one-word candidate: it needs a title, an age, a scorer list, or a speech verb
/// or role together with a name the gazetteer knows.
fn single(
    doc: &Document<'_>,
    shapes: &[Shape],
    inside: &CapitalisedInside<'_>,
    c: &Candidate,
    m: &NameMention,
    (only, at_start): (&str, bool),
) -> i32 {
    let l = lists();
    if l.roles.contains_key(only) || l.titles.contains_key(only) || l.places.contains(only) || c.modifier {
        return -9;
    }
    if only.chars().count() < 3 && c.title.is_none() || territory(doc, c.run.start) {
        return -9;
    }
    let info = lookup(only);
    let known = (info.first_at_least(5) || info.surname_within(20_000)) && !l.common.contains(only);
    let next = c.tokens.end;
    let prev = before(doc, c.run.start);
    let mut points = 0;
    if let Some(t) = c.title {
        let weak = matches!(doc.lower(t), "st" | "saint");
        points += if weak { 1 } else { 3 };
    } else if c.role.is_some() {
        points += 1 + i32::from(known);
    }
    if age_after(doc, next).is_some_and(|_| doc.token_text(next) == ",") {
        points += 3;
    }
    // "Story continues below advertisement": every sentence opens with a capital, so there a
    // census surname that is also an everyday word proves nothing, and a verb after it is no
    // sign of speech. It counts only when it is a likely first name or the story also writes
    // it with a capital mid-sentence.
    let opener = || at_start && !info.first_at_least(5) && !inside.elsewhere(doc, shapes, m.words[0]);
    if speech(doc, prev, next) && !opener() {
        points += 1 + 2 * i32::from(known);
    }
    if scorer(doc, shapes, c.run.start, next) {
        points += 3;
    }
    if shapes[m.words[0]].possessive && c.title.is_none() {
        points -= 1;
    }
    points
}

/// How often each word is written with a capital somewhere other than at the start of a
/// sentence or line: counted once per document, so the question is a look-up, not a scan.
struct CapitalisedInside<'a> {
    counts: FastMap<&'a str, u32>,
}

impl<'a> CapitalisedInside<'a> {
    fn count(doc: &'a Document<'_>, shapes: &[Shape]) -> CapitalisedInside<'a> {
        let mut counts = FastMap::default();
        for i in doc.sentences.iter().flat_map(|s| s.tokens.clone().skip(1)) {
            if inside_capital(shapes, i) {
                *counts.entry(word(doc, shapes, i)).or_insert(0) += 1;
            }
        }
        CapitalisedInside { counts }
    }

    /// Whether the word at token `at` is written with a capital inside a sentence elsewhere.
    fn elsewhere(&self, doc: &Document<'_>, shapes: &[Shape], at: usize) -> bool {
        let own = doc.sentences.get(
            doc.sentence_at(doc.tokens.get(at).map_or(0, |t| t.span.start))
                .unwrap_or(0),
        );
        let counted_here = inside_capital(shapes, at) && own.is_some_and(|s| s.tokens.start != at);
        let n = self.counts.get(word(doc, shapes, at)).copied().unwrap_or(0);
        n > u32::from(counted_here)
    }
}

fn inside_capital(shapes: &[Shape], i: usize) -> bool {
    shapes.get(i).is_some_and(|s| s.cap && !s.line_start)
}

/// Context points for a candidate of two words or more.
fn context(doc: &Document<'_>, shapes: &[Shape], c: &Candidate, known: bool, solid_first: bool) -> i32 {
    let mut points = 0;
    if c.title.is_some() || c.role.is_some() {
        points += 3;
    }
    let prev = before(doc, c.run.start);
    let next = c.tokens.end;
    if speech(doc, prev, next) {
        points += if known { 3 } else { 1 };
    }
    if age_after(doc, next).is_some() {
        points += 3;
    }
    if appositive_role(doc, next) {
        points += 3;
    }
    if byline(doc, shapes, c.run.start, next) || biography(doc, shapes, c.run.start, next) {
        points += 3;
    }
    points += table(doc, shapes, c.run.start, next);
    let article = prev.is_some_and(|p| matches!(doc.lower(p), "the" | "a" | "an"));
    if c.title.is_none() && c.role.is_none() && article && !solid_first {
        points -= 2;
    }
    points
}
