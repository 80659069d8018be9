//! The quotes engine's own speaker finder: attribution tags read straight from the text.
//!
//! This is a stand-in for the attribution engine (`attribution::find`), kept for what it does not
//! cover: it finds `, she said` / `, said Ortiz` / `, the insider adds` / `Ortiz said: “…”` /
//! `according to a source` / `Ortiz called the plan “reckless”` around quotations, with a speech
//! verb list (`lexicon/quotes_speech_verbs.txt`) and a minimal classification of the speaker
//! (name, pronoun, anonymous, vague). Sources from the attribution engine take precedence over
//! these tags wherever both cover the same words (see `speaker.rs`).

mod np;

pub(super) use np::View;

use std::sync::LazyLock;

use super::words;
use crate::analysis::lexicon::{self, FastSet};
use crate::analysis::model::{SourceKind, Span};
use crate::analysis::segment::TokenKind;

/// A speaker phrase tied to a cue, found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Tag {
    pub speaker: Span,
    pub kind: SourceKind,
    pub cue: Span,
    /// First and last token of speaker and cue together.
    pub first: usize,
    pub last: usize,
    /// Only a time or place phrase follows the tag in its clause: it ends a quotation rather
    /// than introducing a new claim ("said on Tuesday." versus "said the plan was dead").
    pub closing: bool,
}

static TELL_VERBS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../../lexicon/quotes_tell_verbs.txt")));
static OBJECTS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../../lexicon/quotes_objects.txt")));
static CLOSING_WORDS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../../lexicon/quotes_closing_words.txt")));

/// Verbs that only speak with their particle: "pointed out", "chimed in", "went on".
const PHRASAL: &[(&str, &str)] = &[
    ("point", "out"),
    ("points", "out"),
    ("pointed", "out"),
    ("chimed", "in"),
    ("chimes", "in"),
    ("went", "on"),
    ("goes", "on"),
];

/// Finds every attribution tag outside quotations, sentence by sentence, in document order.
pub(super) fn find(v: &View<'_>) -> Vec<Tag> {
    let mut tags = Vec::new();
    for s in &v.doc.sentences {
        let mut floor = s.tokens.start;
        let sentence_first = tags.len();
        let title_case = is_title_case(v, s.tokens.clone());
        for i in s.tokens.clone() {
            if v.in_quote.get(i).copied().unwrap_or(true) {
                floor = i + 1;
                continue;
            }
            let earlier = tags.get(sentence_first..).unwrap_or(&[]);
            let text = v.text(i).unwrap_or("");
            // In a sentence written in title case ("Ortiz Said Of The Plan, “…”") a capital
            // says nothing: read the verbs in lowercase.
            let lowered = words::lower(text);
            let word = if title_case && i > s.tokens.start {
                lowered.as_ref()
            } else {
                text
            };
            let tag = match word {
                "―" | "—" | "–" => dash(v, i, s.tokens.end),
                ":" => colon(v, i, s.tokens.start, s.tokens.end, earlier),
                "according" | "According" if v.word(i + 1) == Some("to") => according(v, i, s.tokens.end),
                w if i == s.tokens.start && words::is_speech_verb(&words::lower(w)) => {
                    // "Said Ortiz: “…”": a sentence-initial inverted verb.
                    np::after(v, i + 1, s.tokens.end).map(|np| inverted(v, i, np))
                }
                w if words::is_capitalised(w) => None,
                w if words::is_speech_verb(w) || words::is_characterising_verb(w) || is_phrasal(v, i, w) => {
                    cue(v, i, floor, s.tokens.start, s.tokens.end, earlier)
                }
                _ => None,
            };
            tags.extend(tag);
        }
    }
    tags
}

/// Whether the words of a sentence outside quotations are in title case: at least four, every
/// one capitalised or a small word a title leaves in lowercase.
fn is_title_case(v: &View<'_>, tokens: std::ops::Range<usize>) -> bool {
    let mut n = 0;
    let all = tokens
        .filter(|&i| !v.in_quote.get(i).copied().unwrap_or(true))
        .filter(|&i| v.doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word))
        .filter_map(|i| v.text(i))
        .all(|w| {
            n += 1;
            words::is_capitalised(w) || words::in_set(w, &words::TITLE_SMALL_WORDS)
        });
    all && n >= 4
}

