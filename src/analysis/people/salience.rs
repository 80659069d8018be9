//! Pronouns linked to people by salience, after Lappin and Leass (1994), much simplified.
//!
//! Every person of the pronoun's sex mentioned before it in the same or the previous paragraph
//! earns, for each sentence they appear in, 100 for being mentioned plus a weight for their most
//! prominent role there: speaker (the subject of a speech verb, or "said Ortiz") 90, subject 80,
//! anything else 30, possessor ("Ortiz's") 0. Roles that match the pronoun's own earn 35 more
//! (a subject "he" after a subject), and SPEAKERS more when both are speakers ("“…,” he told
//! Us" after "Vega said"). Each sentence back halves the sum. The pronoun goes to the most salient
//! person when they lead the next by half again; otherwise it stays unlinked. Resolved pronouns
//! count as mentions for the pronouns after them. Names inside quotations are the speaker's
//! words: they neither count nor get linked, and neither do pronouns inside quotations. An
//! unnamed person of the pronoun's sex ("the deputy", "a witness") mentioned after the leader's
//! last mention, in the pronoun's sentence or the one before, leaves the pronoun unlinked: it
//! may be theirs.

use std::sync::LazyLock;

use crate::analysis::lexicon::{self, FastSet};
use crate::analysis::model::{Gender, Mention, MentionKind, Person, Span};
use crate::analysis::segment::{Document, TokenKind};

use super::lists::lists;
use super::quoted::Quoted;
use super::tokens::Shape;

/// What a mention does in its clause, least prominent first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Possessor,
    /// In a prepositional phrase ("with Ortiz").
    Oblique,
    /// Anything else, mostly objects.
    Other,
    Subject,
    Speaker,
}

impl Role {
    fn weight(self) -> f32 {
        match self {
            Role::Possessor => 0.0,
            Role::Oblique => 10.0,
            Role::Other => 40.0,
            Role::Subject => 80.0,
            Role::Speaker => 90.0,
        }
    }

    /// The bonus for an antecedent in the same role as the pronoun.
    fn parallel(self, pronoun: Role) -> f32 {
        let clause = |r: Role| if r == Role::Speaker { Role::Subject } else { r };
        let same = if clause(self) == clause(pronoun) { PARALLEL } else { 0.0 };
        let speakers = if self == Role::Speaker && pronoun == Role::Speaker {
            SPEAKERS
        } else {
            0.0
        };
        same + speakers
    }
}

/// The bonus for an antecedent in the pronoun's own role.
const PARALLEL: f32 = 35.0;
/// The further bonus for a speaker before a speech-tag pronoun: the conversation goes on.
const SPEAKERS: f32 = 70.0;
/// How far the leader must be ahead of the next candidate.
const MARGIN: f32 = 1.3;
/// The share of salience a person of unknown sex keeps as a rival (they never win).
const UNSEXED: f32 = 0.5;
/// Paragraphs further back than this never count.
const PARAGRAPHS: usize = 3;
/// Sentences further back than this do not count.
const REACH: usize = 12;

/// Words that open a clause, so a name right after one is its subject.
static CLAUSE_OPENERS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/people_clause_openers.txt")));

/// Prepositions: a name right after one (or after one and an article) is oblique.
static PREPOSITIONS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/people_prepositions.txt")));

/// Words allowed between a subject and its speech verb ("he exclusively told", "she has said").
static VERB_FILLERS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/people_verb_fillers.txt")));

/// A mention on the document's time line.
#[derive(Clone, Copy)]
struct Mark {
    at: usize,
    person: usize,
    sentence: usize,
    paragraph: usize,
    role: Role,
}

/// A pronoun outside quotations waiting to be resolved.
struct Pronoun {
    token: usize,
    sex: Gender,
    sentence: usize,
    paragraph: usize,
    role: Role,
}

