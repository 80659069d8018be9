//! Grouping name mentions into people.
//!
//! Full names come first, in document order: "Ana Ortiz" and "Ana M. Ortiz" are one person,
//! "J. Ortiz" joins an "Ortiz" whose given name starts with J, "Ana Ortiz" and "Luis Ortiz" are
//! two, and so are "George H. W. Bush" and "George W. Bush" (a name without middle initials
//! joins the one named last). Then each single name ("Ortiz", "Ana", "Ms. Ortiz") joins the
//! person with that surname (or else that given name) mentioned most recently before it, or,
//! when none was, the first one mentioned after it; a title's sex must agree. Two people who
//! share a surname therefore split the bare surname by recency: the story's own convention is
//! that "Ortiz" means the Ortiz last named. A single word that is no one's surname or given name
//! but shortens exactly one given name ("Jen" for Jennifer, "Bill" for William) joins that
//! person. A single name matching no full name is a person of its own.

use crate::analysis::model::Gender;
use crate::analysis::segment::Document;

use crate::analysis::text::{fold, one_edit};

use super::lists::FastMap;
use super::mentions::NameMention;
use super::tokens::Shape;

/// One group of mentions in the making.
#[derive(Clone, Debug, Default)]
pub struct Group {
    /// Indexes into the mention list, in document order.
    pub mentions: Vec<usize>,
    pub given: Option<String>,
    pub surname: String,
    /// The longest form's name words.
    pub words: Vec<String>,
    pub gender: Option<Gender>,
    /// First letters of the middle names or initials ("George H. W. Bush" gives h, w), from
    /// the first full mention that has any.
    pub middles: Vec<char>,
}

/// The folded name words of a mention, and the first letter of a leading initial.
fn words(doc: &Document<'_>, shapes: &[Shape], m: &NameMention) -> (Vec<String>, Option<char>) {
    let w = m
        .words
        .iter()
        .map(|&i| article_dropped(fold(shapes[i].name.of(&doc.text))))
        .collect();
    let initial = m
        .tokens
        .clone()
        .next()
        .filter(|&i| shapes[i].initial)
        .and_then(|i| doc.token_text(i).chars().next())
        .and_then(|c| c.to_lowercase().next());
    (w, initial)
}

/// "al-Bashir" is "Bashir" on second reference, as "al-Assad" is "Assad": the Arabic article
/// glued to a surname is not part of the key a bare surname matches.
fn article_dropped(word: String) -> String {
    match word.strip_prefix("al-").or_else(|| word.strip_prefix("el-")) {
        Some(rest) if rest.chars().count() >= 3 => rest.to_string(),
        _ => word,
    }
}

