//! Epithets and pronouns linked to people, only where the evidence is clear.
//!
//! - A person with no sex from a title, first name or descriptor gets one from the pronouns
//!   that follow their mentions when no one else was named in between (at least two, three in
//!   four agreeing).
//! - Epithets ("the actress", "the French dancer", "the director, 45") link to the one
//!   candidate in the last three paragraphs that fits: the right sex, not named in the same
//!   sentence (the subject of "Ortiz met the dancer" is not the dancer), described with that
//!   noun if anyone was, else the only one left, else one mentioned at least three times as
//!   often as any other; but when someone named earlier, out of view, was described with that
//!   noun (President Vega, then "the president" pages later), nobody. Otherwise they stay
//!   unlinked. An age in or after a linked epithet
//!   ("the 53-year-old baker", "the director, 52") is recorded on the person.
//! - Pronouns outside quotations link to the most salient person of their sex ([`super::salience`]).

use std::sync::LazyLock;

use crate::analysis::lexicon::{self, FastSet};
use crate::analysis::model::{Age, Descriptor, Gender, Mention, MentionKind, Person, Span};
use crate::analysis::segment::{Document, TokenKind};

use super::evidence::age_after;
use super::lists::{lists, lower};
use super::quoted::Quoted;
use super::tokens::Shape;

/// Role nouns too generic to refer back to a named person on their own.
static GENERIC: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/people_generic_nouns.txt")));

/// A mention on the document's time line.
#[derive(Clone, Copy)]
struct Mark {
    at: usize,
    end: usize,
    person: usize,
    sentence: usize,
    paragraph: usize,
}

fn timeline(doc: &Document<'_>, people: &[Person]) -> Vec<Mark> {
    let mut marks: Vec<Mark> = people
        .iter()
        .enumerate()
        .flat_map(|(pi, p)| p.mentions.iter().map(move |m| (pi, m.span)))
        .filter_map(|(person, span)| {
            let sentence = doc.sentence_at(span.start)?;
            Some(Mark {
                at: span.start,
                end: span.end,
                person,
                sentence,
                paragraph: doc.sentences[sentence].paragraph,
            })
        })
        .collect();
    marks.sort_by_key(|m| m.at);
    marks
}

/// Adds nominal and pronoun mentions to the people they clearly refer to.
pub fn link(doc: &Document<'_>, shapes: &[Shape], people: &mut [Person]) {
    let quoted = Quoted::new(doc);
    infer_gender(doc, &quoted, people);
    nominals(doc, shapes, &quoted, people);
    super::salience::link(doc, shapes, &quoted, people);
}

/// Pronoun tokens outside quotations: (token, sex, sentence).
fn pronoun_tokens<'a>(doc: &'a Document<'_>, quoted: &'a Quoted) -> impl Iterator<Item = (usize, Gender, usize)> + 'a {
    let l = lists();
    doc.sentences.iter().enumerate().flat_map(move |(si, s)| {
        s.tokens.clone().filter_map(move |i| {
            let t = doc.tokens[i];
            if t.kind != TokenKind::Word {
                return None;
            }
            let g = l.pronoun(doc.token_text(i))?;
            (!quoted.contains(t.span.start)).then_some((i, g, si))
        })
    })
}

/// Sex from the pronouns that follow a person's mentions with no one else in between.
fn infer_gender(doc: &Document<'_>, quoted: &Quoted, people: &mut [Person]) {
    let marks = timeline(doc, people);
    let mut votes = vec![(0u32, 0u32); people.len()];
    for (i, g, si) in pronoun_tokens(doc, quoted) {
        let at = doc.tokens[i].span.start;
        let before = &marks[..marks.partition_point(|m| m.at < at)];
        let recent: Vec<&Mark> = before.iter().rev().take_while(|m| m.sentence + 1 >= si).collect();
        let Some(first) = recent.last() else {
            continue;
        };
        if recent.iter().all(|m| m.person == first.person) {
            let v = &mut votes[first.person];
            match g {
                Gender::Female => v.0 += 1,
                Gender::Male => v.1 += 1,
            }
        }
    }
    for (p, (f, m)) in people.iter_mut().zip(votes) {
        if p.gender.is_none() && f + m >= 2 {
            if f * 4 >= (f + m) * 3 {
                p.gender = Some(Gender::Female);
            } else if m * 4 >= (f + m) * 3 {
                p.gender = Some(Gender::Male);
            }
        }
    }
}

