//! `anonymous-opinion` (information): an anonymous source judges or characterises someone.
//!
//! ## What it flags
//! A judging or mind-reading word ("humiliated", "selfish", "a liar", "devastated") in a claim or
//! quotation carried by an anonymous source. The finding sits on the word, with the source as
//! related information.
//!
//! ## Why
//! Anonymous sources may give information, not opinion, speculation or personal attack
//! (DOMAIN.md 1.3): an unnamed voice saying a person "feels humiliated" is harder to justify than
//! one reporting a date.
//!
//! ## Example
//! ```text
//! The singer is “devastated,” an insider says.
//!               ^^^^^^^^^^ anonymous-opinion
//! ```
//!
//! ## Not flagged
//! The same words from named sources, and anonymous sources reporting facts. The word list is
//! short and deliberately strong (lexicon/opinion_words.txt): precision over recall.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::analysis::work;

use crate::analysis::lexicon::{self, FastSet};
use crate::analysis::model::{Related, SourceKind, Span};
use crate::analysis::rules::{Context, Draft};

/// Judging and mind-reading words, lowercase.
static OPINION: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../lexicon/opinion_words.txt")));

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Draft>) {
    let text = cx.text();
    let mut seen: HashSet<Span> = HashSet::new();
    for src in cx.analysis.sources.iter().filter(|s| s.kind == SourceKind::Anonymous) {
        let spans = src.claim.into_iter().chain(
            src.quotes
                .iter()
                .filter_map(|&q| cx.analysis.quotes.get(q))
                .map(|q| q.span),
        );
        for region in spans {
            work::tick(region.len());
            for word in words_in(text, region) {
                if seen.contains(&word) || !OPINION.contains(&word.of(text).to_lowercase()) {
                    continue;
                }
                seen.insert(word);
                out.push(Draft {
                    span: word,
                    message: format!(
                        "An anonymous source characterises someone here (“{}”): anonymous sources should give facts, not opinion.",
                        word.of(text)
                    ),
                    related: vec![Related { span: src.span, message: "the anonymous source".to_string() }],
                    fixes: Vec::new(),
                });
            }
        }
    }
}

/// The alphabetic words inside `region`.
fn words_in(text: &str, region: Span) -> impl Iterator<Item = Span> + '_ {
    let base = region.start;
    let s = region.of(text);
    let mut start = None;
    let mut spans = Vec::new();
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                spans.push(Span::new(base + st, base + i));
                start = None;
            }
            _ => {}
        }
    }
    spans.into_iter()
}