/// The first letters of the middle names and initials of a mention: everything between its
/// first and last name word ("George H. W. Bush" → h, w; "Ana Maria Ortiz" → m).
fn middles(doc: &Document<'_>, shapes: &[Shape], m: &NameMention) -> Vec<char> {
    let (Some(&first), Some(&last)) = (m.words.first(), m.words.last()) else {
        return Vec::new();
    };
    (first + 1..last)
        .filter(|&i| m.words.contains(&i) || shapes[i].initial)
        .filter_map(|i| shapes[i].name.of(&doc.text).chars().next())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Different middle initials on the same name are different people (George H. W. Bush is not
/// George W. Bush); a name written without them fits either.
fn middles_agree(a: &[char], b: &[char]) -> bool {
    a.is_empty() || b.is_empty() || a == b
}

/// Groups by surname and by given name, each list in group order (entries may be stale: a
/// group's given name can change, so callers check the group itself).
#[derive(Default)]
struct Index {
    surname: FastMap<String, Vec<usize>>,
    given: FastMap<String, Vec<usize>>,
}

impl Index {
    fn add(map: &mut FastMap<String, Vec<usize>>, key: &str, gi: usize) {
        let list = map.entry(key.to_string()).or_default();
        let at = list.partition_point(|&x| x < gi);
        if list.get(at) != Some(&gi) {
            list.insert(at, gi);
        }
    }

    fn note(&mut self, gi: usize, g: &Group) {
        Index::add(&mut self.surname, &g.surname, gi);
        if let Some(given) = &g.given {
            Index::add(&mut self.given, given, gi);
        }
    }

    fn by_surname(&self, surname: &str) -> &[usize] {
        self.surname.get(surname).map_or(&[], Vec::as_slice)
    }

    fn by_given(&self, given: &str) -> &[usize] {
        self.given.get(given).map_or(&[], Vec::as_slice)
    }
}

/// Groups `mentions` (sorted by position) into people.
pub fn cluster(doc: &Document<'_>, shapes: &[Shape], mentions: &[NameMention]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut index = Index::default();
    let keys: Vec<(Vec<String>, Option<char>)> = mentions.iter().map(|m| words(doc, shapes, m)).collect();
    for (mi, (w, initial)) in keys.iter().enumerate() {
        let (Some(first), Some(last)) = (w.first(), w.last()) else {
            continue;
        };
        if w.len() < 2 && initial.is_none() {
            continue;
        }
        let given = (w.len() >= 2).then(|| first.clone());
        let mid = middles(doc, shapes, &mentions[mi]);
        // Among several that fit ("George Bush" after both Bushes), the one named last.
        let found = index
            .by_surname(last)
            .iter()
            .copied()
            .filter(|&gi| {
                let g = &groups[gi];
                g.given.is_some()
                    && g.surname == *last
                    && match (&given, &g.given) {
                        (Some(a), Some(b)) => {
                            (a == b || g.words.ends_with(w) || w.ends_with(&g.words))
                                && (a != b || middles_agree(&g.middles, &mid))
                        }
                        _ => initial.is_some_and(|c| g.given.as_ref().is_some_and(|b| b.starts_with(c))),
                    }
            })
            .max_by_key(|&gi| groups[gi].mentions.last().copied());
        // "Ana Ortis" after "Ana Ortiz": the same given name and a surname one letter off.
        let found = found.or_else(|| {
            let same_given = given.as_deref().map_or(&[][..], |n| index.by_given(n));
            same_given.iter().copied().find(|&gi| {
                let g = &groups[gi];
                g.given.is_some() && g.given == given && one_edit(&g.surname, last) && middles_agree(&g.middles, &mid)
            })
        });
        let gi = found.unwrap_or_else(|| {
            groups.push(Group {
                given: given.clone(),
                surname: last.clone(),
                ..Group::default()
            });
            groups.len() - 1
        });
        if w.len() > groups[gi].words.len() {
            groups[gi].words = w.clone();
            groups[gi].given = given.clone().or(groups[gi].given.take());
        }
        index.note(gi, &groups[gi]);
        groups[gi].mentions.push(mi);
        if groups[gi].middles.is_empty() && given.is_some() {
            groups[gi].middles = mid;
        }
        if groups[gi].gender.is_none() {
            groups[gi].gender = mentions[mi].title_gender;
        }
    }
    for g in &mut groups {
        if g.gender.is_none() {
            g.gender = g.given.as_deref().and_then(|n| super::gazetteer::lookup(n).gender());
        }
    }
    for (mi, (w, initial)) in keys.iter().enumerate() {
        if w.len() != 1 || initial.is_some() {
            continue;
        }
        let gi = pick(doc, (&groups, &index), mentions, mi, &w[0]).unwrap_or_else(|| {
            groups.push(Group {
                surname: w[0].clone(),
                ..Group::default()
            });
            groups.len() - 1
        });
        index.note(gi, &groups[gi]);
        groups[gi].mentions.push(mi);
    }
    for g in &mut groups {
        g.mentions.sort_unstable();
    }
    groups
}

/// The group a single name `word` at mention `mi` belongs to: the only one with that surname
/// (else given name); among several, the one named in this or the previous sentence, else the
/// one mentioned most so far (a biography's subject keeps the bare surname when a relative is
/// named), else the first named after it.
fn pick(
    doc: &Document<'_>,
    (groups, index): (&[Group], &Index),
    mentions: &[NameMention],
    mi: usize,
    word: &str,
) -> Option<usize> {
    let at = mentions[mi].span.start;
    let here = doc.sentence_at(at).unwrap_or(0);
    let sex = mentions[mi].title_gender;
    let fits = |g: &Group| sex.is_none() || g.gender.is_none() || g.gender == sex;
    let by = |surname: bool| -> Option<usize> {
        let listed = if surname {
            index.by_surname(word)
        } else {
            index.by_given(word)
        };
        let matching: Vec<(usize, Option<usize>, usize, usize)> = listed
            .iter()
            .filter_map(|&gi| Some((gi, groups.get(gi)?)))
            .filter(|(_, g)| {
                fits(g)
                    && if surname {
                        g.surname == word
                    } else {
                        g.given.as_deref() == Some(word)
                    }
            })
            .map(|(gi, g)| {
                // A group's mentions are pushed in document order, full names first.
                let starts = g.mentions.iter().map(|&m| mentions[m].span.start);
                let count = starts.clone().filter(|&s| s < at).count();
                let last = starts.clone().filter(|&s| s < at).max();
                let first = starts.min().unwrap_or(usize::MAX);
                (gi, last, count, first)
            })
            .collect();
        let recent = matching.iter().filter(|m| m.1.is_some()).max_by_key(|m| m.1);
        if let Some(r) = recent {
            let near = r.1.and_then(|s| doc.sentence_at(s)).is_some_and(|s| s + 1 >= here);
            if near {
                return Some(r.0);
            }
            return matching
                .iter()
                .filter(|m| m.1.is_some())
                .max_by_key(|m| (m.2, m.1))
                .map(|m| m.0);
        }
        matching.iter().min_by_key(|m| m.3).map(|m| m.0)
    };
    by(true)
        .or_else(|| by(false))
        .or_else(|| short_form(groups, &mentions[mi], word))
        .or_else(|| variant(groups, word))
}

/// "Jen" after "Jennifer Aniston", "Bill" after "William Tate": a lone word that is a short form
/// of exactly one person's given name (a prefix of at least three letters, or a listed
/// nickname), when neither a title's nor the word's own census sex disagrees with that person's.
/// Two people it could shorten, and it stays apart.
fn short_form(groups: &[Group], m: &NameMention, word: &str) -> Option<usize> {
    if word.chars().count() < 3 {
        return None;
    }
    let nicknames = super::lists::lists().nicknames.get(word);
    let own = m.title_gender.or_else(|| super::gazetteer::lookup(word).gender());
    let shortens = |given: &str| {
        given.len() > word.len() && given.starts_with(word)
            || nicknames.is_some_and(|full| full.iter().any(|f| f == given))
    };
    let mut fits = groups.iter().enumerate().filter(|(_, g)| {
        !g.mentions.is_empty()
            && g.given.as_deref().is_some_and(shortens)
            && (own.is_none() || g.gender.is_none() || g.gender == own)
    });
    let first = fits.next().map(|(gi, _)| gi);
    match fits.next() {
        None => first,
        Some(_) => None,
    }
}

/// "Ortis" after "Ana Ortiz": a lone surname one letter off a full name's surname, when the
/// lone form is not itself a frequent census surname (Hansen and Hanson are both real).
fn variant(groups: &[Group], word: &str) -> Option<usize> {
    if super::gazetteer::lookup(word).surname_within(10_000) {
        return None;
    }
    let fits: Vec<usize> = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.given.is_some() && one_edit(&g.surname, word) && !g.mentions.is_empty())
        .map(|(gi, _)| gi)
        .collect();
    match fits.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}
