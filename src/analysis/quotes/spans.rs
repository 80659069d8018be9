//! Quotation spans: pairs opening and closing marks paragraph by paragraph.
//!
//! Each paragraph starts with nothing open, so one stray mark can only disturb its own
//! paragraph. Inside a double quotation, single marks nest and are part of it (they are not
//! reported on their own); at the top level a single pair is a quotation of its own. A mark whose
//! role does not fit the state (an opening mark while one is open, a single closing mark with
//! nothing open) is ignored, which is how `“…"`, `‘Oh, right.'` and stray marks are absorbed. A
//! double closing mark after closing punctuation, with nothing open (in the paragraph or left
//! open by the one before), ends a quotation whose opening mark was dropped: it starts at the
//! first sentence after the paragraph's last mark (`Vega said. It was over."`). A double
//! opening mark inside an open double quotation nests, and the next closing mark closes it.
//! A double quotation still open at the paragraph end runs to it, and so does a single one when
//! the next paragraph opens with a single mark (British style); when the next paragraph opens
//! with a mark of the same level, the two are parts of one multi-paragraph quotation (the same
//! `group`): each part is reported as its own span, as the evaluation sets count them.

use super::marks::{self, Around, Level, Role};
use super::words;
use crate::analysis::model::Span;
use crate::analysis::segment::{Document, TokenKind};

/// A quotation span before its kind and speaker are known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct RawQuote {
    /// From the opening mark to the closing mark, both included (to the paragraph end when open).
    pub span: Span,
    pub level: Level,
    /// Whether a closing mark was found.
    pub closed: bool,
    pub paragraph: usize,
    /// The opening mark is the first token of its paragraph.
    pub opens_paragraph: bool,
    /// Index (into the returned list) of the first part of the quotation this one belongs to.
    pub group: usize,
    /// Token range of the whole span, marks included.
    pub tokens: std::ops::Range<usize>,
}

struct Open {
    start: usize,
    tok: usize,
}

/// Finds every quotation span in document order.
pub(super) fn find(doc: &Document<'_>) -> Vec<RawQuote> {
    let mut out: Vec<RawQuote> = Vec::new();
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        let first = doc.sentences.get(p.sentences.start).map_or(0, |s| s.tokens.start);
        let last = doc
            .sentences
            .get(p.sentences.end.saturating_sub(1))
            .map_or(0, |s| s.tokens.end);
        paragraph(doc, pi, first, last, &mut out);
    }
    out.retain(|q| has_content(doc, q.span));
    drop_covered(&mut out);
    link_groups(&mut out);
    out
}

/// One mark as read in context.
struct Seen {
    span: Span,
    level: Level,
    role: Role,
    /// Index of the mark's last token.
    last_tok: usize,
}

