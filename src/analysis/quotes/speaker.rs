//! Who said each quotation.
//!
//! Candidates are the attribution engine's sources (preferred) and the fallback's tags (where
//! no source covers the same words; a covered tag is kept as a backup and used only when it
//! sits closer to the quotation than any primary candidate). For each quotation, in order:
//! 1. a candidate right after it, with only punctuation or a few words of the speaker phrase
//!    between (`“…,” she said`, `“…,” a smiling Ortiz said`), in the same sentence, or in the
//!    next one when the tag closes its clause (`“…” Ortiz said.`) and no source of the
//!    quotation's own sentence claims it (`Vega asserted that “…”. Ortiz said …`);
//! 2. a quotation opening a paragraph after one that ends "Ortiz added:" takes that tag;
//! 3. a source whose claim holds the quotation (`According to a source, the board wants “…”`);
//! 4. the nearest candidate before it in its sentence (`Ortiz said: “…”`, `Ortiz called the plan
//!    “reckless”`);
//! 5. a candidate after it at the end of its sentence (`felt “humiliated,” a source says.`);
//! 6. carry-over ([`carry_over`]): the speaker of the previous speech quotation when no new
//!    speaker intervenes, in the same paragraph, from the previous paragraph to a paragraph that
//!    opens with a quotation, and across the parts of a multi-paragraph quotation;
//! 7. a quotation that is a sentence of its own takes the one source of the sentence before
//!    ([`from_previous_sentence`]: `Vos said the audit was unfair. “It was a hatchet job.”`).

use super::fallback::{self, Tag, View};
use super::spans::RawQuote;
use super::words;
use crate::analysis::model::{Person, Quote, QuoteKind, Source, SourceKind, Span, Speaker};
use crate::analysis::segment::{Document, TokenKind};
use crate::analysis::work;

/// A speaker candidate: a source, or a fallback tag.
#[derive(Clone, Debug)]
pub(super) struct Candidate {
    pub speaker: Span,
    pub kind: SourceKind,
    pub cue: Option<Span>,
    pub person: Option<usize>,
    pub source: Option<usize>,
    /// First and last token of speaker and cue together.
    pub first: usize,
    pub last: usize,
    pub closing: bool,
    /// The claim the attribution engine tied to this source, if any.
    pub claim: Option<Span>,
}

impl Candidate {
    fn speaker(&self) -> Speaker {
        Speaker {
            span: self.speaker,
            kind: self.kind,
            person: self.person,
            source: self.source,
        }
    }
}

/// How a quotation found its speaker in its own sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Found {
    /// A tag right after the closing mark.
    After,
    /// The nearest tag before the quotation in its sentence.
    Before,
    /// A tag closing the sentence after the quotation.
    SentenceEnd,
}

/// Speaker candidates in two lists sorted by position. `primary`: the attribution engine's
/// sources outside quotations, and the fallback's tags where no source covers the same words.
/// `all`: the same plus the covered tags, consulted when a tag fits a quotation better than any
/// primary candidate (the source was parsed differently, e.g. missing part of a name).
pub(super) struct Candidates {
    pub primary: Vec<Candidate>,
    pub all: Vec<Candidate>,
}

impl Candidates {
    /// The best candidate for a quotation in its own sentence: a primary candidate unless a
    /// covered tag is found in a closer position.
    pub fn in_sentence(&self, doc: &Document<'_>, q: &RawQuote) -> Option<(&Candidate, Found)> {
        let primary = in_sentence(doc, &self.primary, q).and_then(|(i, f)| Some((self.primary.get(i)?, f)));
        let all = in_sentence(doc, &self.all, q).and_then(|(i, f)| Some((self.all.get(i)?, f)));
        match (primary, all) {
            (Some(p), Some(a)) if a.1.rank() < p.1.rank() => Some(a),
            (Some(p), _) => Some(p),
            (None, a) => a,
        }
    }
}

impl Found {
    fn rank(self) -> u8 {
        match self {
            Found::After => 0,
            Found::Before => 1,
            Found::SentenceEnd => 2,
        }
    }
}

