//! The people engine's word lists (`lexicon/people_*.txt`), compiled once into lookup tables.

use std::sync::LazyLock;

use crate::analysis::lexicon::{entries, set};
use crate::analysis::model::Gender;

pub use crate::analysis::lexicon::{FastMap, FastSet};

/// Every list the people engine reads.
pub struct Lists {
    /// Honorifics and titles, with the sex they imply.
    pub titles: FastMap<String, Option<Gender>>,
    /// Role nouns for epithets and appositives, with the sex they imply.
    pub roles: FastMap<String, Option<Gender>>,
    /// Words that say what a person is when written right before the name ("Swede", "biologist").
    pub prefixes: FastMap<String, Option<Gender>>,
    /// Family and personal relations.
    pub relations: FastMap<String, Option<Gender>>,
    /// Short forms of given names that are not prefixes ("bill" → william), with their full names.
    pub nicknames: FastMap<String, Vec<String>>,
    /// Third-person pronouns.
    pub pronouns: FastMap<String, Gender>,
    pub places: FastSet<String>,
    pub nonperson: FastSet<String>,
    /// Multi-word non-person names, words joined by one space.
    pub nonperson_phrases: FastSet<String>,
    pub stopwords: FastSet<String>,
    pub common: FastSet<String>,
    pub speech_verbs: FastSet<String>,
    /// "told People": forms of "tell" before a publication.
    pub outlet_tell: FastSet<String>,
    /// "spoke to People", "according to Radar": words before "to" and a publication.
    pub outlet_verbs: FastSet<String>,
    pub work_nouns: FastSet<String>,
}

fn gendered(data: &'static str) -> FastMap<String, Option<Gender>> {
    entries(data)
        .map(|line| {
            let mut parts = line.split_whitespace();
            let word = parts.next().unwrap_or("").to_lowercase();
            let sex = match parts.next() {
                Some("m") => Some(Gender::Male),
                Some("f") => Some(Gender::Female),
                _ => None,
            };
            (word, sex)
        })
        .collect()
}

/// "short full" lines, each short form with all its full forms.
fn pairs(data: &'static str) -> FastMap<String, Vec<String>> {
    let mut map: FastMap<String, Vec<String>> = FastMap::default();
    for line in entries(data) {
        let mut parts = line.split_whitespace();
        if let (Some(short), Some(full)) = (parts.next(), parts.next()) {
            map.entry(short.to_lowercase()).or_default().push(full.to_lowercase());
        }
    }
    map
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| Lists {
    titles: gendered(include_str!("../lexicon/people_titles.txt")),
    roles: gendered(include_str!("../lexicon/people_roles.txt")),
    prefixes: gendered(include_str!("../lexicon/people_name_prefixes.txt")),
    relations: gendered(include_str!("../lexicon/people_relations.txt")),
    nicknames: pairs(include_str!("../lexicon/people_nicknames.txt")),
    pronouns: gendered(include_str!("../lexicon/people_pronouns.txt"))
        .into_iter()
        .filter_map(|(w, g)| g.map(|g| (w, g)))
        .collect(),
    places: set(include_str!("../lexicon/people_places.txt")),
    nonperson: set(include_str!("../lexicon/people_nonperson.txt")),
    nonperson_phrases: set(include_str!("../lexicon/people_nonperson_phrases.txt")),
    stopwords: set(include_str!("../lexicon/people_stopwords.txt")),
    common: set(include_str!("../lexicon/people_common_words.txt")),
    speech_verbs: set(include_str!("../lexicon/people_speech_verbs.txt")),
    outlet_tell: set(include_str!("../lexicon/people_outlet_tell.txt")),
    outlet_verbs: set(include_str!("../lexicon/people_outlet_verbs.txt")),
    work_nouns: set(include_str!("../lexicon/people_work_nouns.txt")),
});

impl Lists {
    /// The sex a third-person pronoun implies; cheap on the words that are not pronouns.
    pub fn pronoun(&self, word: &str) -> Option<Gender> {
        let first = word.as_bytes().first()?;
        if word.len() > 7 || !matches!(first, b'h' | b'H' | b's' | b'S') {
            return None;
        }
        self.pronouns.get(lower(word).as_ref()).copied()
    }
}

/// The lists, built on first use.
pub fn lists() -> &'static Lists {
    &LISTS
}

pub use crate::analysis::text::lower;

/// `word` without a trailing possessive `'s`, `’s` or bare apostrophe (the name part only).
pub fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if !stem.is_empty() {
                return stem;
            }
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_with_genders() {
        let l = lists();
        assert_eq!(l.titles.get("mrs"), Some(&Some(Gender::Female)));
        assert_eq!(l.titles.get("dr"), Some(&None));
        assert_eq!(l.roles.get("actress"), Some(&Some(Gender::Female)));
        assert_eq!(l.pronouns.get("him"), Some(&Gender::Male));
        assert!(l.places.contains("england"));
        assert!(l.nonperson.contains("weekly"));
        assert!(l.nonperson_phrases.contains("morgan stanley"));
    }

    #[test]
    fn strips_possessives_but_not_whole_words() {
        assert_eq!(strip_possessive("Ortiz’s"), "Ortiz");
        assert_eq!(strip_possessive("Ortiz's"), "Ortiz");
        assert_eq!(strip_possessive("Ortiz"), "Ortiz");
        assert_eq!(strip_possessive("'s"), "'s");
    }
}
