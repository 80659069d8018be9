//! Document-level passes over the attributions: back-references and anonymity reasons.
//!
//! "The insider adds" and "she added" after "a source says" are the same anonymous source: they
//! stay anonymous and point at it (`antecedent`). A pronoun the people engine linked to a named
//! person stays that person's, unless an anonymous source was mentioned more recently than the
//! person's name.

use super::lex::LEX;
use super::Cx;
use crate::analysis::model::{MentionKind, Source, SourceKind, Span};

/// How many paragraphs back an epithet ("the source") may look for its antecedent.
const EPITHET_REACH: usize = 3;

pub(super) fn resolve_antecedents(cx: &Cx<'_, '_>, sources: &mut [Source]) {
    for k in 0..sources.len() {
        let src = &sources[k];
        let para = cx.doc.paragraph_at(src.span.start).unwrap_or(0);
        let text = src.span.of(&cx.doc.text);
        let first_word = text.split_whitespace().next().unwrap_or("").to_lowercase();
        let definite_epithet =
            src.kind == SourceKind::Anonymous && matches!(first_word.as_str(), "the" | "that" | "this");
        let pronoun = src.kind == SourceKind::Pronoun && matches!(first_word.as_str(), "he" | "she" | "they");
        if !definite_epithet && !pronoun {
            continue;
        }
        let reach = if pronoun { 1 } else { EPITHET_REACH };
        let Some(prev) = latest_anonymous(cx, sources, k, para.saturating_sub(reach)) else {
            continue;
        };
        if pronoun && !pronoun_prefers_source(cx, &sources[k], &sources[prev]) {
            continue;
        }
        let root = sources[prev].antecedent.unwrap_or(prev);
        let s = &mut sources[k];
        s.kind = SourceKind::Anonymous;
        s.antecedent = Some(root);
        s.person = None;
    }
}

/// The latest anonymous source before source `k`, in paragraph `from_para` or later.
fn latest_anonymous(cx: &Cx<'_, '_>, sources: &[Source], k: usize, from_para: usize) -> Option<usize> {
    let start = sources.get(k)?.span.start;
    // Sources are in document order: stop at the first one before the reach.
    let min_start = cx.doc.paragraphs.get(from_para).map_or(0, |p| p.span.start);
    (0..k)
        .rev()
        .take_while(|&j| sources[j].span.start >= min_start)
        .find(|&j| sources[j].span.start < start && sources[j].kind == SourceKind::Anonymous)
}

/// A pronoun refers to the anonymous source `anon` when it comes within the next two sentences
/// and no name (a person mention, or any capitalised word that does not open a sentence) stands
/// between them outside quotations.
fn pronoun_prefers_source(cx: &Cx<'_, '_>, pronoun: &Source, anon: &Source) -> bool {
    let (Some(sa), Some(sp)) = (
        cx.doc.sentence_at(anon.span.start),
        cx.doc.sentence_at(pronoun.span.start),
    ) else {
        return false;
    };
    if sp > sa + 2 {
        return false;
    }
    let first = cx.doc.token_at_or_after(anon.span.end);
    let last = cx.doc.token_at_or_after(pronoun.span.start);
    let named_between = (first..last).any(|t| {
        let outside = !cx.in_quote.get(t).copied().unwrap_or(false);
        let opens_sentence = cx.opens_sentence(t);
        let named = matches!(
            cx.mention.get(t).copied().flatten(),
            Some((_, MentionKind::Name | MentionKind::ShortName))
        );
        outside && (named || (cx.is_word(t) && cx.is_capitalized(t) && !opens_sentence && cx.low(t) != "i"))
    });
    !named_between
}