/// "the actress", "The Oscar-nominated actress", "the director, 45".
fn nominals(doc: &Document<'_>, shapes: &[Shape], quoted: &Quoted, people: &mut [Person]) {
    let l = lists();
    let names = timeline(doc, people);
    let mut ends = vec![Vec::new(); people.len()];
    for m in &names {
        if let Some(e) = ends.get_mut(m.person) {
            e.push(m.end);
        }
    }
    for e in &mut ends {
        e.sort_unstable();
    }
    let mut seen = Seen {
        names,
        ends,
        added: Vec::new(),
        candidates: Vec::new(),
    };
    let mut linked_in_sentence: Vec<usize> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        linked_in_sentence.clear();
        for i in s.tokens.clone() {
            if !doc.token_text(i).eq_ignore_ascii_case("the") || quoted.contains(doc.tokens[i].span.start) {
                continue;
            }
            let Some(head) = (i + 1..(i + 8).min(s.tokens.end)).find(|&k| {
                let w = doc.lower(k);
                l.roles.contains_key(w)
            }) else {
                continue;
            };
            // "the winner" alone is anyone; "the Oscar winner" is someone.
            let generic = GENERIC.contains(doc.lower(head));
            if generic && !(i + 1..head).any(|k| shapes[k].cap) {
                continue;
            }
            let gap_ok = (i + 1..head).all(|k| modifier(doc, k) || inside_title(doc, shapes, k));
            let next = head + 1;
            let name_follows = shapes.get(next).is_some_and(|sh| sh.cap) && doc.tokens[next].kind == TokenKind::Word;
            if !gap_ok || name_follows || matches!(doc.token_text(next), "of" | "who" | "whose" | "'s" | "’s") {
                continue;
            }
            let span = Span::new(doc.tokens[i].span.start, doc.tokens[head].span.end);
            let role = doc.lower(head).to_string();
            let sex = l.roles.get(&role).copied().flatten();
            let epithet = Epithet {
                span,
                sentence: si,
                paragraph: s.paragraph,
                role: &role,
                sex,
                office: l.titles.contains_key(&role),
            };
            if let Some(p) = pick(people, &mut seen, &epithet, &linked_in_sentence) {
                linked_in_sentence.push(p);
                seen.added.push(Mark {
                    at: span.start,
                    end: span.end,
                    person: p,
                    sentence: si,
                    paragraph: s.paragraph,
                });
                if let Some(e) = seen.ends.get_mut(p) {
                    let at = e.partition_point(|&x| x <= span.end);
                    e.insert(at, span.end);
                }
                let person = &mut people[p];
                person.mentions.push(Mention {
                    span,
                    kind: MentionKind::Nominal,
                });
                if !person.descriptors.iter().any(|d| d.span == span) {
                    person.descriptors.push(Descriptor {
                        span,
                        text: span.of(&doc.text).to_string(),
                    });
                }
                if let Some((years, age)) = age_after(doc, next) {
                    person.ages.push(Age { span: age, years });
                }
                // "The 53-year-old baker": the age inside the epithet is the person's too, so
                // `inconsistent-age` can weigh it against "Hale, 52,".
                for k in i + 1..head {
                    if let Some(years) = super::describe::year_old(doc, k) {
                        let age = doc.tokens[k].span;
                        if !person.ages.iter().any(|a| a.span == age) {
                            person.ages.push(Age { span: age, years });
                        }
                    }
                }
            }
        }
    }
}

/// Whether token `k` can sit between "the" and an epithet's role noun: a word or number that
/// is no function word, verb of speech or quotation mark ("the Oscar-nominated actress", "the
/// 53-year-old baker", "the then president"). "The source noted that the actor" and "the
/// average time for a call centre" are no epithets from their first "the".
fn modifier(doc: &Document<'_>, k: usize) -> bool {
    let t = doc.tokens[k];
    let text = doc.token_text(k);
    match t.kind {
        TokenKind::Number => true,
        TokenKind::Punct => text == "-",
        TokenKind::Quote => false,
        TokenKind::Word => {
            let w = lower(text);
            let l = lists();
            let adjective_like = matches!(
                w.as_ref(),
                "new" | "then" | "own" | "other" | "same" | "one" | "two" | "three"
            );
            adjective_like || !(l.stopwords.contains(w.as_ref()) || l.speech_verbs.contains(w.as_ref()))
        }
    }
}