/// Builds the candidate lists (see [`Candidates`]).
pub(super) fn candidates(v: &View<'_>, sources: &[Source], people: &[Person], tags: &[Tag]) -> Candidates {
    let mentions = mention_index(people);
    let mut primary: Vec<Candidate> = sources
        .iter()
        .enumerate()
        .filter_map(|(i, s)| from_source(v, i, s))
        .filter(|c| !v.in_quote.get(c.first).copied().unwrap_or(false))
        .collect();
    let speakers = Overlaps::new(primary.iter().map(|c| c.speaker));
    let cues = Overlaps::new(primary.iter().filter_map(|c| c.cue));
    let mut covered_tags = Vec::new();
    for t in tags {
        work::tick(1);
        let covered = speakers.any(t.speaker) || cues.any(t.cue);
        let c = Candidate {
            speaker: t.speaker,
            kind: t.kind,
            cue: Some(t.cue),
            person: person_at(&mentions, t.speaker),
            source: None,
            first: t.first,
            last: t.last,
            closing: t.closing,
            claim: None,
        };
        if covered {
            covered_tags.push(c);
        } else {
            primary.push(c);
        }
    }
    primary.sort_by_key(|c| (c.first, c.last));
    let mut all = primary.clone();
    all.extend(covered_tags);
    all.sort_by_key(|c| (c.first, c.last, c.source.is_none()));
    Candidates { primary, all }
}

/// A set of spans answering "does any of them overlap this one?" in logarithmic time: sorted
/// by start, with the furthest end reached so far (a scan per tag was quadratic at book length).
struct Overlaps {
    starts: Vec<usize>,
    reach: Vec<usize>,
}

impl Overlaps {
    fn new(spans: impl Iterator<Item = Span>) -> Overlaps {
        let mut spans: Vec<Span> = spans.collect();
        spans.sort_unstable();
        let mut furthest = 0;
        let reach = spans
            .iter()
            .map(|s| {
                furthest = furthest.max(s.end);
                furthest
            })
            .collect();
        Overlaps {
            starts: spans.iter().map(|s| s.start).collect(),
            reach,
        }
    }

    /// Whether a span of the set overlaps `q`: one that starts before `q` ends reaches past its
    /// start.
    fn any(&self, q: Span) -> bool {
        let before_end = self.starts.partition_point(|&s| s < q.end);
        before_end > 0 && self.reach.get(before_end - 1).is_some_and(|&r| r > q.start)
    }
}

/// Cues of wanting or feeling ("the board wants", "she feels") report an attitude, not words:
/// they never make their subject the speaker of a quotation.
fn is_attitude_cue(v: &View<'_>, s: &Source) -> bool {
    let cue = s.cue.map_or("", |c| c.of(&v.doc.text)).to_lowercase();
    matches!(
        cue.as_str(),
        "want" | "wants" | "wanted" | "like" | "feel" | "feels" | "felt" | "hope" | "hopes" | "hoped"
    )
}

fn from_source(v: &View<'_>, i: usize, s: &Source) -> Option<Candidate> {
    if is_attitude_cue(v, s) {
        return None;
    }
    let doc = v.doc;
    let whole = s
        .cue
        .map_or(s.span, |c| Span::new(c.start.min(s.span.start), c.end.max(s.span.end)));
    let first = doc.token_at_or_after(whole.start);
    let last = doc.token_at_or_after(whole.end).checked_sub(1)?;
    // A source whose claim comes after it introduces a new claim; one with no claim after it
    // (or whose claim is a quotation before it), or whose cue ends its clause, closes one.
    let cue_tok = s.cue.map(|c| doc.token_at_or_after(c.start));
    let closing =
        s.claim.is_none_or(|c| c.end <= whole.start) || cue_tok.is_some_and(|t| fallback::closes_clause(v, t));
    Some(Candidate {
        speaker: s.span,
        kind: s.kind,
        cue: s.cue,
        person: s.person,
        source: Some(i),
        first,
        last: last.max(first),
        closing,
        claim: s.claim,
    })
}

