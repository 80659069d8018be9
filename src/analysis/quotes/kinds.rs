//! What a quotation is: speech, the title of a work, a nickname, or a scare quote or term.
//!
//! Read from the words around the marks and the words inside:
//! - a nickname sits inside a name (`Dwayne “The Rock” Johnson`) or follows "nicknamed";
//! - an attribution right next to the quotation makes it speech, whatever it looks like;
//! - a title follows a word for a work ("the film", "titled", "called" + capitalised words) or
//!   a possessive (`NBC’s “Meet the Press”`), comes right before a performer noun (`the “Mask”
//!   star`), or is capitalised word by word;
//! - a term follows "so-called", "the word", "the phrase", or is a word mentioned rather than
//!   said ([`mention`]); a short quotation (three words or
//!   fewer) with no attribution in its sentence is a scare quote;
//! - everything else is speech.

use super::marks::Level;
use super::mention;
use super::spans::RawQuote;
use super::speaker::Found;
use super::words;
use crate::analysis::model::QuoteKind;
use crate::analysis::segment::{Document, TokenKind};

/// Words a quotation may have and still be a scare quote when nobody is said to have said it.
const SCARE_MAX_WORDS: usize = 3;

/// The kind of a quotation, given how (if at all) its sentence attributes it.
pub(super) fn classify(doc: &Document<'_>, q: &RawQuote, found: Option<Found>) -> QuoteKind {
    let inner: Vec<&str> = q
        .tokens
        .clone()
        .filter(|&i| {
            doc.tokens
                .get(i)
                .is_some_and(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
        })
        .map(|i| doc.token_text(i))
        .collect();
    let prev = q.tokens.start.checked_sub(1).map(|i| doc.token_text(i));
    let prev_word = q
        .tokens
        .start
        .checked_sub(1)
        .filter(|&i| doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word))
        .map(|i| doc.token_text(i));
    if is_nickname(doc, q, &inner, prev_word) {
        return QuoteKind::Nickname;
    }
    // "a demo called “Kitchen Table,” recorded, she wrote": a title-case name right after
    // "called" or "titled" is a title even when a speech tag follows it.
    if prev_word.is_some_and(words::is_title_cue) && inner.len() <= 6 && is_title_case(doc, q, &inner) {
        return QuoteKind::Title;
    }
    if names_a_performer(doc, q, &inner) {
        return QuoteKind::Title;
    }
    let adjacent = found == Some(Found::After) || (found == Some(Found::Before) && matches!(prev, Some(":" | ",")));
    if adjacent || introduced(doc, q) {
        return QuoteKind::Speech;
    }
    if mention::is_mentioned(doc, q) {
        return QuoteKind::Scare;
    }
    // A single quotation left open across paragraphs is a British-style quotation, never a title.
    if q.level == Level::Single && q.closed {
        return if is_title_case(doc, q, &inner) {
            QuoteKind::Title
        } else {
            QuoteKind::Scare
        };
    }
    let title_case = is_title_case(doc, q, &inner);
    if let Some(w) = prev_word {
        let possessive = w.ends_with("’s") || w.ends_with("'s") || w.ends_with('’') || w.ends_with('\'');
        if (words::is_title_cue(w)
            && (title_case || !words::is_one_of(w, &["called", "named", "dubbed", "labelled", "labeled", "branded"])))
            || (possessive && title_case)
        {
            return QuoteKind::Title;
        }
        if words::is_term_cue(w) && inner.len() <= 6 {
            return QuoteKind::Scare;
        }
    }
    if is_full_sentence(doc, q, &inner) {
        return QuoteKind::Speech;
    }
    if title_case && inner.len() >= 2 && inner.len() <= 10 {
        return QuoteKind::Title;
    }
    if found.is_none() && inner.len() <= SCARE_MAX_WORDS {
        return QuoteKind::Scare;
    }
    QuoteKind::Speech
}

/// A quotation right after a speech verb and a comma or colon ("blurted out, “Oh, God,”",
/// "shouted: “Run!”"): speech, however short, even when no speaker was found.
fn introduced(doc: &Document<'_>, q: &RawQuote) -> bool {
    let Some(punct) = q.tokens.start.checked_sub(1) else {
        return false;
    };
    if !matches!(doc.token_text(punct), "," | ":") {
        return false;
    }
    let word = |i: usize| {
        doc.tokens
            .get(i)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| words::lower(t.span.of(&doc.text)))
    };
    let Some(mut verb) = punct.checked_sub(1).and_then(word) else {
        return false;
    };
    if words::is_one_of(&verb, &["out", "up", "back", "in"]) {
        match punct.checked_sub(2).and_then(word) {
            Some(w) => verb = w,
            None => return false,
        }
    }
    words::is_speech_verb(&verb)
}

