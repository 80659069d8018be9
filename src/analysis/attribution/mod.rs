//! Attributions: for every claim, who it is attributed to, and what kind of source that is.
//!
//! Per sentence, [`cues`] finds the speech or belief verbs ("says", "told", "adds"), "according
//! to", hearsay adverbs ("reportedly") and impersonal passives ("it is believed"), plus three
//! forms that only count for crowds or unnamed research: attitudes ("many voters are worried"),
//! evidence verbs ("studies show") and absolute constructions ("with analysts saying"); the frame
//! "…,” as Ortiz puts it"; also the
//! forms of gossip copy: a headline's "…, Source Reveals", any listed speech verb inverted after a
//! quotation ("…,” lamented the spy"), and an unlisted past tense between a source noun and a
//! colon or "that" ("An insider tattled: …"). For each verb
//! cue, [`phrase`] takes the source phrase: the subject to the left of the verb ("a source close
//! to the couple says", parentheticals and relative clauses skipped) or, after a quotation or at a
//! clause start, the phrase to its right (`“…,” said Ortiz`); a participle closing a clause or a
//! verb coordinated with the first takes the clause's subject ([`clause`]). [`classify`] judges the phrase by
//! its head noun and determiner, and by the people engine's mentions. [`identify`] names the role
//! phrases the story resolves to a named person ("a spokeswoman for the board" whose name follows,
//! "Claudia Ferro, a friend,"). Then, across the document,
//! epithets and pronouns that point back at an anonymous source ("the insider adds", "she added")
//! stay anonymous, and each anonymous source gets the reason for its anonymity, if the paragraph
//! gives one.

mod agents;
mod classify;
mod clause;
mod cues;
mod identify;
mod lex;
mod phrase;
mod refer;

use super::config::Lexicon;
use super::model::{MentionKind, Person, Source, SourceKind, Span};
use super::segment::{Document, TokenKind};

static NO_EXTRA: Lexicon = Lexicon {
    source_nouns: Vec::new(),
    anonymity_phrases: Vec::new(),
    not_names: Vec::new(),
};

/// Finds every attribution in the document, in document order.
pub fn find(doc: &Document<'_>, people: &[Person]) -> Vec<Source> {
    find_with(doc, people, &Lexicon::default())
}

/// [`find`], with a project's extra source nouns and anonymity phrases.
pub fn find_with(doc: &Document<'_>, people: &[Person], extra: &Lexicon) -> Vec<Source> {
    let mut cx = Cx::new(doc, people);
    cx.extra = extra;
    let mut out = Vec::new();
    for si in 0..doc.sentences.len() {
        cues::find_in_sentence(&cx, si, &mut out);
    }
    out.sort_by_key(|s| (s.span.start, s.cue.map(|c| c.start)));
    let mut extra = Vec::new();
    for si in 0..doc.sentences.len() {
        agents::find_in_sentence(&cx, si, &out, &mut extra);
    }
    out.append(&mut extra);
    out.sort_by_key(|s| (s.span.start, s.cue.map(|c| c.start)));
    identify::name_role_phrases(&cx, &mut out);
    refer::resolve_antecedents(&cx, &mut out);
    refer::attach_reasons(&cx, &mut out);
    out
}

/// What the attribution passes share: lowercase tokens, a quotation mask and person mentions.
pub(crate) struct Cx<'d, 'a> {
    pub doc: &'d Document<'a>,
    /// Whether each token lies inside a quotation (the speaker's words, not the story's).
    pub in_quote: Vec<bool>,
    /// The person mention covering each token, if any.
    pub mention: Vec<Option<(usize, MentionKind)>>,
    pub people: &'d [Person],
    /// A project's own lexicon entries (`copydesk.toml`).
    pub extra: &'d Lexicon,
}