/// Person mentions sorted by start: (span, person index).
fn mention_index(people: &[Person]) -> Vec<(Span, usize)> {
    let mut v: Vec<(Span, usize)> = people
        .iter()
        .enumerate()
        .flat_map(|(pi, p)| p.mentions.iter().map(move |m| (m.span, pi)))
        .collect();
    v.sort_unstable();
    v
}

/// The person with a mention inside `span` (the last one: the head of "a friend of Ortiz" is
/// not Ortiz, but the head of "Mayor Ana Ortiz" is).
fn person_at(mentions: &[(Span, usize)], span: Span) -> Option<usize> {
    let i = mentions.partition_point(|(m, _)| m.end <= span.start);
    mentions
        .get(i..)?
        .iter()
        .take_while(|(m, _)| m.start < span.end)
        .filter(|(m, _)| span.covers(*m) || m.covers(span))
        .map(|&(_, p)| p)
        .next()
}

/// The token range of the sentences a quotation touches.
fn window(doc: &Document<'_>, q: &RawQuote) -> (usize, usize) {
    let first = doc.sentence_at(q.span.start).and_then(|s| doc.sentences.get(s));
    let last = doc
        .sentence_at(q.span.end.saturating_sub(1))
        .and_then(|s| doc.sentences.get(s));
    (
        first.map_or(q.tokens.start, |s| s.tokens.start),
        last.map_or(q.tokens.end, |s| s.tokens.end),
    )
}

/// The speaker candidate of a quotation in its own sentence, and how it was found.
pub(super) fn in_sentence(doc: &Document<'_>, cands: &[Candidate], q: &RawQuote) -> Option<(usize, Found)> {
    let (ws, we) = window(doc, q);
    let after = cands.partition_point(|c| c.first < q.tokens.end);
    let para_end = doc.paragraphs.get(q.paragraph).map_or(q.span.end, |p| p.span.end);
    if let Some(c) = cands.get(after) {
        let gap = q.tokens.end..c.first;
        let only_punct = gap
            .clone()
            .all(|k| doc.tokens.get(k).is_some_and(|t| t.kind == TokenKind::Punct));
        // "“…,” a smiling Clinton said" / "“…” Carolina coach Rod Vega said": a few words of
        // the speaker phrase the tag left out.
        // Capitalised words and numbers ("“…” UFCW Local 832 president Jeff Traeger said") are
        // part of a speaker's title even with nothing to close the quotation.
        let titled = gap.clone().all(|k| {
            doc.tokens.get(k).is_some_and(|t| t.kind == TokenKind::Number)
                || doc.token_text(k).chars().next().is_some_and(char::is_uppercase)
        });
        let few_words = gap.len() <= 6
            && (tagged_close(doc, q) || titled || gap.clone().any(|k| doc.token_text(k) == ","))
            && c.first < we
            && c.closing
            && gap
                .clone()
                .all(|k| doc.tokens.get(k).is_some_and(|t| t.kind != TokenKind::Quote));
        let start = doc.tokens.get(c.first).map_or(usize::MAX, |t| t.span.start);
        // A short quotation glued to the phrase after it is part of that phrase: the “History”
        // section of the site explains.
        let glued = gap.is_empty() && !tagged_close(doc, q) && q.tokens.len() <= 5;
        // "“…?” Vega asked reporters": a question or exclamation mark ends the sentence, so the
        // tag opens the next one; right after the mark, it is still the tag.
        let asked = only_punct && matches!(close_punct(doc, q), Some("?" | "!"));
        // A tag opening the next sentence does not take a quotation that a source of its own
        // sentence already claims ("Vega asserted that “…”. Ortiz said …").
        let claimed_here = c.first >= we && claim_covering(cands, q, ws, we).is_some();
        if (only_punct || few_words)
            && !glued
            && !claimed_here
            && start < para_end
            && (c.first < we || c.closing || asked)
        {
            return Some((after, Found::After));
        }
    }
    if let Some(found) = after_closed_tag(doc, cands, q) {
        return Some((found, Found::Before));
    }
    if let Some(found) = after_colon_paragraph(doc, cands, q) {
        return Some((found, Found::Before));
    }
    if let Some(found) = claim_covering(cands, q, ws, we) {
        return Some(found);
    }
    // Only candidates inside the window (sorted by `first`): scanning back past it cost a pass
    // over every earlier candidate per quotation.
    let lo = cands.partition_point(|c| c.first < ws);
    let hi = cands.partition_point(|c| c.first < q.tokens.start).max(lo);
    let before = cands
        .get(lo..hi)
        .and_then(|window| window.iter().rposition(|c| c.last < q.tokens.start));
    if let Some(b) = before {
        return Some((lo + b, Found::Before));
    }
    let end = cands
        .get(after..)?
        .iter()
        .take_while(|c| c.first < we)
        .position(|c| c.closing && c.first > 0 && matches!(doc.token_text(c.first - 1), "," | "—" | "–"))?;
    Some((after + end, Found::SentenceEnd))
}