fn paragraph(doc: &Document<'_>, pi: usize, first: usize, last: usize, out: &mut Vec<RawQuote>) {
    let Some(para) = doc.paragraphs.get(pi).map(|p| p.span) else {
        return;
    };
    let mut double: Option<Open> = None;
    // Double quotations opened inside the open one and not yet closed (`“He read “Go.” aloud.”`).
    let mut nested = 0usize;
    let mut single: Option<Open> = None;
    // The paragraph before ended inside a quotation: a stray closing mark here may close it.
    let continues = out.last().is_some_and(|q| !q.closed && q.paragraph + 1 == pi);
    let mut i = first;
    while i < last {
        let Some(seen) = read_mark(doc, para, i, last) else {
            i += 1;
            continue;
        };
        let tok = i;
        i = seen.last_tok + 1;
        let orphan = (seen.level == Level::Double && seen.role == Role::Close && double.is_none() && !continues)
            .then(|| orphan_start(doc, pi, first, tok))
            .flatten();
        let mut push = |open: Open, end: usize, end_tok: usize, level: Level, closed: bool| {
            out.push(RawQuote {
                span: Span::new(open.start, end),
                level,
                closed,
                paragraph: pi,
                opens_paragraph: open.tok == first,
                group: 0,
                tokens: open.tok..end_tok,
            });
        };
        match (seen.level, seen.role) {
            (Level::Double, role) => match double.take() {
                None if role != Role::Close => {
                    double = Some(Open {
                        start: seen.span.start,
                        tok,
                    });
                    nested = 0;
                    single = None;
                }
                None => {
                    if let Some((tok, start)) = orphan {
                        push(
                            Open { start, tok },
                            seen.span.end,
                            seen.last_tok + 1,
                            Level::Double,
                            true,
                        );
                    }
                }
                // An opening mark that starts a new sentence: the open quotation lost its
                // closing mark at the end of the sentence before (`“… indivisible. “You had…`).
                Some(open) if role == Role::Open && starts_sentence(doc, para, tok, open.tok) => {
                    push(
                        open,
                        doc.tokens.get(tok - 1).map_or(seen.span.start, |t| t.span.end),
                        tok,
                        Level::Double,
                        false,
                    );
                    double = Some(Open {
                        start: seen.span.start,
                        tok,
                    });
                    nested = 0;
                    single = None;
                }
                Some(open) if role == Role::Open => {
                    nested += 1;
                    double = Some(open);
                }
                Some(open) if nested > 0 => {
                    nested -= 1;
                    double = Some(open);
                }
                Some(open) => {
                    push(open, seen.span.end, seen.last_tok + 1, Level::Double, true);
                    single = None;
                }
            },
            (Level::Single, role) => match single.take() {
                None if role != Role::Close => {
                    single = Some(Open {
                        start: seen.span.start,
                        tok,
                    })
                }
                None => {}
                Some(open) if role == Role::Open => single = Some(open),
                // Nested inside a double quotation: part of it, not reported on its own.
                Some(_) if double.is_some() => {}
                Some(open) => push(open, seen.span.end, seen.last_tok + 1, Level::Single, true),
            },
        }
    }
    // A quotation left open runs to the paragraph end: a double one always, a single one when
    // the next paragraph opens with a single mark (a multi-paragraph quotation in British style).
    let open = match (double, single) {
        (Some(open), _) => Some((open, Level::Double)),
        (None, Some(open)) if next_opens_with_single(doc, pi + 1) => Some((open, Level::Single)),
        _ => None,
    };
    if let Some((open, level)) = open {
        out.push(RawQuote {
            span: Span::new(open.start, para.end),
            level,
            closed: false,
            paragraph: pi,
            opens_paragraph: open.tok == first,
            group: 0,
            tokens: open.tok..last,
        });
    }
}

/// Whether paragraph `pi` starts with a single opening mark glued to a capitalised word
/// (`‘And then…`), not an apostrophe (`’Tis`).
fn next_opens_with_single(doc: &Document<'_>, pi: usize) -> bool {
    let Some(first) = doc
        .paragraphs
        .get(pi)
        .and_then(|p| doc.sentences.get(p.sentences.start))
        .map(|s| s.tokens.start)
    else {
        return false;
    };
    let (Some(mark), Some(word)) = (doc.tokens.get(first), doc.tokens.get(first + 1)) else {
        return false;
    };
    let text = word.span.of(&doc.text);
    mark.kind == TokenKind::Quote
        && mark
            .span
            .of(&doc.text)
            .chars()
            .next()
            .is_some_and(|c| matches!(c, '‘' | '\''))
        && word.kind == TokenKind::Word
        && word.span.start == mark.span.end
        && words::is_capitalised(text)
        && !words::is_elision(text)
}

/// Where the quotation ends by a closing double mark at token `close` starts when its opening
/// mark is missing (`Vega said. It was over."`): at the first of the sentences before the mark,
/// back to its own, that begin after the paragraph's last quotation mark (or apostrophe).
/// Returns the first token and its byte offset; `None` unless closing punctuation comes right
/// before the mark (`systems" including`, `6'3"` are strays) and the quotation can start at a
/// sentence (`This would " provide …."` has a stray mark inside the sentence).
fn orphan_start(doc: &Document<'_>, pi: usize, first: usize, close: usize) -> Option<(usize, usize)> {
    let mark = doc.tokens.get(close)?;
    // Only a mark that ends a sentence the way a quotation does: after its closing punctuation.
    let before = doc.text.get(..mark.span.start)?.chars().next_back();
    if !before.is_some_and(|c| matches!(c, '.' | ',' | '!' | '?' | '…')) {
        return None;
    }
    let para = doc.paragraphs.get(pi)?;
    // Nothing up to the paragraph's last mark of any kind (a quotation's or not) belongs to it.
    let floor = (first..close)
        .rev()
        .find(|&i| doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Quote))
        .map_or(first, |i| i + 1);
    let mut s = doc.sentence_at(mark.span.start)?;
    let mut start = doc.sentences.get(s)?.tokens.start;
    // A mark earlier in its own sentence: where the quotation starts is anybody's guess.
    if start < floor {
        return None;
    }
    while s > para.sentences.start {
        s -= 1;
        match doc.sentences.get(s) {
            Some(prev) if prev.tokens.start >= floor => start = prev.tokens.start,
            _ => break,
        }
    }
    // Skip punctuation left over from the quotation before ("…,” Vega said. It was …").
    let start = (start..close).find(|&i| {
        doc.tokens
            .get(i)
            .is_some_and(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
    })?;
    Some((start, doc.tokens.get(start)?.span.start))
}

