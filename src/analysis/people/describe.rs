//! What the story says about each person: appositives, epithets, ages and relations.
//!
//! - After the name: "Ortiz, 41, a nurse from Ohio," gives the age 41 and the descriptor
//!   "a nurse from Ohio"; "Ortiz (41)" an age.
//! - Before the name: "The Oscar-nominated actress Ana Ortiz", "Dutch forward Reggie Blinker"
//!   and "41-year-old Ortiz"; "her husband, Luis Vega" and "Ortiz's husband Luis Vega" also
//!   give the owner ("her", "Ortiz") the relation husband → Vega.

use std::sync::LazyLock;

use crate::analysis::lexicon::{self, FastSet};
use crate::analysis::model::{Age, Descriptor, Gender, MentionKind, Person, Relation, Span};
use crate::analysis::segment::{Document, TokenKind};

use super::evidence::age_after;
use super::lists::lists;
use super::runs::{is_role, is_title};
use super::tokens::Shape;

/// A name mention located in tokens.
#[derive(Clone, Copy, Debug)]
pub struct Located {
    pub person: usize,
    pub span: Span,
    /// First and one-past-last token.
    pub first: usize,
    pub end: usize,
}

/// Every name mention of every person, in document order.
pub fn locate(doc: &Document<'_>, people: &[Person]) -> Vec<Located> {
    let mut out: Vec<Located> = people
        .iter()
        .enumerate()
        .flat_map(|(pi, p)| {
            p.mentions
                .iter()
                .filter(|m| matches!(m.kind, MentionKind::Name | MentionKind::ShortName))
                .map(move |m| (pi, m.span))
        })
        .map(|(person, span)| Located {
            person,
            span,
            first: doc.token_at_or_after(span.start),
            end: doc.tokens.partition_point(|t| t.span.start < span.end),
        })
        .collect();
    out.sort_by_key(|l| l.span.start);
    out
}

/// Fills descriptors, ages and relations, and a sex from gendered descriptors.
pub fn describe(doc: &Document<'_>, shapes: &[Shape], people: &mut [Person]) {
    let located = locate(doc, people);
    for loc in &located {
        after(doc, loc, &located, people);
        before(doc, shapes, loc, &located, people);
    }
    for p in people.iter_mut() {
        if p.gender.is_none() {
            p.gender = descriptor_gender(p);
        }
    }
}

/// How many tokens an appositive may run before its closing comma or period; one that runs
/// longer is dropped rather than cut mid-phrase.
const APPOSITIVE_TOKENS: usize = 16;

/// "Ortiz, 41, a nurse from Ohio," and "Ortiz (41)". The appositive ends at a comma, a period
/// (not the one of "Mr."), a colon, a bracket or a quotation mark, and before "and" or "or"
/// when another person's name follows ("the son of Ana Ortiz and Luis Vega, ..." keeps "the son
/// of Ana Ortiz").
fn after(doc: &Document<'_>, loc: &Located, all: &[Located], people: &mut [Person]) {
    let mut next = of_place(doc, loc.end, all);
    if let Some((years, span)) = age_after(doc, next) {
        push_age(&mut people[loc.person], years, span);
        next += 2;
    }
    if doc.token_text(next) != "," {
        return;
    }
    let start = next + 1;
    let sentence_end = doc
        .sentence_at(doc.tokens[loc.first].span.start)
        .and_then(|si| doc.sentences.get(si))
        .map_or(start, |s| s.tokens.end);
    let mut end = start;
    while end < start + APPOSITIVE_TOKENS && end < sentence_end {
        let t = doc.token_text(end);
        let abbreviation = t == "." && end > start && abbreviated_title(doc, end - 1);
        let ends = matches!(t, "," | ";" | ":" | ")" | "(" | "”" | "\"" | "") || t == "." && !abbreviation;
        let joins_another =
            matches!(t, "and" | "or") && all.iter().any(|l| l.first == end + 1 && l.person != loc.person);
        if ends || joins_another {
            break;
        }
        end += 1;
    }
    if end == start + APPOSITIVE_TOKENS || end >= sentence_end {
        return;
    }
    let det = matches!(doc.lower(start), "a" | "an" | "the" | "his" | "her" | "their");
    let has_role = (start..end).any(|i| is_role(doc, i) || lists().relations.contains_key(doc.lower(i)));
    // "Travis, the insider says “He is…”", "Ortiz, the source said, will…": a clause with a
    // verb of speech or a quotation is not a description of the name.
    let clause =
        (start..end).any(|i| doc.tokens[i].kind == TokenKind::Quote || lists().speech_verbs.contains(doc.lower(i)));
    if end > start && det && has_role && !clause && !doc.token_text(end).is_empty() {
        let span = Span::new(doc.tokens[start].span.start, doc.tokens[end - 1].span.end);
        push_descriptor(doc, &mut people[loc.person], span);
        ages_within(doc, start..end, &mut people[loc.person]);
        if let Some((years, age_span)) = age_after(doc, end) {
            push_age(&mut people[loc.person], years, age_span);
        }
    }
}