/// Attaches to each anonymous source the reason its paragraph gives for anonymity; a source that
/// refers back to another shares that one's reason.
pub(super) fn attach_reasons(cx: &Cx<'_, '_>, sources: &mut [Source]) {
    let Some(ac) = LEX.reasons.as_ref() else {
        return;
    };
    for k in 0..sources.len() {
        if sources[k].kind != SourceKind::Anonymous {
            continue;
        }
        if let Some(root) = sources[k].antecedent {
            sources[k].reason = sources.get(root).and_then(|r| r.reason);
            continue;
        }
        let Some(p) = cx
            .doc
            .paragraph_at(sources[k].span.start)
            .and_then(|p| cx.doc.paragraphs.get(p))
        else {
            continue;
        };
        let hay = p.span.of(&cx.doc.text);
        // Prefer a reason in the source's own sentence, else the first in the paragraph.
        let sentence_index = cx.doc.sentence_at(sources[k].span.start);
        let sentence = sentence_index.and_then(|s| cx.doc.sentences.get(s)).map(|s| s.span);
        // A real reason ("because the talks are private") beats a stock one anywhere near it.
        let mut found: Vec<(bool, Span)> = ac
            .find_iter(hay)
            .map(|m| {
                let stock = LEX.reason_stock.get(m.pattern().as_usize()).copied().unwrap_or(false);
                let span = Span::new(p.span.start + m.start(), p.span.start + m.end());
                match stock.then(|| stated_cause(cx, span)).flatten() {
                    Some(end) => (false, Span::new(span.start, end)),
                    None => (stock, span),
                }
            })
            .collect();
        found.extend(extra_reasons(cx, hay).map(|r| (false, Span::new(p.span.start + r.start, p.span.start + r.end))));
        // A reason in another anonymous source's sentence belongs to that source.
        let me = sources[k].span;
        let owned_elsewhere = |r: Span| {
            let rs = cx.doc.sentence_at(r.start);
            let Some(range) = rs.and_then(|i| cx.doc.sentences.get(i)).map(|x| x.span) else {
                return false;
            };
            // Sources are sorted by start: look only at those inside the reason's sentence.
            let from = sources.partition_point(|o| o.span.start < range.start);
            rs != sentence_index
                && sources[from..]
                    .iter()
                    .take_while(|o| o.span.start < range.end)
                    .any(|o| o.kind == SourceKind::Anonymous && o.span != me)
        };
        found.retain(|&(_, r)| !owned_elsewhere(r));
        found.sort_by_key(|&(stock, r)| (stock, !sentence.is_some_and(|s| s.covers(r)), r.start));
        sources[k].reason = found.first().map(|&(_, r)| r);
        sources[k].stock_reason = found.first().is_some_and(|&(stock, _)| stock);
    }
}

/// Words that open a stated cause right after a stock phrase: "spoke on condition of anonymity
/// because the sale has not been announced", "asked not to be named for fear of losing her job".
const CAUSES: [&str; 5] = ["because", "since", "fearing", "for fear", "out of fear"];

/// When a stock phrase is followed in its sentence by a stated cause, the end of that cause (the
/// next comma, semicolon or the sentence end): the stock phrase and its cause are one real reason.
fn stated_cause(cx: &Cx<'_, '_>, stock: Span) -> Option<usize> {
    let sentence = cx
        .doc
        .sentence_at(stock.start)
        .and_then(|i| cx.doc.sentences.get(i))?
        .span;
    let rest = cx.doc.text.get(stock.end..sentence.end)?;
    let after = rest.trim_start_matches([',', ' ']);
    let opens = CAUSES.iter().any(|c| {
        after.get(..c.len()).is_some_and(|w| w.eq_ignore_ascii_case(c))
            && after.get(c.len()..).is_some_and(|t| t.starts_with(' '))
    });
    if !opens {
        return None;
    }
    let offset = stock.end + (rest.len() - after.len());
    let clause = after
        .find([',', ';'])
        .unwrap_or(after.trim_end_matches(['.', ' ', '\n']).len());
    Some(offset + clause)
}

/// A project's own anonymity phrases (`copydesk.toml`) in `hay`, ASCII case-insensitively.
fn extra_reasons<'h>(cx: &'h Cx<'_, '_>, hay: &'h str) -> impl Iterator<Item = Span> + 'h {
    let lower = hay.to_ascii_lowercase();
    let mut spans = Vec::new();
    for phrase in cx.extra.anonymity_phrases.iter().filter(|p| !p.is_empty()) {
        spans.extend(
            lower
                .match_indices(phrase.as_str())
                .map(|(at, m)| Span::new(at, at + m.len())),
        );
    }
    spans.into_iter()
}