/// The source in the quotation's sentences whose claim holds the quotation (the narrowest such
/// claim): "According to a source, the board wants “a fresh face”" is the source's claim, not
/// the board's.
fn claim_covering(cands: &[Candidate], q: &RawQuote, ws: usize, we: usize) -> Option<(usize, Found)> {
    let lo = cands.partition_point(|c| c.first < ws);
    let hi = cands.partition_point(|c| c.first < we);
    let (i, c) = cands
        .get(lo..hi)?
        .iter()
        .enumerate()
        .filter(|(_, c)| c.claim.is_some_and(|claim| claim.covers(q.span)))
        .min_by_key(|(_, c)| c.claim.map_or(usize::MAX, |claim| claim.len()))?;
    let found = if c.first > q.tokens.start {
        Found::SentenceEnd
    } else {
        Found::Before
    };
    Some((lo + i, found))
}

/// Whether the quotation ends with punctuation inside its closing mark: `,”` `.”` `?”`.
fn tagged_close(doc: &Document<'_>, q: &RawQuote) -> bool {
    close_punct(doc, q).is_some_and(|p| matches!(p, "," | "." | "!" | "?" | "…" | "—" | "-"))
}

/// The token right before a closed quotation's closing mark.
fn close_punct<'a>(doc: &'a Document<'_>, q: &RawQuote) -> Option<&'a str> {
    (q.closed && q.tokens.end >= 2).then(|| doc.token_text(q.tokens.end - 2))
}

/// A quotation opening a sentence right after one that ends with its tag, in the same
/// paragraph: "Her friend Ana Vega chimed in. “…”", "Ortiz said. “…”". The tag must close its
/// sentence: only punctuation after its last word.
fn after_closed_tag(doc: &Document<'_>, cands: &[Candidate], q: &RawQuote) -> Option<usize> {
    let si = doc.sentence_at(q.span.start)?;
    let sentence = doc.sentences.get(si)?;
    if sentence.tokens.start != q.tokens.start || si == 0 {
        return None;
    }
    let prev = doc.sentences.get(si - 1)?;
    let para = doc.paragraphs.get(q.paragraph)?;
    let prev_start = doc.tokens.get(prev.tokens.start)?.span.start;
    if prev_start < para.span.start {
        return None;
    }
    let i = cands.partition_point(|c| c.first < prev.tokens.end).checked_sub(1)?;
    let c = cands.get(i)?;
    // Only punctuation, or a verb particle ("chimed in."), after the tag.
    let tail_punct = (c.last + 1..prev.tokens.end).all(|k| {
        doc.tokens.get(k).is_some_and(|t| t.kind == TokenKind::Punct)
            || matches!(doc.token_text(k), "in" | "out" | "up")
    });
    let in_quote =
        (prev.tokens.start..prev.tokens.end).any(|k| doc.tokens.get(k).is_some_and(|t| t.kind == TokenKind::Quote));
    (c.first >= prev.tokens.start && c.closing && tail_punct && !in_quote).then_some(i)
}