fn is_phrasal(v: &View<'_>, i: usize, w: &str) -> bool {
    let next = v.word(i + 1).unwrap_or("");
    PHRASAL.iter().any(|&(verb, particle)| verb == w && particle == next)
}

fn inverted(v: &View<'_>, i: usize, np: np::Np) -> Tag {
    Tag {
        speaker: np.span,
        kind: np.kind,
        cue: v.span(i, i),
        first: i,
        last: np.last,
        closing: true,
    }
}

/// `“…” ― Ana Ortiz`: a dash and a name right after a closing mark, ending the clause.
fn dash(v: &View<'_>, i: usize, ceil: usize) -> Option<Tag> {
    let after_quote = i > 0 && v.in_quote.get(i - 1).copied().unwrap_or(false);
    if !after_quote {
        return None;
    }
    let np = np::after(v, i + 1, ceil)?;
    let name = v.word(np.first).is_some_and(words::is_capitalised) && np.kind == SourceKind::Named;
    let next = v.doc.tokens.get(np.last + 1);
    let ends = np.last + 1 >= ceil
        || matches!(v.doc.token_text(np.last + 1), "." | "," | "(" | ")" | "@")
        || next.is_some_and(|t| t.kind == TokenKind::Quote)
        || next.zip(v.doc.tokens.get(np.last)).is_some_and(|(n, l)| {
            v.doc
                .text
                .get(l.span.end..n.span.start)
                .is_some_and(|gap| gap.contains('\n'))
        });
    (name && ends).then(|| Tag {
        speaker: np.span,
        kind: np.kind,
        cue: v.span(i, i),
        first: i,
        last: np.last,
        closing: true,
    })
}

/// `Ortiz had a message for critics: “…”`: a colon right before a quotation, in a sentence
/// with no speech verb before it, gives the quotation to the sentence's subject.
fn colon(v: &View<'_>, i: usize, start: usize, ceil: usize, earlier: &[Tag]) -> Option<Tag> {
    let opens_quote = v.in_quote.get(i + 1).copied().unwrap_or(false) || i + 1 >= ceil;
    if !opens_quote || !earlier.is_empty() || i == start {
        return None;
    }
    let np = np::clause_subject(v, start, i)?;
    Some(Tag {
        speaker: np.span,
        kind: np.kind,
        cue: v.span(i, i),
        first: np.first,
        last: i,
        closing: false,
    })
}

fn according(v: &View<'_>, i: usize, ceil: usize) -> Option<Tag> {
    let np = np::after(v, i + 2, ceil)?;
    Some(Tag {
        speaker: np.span,
        kind: np.kind,
        cue: v.span(i, i + 1),
        first: i,
        last: np.last,
        closing: i > 0 && v.text(i - 1) == Some(","),
    })
}

