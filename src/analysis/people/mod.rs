//! People: name mentions, grouped into one person per real person, with what the story says
//! about each.
//!
//! The steps, in order:
//! 1. [`tokens`]: the shape of each token (capitalised, all caps, possessive, initial...).
//! 2. [`runs`] and [`mentions`]: runs of capitalised words, judged on the census gazetteer
//!    ([`gazetteer`]) and on context (titles, roles, speech verbs, ages, results tables).
//! 3. [`propagate`]: every other occurrence of a found name is a mention too.
//! 4. [`cluster`]: mentions grouped into people.
//! 5. [`describe`]: appositives, epithets, ages and relations.
//! 6. [`coref`] and [`salience`]: epithets ("the actress") and pronouns linked to a person when
//!    clear.

mod cluster;
mod coref;
mod describe;
mod evidence;
mod gazetteer;
mod lists;
mod mentions;
mod propagate;
mod quoted;
mod recurring;
mod runs;
mod salience;
pub mod tagger;
mod tokens;

use super::config::Lexicon;
use super::lexicon;
use super::memo::Memo;
use super::model::{Mention, MentionKind, Person, Quote, Source};
use super::segment::{Document, TokenKind};

use cluster::Group;
use mentions::NameMention;

/// Finds every person the story mentions.
pub fn find(doc: &Document<'_>) -> Vec<Person> {
    find_with(doc, &Lexicon::default())
}

/// [`find`], never reading a project's `not_names` words as (part of) a name.
pub fn find_with(doc: &Document<'_>, extra: &Lexicon) -> Vec<Person> {
    find_memoised(doc, extra, None)
}

/// [`find_with`], taking the tagger's tags for sentences the memo has seen from it.
pub fn find_memoised(doc: &Document<'_>, extra: &Lexicon, memo: Option<&mut Memo>) -> Vec<Person> {
    let shapes = tokens::shapes(doc);
    let tagged = tagger::Tagged::memoised(doc, memo);
    let mut found = mentions::detect(doc, &shapes, &tagged);
    let recurring = recurring::find(doc, &shapes, &found);
    found.extend(recurring);
    let mut all = propagate::propagate(doc, &shapes, found);
    if !extra.not_names.is_empty() {
        all.retain(|m| {
            !m.words
                .iter()
                .any(|&i| extra.is_not_name(&doc.token_text(i).to_lowercase()))
        });
    }
    all.retain(|m| !head_of_noun_phrase(doc, m));
    let mut groups = cluster::cluster(doc, &shapes, &all);
    groups.retain(|g| !outlet(doc, &all, g));
    let mut people: Vec<Person> = groups.iter().map(|g| person(doc, &all, g)).collect();
    people.sort_by_key(|p| p.mentions.first().map(|m| m.span.start));
    describe::describe(doc, &shapes, &mut people);
    coref::link(doc, &shapes, &mut people);
    for p in &mut people {
        p.mentions.sort_by_key(|m| (m.span.start, m.span.end));
    }
    people
}

/// "The Bill would require …", "amending the Bill to …", "the Trumps,": one capitalised word
/// after an article and before a function word or punctuation heads a noun phrase of its own;
/// a first name or surname is not used that way. ("The Santorum cocktail", where a noun
/// follows, is a person's name used as a modifier and stays.)
fn head_of_noun_phrase(doc: &Document<'_>, m: &NameMention) -> bool {
    let (Some(&word), true) = (m.words.first(), m.words.len() == 1) else {
        return false;
    };
    let article = word
        .checked_sub(1)
        .is_some_and(|p| matches!(doc.lower(p), "the" | "a" | "an" | "this"));
    let next = m.tokens.end;
    let ends = match doc.tokens.get(next) {
        None => true,
        Some(t) if t.kind == TokenKind::Punct => true,
        Some(_) => {
            let w = doc.lower(next);
            lexicon::is_auxiliary(w) || matches!(w, "to" | "that" | "which")
        }
    };
    article && ends && m.title.is_none()
}