/// A quotation that is a sentence of its own: it opens a sentence (after a terminator, a colon
/// or the paragraph start), starts with a capital and ends with a terminator inside its marks
/// or at the paragraph end.
fn is_full_sentence(doc: &Document<'_>, q: &RawQuote, inner: &[&str]) -> bool {
    let opens = q
        .tokens
        .start
        .checked_sub(1)
        .filter(|_| !q.opens_paragraph)
        .is_none_or(|i| matches!(doc.token_text(i), "." | "!" | "?" | ":" | "…"));
    let capital = inner.first().is_some_and(|w| words::is_capitalised(w));
    let last_inner = q.tokens.end.saturating_sub(if q.closed { 2 } else { 1 });
    let ends = !q.closed || matches!(doc.token_text(last_inner), "." | "!" | "?" | "…");
    opens && capital && ends
}

/// `Dwayne “The Rock” Johnson`: capitalised words on both sides; or "nicknamed “…”".
fn is_nickname(doc: &Document<'_>, q: &RawQuote, inner: &[&str], prev_word: Option<&str>) -> bool {
    if inner.is_empty() || inner.len() > 4 {
        return false;
    }
    if prev_word.is_some_and(words::is_nickname_cue) {
        return true;
    }
    let next_word = doc
        .tokens
        .get(q.tokens.end)
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.span.of(&doc.text));
    let name_like = |w: &str| words::is_capitalised(w) && !words::in_set(w, &words::NOT_NAMES);
    let sentence_start = doc
        .sentence_at(q.span.start)
        .and_then(|s| doc.sentences.get(s))
        .is_some_and(|s| s.tokens.start + 1 >= q.tokens.start);
    // At the start of a sentence the word before is capitalised anyway; a short quotation
    // still sits inside a name when the word after it is capitalised too ("Marcus “Tiny” Bell").
    (!sentence_start || inner.len() <= 2) && prev_word.is_some_and(name_like) && next_word.is_some_and(name_like)
}

/// Every word capitalised except small ones, the first capitalised, no comma or terminator
/// inside, and not a name with an honorific ("Mr. Vega").
fn is_title_case(doc: &Document<'_>, q: &RawQuote, inner: &[&str]) -> bool {
    let Some(first) = inner.first() else { return false };
    let inside = q.tokens.start + 1..q.tokens.end.saturating_sub(2);
    let punctuated = inside.into_iter().any(|i| {
        matches!(doc.token_text(i), "," | "!" | "?" | ";")
            && doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Punct)
    });
    words::is_capitalised(first)
        && !punctuated
        && !words::is_one_of(first, &["mr", "mrs", "ms", "dr", "mx"])
        && inner.iter().all(|w| {
            words::is_capitalised(w)
                || w.chars().all(|c| !c.is_alphabetic())
                || words::in_set(w, &words::TITLE_SMALL_WORDS)
        })
}

/// `the “Mask” star`, `the 'Sorry' singer`: a short quotation ending in a word (no comma or
/// terminator inside the marks) right before a performer noun is the title of their work.
fn names_a_performer(doc: &Document<'_>, q: &RawQuote, inner: &[&str]) -> bool {
    let ends_in_word = q.closed
        && q.tokens
            .end
            .checked_sub(2)
            .and_then(|i| doc.tokens.get(i))
            .is_some_and(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number));
    let next = doc.tokens.get(q.tokens.end).filter(|t| t.kind == TokenKind::Word);
    ends_in_word && inner.len() <= 6 && next.is_some_and(|t| words::is_performer_noun(t.span.of(&doc.text)))
}

/// Whether `b` follows `a` in a list: only commas, "and", "or" between them.
pub(super) fn coordinated(doc: &Document<'_>, a: &RawQuote, b: &RawQuote) -> bool {
    a.paragraph == b.paragraph
        && a.tokens.end <= b.tokens.start
        && (1..=2).contains(&(b.tokens.start - a.tokens.end))
        && (a.tokens.end..b.tokens.start).all(|i| matches!(doc.token_text(i), "," | "and" | "or" | "/"))
}
