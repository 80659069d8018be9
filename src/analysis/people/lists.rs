//! The people engine's word lists (`lexicon/people_*.txt`), compiled once into lookup tables.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::analysis::lexicon::entries;
use crate::analysis::model::Gender;

/// Every list the people engine reads.
pub struct Lists {
    /// Honorifics and titles, with the sex they imply.
    pub titles: HashMap<String, Option<Gender>>,
    /// Role nouns for epithets and appositives, with the sex they imply.
    pub roles: HashMap<String, Option<Gender>>,
    /// Words that say what a person is when written right before the name ("Swede", "biologist").
    pub prefixes: HashMap<String, Option<Gender>>,
    /// Family and personal relations.
    pub relations: HashMap<String, Option<Gender>>,
    /// Third-person pronouns.
    pub pronouns: HashMap<String, Gender>,
    pub places: HashSet<String>,
    pub nonperson: HashSet<String>,
    /// Multi-word non-person names, words joined by one space.
    pub nonperson_phrases: HashSet<String>,
    pub stopwords: HashSet<String>,
    pub common: HashSet<String>,
    pub speech_verbs: HashSet<String>,
    pub work_nouns: HashSet<String>,
}

fn gendered(data: &'static str) -> HashMap<String, Option<Gender>> {
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

fn set(data: &'static str) -> HashSet<String> {
    crate::analysis::lexicon::set(data)
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| Lists {
    titles: gendered(include_str!("../lexicon/people_titles.txt")),
    roles: gendered(include_str!("../lexicon/people_roles.txt")),
    prefixes: gendered(include_str!("../lexicon/people_name_prefixes.txt")),
    relations: gendered(include_str!("../lexicon/people_relations.txt")),
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
    work_nouns: set(include_str!("../lexicon/people_work_nouns.txt")),
});

/// The lists, built on first use.
pub fn lists() -> &'static Lists {
    &LISTS
}

/// `word` in lowercase, borrowed when it already is.
pub fn lower(word: &str) -> Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

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