/// "Mr" in "a colleague of Mr. Vega": a short capitalised title whose period is no full stop.
fn abbreviated_title(doc: &Document<'_>, i: usize) -> bool {
    let t = doc.token_text(i);
    t.len() <= 4 && t.starts_with(char::is_uppercase) && is_title(doc, i)
}

/// "Queen Adela of Varnland, 91,", "Jo Lin of Leeds, 34,": the age and appositive after a
/// name's "of" and place (up to three capitalised words that are no one's name) are the name's.
fn of_place(doc: &Document<'_>, end: usize, all: &[Located]) -> usize {
    if doc.token_text(end) != "of" {
        return end;
    }
    let capital = |i: usize| {
        doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)
            && doc.token_text(i).starts_with(char::is_uppercase)
            && !all.iter().any(|l| l.first <= i && i < l.end)
    };
    let mut k = end + 1;
    while k < end + 4 && capital(k) {
        k += 1;
    }
    if k > end + 1 && doc.token_text(k) == "," {
        k
    } else {
        end
    }
}

/// Ages written inside a descriptor: "the 22-year-old student", "the 22 year old son".
fn ages_within(doc: &Document<'_>, range: std::ops::Range<usize>, p: &mut Person) {
    for k in range.clone() {
        if let Some(years) = year_old(doc, k) {
            push_age(p, years, doc.tokens[k].span);
            continue;
        }
        let spaced = doc.tokens[k].kind == TokenKind::Number
            && k + 2 < range.end
            && matches!(doc.lower(k + 1), "year" | "years")
            && doc.lower(k + 2) == "old";
        if let Some(years) = spaced.then(|| doc.token_text(k).parse::<u32>().ok()).flatten() {
            if (1..=110).contains(&years) {
                push_age(
                    p,
                    years,
                    Span::new(doc.tokens[k].span.start, doc.tokens[k + 2].span.end),
                );
            }
        }
    }
}

/// "The Oscar-nominated actress Ana Ortiz", "41-year-old Ortiz", "her husband, Luis Vega".
fn before(doc: &Document<'_>, shapes: &[Shape], loc: &Located, all: &[Located], people: &mut [Person]) {
    let mut i = loc.first;
    // Nothing in the paragraph before describes a name: a headline ending "… upsets 'Friends'
    // co-stars" over "Matthew Perry's upcoming memoir …".
    let paragraph = |t: usize| doc.tokens.get(t).and_then(|t| doc.paragraph_at(t.span.start));
    if i == 0 || paragraph(i - 1) != paragraph(i) {
        return;
    }
    // "Her husband, city council president Tomás Ortiz": a title or role with its lowercase
    // modifiers after the comma is the name's own, and the phrase before the comma still
    // describes it.
    if let Some(k) = role_phrase_start(doc, i) {
        let own = Span::new(doc.tokens[k].span.start, doc.tokens[i - 1].span.end);
        push_descriptor(doc, &mut people[loc.person], own);
        i = k;
    } else if i > 0 && doc.token_text(i - 1) == "." && i > 1 && is_title(doc, i - 2) {
        // Skip a title and its period.
        i -= 2;
        title_descriptor(doc, i, i + 1, all, &mut people[loc.person]);
    } else if i > 0 && is_title(doc, i - 1) {
        i -= 1;
        i = title_descriptor(doc, i, i + 1, all, &mut people[loc.person]);
    }
    let comma = i > 0 && doc.token_text(i - 1) == ",";
    let head = if comma { i.checked_sub(2) } else { i.checked_sub(1) };
    let Some(head) = head else {
        return;
    };
    if let Some(years) = year_old(doc, head) {
        push_age(&mut people[loc.person], years, doc.tokens[head].span);
        return;
    }
    let word = doc.lower(head).to_string();
    let relation = lists().relations.contains_key(&word);
    if !(is_role(doc, head) || relation) {
        return;
    }
    let start = phrase_start(doc, shapes, head);
    // "After meeting the director, Ana Ortiz left": only an appositive ("the director, Ana
    // Ortiz, said") or a possessive ("her husband, Luis Vega") describes the name.
    let possessive = matches!(doc.lower(start), "his" | "her" | "their") || shapes[start].possessive;
    if comma && !possessive && doc.token_text(loc.end) != "," {
        return;
    }
    let span = Span::new(doc.tokens[start].span.start, doc.tokens[head].span.end);
    push_descriptor(doc, &mut people[loc.person], span);
    ages_within(doc, start..head, &mut people[loc.person]);
    if relation && start < head {
        if let Some(owner) = owner(doc, start, loc, all, people) {
            let other = Some(loc.person);
            people[owner].relations.push(Relation {
                span,
                role: word,
                other,
            });
        }
    }
}

