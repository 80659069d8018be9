//! The memo behind incremental analysis: results that depend only on a piece of text, kept
//! from one analysis of a document to the next and keyed by that text.
//!
//! `analysis::analyze_with` reads and fills a [`Memo`]. A keystroke changes one
//! paragraph; every other sentence of the document looks the same as last time, so its results
//! come from the memo instead of being computed again. Nothing is keyed by position: a
//! sentence that moved (text inserted above it) is still found. The keys hold the whole input
//! of the memoised step, not a hash of it, so a hit is exact: the result with a memo equals the
//! result without one, field for field (a property test checks it on random edit sequences).
//!
//! What is memoised:
//! - a paragraph's tokens, keyed by its text;
//! - the name tagger's tags for a sentence (its words, their kinds, line starts, inside a
//!   quotation, the headline flag: everything the name tagger's features
//!   read).
//!
//! Entries not used by the latest analysis are dropped when it ends, so the memo holds about
//! one document's worth and never grows across edits.

use std::collections::HashMap;
use std::hash::Hash;

use super::segment::{self, Token};

/// Memoised per-sentence results for one document. Cheap to create; keep one per open
/// document and pass it to every analysis of that document.
#[derive(Debug, Default)]
pub struct Memo {
    /// Tagger tags, keyed by the encoded sentence (everything the tagger's features read).
    tags: HashMap<Box<[u8]>, Entry<u8>>,
    /// Tokens of a paragraph, offsets from the paragraph's start, keyed by its text.
    tokens: HashMap<Box<str>, Entry<Token>>,
    /// Counts analyses; an entry not touched in the current one is dropped at its end.
    generation: u64,
    hits: usize,
    misses: usize,
}

#[derive(Debug)]
struct Entry<T> {
    value: Box<[T]>,
    used: u64,
}

/// How often the last analysis found its sentences in the memo (tagger tags), and what the
/// memo holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MemoStats {
    pub hits: usize,
    pub misses: usize,
    pub entries: usize,
    /// Paragraphs whose tokens the memo holds.
    pub paragraphs: usize,
}

impl Memo {
    pub fn new() -> Memo {
        Memo::default()
    }

    /// Starts an analysis.
    pub(crate) fn begin(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        self.hits = 0;
        self.misses = 0;
    }

    /// Ends an analysis: forgets what it did not use.
    pub(crate) fn end(&mut self) {
        let now = self.generation;
        self.tags.retain(|_, e| e.used == now);
        self.tokens.retain(|_, e| e.used == now);
    }

    /// The tags for `key`, computed by `tag` when the memo does not have them. The key is
    /// copied only when it is new.
    pub(crate) fn tags(&mut self, key: &[u8], tag: impl FnOnce() -> Vec<u8>) -> Vec<u8> {
        let (tags, hit) = lookup(&mut self.tags, key, self.generation, tag);
        if hit {
            self.hits += 1;
        } else {
            self.misses += 1;
        }
        tags
    }

    /// The tokens of a paragraph's text (offsets from its start), tokenized when the memo
    /// does not have them.
    pub(crate) fn tokens(&mut self, paragraph: &str) -> Vec<Token> {
        lookup(&mut self.tokens, paragraph, self.generation, || {
            segment::tokenize(paragraph)
        })
        .0
    }

    /// Hits and misses of the last analysis, and the entries kept.
    pub fn stats(&self) -> MemoStats {
        MemoStats {
            hits: self.hits,
            misses: self.misses,
            entries: self.tags.len(),
            paragraphs: self.tokens.len(),
        }
    }
}

/// The value for `key`, marked used in generation `now`, or `compute`d and kept; whether it was
/// there already.
fn lookup<K, T>(
    map: &mut HashMap<Box<K>, Entry<T>>,
    key: &K,
    now: u64,
    compute: impl FnOnce() -> Vec<T>,
) -> (Vec<T>, bool)
where
    K: Hash + Eq + ?Sized,
    for<'k> Box<K>: From<&'k K>,
    T: Clone,
{
    if let Some(e) = map.get_mut(key) {
        e.used = now;
        return (e.value.to_vec(), true);
    }
    let value = compute();
    map.insert(
        Box::from(key),
        Entry {
            value: value.clone().into_boxed_slice(),
            used: now,
        },
    );
    (value, false)
}