/// A quotation opening a paragraph right after one that ends with a colon ("Ortiz added:")
/// takes the last candidate of that paragraph's last sentence.
fn after_colon_paragraph(doc: &Document<'_>, cands: &[Candidate], q: &RawQuote) -> Option<usize> {
    if !q.opens_paragraph || q.paragraph == 0 {
        return None;
    }
    let prev = doc.paragraphs.get(q.paragraph - 1)?;
    let last_sentence = doc.sentences.get(prev.sentences.end.checked_sub(1)?)?;
    let last_tok = last_sentence.tokens.end.checked_sub(1)?;
    if doc.token_text(last_tok) != ":" {
        return None;
    }
    let i = cands.partition_point(|c| c.first < last_tok).checked_sub(1)?;
    (cands.get(i)?.first >= last_sentence.tokens.start).then_some(i)
}

/// Sets the speaker and cue of a quotation from a candidate.
pub(super) fn assign(quote: &mut Quote, c: &Candidate) {
    quote.speaker = Some(c.speaker());
    quote.cue = c.cue;
}

/// Gives speech quotations with no speaker the speaker of the one before when nothing
/// intervenes, and shares speakers across the parts of a multi-paragraph quotation.
/// `reach[i]` is the last token of quotation `i` or of the tag it matched.
pub(super) fn carry_over(
    doc: &Document<'_>,
    raws: &[RawQuote],
    quotes: &mut [Quote],
    cands: &[Candidate],
    reach: &[usize],
) {
    share_in_groups(raws, quotes);
    let mut last: Option<usize> = None;
    for i in 0..quotes.len() {
        if quotes[i].kind != QuoteKind::Speech {
            continue;
        }
        if quotes[i].speaker.is_none() {
            if let Some(p) = last.filter(|&p| continues(doc, raws, cands, reach, p, i, quotes[p].speaker)) {
                quotes[i].speaker = quotes[p].speaker;
                quotes[i].cue = quotes[p].cue;
            }
        }
        if quotes[i].speaker.is_some() {
            last = Some(i);
        }
    }
    share_in_groups(raws, quotes);
}

/// Whether speech quotation `i` continues the speaker of speech quotation `p` (`speaker`).
fn continues(
    doc: &Document<'_>,
    raws: &[RawQuote],
    cands: &[Candidate],
    reach: &[usize],
    p: usize,
    i: usize,
    speaker: Option<Speaker>,
) -> bool {
    let (Some(pq), Some(q), Some(&tag_end)) = (raws.get(p), raws.get(i), reach.get(p)) else {
        return false;
    };
    // The rest of the sentence of the previous quotation's tag belongs to that sentence, but a
    // new speaker with a claim of their own intervenes ("“…,” Ortiz said, but Vega said …").
    let from = doc
        .tokens
        .get(tag_end)
        .and_then(|t| doc.sentence_at(t.span.start))
        .and_then(|s| doc.sentences.get(s))
        .map_or(tag_end, |s| s.tokens.end.saturating_sub(1).max(tag_end))
        .min(q.tokens.start.saturating_sub(1));
    let next = cands.partition_point(|c| c.first <= tag_end);
    // A relative or participle clause ("…, who said …", "…, arguing that …") hangs off the
    // tag's own sentence: not a new speaker.
    let subordinate = |c: &Candidate| {
        c.cue.is_some_and(|cue| {
            let at = doc.token_at_or_after(cue.start);
            cue.of(&doc.text).ends_with("ing")
                || at
                    .checked_sub(1)
                    .is_some_and(|k| words::is_one_of(doc.token_text(k), &["who", "which", "that"]))
        })
    };
    let same = |c: &Candidate| {
        c.kind == SourceKind::Pronoun
            || subordinate(c)
            || words::is_one_of(c.speaker.of(&doc.text), &["who", "whom", "which", "that"])
            || speaker.is_some_and(|s| s.span == c.speaker || (s.person.is_some() && s.person == c.person))
    };
    let intervening = cands
        .get(next..)
        .unwrap_or(&[])
        .iter()
        .take_while(|c| c.first < q.tokens.start)
        .any(|c| c.first > from || (!c.closing && !same(c)));
    if intervening {
        return false;
    }
    if q.group == pq.group || q.paragraph == pq.paragraph {
        return true;
    }
    // A paragraph that opens with a quotation, right after a paragraph whose last sentence
    // holds the previous quotation or its tag, or follows it with one sentence where no speaker
    // speaks (`“…,” Ortiz said. He turned to the crowd.` ¶ `“…”`).
    let second_last_sentence = doc
        .paragraphs
        .get(pq.paragraph)
        .and_then(|para| {
            doc.sentences
                .get(para.sentences.end.saturating_sub(2).max(para.sentences.start))
        })
        .map_or(usize::MAX, |s| s.tokens.start);
    q.opens_paragraph && q.paragraph == pq.paragraph + 1 && from >= second_last_sentence
}