/// Links he/him/his/himself and she/her/hers/herself to the most salient person of that sex.
pub fn link(doc: &Document<'_>, shapes: &[Shape], quoted: &Quoted, people: &mut [Person]) {
    let marks = timeline(doc, shapes, quoted, people);
    let mut resolved: Vec<Mark> = Vec::new();
    let mut window: Vec<Mark> = Vec::new();
    let bare_quotes = bare_quotes(doc, &marks);
    let unnamed = unnamed(doc, shapes, quoted, people);
    let mut found: Vec<(usize, Span)> = Vec::new();
    for p in pronouns(doc, shapes, quoted) {
        let at = doc.tokens[p.token].span.start;
        window.clear();
        let befores = [&marks, &resolved].map(|list| &list[..list.partition_point(|m| m.at < at)]);
        let floor = floor(&bare_quotes, p.paragraph);
        for before in befores {
            window.extend(
                before
                    .iter()
                    .rev()
                    .take_while(|m| m.paragraph >= floor && m.sentence + REACH >= p.sentence)
                    .filter(|m| {
                        people
                            .get(m.person)
                            .is_some_and(|x| x.gender.is_none_or(|g| g == p.sex))
                    }),
            );
        }
        let winner =
            most_salient(&mut window, &p, people).filter(|&w| people.get(w).is_some_and(|x| x.gender.is_some()));
        // "Smith said the deputy found himself pinned": an unnamed "the deputy" after the
        // winner's last mention, in this sentence or the one before, may be who "himself" is.
        let winner = winner.filter(|&w| {
            let last = window.iter().filter(|m| m.person == w).map(|m| m.at).max().unwrap_or(0);
            !unnamed
                .iter()
                .any(|u| u.at > last && u.at < at && u.sentence + 1 >= p.sentence && u.sex.is_none_or(|g| g == p.sex))
        });
        if let Some(person) = winner {
            found.push((person, doc.tokens[p.token].span));
            resolved.push(Mark {
                at,
                person,
                sentence: p.sentence,
                paragraph: p.paragraph,
                role: p.role,
            });
        }
    }
    for (p, span) in found {
        if let Some(person) = people.get_mut(p) {
            person.mentions.push(Mention {
                span,
                kind: MentionKind::Pronoun,
            });
        }
    }
}

/// An unnamed person: "the deputy", "a witness", linked to no one.
struct Unnamed {
    at: usize,
    sentence: usize,
    sex: Option<Gender>,
}

/// Every "the/a/an" + up to two modifiers + role noun outside quotations that is no person's
/// mention or descriptor (so "the actress" linked to Ana Ortiz is not unnamed).
fn unnamed(doc: &Document<'_>, shapes: &[Shape], quoted: &Quoted, people: &[Person]) -> Vec<Unnamed> {
    let l = lists();
    let taken = |span: Span| {
        people.iter().any(|p| {
            p.mentions.iter().any(|m| m.span.overlaps(span)) || p.descriptors.iter().any(|d| d.span.overlaps(span))
        })
    };
    let mut out = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        for i in s.tokens.clone() {
            if !matches!(doc.lower(i), "the" | "a" | "an") || quoted.contains(doc.tokens[i].span.start) {
                continue;
            }
            let head = (i + 1..(i + 4).min(s.tokens.end))
                .take_while(|&k| doc.tokens[k].kind == TokenKind::Word && !shapes[k].cap)
                .find(|&k| l.roles.contains_key(doc.lower(k)));
            let Some(head) = head else {
                continue;
            };
            // "the deputy, Ana Ortiz" or "deputy Ana Ortiz" names them.
            let named_next = shapes.get(head + 1).is_some_and(|sh| sh.cap)
                || doc.token_text(head + 1) == "," && shapes.get(head + 2).is_some_and(|sh| sh.cap);
            let span = Span::new(doc.tokens[i].span.start, doc.tokens[head].span.end);
            if named_next || taken(span) {
                continue;
            }
            out.push(Unnamed {
                at: doc.tokens[head].span.start,
                sentence: si,
                sex: l.roles.get(doc.lower(head)).copied().flatten(),
            });
        }
    }
    out
}