/// Honorifics that say nothing about the person beyond their sex.
static HONORIFICS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/people_honorifics.txt")));

/// A title before a name is a descriptor, not part of the name: "Queen" in "Queen Matilda",
/// "Prime Minister" in "Prime Minister Ana Ortiz" (capitalised words before the title word
/// that are no stopword, month, day or other person's name join it). Honorifics ("Mr.") are
/// not recorded. Returns where the title starts.
fn title_descriptor(doc: &Document<'_>, title: usize, end: usize, all: &[Located], p: &mut Person) -> usize {
    let mut start = title;
    while start > 0 && title - start < 3 {
        let k = start - 1;
        let w = doc.lower(k);
        let capitalised = doc.tokens[k].kind == TokenKind::Word && doc.token_text(k).starts_with(char::is_uppercase);
        let named = all.iter().any(|l| l.first <= k && k < l.end);
        let l = lists();
        let calendar = super::tokens::CALENDAR.contains(&w) || l.common.contains(w);
        if !capitalised || named || calendar || l.stopwords.contains(w) || line_break_after(doc, k) {
            break;
        }
        start = k;
    }
    if !HONORIFICS.contains(doc.lower(title)) {
        let span = Span::new(doc.tokens[start].span.start, doc.tokens[end - 1].span.end);
        let span = Span::new(span.start, span.end.min(doc.tokens[title].span.end));
        push_descriptor(doc, p, span);
    }
    start
}

/// The start of "city council president" when it sits between a relation's comma and the
/// name that starts at token `i` ("her husband, city council president Tomás Ortiz"): up to
/// four lowercase words ending in a title or role word.
fn role_phrase_start(doc: &Document<'_>, i: usize) -> Option<usize> {
    let last = i.checked_sub(1)?;
    if !(is_title(doc, last) || is_role(doc, last)) {
        return None;
    }
    let mut k = last;
    while k > 0 && last - k < 4 {
        let p = k - 1;
        let w = doc.token_text(p);
        if w == "," {
            return relation_before(doc, p).then_some(k);
        }
        let lowercase = doc.tokens[p].kind == TokenKind::Word && w.chars().all(|c| !c.is_uppercase());
        if !lowercase || lists().stopwords.contains(w) || lists().speech_verbs.contains(w) {
            return None;
        }
        k = p;
    }
    (k > 0 && doc.token_text(k - 1) == "," && relation_before(doc, k - 1)).then_some(k)
}

/// Whether the word before the comma at token `comma` is a relation ("husband").
fn relation_before(doc: &Document<'_>, comma: usize) -> bool {
    comma
        .checked_sub(1)
        .is_some_and(|h| lists().relations.contains_key(doc.lower(h)))
}

/// Where the noun phrase ending at `head` starts: back over modifiers to a determiner or a
/// possessive, at most six words.
fn phrase_start(doc: &Document<'_>, shapes: &[Shape], head: usize) -> usize {
    let mut start = head;
    for k in (head.saturating_sub(6)..head).rev() {
        let t = doc.token_text(k);
        let w = doc.lower(k);
        let word = doc.tokens[k].kind == TokenKind::Word || t == "-" || year_old(doc, k).is_some();
        if !word
            || line_break_after(doc, k)
            || lists().stopwords.contains(w) && !is_determiner(w)
            || lists().speech_verbs.contains(w)
            || PREPOSITIONS.contains(w)
        {
            break;
        }
        start = k;
        if is_determiner(w) || shapes[k].possessive {
            break;
        }
    }
    start
}

