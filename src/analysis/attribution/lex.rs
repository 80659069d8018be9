//! The attribution lexicons, compiled once into immutable lookup tables.
//!
//! Every list is a data file in `src/analysis/lexicon/` (one entry a line). Lookups take a
//! lowercase word.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::analysis::lexicon::{self, FastMap, FastSet};

pub struct Lexicon {
    pub verbs: FastSet<String>,
    pub ambiguous_verbs: FastSet<String>,
    /// Speech verbs that are acts when an object follows ("snapped a photo";
    /// `attribution_verbs_objectless.txt`).
    pub objectless_verbs: FastSet<String>,
    pub anonymous_heads: FastSet<String>,
    pub group_heads: FastSet<String>,
    pub role_heads: FastSet<String>,
    pub institution_heads: FastSet<String>,
    pub document_heads: FastSet<String>,
    pub attitudes: FastSet<String>,
    /// Crowd words that also name a publication (`attribution_publications_named_like_crowds.txt`).
    pub crowd_publications: FastSet<String>,
    /// Job words and their class ("spokeswoman" → `spokes`), for naming role phrases.
    pub role_classes: FastMap<String, RoleClass>,
    /// (participle, preposition) pairs that read as passive status, not a claim
    /// (`attribution_status_participles.txt`).
    pub status_participles: Vec<(String, String)>,
    /// Time adverbials between a subject and its verb ("last night", "on friday";
    /// `attribution_time_adverbials.txt`).
    pub time_adverbials: FastSet<String>,
    /// Anonymity reasons; pattern index `i` is stock when `reason_stock[i]`.
    pub reasons: Option<AhoCorasick>,
    pub reason_stock: Vec<bool>,
}

pub static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    let reason_lines: Vec<(&str, bool)> = lexicon::entries(include_str!("../lexicon/attribution_reasons.txt"))
        .map(|l| match l.strip_prefix("stock:") {
            Some(rest) => (rest, true),
            None => (l, false),
        })
        .collect();
    let reasons = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(reason_lines.iter().map(|(p, _)| p))
        .ok();
    Lexicon {
        verbs: lexicon::set(include_str!("../lexicon/attribution_verbs.txt")),
        ambiguous_verbs: lexicon::set(include_str!("../lexicon/attribution_verbs_ambiguous.txt")),
        objectless_verbs: lexicon::set(include_str!("../lexicon/attribution_verbs_objectless.txt")),
        anonymous_heads: lexicon::set(include_str!("../lexicon/attribution_anonymous_heads.txt")),
        group_heads: lexicon::set(include_str!("../lexicon/attribution_group_heads.txt")),
        role_heads: lexicon::set(include_str!("../lexicon/attribution_role_heads.txt")),
        institution_heads: lexicon::set(include_str!("../lexicon/attribution_institution_heads.txt")),
        document_heads: lexicon::set(include_str!("../lexicon/attribution_document_heads.txt")),
        attitudes: lexicon::set(include_str!("../lexicon/attribution_attitudes.txt")),
        crowd_publications: lexicon::set(include_str!(
            "../lexicon/attribution_publications_named_like_crowds.txt"
        )),
        role_classes: lexicon::entries(include_str!("../lexicon/attribution_role_classes.txt"))
            .filter_map(|l| {
                let (word, class) = l.split_once(' ')?;
                Some((word.to_lowercase(), RoleClass::parse(class.trim())?))
            })
            .collect(),
        status_participles: lexicon::entries(include_str!("../lexicon/attribution_status_participles.txt"))
            .filter_map(|l| {
                let (verb, prep) = l.split_once(' ')?;
                Some((verb.to_lowercase(), prep.trim().to_lowercase()))
            })
            .collect(),
        time_adverbials: lexicon::set(include_str!("../lexicon/attribution_time_adverbials.txt")),
        reasons,
        reason_stock: reason_lines.iter().map(|(_, s)| *s).collect(),
    }
});

/// The kind of job a role word names (`attribution_role_classes.txt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleClass {
    Spokes,
    Legal,
    Staff,
    Ally,
}

impl RoleClass {
    fn parse(s: &str) -> Option<RoleClass> {
        match s {
            "spokes" => Some(RoleClass::Spokes),
            "legal" => Some(RoleClass::Legal),
            "staff" => Some(RoleClass::Staff),
            "ally" => Some(RoleClass::Ally),
            _ => None,
        }
    }

    /// One bit per class, for a set of classes in a `u8`.
    pub fn bit(self) -> u8 {
        match self {
            RoleClass::Spokes => 1,
            RoleClass::Legal => 2,
            RoleClass::Staff => 4,
            RoleClass::Ally => 8,
        }
    }

    /// The classes a source phrase of this class accepts in a named person's description:
    /// its own, and for aides and advisers also spokespeople.
    pub fn accepts(self) -> u8 {
        match self {
            RoleClass::Staff => RoleClass::Staff.bit() | RoleClass::Spokes.bit(),
            other => other.bit(),
        }
    }
}