/// Paragraphs that open with a quotation and mention no one outside it: a speaker's words,
/// which carry the conversation on rather than break it.
fn bare_quotes(doc: &Document<'_>, marks: &[Mark]) -> Vec<bool> {
    let mut bare: Vec<bool> = doc
        .paragraphs
        .iter()
        .map(|p| {
            doc.tokens
                .get(doc.token_at_or_after(p.span.start))
                .is_some_and(|t| t.kind == TokenKind::Quote)
        })
        .collect();
    for m in marks {
        if let Some(b) = bare.get_mut(m.paragraph) {
            *b = false;
        }
    }
    bare
}

/// The earliest paragraph whose mentions count for a pronoun in `paragraph`: the previous one,
/// reaching past paragraphs of bare quotation.
fn floor(bare_quotes: &[bool], paragraph: usize) -> usize {
    let mut floor = paragraph.saturating_sub(1);
    while floor > 0 && paragraph - floor < PARAGRAPHS && bare_quotes.get(floor).copied().unwrap_or(false) {
        floor -= 1;
    }
    floor
}

/// The person who clearly leads on salience among the marks in `window`, if one does.
fn most_salient(window: &mut [Mark], p: &Pronoun, people: &[Person]) -> Option<usize> {
    window.sort_by_key(|m| (m.person, m.sentence, std::cmp::Reverse(m.role)));
    let mut scores: Vec<(usize, f32)> = Vec::new();
    let mut last: Option<(usize, usize)> = None;
    for m in window.iter() {
        // The first mark of each (person, sentence) carries the most prominent role.
        if last == Some((m.person, m.sentence)) {
            continue;
        }
        last = Some((m.person, m.sentence));
        let back = p.sentence.saturating_sub(m.sentence);
        let decay = 0.5f32.powi(i32::try_from(back).unwrap_or(i32::MAX));
        let sure = if people.get(m.person).is_some_and(|x| x.gender.is_some()) {
            1.0
        } else {
            UNSEXED
        };
        let value = (100.0 + m.role.weight() + m.role.parallel(p.role)) * decay * sure;
        match scores.last_mut() {
            Some((person, total)) if *person == m.person => *total += value,
            _ => scores.push((m.person, value)),
        }
    }
    scores.sort_by(|a, b| b.1.total_cmp(&a.1));
    match scores.as_slice() {
        [(one, _)] => Some(*one),
        [(best, a), (_, b), ..] if *a >= MARGIN * *b => Some(*best),
        _ => None,
    }
}

/// Pronoun tokens outside quotations, with their role.
fn pronouns(doc: &Document<'_>, shapes: &[Shape], quoted: &Quoted) -> Vec<Pronoun> {
    let l = lists();
    let mut out = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        for i in s.tokens.clone() {
            let t = doc.tokens[i];
            if t.kind != TokenKind::Word {
                continue;
            }
            let Some(sex) = l.pronoun(doc.token_text(i)) else {
                continue;
            };
            if quoted.contains(t.span.start) {
                continue;
            }
            let word = doc.lower(i);
            out.push(Pronoun {
                token: i,
                sex,
                sentence: si,
                paragraph: s.paragraph,
                role: pronoun_role(doc, shapes, word, i, s.tokens.end),
            });
        }
    }
    out
}

/// A pronoun's role from its form: "he" and "she" are subjects, "his" a possessor.
fn pronoun_role(doc: &Document<'_>, shapes: &[Shape], word: &str, i: usize, end: usize) -> Role {
    match word {
        "he" | "she" if speech_verb_follows(doc, shapes, i + 1, end) => Role::Speaker,
        "he" | "she" => Role::Subject,
        "his" | "hers" => Role::Possessor,
        _ => Role::Other,
    }
}