/// A tag around the speech verb at `i`: subject before it, or after it when inverted.
fn cue(v: &View<'_>, i: usize, floor: usize, start: usize, ceil: usize, earlier: &[Tag]) -> Option<Tag> {
    if !verb_position(v, i) {
        return None;
    }
    let w = v.word(i)?;
    let cue = v.span(i, i);
    let closing = closing(v, i, ceil, words::in_set(w, &TELL_VERBS));
    let after_comma = i > 0 && matches!(v.text(i - 1), Some("," | "—" | "–"));
    // "…, noting that": a participle continues the sentence's earlier tag, or its subject.
    if w.ends_with("ing") && after_comma {
        if let Some(prev) = earlier.last() {
            return Some(Tag {
                cue,
                last: i,
                closing: false,
                ..prev.clone()
            });
        }
        let np = np::clause_subject(v, start, i)?;
        return Some(Tag {
            speaker: np.span,
            kind: np.kind,
            cue,
            first: np.first,
            last: i,
            closing: false,
        });
    }
    // "…, asks Policy Options editor Jana Roy, “…”": an inverted verb after a comma, followed
    // by a name that ends the clause.
    if after_comma && words::is_speech_verb(w) && !words::in_set(w, &TELL_VERBS) {
        if let Some(np) = np::after(v, i + 1, ceil) {
            let named = v.word(np.first).is_some_and(words::is_capitalised);
            let ends = np.last + 1 >= ceil || matches!(v.doc.token_text(np.last + 1), "," | "." | ":" | ";");
            if named && ends && np.kind == SourceKind::Named {
                return Some(inverted(v, i, np));
            }
        }
    }
    // "Trump returned to the stage and declared, “…”": a second verb shares the subject.
    let coordinated = i > start
        && v.word(i - 1)
            .is_some_and(|p| words::is_one_of(p, &["and", "but", "then"]));
    let subject = if coordinated {
        Some(np::clause_subject(v, start, i - 1)?)
    } else {
        np::before(v, i, floor)
    };
    if let Some(np) = subject {
        return Some(Tag {
            speaker: np.span,
            kind: np.kind,
            cue,
            first: np.first,
            last: i,
            closing,
        });
    }
    let after_quote = i > 0 && v.in_quote.get(i - 1).copied().unwrap_or(false);
    let is_inverted = (after_quote || after_comma) && !words::in_set(w, &TELL_VERBS) && words::is_speech_verb(w);
    if !is_inverted {
        return None;
    }
    let np = np::after(v, i + 1, ceil)?;
    Some(inverted(v, i, np))
}

/// A listed word is a verb here unless a determiner, a possessive, "to" or a negation precedes
/// it ("the report", "Ortiz’s claim", "declined to say", "did not say").
fn verb_position(v: &View<'_>, i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).and_then(|p| v.word(p)) else {
        return true;
    };
    let possessive = prev.ends_with("’s") || prev.ends_with("'s") || prev.ends_with("s’");
    !(possessive
        || words::in_set(prev, &words::DETERMINERS)
        || words::is_one_of(prev, &["to", "would", "will"])
        || words::in_set(prev, &words::NEGATIONS))
}

/// Skips the object of a tell-verb: "Us", "reporters", "the press", "CNN", "him".
fn skip_object(v: &View<'_>, mut k: usize, ceil: usize) -> usize {
    let Some(w) = v.word(k) else { return k };
    if words::in_set(w, &words::DETERMINERS) {
        // "the press", "a local radio station": at most three words after the determiner.
        let end = (k + 4).min(ceil);
        k += 1;
        while k < end && v.word(k).is_some_and(|w| !words::in_set(w, &CLOSING_WORDS)) {
            k += 1;
        }
        return k;
    }
    while k < ceil
        && v.word(k)
            .is_some_and(|w| words::is_capitalised(w) || words::in_set(w, &OBJECTS))
    {
        k += 1;
    }
    k
}

/// Whether the clause ends right after the cue word at token `i` (a source found by the
/// attribution engine is read with the same test).
pub(super) fn closes_clause(v: &View<'_>, i: usize) -> bool {
    let ceil = v
        .doc
        .tokens
        .get(i)
        .and_then(|t| v.doc.sentence_at(t.span.start))
        .and_then(|s| v.doc.sentences.get(s))
        .map_or(i + 1, |s| s.tokens.end);
    let tell = v.word(i).is_some_and(|w| words::in_set(w, &TELL_VERBS));
    closing(v, i, ceil, tell)
}

/// Whether the clause ends after the verb at `i` (and its object, for tell-verbs).
fn closing(v: &View<'_>, i: usize, ceil: usize, tell: bool) -> bool {
    let mut k = i + 1;
    if tell {
        k = skip_object(v, k, ceil);
    }
    if k >= ceil {
        return true;
    }
    match v.doc.tokens.get(k).map(|t| t.kind) {
        Some(TokenKind::Word) => v.word(k).is_some_and(|w| words::in_set(w, &CLOSING_WORDS)),
        Some(TokenKind::Punct) => {
            matches!(
                v.doc.token_text(k),
                "." | "," | ";" | ":" | "—" | "–" | "(" | "!" | "?" | "-"
            )
        }
        Some(TokenKind::Quote) => true,
        _ => false,
    }
}