/// Whether a line break separates token `k` from the next: a headline or the line before
/// ("Hong Kong⏎⏎Ukraine’s Foreign Minister Ana Ortiz") never joins a descriptor.
fn line_break_after(doc: &Document<'_>, k: usize) -> bool {
    let (Some(a), Some(b)) = (doc.tokens.get(k), doc.tokens.get(k + 1)) else {
        return false;
    };
    doc.text
        .get(a.span.end..b.span.start)
        .is_some_and(|gap| gap.contains('\n'))
}

/// Prepositions the stopword list leaves out (it ends runs of capitalised words, where these
/// may be part of a name): "a minute behind winner Ana Ortiz" is described as the winner.
static PREPOSITIONS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/people_phrase_stop_prepositions.txt")));

fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my" | "your"
    )
}

/// Who "her" or "Ortiz's" in "her husband, Luis Vega" is.
fn owner(doc: &Document<'_>, start: usize, loc: &Located, all: &[Located], people: &[Person]) -> Option<usize> {
    let w = doc.lower(start);
    if let Some(named) = all.iter().find(|l| l.end == start + 1 && l.first <= start) {
        return (named.person != loc.person).then_some(named.person);
    }
    let sex = match w {
        "her" => Some(Gender::Female),
        "his" => Some(Gender::Male),
        _ => return None,
    };
    let at = doc.tokens[start].span.start;
    let sentence = doc.sentence_at(at);
    // (person, in the pronoun's own sentence), nearest first, each person once.
    let mut fit: Vec<(usize, bool)> = Vec::new();
    for l in all
        .iter()
        .rev()
        .filter(|l| l.span.end <= at && l.person != loc.person)
        .take_while(|l| {
            doc.sentence_at(l.span.start)
                .zip(sentence)
                .is_some_and(|(a, b)| b.saturating_sub(a) <= 1)
        })
    {
        if people[l.person].gender.is_none_or(|g| Some(g) == sex) && !fit.iter().any(|f| f.0 == l.person) {
            fit.push((l.person, doc.sentence_at(l.span.start) == sentence));
        }
    }
    // "Harry wrote to Home Secretary Shabana Mahmood … for him, his wife Meghan": the one
    // person of the pronoun's known sex is the owner, over nearer ones whose sex the story never
    // gives; looked for in the pronoun's sentence first, then with the sentence before. Two of
    // that sex, or only unknowns and more than one, and the card says nothing.
    let pick = |same_only: bool| -> Option<Option<usize>> {
        let cands: Vec<usize> = fit.iter().filter(|f| f.1 || !same_only).map(|f| f.0).collect();
        let known: Vec<usize> = cands.iter().copied().filter(|&p| people[p].gender == sex).collect();
        match (known.as_slice(), cands.as_slice()) {
            ([one], _) => Some(Some(*one)),
            ([], [one]) => Some(Some(*one)),
            ([], []) => None,
            _ => Some(None),
        }
    };
    pick(true).or_else(|| pick(false)).flatten()
}

/// "41-year-old": the age in a hyphenated number token.
pub(super) fn year_old(doc: &Document<'_>, i: usize) -> Option<u32> {
    let t = doc.tokens.get(i)?;
    if t.kind != TokenKind::Number {
        return None;
    }
    let text = doc.token_text(i);
    let (num, rest) = text.split_once('-')?;
    let years: u32 = num.parse().ok()?;
    (rest.starts_with("year-old") && (1..=110).contains(&years)).then_some(years)
}

fn push_age(p: &mut Person, years: u32, span: Span) {
    if !p.ages.iter().any(|a| a.span == span) {
        p.ages.push(Age { span, years });
    }
}

fn push_descriptor(doc: &Document<'_>, p: &mut Person, span: Span) {
    if !p.descriptors.iter().any(|d| d.span == span) {
        let text = span.of(&doc.text).to_string();
        p.descriptors.push(Descriptor { span, text });
    }
}

/// The sex the descriptors' role nouns imply, when they agree.
fn descriptor_gender(p: &Person) -> Option<Gender> {
    let l = lists();
    let mut sex = None;
    for d in &p.descriptors {
        let last = d
            .text
            .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
            .find(|w| !w.is_empty());
        let Some(word) = last.map(str::to_lowercase) else {
            continue;
        };
        let g = l.roles.get(&word).or_else(|| l.relations.get(&word)).copied().flatten();
        match (sex, g) {
            (Some(a), Some(b)) if a != b => return None,
            (None, Some(b)) => sex = Some(b),
            _ => {}
        }
    }
    sex
}
