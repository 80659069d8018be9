//! The word lists the quotes engine reads, compiled once from `lexicon/quotes_*.txt`, and small
//! helpers to look a token up in them without allocating.

use std::sync::LazyLock;

use crate::analysis::lexicon::{self, FastMap, FastSet};
use crate::analysis::model::SourceKind;

static SPEECH_VERBS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/quotes_speech_verbs.txt")));
static CHARACTERISING_VERBS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/quotes_characterising_verbs.txt")));
static TITLE_CUES: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/quotes_title_cues.txt")));
static TERM_CUES: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/quotes_term_cues.txt")));
static NICKNAME_CUES: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/quotes_nickname_cues.txt")));
static PERFORMER_NOUNS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/quotes_performer_nouns.txt")));
static ELISIONS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/quotes_elisions.txt")));
/// What a speaker word says about its phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SpeakerWord {
    Kind(SourceKind),
    /// "official", "aide": anonymous when the phrase names nobody.
    Role,
}

static SPEAKER_WORDS: LazyLock<FastMap<String, SpeakerWord>> = LazyLock::new(|| {
    lexicon::entries(include_str!("../lexicon/quotes_speaker_words.txt"))
        .filter_map(|line| {
            let (kind, word) = line.split_once(' ')?;
            let kind = match kind {
                "pronoun" => SpeakerWord::Kind(SourceKind::Pronoun),
                "anonymous" => SpeakerWord::Kind(SourceKind::Anonymous),
                "vague" => SpeakerWord::Kind(SourceKind::Vague),
                "role" => SpeakerWord::Role,
                _ => return None,
            };
            Some((word.trim().to_lowercase(), kind))
        })
        .collect()
});

pub(super) use crate::analysis::text::lower;

pub(super) fn is_speech_verb(word: &str) -> bool {
    SPEECH_VERBS.contains(word)
}

pub(super) fn is_characterising_verb(word: &str) -> bool {
    CHARACTERISING_VERBS.contains(word)
}

pub(super) fn is_title_cue(word: &str) -> bool {
    TITLE_CUES.contains(lower(word).as_ref())
}

pub(super) fn is_term_cue(word: &str) -> bool {
    TERM_CUES.contains(lower(word).as_ref())
}

pub(super) fn is_nickname_cue(word: &str) -> bool {
    NICKNAME_CUES.contains(lower(word).as_ref())
}

pub(super) fn is_performer_noun(word: &str) -> bool {
    PERFORMER_NOUNS.contains(lower(word).as_ref())
}

pub(super) fn is_elision(word: &str) -> bool {
    ELISIONS.contains(lower(word).as_ref())
}

/// What a speaker word gives on its own: a pronoun, an anonymous, vague or role head noun.
pub(super) fn speaker_word(word: &str) -> Option<SpeakerWord> {
    SPEAKER_WORDS.get(lower(word).as_ref()).copied()
}

/// Whether the word is a subject pronoun.
pub(super) fn is_pronoun(word: &str) -> bool {
    speaker_word(word) == Some(SpeakerWord::Kind(SourceKind::Pronoun))
}

pub(super) use crate::analysis::text::is_capitalised;

/// Small closed-class words, compared in lowercase.
/// Whether `word`, lowercased, is in a word list (a `lexicon` set).
pub(super) fn in_set(word: &str, list: &FastSet<String>) -> bool {
    list.contains(lower(word).as_ref())
}

pub(super) fn is_one_of(word: &str, list: &[&str]) -> bool {
    let w = lower(word);
    list.contains(&w.as_ref())
}

/// Small words a title leaves in lowercase.
pub(super) static TITLE_SMALL_WORDS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/quotes_title_small_words.txt")));

/// Determiners and possessive pronouns that open a noun phrase.
pub(super) static DETERMINERS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/quotes_determiners.txt")));

/// Words that end a noun phrase when walking left from a verb.
pub(super) static NP_STOPS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/quotes_np_stops.txt")));

/// Adverbs and auxiliaries allowed between a subject and its speech verb.
pub(super) static VERB_SKIPS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/quotes_verb_skips.txt")));

/// Negations: "did not say", "never told".
pub(super) static NEGATIONS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/quotes_negations.txt")));

/// Name particles allowed inside a capitalised name: Ana de la Vega, Ludwig van Beethoven.
pub(super) static NAME_PARTICLES: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/quotes_name_particles.txt")));

/// Sentence-initial capitalised words that are not part of a name.
pub(super) static NOT_NAMES: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/quotes_not_names.txt")));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_match_in_lowercase() {
        assert!(is_speech_verb("said"));
        assert!(is_characterising_verb("called"));
        assert!(is_title_cue("Film"));
        assert!(is_elision("til"));
        assert!(is_pronoun("She"));
        assert_eq!(speaker_word("insider"), Some(SpeakerWord::Kind(SourceKind::Anonymous)));
        assert_eq!(speaker_word("aides"), Some(SpeakerWord::Role));
        assert_eq!(speaker_word("Ortiz"), None);
    }
}