/// Every mention outside quotations, in document order, with its role.
fn timeline(doc: &Document<'_>, shapes: &[Shape], quoted: &Quoted, people: &[Person]) -> Vec<Mark> {
    let mut spans: Vec<(Span, usize)> = people
        .iter()
        .enumerate()
        .flat_map(|(pi, p)| p.mentions.iter().map(move |m| (m.span, pi)))
        .filter(|(span, _)| !quoted.contains(span.start))
        .collect();
    spans.sort_by_key(|(span, _)| span.start);
    let mut marks: Vec<Mark> = Vec::with_capacity(spans.len());
    // The last token of the previous mark, to carry a role along a list ("Ortiz, Vega and Lee").
    let mut prev: Option<(usize, Role)> = None;
    for (span, person) in spans {
        let Some(sentence) = doc.sentence_at(span.start) else {
            continue;
        };
        let s = &doc.sentences[sentence];
        let first = doc.token_at_or_after(span.start);
        let last = doc.token_at_or_after(span.end).saturating_sub(1).max(first);
        let role = role(doc, shapes, (first, last), s.tokens.clone(), prev);
        prev = Some((last, role));
        marks.push(Mark {
            at: span.start,
            person,
            sentence,
            paragraph: s.paragraph,
            role,
        });
    }
    marks
}

/// The role of the mention on tokens `first..=last` in a sentence on tokens `sentence`.
fn role(
    doc: &Document<'_>,
    shapes: &[Shape],
    (first, last): (usize, usize),
    sentence: std::ops::Range<usize>,
    prev: Option<(usize, Role)>,
) -> Role {
    if shapes.get(last).is_some_and(|s| s.possessive) || matches!(doc.token_text(last + 1), "'s" | "’s") {
        return Role::Possessor;
    }
    let l = lists();
    let list_item = prev.is_some_and(|(end, _)| end + 2 == first)
        && first
            .checked_sub(1)
            .is_some_and(|j| matches!(doc.token_text(j), "," | "and" | "or"));
    if let (true, Some((_, r))) = (list_item, prev) {
        return r;
    }
    let head = modifiers_start(doc, shapes, first, sentence.start);
    let before = |k: usize| {
        head.checked_sub(k)
            .filter(|&j| j >= sentence.start)
            .map(|j| doc.lower(j))
    };
    let Some(p) = before(1) else {
        return subject_or_speaker(doc, shapes, last, sentence.end);
    };
    // "…,” said Ortiz", "according to Ortiz".
    if l.speech_verbs.contains(p) || (p == "to" && before(2).is_some_and(|w| w == "according")) {
        return Role::Speaker;
    }
    let opener = CLAUSE_OPENERS.contains(p)
        || matches!(p, "," | ";" | ":" | "—" | "–" | "(")
        || doc.tokens.get(head - 1).is_some_and(|t| t.kind == TokenKind::Quote);
    let article = matches!(p, "a" | "an" | "the");
    if opener {
        subject_or_speaker(doc, shapes, last, sentence.end)
    } else if PREPOSITIONS.contains(p) || (article && before(2).is_some_and(|w| PREPOSITIONS.contains(w))) {
        Role::Oblique
    } else {
        Role::Other
    }
}

/// Where the words written before a name to say who the person is begin: "Chinese Foreign
/// Ministry spokesperson Lu Kang", "her husband Tomas Reyes", "the actress Ana Ortiz".
fn modifiers_start(doc: &Document<'_>, shapes: &[Shape], first: usize, start: usize) -> usize {
    let l = lists();
    let mut head = first;
    while head > start && first - head < 6 {
        let k = head - 1;
        let w = doc.lower(k);
        let modifier = shapes.get(k).is_some_and(|s| s.cap && !s.possessive)
            || l.roles.contains_key(w)
            || l.prefixes.contains_key(w)
            || l.relations.contains_key(w)
            || matches!(w, "the" | "a" | "an" | "his" | "her" | "their" | "-");
        if !modifier {
            break;
        }
        head = k;
    }
    head
}

fn subject_or_speaker(doc: &Document<'_>, shapes: &[Shape], last: usize, end: usize) -> Role {
    if speech_verb_follows(doc, shapes, last + 1, end) {
        Role::Speaker
    } else {
        Role::Subject
    }
}