/// "the friend told People.", "according to Radar", "a source spoke to People": one capitalised
/// word that a speech verb reports to is a publication, when the story never gives it a second
/// name, a title or a role, and uses it in that slot at least half the time. A person named by
/// surname alone is the subject of the story's verbs far more often than the one a source
/// spoke to ("Smith fled …", "a Taser had no effect on Smith"), and "told Smith to move away"
/// orders a person, not a publication.
fn outlet(doc: &Document<'_>, all: &[NameMention], g: &Group) -> bool {
    let ms: Vec<&NameMention> = g.mentions.iter().filter_map(|&i| all.get(i)).collect();
    if ms.is_empty() || ms.iter().any(|m| m.is_full() || m.title.is_some() || m.role.is_some()) {
        return false;
    }
    let l = lists::lists();
    let slots = ms
        .iter()
        .filter(|m| {
            let Some(p) = m.tokens.start.checked_sub(1) else {
                return false;
            };
            let reported = l.outlet_tell.contains(doc.lower(p))
                || (doc.lower(p) == "to" && p.checked_sub(1).is_some_and(|q| l.outlet_verbs.contains(doc.lower(q))));
            let ordered = m.tokens.end < doc.tokens.len() && doc.lower(m.tokens.end) == "to";
            reported && !ordered
        })
        .count();
    slots > 0 && 2 * slots >= ms.len()
}

/// A person from a group of name mentions.
fn person(doc: &Document<'_>, all: &[NameMention], g: &Group) -> Person {
    let ms: Vec<&NameMention> = g.mentions.iter().filter_map(|&i| all.get(i)).collect();
    let mentions = ms
        .iter()
        .map(|m| Mention {
            span: m.span,
            kind: if m.is_full() {
                MentionKind::Name
            } else {
                MentionKind::ShortName
            },
        })
        .collect();
    // The fullest form: most words, mixed case preferred, then longest.
    let best = ms
        .iter()
        .max_by_key(|m| (m.words.len(), !m.allcaps, m.span.len(), std::cmp::Reverse(m.span.start)));
    let name = best.map(|m| plain_name(doc, m)).unwrap_or_default();
    let given_gender = ms
        .iter()
        .filter(|m| m.is_full() && !m.allcaps)
        .find_map(|m| m.words.first().map(|&i| gazetteer::lookup(doc.token_text(i)).gender()))
        .flatten();
    Person {
        name,
        gender: g.gender.or(given_gender),
        mentions,
        ..Person::default()
    }
}

/// The name as written, without a quoted nickname: "Marcus “Tiny” Bell" is Marcus Bell.
fn plain_name(doc: &Document<'_>, m: &NameMention) -> String {
    let text = m.span.of(&doc.text);
    let mut quotes = m.tokens.clone().filter(|&i| doc.tokens[i].kind == TokenKind::Quote);
    let (Some(open), Some(close)) = (quotes.next(), quotes.next_back()) else {
        return text.to_string();
    };
    let head = doc.text.get(m.span.start..doc.tokens[open].span.start).unwrap_or("");
    let tail = doc.text.get(doc.tokens[close].span.end..m.span.end).unwrap_or("");
    format!("{} {}", head.trim_end(), tail.trim_start())
}

/// Records on each person the quotes they speak and the attributions made to them.
pub fn attach_quotes(people: &mut [Person], quotes: &[Quote], sources: &[Source]) {
    for (qi, q) in quotes.iter().enumerate() {
        if let Some(p) = q.speaker.and_then(|s| s.person) {
            if let Some(person) = people.get_mut(p) {
                person.quotes.push(qi);
            }
        }
    }
    for (si, s) in sources.iter().enumerate() {
        if let Some(p) = s.person {
            if let Some(person) = people.get_mut(p) {
                person.sources.push(si);
            }
        }
    }
}

#[cfg(test)]
mod tests;
