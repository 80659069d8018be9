//! Document-level passes over the attributions: back-references and anonymity reasons.
//!
//! "The insider adds" and "she added" after "a source says" are the same anonymous source: they
//! stay anonymous and point at it (`antecedent`). A pronoun the people engine linked to a named
//! person stays that person's, unless an anonymous source was mentioned more recently than the
//! person's name.

use std::collections::HashMap;

use super::lex::LEX;
use super::Cx;
use crate::analysis::model::{MentionKind, Source, SourceKind, Span};
use crate::analysis::work;

/// How many paragraphs back an epithet ("the source") may look for its antecedent.
const EPITHET_REACH: usize = 3;
/// How many tokens a pronoun may sit after the anonymous source it refers to.
const PRONOUN_REACH_TOKENS: usize = 200;

pub(super) fn resolve_antecedents(cx: &Cx<'_, '_>, sources: &mut [Source]) {
    // The anonymous sources so far, in order: the antecedent search is a binary search in it.
    let mut anonymous: Vec<usize> = Vec::new();
    for k in 0..sources.len() {
        resolve_one(cx, sources, k, &anonymous);
        if sources[k].kind == SourceKind::Anonymous {
            anonymous.push(k);
        }
    }
}

fn resolve_one(cx: &Cx<'_, '_>, sources: &mut [Source], k: usize, anonymous: &[usize]) {
    let src = &sources[k];
    let para = cx.doc.paragraph_at(src.span.start).unwrap_or(0);
    let text = src.span.of(&cx.doc.text);
    let first_word = text.split_whitespace().next().unwrap_or("").to_lowercase();
    let definite_epithet = src.kind == SourceKind::Anonymous && matches!(first_word.as_str(), "the" | "that" | "this");
    let pronoun = src.kind == SourceKind::Pronoun && matches!(first_word.as_str(), "he" | "she" | "they");
    if !definite_epithet && !pronoun {
        return;
    }
    let reach = if pronoun { 1 } else { EPITHET_REACH };
    let Some(prev) = latest_anonymous(cx, sources, anonymous, k, para.saturating_sub(reach)) else {
        return;
    };
    if pronoun && !pronoun_prefers_source(cx, &sources[k], &sources[prev]) {
        return;
    }
    let root = sources[prev].antecedent.unwrap_or(prev);
    let s = &mut sources[k];
    s.kind = SourceKind::Anonymous;
    s.antecedent = Some(root);
    s.person = None;
}

