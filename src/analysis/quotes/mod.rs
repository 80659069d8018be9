//! Quotations: spans, kinds (speech, title, nickname, scare quote) and speakers.
//!
//! 1. [`spans`] pairs the quotation marks paragraph by paragraph ([`marks`] decides what each
//!    mark is: opening, closing or an apostrophe).
//! 2. [`speaker`] gathers speaker candidates: the attribution engine's sources, and the
//!    [`fallback`]'s tags read from the text where no source covers them; each quotation takes
//!    the candidate its sentence gives it.
//! 3. [`kinds`] decides whether a quotation is speech, a title, a nickname or a scare quote;
//!    only speech keeps a speaker.
//! 4. Speech with no speaker in its sentence carries over the previous speaker when nothing
//!    intervenes; sources record the quotations they speak.
//!
//! Everything is linear in the text: one pass over the tokens for marks, one for tags, and a
//! binary search per quotation.

mod fallback;
mod kinds;
mod marks;
mod mention;
mod spans;
mod speaker;
mod words;

use super::model::{Person, Quote, QuoteKind, Source};
use super::segment::Document;

/// Finds every quotation and its speaker; links quotes to the sources that speak them.
#[allow(clippy::ptr_arg, reason = "the pipeline's engine signature, shared with attribution")]
pub fn find(doc: &Document<'_>, sources: &mut Vec<Source>, people: &[Person]) -> Vec<Quote> {
    let mut raws = spans::find(doc);
    spans::promote_primary_singles(doc, &mut raws);
    let in_quote = quoted_tokens(doc, &raws);
    let view = fallback::View {
        doc,
        in_quote: &in_quote,
    };
    let tags = fallback::find(&view);
    let cands = speaker::candidates(&view, sources, people, &tags);
    let mut quotes = Vec::with_capacity(raws.len());
    let mut reach = Vec::with_capacity(raws.len());
    for q in &raws {
        let found = cands.in_sentence(doc, q);
        let mut kind = kinds::classify(doc, q, found.map(|f| f.1));
        // Quotations in a list ("“pathetic” and “dangerous”") share the kind of the first.
        if let (Some(prev), Some(prev_raw)) = (quotes.last(), raws.get(quotes.len().wrapping_sub(1))) {
            let prev: &Quote = prev;
            if prev.kind != QuoteKind::Speech
                && kinds::coordinated(doc, prev_raw, q)
                && found.is_none_or(|f| f.1 != speaker::Found::After)
            {
                kind = prev.kind;
            }
        }
        let mut quote = Quote {
            span: q.span,
            kind,
            speaker: None,
            cue: None,
        };
        let mut end = q.tokens.end.saturating_sub(1);
        if let Some((c, _)) = found.filter(|_| kind == QuoteKind::Speech) {
            speaker::assign(&mut quote, c);
            end = end.max(c.last);
        }
        quotes.push(quote);
        reach.push(end);
    }
    speaker::carry_over(doc, &raws, &mut quotes, &cands.primary, &reach);
    speaker::from_previous_sentence(doc, &raws, &mut quotes, &cands.primary);
    speaker::link_sources(&quotes, sources);
    quotes
}

/// For each token, whether it lies inside a quotation (marks included).
fn quoted_tokens(doc: &Document<'_>, raws: &[spans::RawQuote]) -> Vec<bool> {
    let mut v = vec![false; doc.tokens.len()];
    for q in raws {
        for flag in v.get_mut(q.tokens.clone()).into_iter().flatten() {
            *flag = true;
        }
    }
    v
}

#[cfg(test)]
mod tests;