/// Whether the mark at token `tok` opens a sentence inside its paragraph: a space before it and
/// a sentence terminator before the space, at least two tokens after the open mark at `open`.
fn starts_sentence(doc: &Document<'_>, para: Span, tok: usize, open: usize) -> bool {
    let Some(mark) = doc.tokens.get(tok) else {
        return false;
    };
    let before = doc.text.get(para.start..mark.span.start).unwrap_or("");
    let mut rev = before.chars().rev();
    tok > open + 2
        && rev.next().is_some_and(char::is_whitespace)
        && rev.next().is_some_and(|c| matches!(c, '.' | '!' | '?'))
}

/// Reads the mark at token `i`, if it is a quotation mark and not an apostrophe.
fn read_mark(doc: &Document<'_>, para: Span, i: usize, last: usize) -> Option<Seen> {
    let tok = doc.tokens.get(i)?;
    if tok.kind != TokenKind::Quote {
        return None;
    }
    let text: &str = &doc.text;
    let c = tok.span.of(text).chars().next()?;
    let mut span = tok.span;
    let mut last_tok = i;
    // Two single marks glued together stand for one double mark: ‘’ or ''.
    if marks::is_single(c) {
        if let Some(next) = doc
            .tokens
            .get(i + 1)
            .filter(|n| i + 1 < last && n.span.start == span.end)
        {
            if next.kind == TokenKind::Quote && next.span.of(text).chars().next().is_some_and(marks::is_single) {
                span.end = next.span.end;
                last_tok = i + 1;
            }
        }
    }
    let pair = last_tok > i;
    let prev = (span.start > para.start)
        .then(|| text.get(..span.start)?.chars().next_back())
        .flatten();
    let next = (span.end < para.end)
        .then(|| text.get(span.end..)?.chars().next())
        .flatten();
    let next_word = doc
        .tokens
        .get(last_tok + 1)
        .filter(|n| n.span.start == span.end && n.kind == TokenKind::Word)
        .map_or("", |n| n.span.of(text));
    let (level, role) = marks::classify(c, pair, Around { prev, next, next_word })?;
    Some(Seen {
        span,
        level,
        role,
        last_tok,
    })
}

/// A quotation needs at least one letter or digit between its marks.
fn has_content(doc: &Document<'_>, span: Span) -> bool {
    doc.slice(span).chars().any(char::is_alphanumeric)
}

/// Drops quotations inside another (a double pair inside a top-level single pair).
fn drop_covered(quotes: &mut Vec<RawQuote>) {
    quotes.sort_by_key(|q| (q.span.start, std::cmp::Reverse(q.span.end)));
    let mut reach = 0;
    quotes.retain(|q| {
        let keep = q.span.start >= reach;
        reach = reach.max(q.span.end);
        keep
    });
}

/// Links the parts of multi-paragraph quotations: an unclosed part followed by a paragraph that
/// opens with a mark of the same level.
fn link_groups(quotes: &mut [RawQuote]) {
    for i in 0..quotes.len() {
        quotes[i].group = i;
        if i == 0 {
            continue;
        }
        let (prev, cur) = (&quotes[i - 1], &quotes[i]);
        if !prev.closed && cur.opens_paragraph && cur.paragraph == prev.paragraph + 1 && cur.level == prev.level {
            quotes[i].group = quotes[i - 1].group;
        }
    }
}

/// In copy that quotes with single marks (British style), single quotations are the primary
/// ones: read them as double. Decided by count: at least three single quotations of three words
/// or more, and more of them than double ones.
pub(super) fn promote_primary_singles(doc: &Document<'_>, quotes: &mut [RawQuote]) {
    let long = |q: &&mut RawQuote| {
        q.tokens
            .clone()
            .filter(|&i| doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word))
            .count()
            >= 3
    };
    let singles = quotes
        .iter_mut()
        .filter(|q| q.level == Level::Single)
        .filter(long)
        .count();
    let doubles = quotes
        .iter_mut()
        .filter(|q| q.level == Level::Double)
        .filter(long)
        .count();
    if singles >= 3 && singles > doubles {
        for q in quotes.iter_mut() {
            q.level = Level::Double;
        }
    }
}