/// A quotation that is a sentence of its own, with no speaker after carry-over, takes the one
/// source of the sentence before it (in its paragraph or closing the paragraph before): the
/// paraphrase-then-quote convention ("Mr Vos said the audit was unfair. “It was a hatchet
/// job.”"). With no source there, or two, it stays unattributed. Institutions and documents do
/// not speak a quotation this way.
pub(super) fn from_previous_sentence(doc: &Document<'_>, raws: &[RawQuote], quotes: &mut [Quote], cands: &[Candidate]) {
    for (q, raw) in quotes.iter_mut().zip(raws) {
        if q.kind != QuoteKind::Speech || q.speaker.is_some() {
            continue;
        }
        let Some(si) = doc.sentence_at(raw.span.start) else {
            continue;
        };
        let (Some(own), Some(prev)) = (
            doc.sentences.get(si),
            si.checked_sub(1).and_then(|p| doc.sentences.get(p)),
        ) else {
            continue;
        };
        // The quotation is the whole sentence: nothing outside it but punctuation.
        let alone = own.tokens.clone().filter(|t| !raw.tokens.contains(t)).all(|t| {
            doc.tokens
                .get(t)
                .is_some_and(|k| matches!(k.kind, TokenKind::Punct | TokenKind::Quote))
        });
        if !alone || own.paragraph > prev.paragraph + 1 {
            continue;
        }
        let from = cands.partition_point(|c| c.first < prev.tokens.start);
        let mut in_prev = cands
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| c.first < prev.tokens.end)
            .filter(|c| c.cue.is_some() && !matches!(c.kind, SourceKind::Institution | SourceKind::Document));
        work::tick(1);
        if let (Some(c), None) = (in_prev.next(), in_prev.next()) {
            assign(q, c);
        }
    }
}

/// Within each multi-paragraph quotation, parts with no speaker take the first one found.
fn share_in_groups(raws: &[RawQuote], quotes: &mut [Quote]) {
    let mut i = 0;
    while i < raws.len() {
        let g = raws[i].group;
        let mut j = i;
        while j < raws.len() && raws[j].group == g {
            j += 1;
        }
        let found = (i..j).find_map(|k| quotes.get(k).and_then(|q| q.speaker.map(|s| (s, q.cue))));
        if let Some((speaker, cue)) = found {
            for q in quotes.get_mut(i..j).into_iter().flatten() {
                if q.speaker.is_none() && q.kind == QuoteKind::Speech {
                    q.speaker = Some(speaker);
                    q.cue = cue;
                }
            }
        }
        i = j;
    }
}

/// Records on each source the quotations it speaks.
pub(super) fn link_sources(quotes: &[Quote], sources: &mut [Source]) {
    for (qi, q) in quotes.iter().enumerate() {
        if let Some(si) = q.speaker.and_then(|s| s.source) {
            if let Some(s) = sources.get_mut(si) {
                if !s.quotes.contains(&qi) {
                    s.quotes.push(qi);
                }
            }
        }
    }
}
