//! Quoted words that are mentioned rather than said: the words themselves are the topic.
//!
//! - a naming convention: "what critics call “X”", "known as “X”", "referred to as “X”";
//! - a word list: "the words on the list are “X”", "among the new terms is “X”", "terms such
//!   as “X”" (a word noun earlier in the clause, then a copula or "such as" right before).
//!
//! Past-tense "what she called “X”" is left alone: it reports what she said.

use std::sync::LazyLock;

use super::spans::RawQuote;
use super::words;
use crate::analysis::lexicon::{self, FastSet};
use crate::analysis::segment::{Document, TokenKind};

/// Nouns for words as words: when the clause is about these, the quotations in it are examples.
static WORD_NOUNS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/quotes_word_nouns.txt")));

/// Present-tense naming verbs: "what critics call", "what the industry dubs".
static NAMING_VERBS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/quotes_naming_verbs.txt")));

/// Verbs linking a list's subject to its members: "the words are", "the entries include".
static LINKS: LazyLock<FastSet<String>> = LazyLock::new(|| lexicon::set(include_str!("../lexicon/quotes_links.txt")));

/// Possessives that make a word noun someone's words.
static POSSESSIVES: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/quotes_possessives.txt")));

/// How far back (in tokens) a word noun may sit from the link before the quotation.
const NOUN_REACH: usize = 16;

/// Whether the quotation is a mentioned word or phrase (see the module doc).
pub(super) fn is_mentioned(doc: &Document<'_>, q: &RawQuote) -> bool {
    let Some(start) = sentence_start(doc, q) else {
        return false;
    };
    let before: Vec<usize> = (start..q.tokens.start)
        .rev()
        .filter(|&i| doc.tokens.get(i).is_some_and(|t| t.kind != TokenKind::Quote))
        .take(NOUN_REACH + 2)
        .collect();
    let word = |k: usize| before.get(k).map_or("", |&i| doc.token_text(i));
    // Skip a determiner right before the quotation: "what they call a “…”".
    let d = usize::from(words::is_one_of(word(0), &["a", "an", "the"]));
    naming(&word, d) || listing(&word, d)
}

/// "what critics call “X”" / "known as “X”" / "referred to (condescendingly) as “X”" (but not
/// "referred to her as “X”").
fn naming<'a>(word: &dyn Fn(usize) -> &'a str, d: usize) -> bool {
    let is = |k: usize, list: &[&str]| words::is_one_of(word(k), list);
    if words::in_set(word(d), &NAMING_VERBS) {
        return (d + 1..d + 6).any(|k| is(k, &["what"]));
    }
    // "referred to her as “the devil”" has an object: someone characterised her (speech).
    let adverb = |k: usize| word(k).ends_with("ly");
    is(d, &["as"])
        && (is(d + 1, &["known"])
            || (is(d + 1, &["to"]) && is(d + 2, &["referred"]))
            || (adverb(d + 1) && is(d + 2, &["to"]) && is(d + 3, &["referred"])))
}

/// "the words … are “X”" / "terms such as “X”"; not someone's words ("his last words were
/// “…”" reports what he said).
fn listing<'a>(word: &dyn Fn(usize) -> &'a str, d: usize) -> bool {
    let is = |k: usize, list: &[&str]| words::is_one_of(word(k), list);
    let possessive = |k: usize| {
        let w = word(k);
        words::in_set(word(k), &POSSESSIVES) || w.ends_with("’s") || w.ends_with("'s")
    };
    let linked = words::in_set(word(d), &LINKS) || (is(d, &["as"]) && is(d + 1, &["such"])) || is(d, &[":"]);
    let owned = |k: usize| (k + 1..k + 3).any(possessive);
    linked && (d + 1..d + NOUN_REACH).any(|k| words::in_set(word(k), &WORD_NOUNS) && !owned(k))
}

/// The first token of the quotation's sentence.
fn sentence_start(doc: &Document<'_>, q: &RawQuote) -> Option<usize> {
    let s = doc.sentence_at(q.span.start)?;
    Some(doc.sentences.get(s)?.tokens.start)
}
