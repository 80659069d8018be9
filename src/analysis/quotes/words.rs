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
pub(super) fn is_one_of(word: &str, list: &[&str]) -> bool {
    let w = lower(word);
    list.contains(&w.as_ref())
}

/// Small words a title leaves in lowercase.
pub(super) const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from", "as", "but", "nor", "vs",
    "v", "de", "la", "le", "is", "it", "my", "your", "our", "its",
];

/// Determiners and possessive pronouns that open a noun phrase.
pub(super) const DETERMINERS: &[&str] = &[
    "a", "an", "the", "one", "two", "three", "four", "five", "several", "some", "many", "multiple", "few", "another",
    "his", "her", "their", "its", "our", "my", "your", "this", "that", "these", "those", "each", "every", "no", "both",
    "other", "most", "all", "any",
];

/// Words that end a noun phrase when walking left from a verb.
pub(super) const NP_STOPS: &[&str] = &[
    "and",
    "or",
    "but",
    "nor",
    "so",
    "yet",
    "who",
    "whom",
    "which",
    "that",
    "when",
    "while",
    "after",
    "before",
    "because",
    "if",
    "though",
    "although",
    "as",
    "since",
    "until",
    "where",
    "whether",
    "than",
    "then",
    "also",
    "meanwhile",
    "however",
    "now",
    "still",
    "instead",
    "indeed",
    "later",
    "earlier",
    "here",
    "there",
    "of",
    "to",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "by",
    "about",
    "into",
    "onto",
    "over",
    "under",
    "during",
    "against",
    "between",
    "through",
    "without",
    "within",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "should",
    "must",
    "not",
    "never",
    "just",
    "what",
    "how",
    "why",
    "once",
    "again",
    "said",
    "says",
    "told",
    "say",
    "tell",
    "like",
    "unlike",
    "per",
    "via",
    "amid",
];

/// Adverbs and auxiliaries allowed between a subject and its speech verb.
pub(super) const VERB_SKIPS: &[&str] = &[
    "also",
    "then",
    "later",
    "previously",
    "once",
    "again",
    "still",
    "just",
    "recently",
    "earlier",
    "further",
    "exclusively",
    "has",
    "have",
    "had",
    "would",
    "will",
    "was",
    "is",
    "were",
    "are",
    "did",
    "does",
    "do",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "reportedly",
    "allegedly",
    "repeatedly",
    "often",
    "first",
    "even",
    "simply",
    "finally",
    "quickly",
    "publicly",
    "privately",
    "similarly",
    "likewise",
    "however",
    "too",
    "herself",
    "himself",
    "themselves",
    "candidly",
    "openly",
    "bluntly",
    "flatly",
    "proudly",
    "quietly",
    "only",
];

/// Negations: "did not say", "never told".
pub(super) const NEGATIONS: &[&str] = &["not", "never", "n't", "n’t", "didn't", "didn’t", "won't", "won’t"];

/// Name particles allowed inside a capitalised name: Ana de la Vega, Ludwig van Beethoven.
pub(super) const NAME_PARTICLES: &[&str] = &[
    "de", "van", "von", "bin", "da", "le", "del", "della", "di", "du", "la", "al", "el", "der", "den", "ter", "dos",
    "das", "y",
];

/// Sentence-initial capitalised words that are not part of a name.
pub(super) const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "but",
    "and",
    "so",
    "yet",
    "or",
    "then",
    "when",
    "while",
    "after",
    "before",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "by",
    "as",
    "if",
    "meanwhile",
    "however",
    "still",
    "now",
    "also",
    "later",
    "earlier",
    "instead",
    "indeed",
    "here",
    "there",
    "this",
    "that",
    "these",
    "those",
    "last",
    "next",
    "on",
    "speaking",
    "asked",
    "us",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "according",
    "both",
    "some",
    "many",
    "most",
    "all",
    "one",
    "two",
    "several",
    "other",
    "another",
    "every",
    "each",
    "no",
    "not",
    "what",
    "how",
    "why",
    "where",
    "who",
    "which",
    "because",
    "although",
    "though",
    "since",
    "until",
    "during",
    "despite",
    "outside",
    "inside",
    "under",
    "over",
    "about",
    "through",
    "against",
    "between",
    "without",
    "within",
    "into",
    "onto",
    "upon",
    "read",
    "watch",
    "more",
    "editor’s",
    "editor's",
    "note",
];

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