/// The latest anonymous source before source `k` (from `anonymous`, the anonymous sources
/// before it in order), in paragraph `from_para` or later.
fn latest_anonymous(
    cx: &Cx<'_, '_>,
    sources: &[Source],
    anonymous: &[usize],
    k: usize,
    from_para: usize,
) -> Option<usize> {
    let start = sources.get(k)?.span.start;
    let min_start = cx.doc.paragraphs.get(from_para).map_or(0, |p| p.span.start);
    // Sources are in document order, so the anonymous ones are sorted by start too.
    let before = anonymous.partition_point(|&j| sources[j].span.start < start);
    work::tick(before.max(1).ilog2() as usize + 1);
    let j = *anonymous.get(before.checked_sub(1)?)?;
    (sources[j].span.start >= min_start).then_some(j)
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
    // Two sentences with no full stop can be any length: a pronoun that far away does not
    // pick an anonymous source, and the scan below stays bounded.
    if last.saturating_sub(first) > PRONOUN_REACH_TOKENS {
        return false;
    }
    work::tick(last.saturating_sub(first));
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

/// The reason chosen for the anonymous sources of one sentence, and whether it is stock.
type Chosen = Option<(Span, bool)>;

/// Attaches to each anonymous source the reason its paragraph gives for anonymity; a source that
/// refers back to another shares that one's reason.
///
/// The choice depends only on the source's paragraph and sentence, so each paragraph's reasons
/// are found once and each sentence's choice is made once: linear in the text however many
/// sources a paragraph holds.
pub(super) fn attach_reasons(cx: &Cx<'_, '_>, sources: &mut [Source]) {
    if LEX.reasons.is_none() {
        return;
    }
    let mut para: Option<(usize, Reasons)> = None;
    let mut chosen: HashMap<(usize, Option<usize>), Chosen> = HashMap::new();
    for k in 0..sources.len() {
        if sources[k].kind != SourceKind::Anonymous {
            continue;
        }
        if let Some(root) = sources[k].antecedent {
            sources[k].reason = sources.get(root).and_then(|r| r.reason);
            sources[k].stock_reason = sources.get(root).is_some_and(|r| r.stock_reason);
            continue;
        }
        let Some(pi) = cx.doc.paragraph_at(sources[k].span.start) else {
            continue;
        };
        if para.as_ref().is_none_or(|(p, _)| *p != pi) {
            para = Some((pi, Reasons::of(cx, sources, pi)));
        }
        let Some((_, reasons)) = para.as_ref() else {
            continue;
        };
        let sentence_index = cx.doc.sentence_at(sources[k].span.start);
        let best = *chosen
            .entry((pi, sentence_index))
            .or_insert_with(|| reasons.best_for(cx, sentence_index));
        sources[k].reason = best.map(|(r, _)| r);
        sources[k].stock_reason = best.is_some_and(|(_, stock)| stock);
    }
}

/// One anonymity reason found in a paragraph.
struct Reason {
    span: Span,
    stock: bool,
    sentence: Option<usize>,
    /// Another anonymous source speaks in the reason's sentence: the reason is that source's,
    /// for every source outside that sentence.
    owned: bool,
}

/// The reasons of one paragraph, in text order, and the first free (not owned) one of each kind.
struct Reasons {
    all: Vec<Reason>,
    free: [Option<usize>; 2],
}

impl Reasons {
    fn of(cx: &Cx<'_, '_>, sources: &[Source], pi: usize) -> Reasons {
        let (Some(ac), Some(p)) = (LEX.reasons.as_ref(), cx.doc.paragraphs.get(pi)) else {
            return Reasons {
                all: Vec::new(),
                free: [None; 2],
            };
        };
        let hay = p.span.of(&cx.doc.text);
        let listed = ac.find_iter(hay).map(|m| {
            let stock = LEX.reason_stock.get(m.pattern().as_usize()).copied().unwrap_or(false);
            let span = Span::new(p.span.start + m.start(), p.span.start + m.end());
            // A stock phrase followed by a stated cause is one real reason.
            match stock.then(|| stated_cause(cx, span)).flatten() {
                Some(end) => (false, Span::new(span.start, end)),
                None => (stock, span),
            }
        });
        let extra = extra_reasons(cx, hay).map(|r| (false, Span::new(p.span.start + r.start, p.span.start + r.end)));
        let mut spans: Vec<(bool, Span)> = listed.chain(extra).collect();
        spans.sort_by_key(|&(_, r)| r.start);
        let found = spans.into_iter().map(|(stock, span)| {
            let sentence = cx.doc.sentence_at(span.start);
            let owned = sentence.and_then(|i| cx.doc.sentences.get(i)).is_some_and(|range| {
                // Sources are sorted by start: look only at those inside the reason's sentence.
                let from = sources.partition_point(|o| o.span.start < range.span.start);
                sources[from..]
                    .iter()
                    .take_while(|o| o.span.start < range.span.end)
                    .any(|o| o.kind == SourceKind::Anonymous)
            });
            Reason {
                span,
                stock,
                sentence,
                owned,
            }
        });
        let all: Vec<Reason> = found.collect();
        let free = [false, true].map(|stock| all.iter().position(|r| r.stock == stock && !r.owned));
        Reasons { all, free }
    }

    /// The reason for an anonymous source in sentence `si`: a real reason ("because the talks
    /// are private") before a stock one, one in the source's own sentence before one elsewhere
    /// in the paragraph, then the first; reasons another anonymous source owns are skipped.
    /// Only the sentence's own reasons and the first free one of each kind can win.
    fn best_for(&self, cx: &Cx<'_, '_>, si: Option<usize>) -> Option<(Span, bool)> {
        let sentence = si.and_then(|s| cx.doc.sentences.get(s)).map(|s| s.span);
        let key = |r: &Reason| (r.stock, !sentence.is_some_and(|s| s.covers(r.span)), r.span.start);
        // The sentence's own reasons: a contiguous run, since both are in text order.
        let own = match sentence {
            Some(s) => {
                let lo = self.all.partition_point(|r| r.span.start < s.start);
                let hi = self.all.partition_point(|r| r.span.start < s.end);
                self.all.get(lo..hi).unwrap_or_default()
            }
            None => &self.all[..],
        };
        work::tick(own.len() + 2);
        let free = self.free.iter().flatten().filter_map(|&i| self.all.get(i));
        own.iter()
            .filter(|r| r.sentence == si)
            .chain(free)
            .min_by_key(|r| key(r))
            .map(|r| (r.span, r.stock))
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