/// Whether a speech verb comes next from token `from`, past an appositive ("Ortiz, 41, said")
/// and an adverb or auxiliary ("he exclusively told", "she has said").
fn speech_verb_follows(doc: &Document<'_>, shapes: &[Shape], from: usize, end: usize) -> bool {
    let l = lists();
    let mut k = from;
    if doc.token_text(k) == "," {
        let Some(close) = (k + 1..(k + 12).min(end)).find(|&j| matches!(doc.token_text(j), "," | "." | ";")) else {
            return false;
        };
        if doc.token_text(close) != "," {
            return false;
        }
        k = close + 1;
    }
    for _ in 0..2 {
        let w = doc.lower(k);
        if k < end && (VERB_FILLERS.contains(w) || (w.ends_with("ly") && !shapes.get(k).is_some_and(|s| s.cap))) {
            k += 1;
        }
    }
    k < end && l.speech_verbs.contains(doc.lower(k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::people::find;
    use crate::analysis::Format;

    /// The name of the person each pronoun in `text` is linked to ("-" when unlinked).
    fn links(text: &str) -> Vec<String> {
        let doc = Document::new(text, Format::Plain);
        let people = find(&doc);
        let l = lists();
        (0..doc.tokens.len())
            .filter(|&i| l.pronouns.contains_key(doc.lower(i)))
            .map(|i| &doc.tokens[i])
            .map(|t| {
                let who = people.iter().find(|p| {
                    p.mentions
                        .iter()
                        .any(|m| m.span == t.span && m.kind == MentionKind::Pronoun)
                });
                format!("{}={}", t.span.of(text), who.map_or("-", |p| p.name.as_str()))
            })
            .collect()
    }

    #[test]
    fn links_a_speech_tag_pronoun_to_the_subject_not_the_object() {
        let text = "Tomas Reyes thanked Daniel Okafor on Monday.\n\n“It was a long year,” he told reporters.";
        assert_eq!(links(text), ["he=Tomas Reyes"]);
    }

    #[test]
    fn links_a_speech_tag_pronoun_to_the_last_speaker() {
        let text = "“We will build it,” Tomas Reyes said on Monday. The plan was drawn up by Daniel Okafor's \
                    firm, with help from Ken Mills.\n\n“It will take ten years,” he added.";
        assert_eq!(links(text), ["he=Tomas Reyes"]);
    }

    #[test]
    fn leaves_a_pronoun_unlinked_between_two_equal_subjects() {
        let text = "Tomas Reyes and Daniel Okafor met in Lisbon on Monday.\n\n“It went well,” he said.";
        assert_eq!(links(text), ["he=-"]);
    }

    #[test]
    fn links_pronouns_by_sex_from_first_names_and_relations() {
        let text = "Irena Kowal, 52, and her husband, Tomas Reyes, opened a bakery. “We love bread,” she \
                    said. He added that the ovens came from Ohio.";
        assert_eq!(links(text), ["her=Irena Kowal", "she=Irena Kowal", "He=Tomas Reyes"]);
    }

    #[test]
    fn ignores_names_and_pronouns_inside_quotations() {
        let text = "Tomas Reyes spoke first. “I owe Daniel Okafor a lot, he taught me,” he said.";
        assert_eq!(links(text), ["he=-", "he=Tomas Reyes"]);
    }

    #[test]
    fn carries_a_subject_along_a_list_of_objects() {
        let text = "Irena Kowal met Tomas Reyes, Ken Mills and Daniel Okafor in Lisbon. Later he left.";
        assert_eq!(links(text), ["he=-"]);
    }

    #[test]
    fn links_across_a_paragraph_of_bare_quotation() {
        let text = "Mayor Tomas Reyes met Ken Mills's aides on Monday.\n\n“We have a plan. It is a good \
                    plan.”\n\nHe said the work would start in May.";
        assert_eq!(links(text), ["He=Tomas Reyes"]);
    }

    #[test]
    fn finds_the_subject_behind_words_that_say_who_a_person_is() {
        let text = "Harbour Authority spokesman Ken Mills gave Tomas Reyes no details. But he said more \
                    would follow.";
        assert_eq!(links(text), ["he=Ken Mills"]);
    }
}