/// Words that may stand between a subject and its verb: auxiliaries, negation, adverbs.
pub fn is_aux_or_adverb(w: &str) -> bool {
    lexicon::is_auxiliary(w)
        || matches!(
            w,
            "also"
                | "later"
                | "previously"
                | "recently"
                | "exclusively"
                | "once"
                | "often"
                | "then"
                | "now"
                | "still"
                | "further"
                | "first"
                | "earlier"
                | "never"
                | "not"
                | "always"
                | "already"
                | "just"
                | "even"
                | "only"
                | "again"
                | "too"
                | "can"
                | "been"
                | "long"
                | "since"
                | "reportedly"
                | "allegedly"
                | "sometimes"
                | "ultimately"
                | "finally"
                | "separately"
        )
        || (w.len() > 4 && w.ends_with("ly") && !matches!(w, "family" | "ally" | "italy" | "emily" | "holly" | "kelly"))
}

/// Personal and relative pronouns that can be a source.
pub fn is_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "they" | "i" | "we" | "you" | "it" | "who")
}

/// Words that open a determiner phrase counting one or more specific people.
pub fn is_counting_determiner(w: &str) -> bool {
    matches!(
        w,
        "a" | "an" | "one" | "another" | "each" | "number" | "pair" | "handful" | "couple" | "least"
    ) || is_count_word(w)
        || is_count(w)
}

/// Number words that count people: "two", "three" … "ten".
pub fn is_count_word(w: &str) -> bool {
    matches!(
        w,
        "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten"
    )
}

/// A count of people a reader could still tell apart ("12 officials") is specific; beyond
/// this ("5,300 employees", "300 residents") it is a crowd.
const MAX_SPECIFIC_COUNT: u32 = 20;

fn is_count(w: &str) -> bool {
    let digits = !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == ',');
    let n = w.replace(',', "").parse::<u32>().ok();
    digits && n.is_some_and(|n| n <= MAX_SPECIFIC_COUNT)
}

/// Words that end a subject phrase when scanning left: clause openers and conjunctions.
pub fn is_clause_boundary(w: &str) -> bool {
    matches!(
        w,
        "that"
            | "but"
            | "and"
            | "or"
            | "while"
            | "because"
            | "as"
            | "when"
            | "though"
            | "although"
            | "if"
            | "after"
            | "before"
            | "so"
            | "where"
            | "whereas"
            | "since"
            | "until"
            | "unless"
            | "whether"
            | "than"
            | "yet"
            | "whom"
    )
}

/// Prepositions and relative words that start a post-modifier of a noun ("a source close to").
pub fn starts_postmodifier(w: &str) -> bool {
    matches!(
        w,
        "for"
            | "of"
            | "to"
            | "with"
            | "at"
            | "in"
            | "on"
            | "from"
            | "close"
            | "closest"
            | "familiar"
            | "who"
            | "whose"
            | "which"
            | "briefed"
            | "involved"
            | "knowledgeable"
            | "near"
            | "inside"
            | "within"
            | "working"
            | "connected"
            | "tied"
            | "by"
            | "i"
            | "we"
            | "aware"
            | "privy"
    )
}

/// Prepositions that open an adverbial phrase, never a subject.
pub fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "on"
            | "at"
            | "during"
            | "after"
            | "before"
            | "with"
            | "for"
            | "from"
            | "by"
            | "despite"
            | "since"
            | "until"
            | "like"
            | "over"
            | "under"
            | "through"
            | "about"
            | "among"
            | "into"
            | "to"
            | "of"
            | "amid"
            | "without"
            | "per"
    )
}

/// Determiners and possessives that cannot end a subject phrase.
pub fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "this"
            | "these"
            | "those"
            | "such"
    )
}

/// Speech verbs that may come before their subject: `“…,” said Ortiz`.
pub fn allows_inversion(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "say"
            | "added"
            | "adds"
            | "explained"
            | "explains"
            | "continued"
            | "continues"
            | "noted"
            | "notes"
            | "recalled"
            | "recalls"
            | "wrote"
            | "writes"
            | "asked"
            | "asks"
            | "insisted"
            | "insists"
            | "replied"
            | "replies"
            | "answered"
            | "reveals"
            | "revealed"
            | "gushed"
            | "gushes"
            | "joked"
            | "quipped"
            | "concluded"
            | "declared"
            | "admitted"
            | "admits"
            | "confirmed"
            | "confirms"
            | "warned"
            | "warns"
            | "claimed"
            | "claims"
            | "argued"
            | "argues"
            | "stressed"
            | "remarked"
            | "observed"
            | "advises"
            | "advised"
            | "shouted"
            | "chimed"
            | "dished"
            | "shared"
            | "explain"
    )
}

/// Words that describe a time, not a speaker: `said Friday that`.
pub fn is_time_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "tonight"
            | "last"
            | "this"
            | "earlier"
            | "later"
            | "on"
            | "in"
            | "at"
            | "that"
            | "of"
            | "it"
            | "so"
            | "recently"
            | "previously"
            | "about"
            | "to"
            | "when"
            | "while"
            | "after"
            | "before"
            | "during"
            | "as"
    )
}

/// Offices held by one identifiable person: "the president said" names someone.
pub fn is_unique_office(w: &str) -> bool {
    matches!(
        w,
        "president"
            | "mayor"
            | "governor"
            | "chancellor"
            | "premier"
            | "minister"
            | "king"
            | "queen"
            | "pope"
            | "ceo"
            | "chairman"
            | "chairwoman"
            | "director"
            | "coach"
            | "star"
            | "actress"
            | "actor"
            | "singer"
            | "dancer"
            | "rapper"
            | "senator"
            | "congressman"
            | "congresswoman"
            | "candidate"
            | "nominee"
            | "couple"
            | "winner"
            | "prince"
            | "princess"
    )
}