/// "in" of "the Maid in Manhattan actress": a function word between two capitalised words is
/// part of a work's title.
fn inside_title(doc: &Document<'_>, shapes: &[Shape], k: usize) -> bool {
    let cap = |i: usize| shapes.get(i).is_some_and(|s| s.cap) && doc.tokens[i].kind == TokenKind::Word;
    doc.tokens[k].kind == TokenKind::Word && k > 0 && cap(k - 1) && cap(k + 1) && !cap(k)
}

/// Mentions seen so far: the names, the epithets linked since, where each person's mentions
/// end, and a buffer.
struct Seen {
    names: Vec<Mark>,
    ends: Vec<Vec<usize>>,
    added: Vec<Mark>,
    candidates: Vec<usize>,
}

/// An epithet looking for its person.
struct Epithet<'r> {
    span: Span,
    sentence: usize,
    paragraph: usize,
    role: &'r str,
    sex: Option<Gender>,
    /// The role is also a title ("the King", "the home secretary", "the president"): it names
    /// whoever holds that office, who may be someone the story never names.
    office: bool,
}

/// Whether a descriptor of `p` has the word `role` ("the president" and "President").
fn is_described(p: &Person, role: &str) -> bool {
    p.descriptors
        .iter()
        .any(|d| d.text.to_lowercase().split_whitespace().any(|w| w == role))
}

/// The person an epithet refers to, if exactly one fits.
fn pick(people: &[Person], seen: &mut Seen, e: &Epithet<'_>, exclude: &[usize]) -> Option<usize> {
    let Seen {
        names,
        ends,
        added,
        candidates,
    } = seen;
    let before = |list: &[Mark]| list.partition_point(|m| m.at < e.span.start);
    let (nb, ab) = (before(names), before(added));
    // People named in the epithet's own sentence, before or after it.
    let from = names.partition_point(|m| m.sentence < e.sentence);
    let in_sentence = |p: usize| {
        names[from..]
            .iter()
            .take_while(|m| m.sentence == e.sentence)
            .any(|m| m.person == p)
            || added[..ab]
                .iter()
                .rev()
                .take_while(|m| m.sentence == e.sentence)
                .any(|m| m.person == p)
    };
    candidates.clear();
    for list in [&names[..nb], &added[..ab]] {
        candidates.extend(
            list.iter()
                .rev()
                .take_while(|m| m.paragraph + 2 >= e.paragraph)
                .filter(|m| m.end <= e.span.start)
                .map(|m| m.person),
        );
    }
    candidates.sort_unstable();
    candidates.dedup();
    let count = |p: usize| ends.get(p).map_or(0, |v| v.partition_point(|&x| x <= e.span.start));
    let mut cands: Vec<(usize, usize, bool)> = Vec::new();
    for &pi in candidates.iter() {
        let Some(p) = people.get(pi) else {
            continue;
        };
        if exclude.contains(&pi) || in_sentence(pi) {
            continue;
        }
        if e.sex.is_none() || p.gender.is_none() || p.gender == e.sex {
            cands.push((pi, count(pi), is_described(p, e.role)));
        }
    }
    let described: Vec<usize> = cands.iter().filter(|c| c.2).map(|c| c.0).collect();
    if described.len() == 1 {
        return described.first().copied();
    }
    // "The King" in a story about his son, "the home secretary" after the detainee he
    // discussed: an office goes only to the one person the story gave that title.
    if e.office {
        return None;
    }
    // "the president" three paragraphs after President Vega was last named, with only a
    // senator in view: the story's president is Vega, so say nothing rather than pick the
    // senator.
    let described_earlier = people.iter().enumerate().any(|(pi, p)| {
        !cands.iter().any(|c| c.0 == pi)
            && count(pi) > 0
            && is_described(p, e.role)
            && (e.sex.is_none() || p.gender.is_none() || p.gender == e.sex)
    });
    if described.is_empty() && described_earlier {
        return None;
    }
    cands.sort_by_key(|c| std::cmp::Reverse(c.1));
    match cands.as_slice() {
        [one] => Some(one.0),
        [a, b, ..] if a.1 >= 3 * b.1 && a.1 >= 3 => Some(a.0),
        _ => None,
    }
}