impl<'d, 'a> Cx<'d, 'a> {
    fn new(doc: &'d Document<'a>, people: &'d [Person]) -> Cx<'d, 'a> {
        let mut mention = vec![None; doc.tokens.len()];
        for (pi, p) in people.iter().enumerate() {
            for m in &p.mentions {
                let first = doc.tokens.partition_point(|t| t.span.end <= m.span.start);
                let mut k = first;
                while k < doc.tokens.len() && doc.tokens[k].span.start < m.span.end {
                    if let Some(slot) = mention.get_mut(k) {
                        *slot = Some((pi, m.kind));
                    }
                    k += 1;
                }
            }
        }
        Cx {
            in_quote: quote_mask(doc),
            doc,
            mention,
            people,
            extra: &NO_EXTRA,
        }
    }

    pub fn text(&self, i: usize) -> &str {
        self.doc.token_text(i)
    }

    pub fn low(&self, i: usize) -> &str {
        self.doc.lower(i)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)
    }

    pub fn is_number(&self, i: usize) -> bool {
        self.doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Number)
    }

    pub fn is_quote(&self, i: usize) -> bool {
        self.doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Quote)
    }

    pub fn is_capitalized(&self, i: usize) -> bool {
        crate::analysis::text::is_capitalised(self.text(i))
    }

    /// Whether token `t` sits in a short paragraph with no closing punctuation: a heading or a
    /// headline ("Desk notes", "Lawmakers Rip Plan"), where noun-or-verb words are nouns.
    pub fn in_headline(&self, t: usize) -> bool {
        let Some(tok) = self.doc.tokens.get(t) else {
            return false;
        };
        let Some(p) = self
            .doc
            .paragraph_at(tok.span.start)
            .and_then(|p| self.doc.paragraphs.get(p))
        else {
            return false;
        };
        let last = self.doc.token_at_or_after(p.span.end).saturating_sub(1);
        let first = self.doc.token_at_or_after(p.span.start);
        last.saturating_sub(first) < 20 && self.is_word(last)
    }

    /// Whether token `t` is the first of its sentence.
    pub fn opens_sentence(&self, t: usize) -> bool {
        let Some(tok) = self.doc.tokens.get(t) else {
            return false;
        };
        self.doc
            .sentence_at(tok.span.start)
            .and_then(|s| self.doc.sentences.get(s))
            .is_some_and(|s| s.tokens.start == t)
    }

    /// The byte span of tokens `s..e` (exclusive).
    pub fn span(&self, s: usize, e: usize) -> Span {
        match (
            self.doc.tokens.get(s),
            e.checked_sub(1).and_then(|k| self.doc.tokens.get(k)),
        ) {
            (Some(a), Some(b)) if e > s => Span::new(a.span.start, b.span.end),
            _ => Span::default(),
        }
    }
}

/// Marks tokens inside double quotation marks, paragraph by paragraph (a stray mark never leaks
/// past its paragraph).
fn quote_mask(doc: &Document<'_>) -> Vec<bool> {
    let mut mask = vec![false; doc.tokens.len()];
    for p in &doc.paragraphs {
        let (Some(first), Some(last)) = (
            doc.sentences.get(p.sentences.start),
            p.sentences.end.checked_sub(1).and_then(|k| doc.sentences.get(k)),
        ) else {
            continue;
        };
        let mut open = false;
        for (i, slot) in mask
            .iter_mut()
            .enumerate()
            .take(last.tokens.end)
            .skip(first.tokens.start)
        {
            match doc.token_text(i) {
                "“" | "«" | "„" => open = true,
                "”" | "»" => open = false,
                "\"" => open = !open,
                _ => *slot = open,
            }
        }
    }
    mask
}

/// A new source with only its phrase, kind and cue; the passes fill the rest.
pub(crate) fn source(span: Span, kind: SourceKind, cue: Option<Span>, claim: Option<Span>) -> Source {
    Source {
        span,
        kind,
        cue,
        claim,
        vantage: None,
        reason: None,
        stock_reason: false,
        person: None,
        antecedent: None,
        plural: false,
        quotes: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
