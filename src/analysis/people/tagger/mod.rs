//! A learned person-name tagger: an averaged structured perceptron over BIO tags with Viterbi
//! decoding, trained from the open sets in `../shared/train/persons` by the `train-tagger`
//! binary (see `data/tagger/README.md` for the command, the data and its licences).
//!
//! The interface is narrow on purpose. [`view`] turns one sentence of a [`Document`] into
//! [`Word`]s (text, line start, inside a quotation, headline line); [`features`] reads only
//! those; [`Model::tag`] returns token ranges tagged as names. Another text layer can feed the
//! tagger by building the same [`Word`]s.
//!
//! The weights (`data/tagger/persons.bin`) are included in the binary and parsed once into an
//! immutable static; [`model`] is `None` only if that file is corrupt, which a test catches.

mod features;
mod model;
pub mod train;

use std::ops::Range;

use crate::analysis::memo::Memo;
use crate::analysis::segment::{Document, TokenKind};

pub use features::{features, FeatureSink};
pub use model::{model, Model};

/// BIO tags: outside a name, its first token, a later token.
pub const TAGS: usize = 3;
pub const O: u8 = 0;
pub const B: u8 = 1;
pub const I: u8 = 2;

/// One token as the tagger sees it.
#[derive(Clone, Copy, Debug)]
pub struct Word<'a> {
    pub text: &'a str,
    pub kind: TokenKind,
    /// A line break comes before this token.
    pub line_start: bool,
    /// The token lies between quotation marks.
    pub quoted: bool,
}

/// One sentence as the tagger sees it.
#[derive(Clone, Debug, Default)]
pub struct Sentence<'a> {
    pub words: Vec<Word<'a>>,
    /// A line of its own without closing punctuation: a headline, a link line, a byline.
    pub headline: bool,
}

/// Sentence `s` of `doc` as tagger input; `quoted` says for each token of the document whether
/// it lies inside a quotation (see [`quoted_tokens`]).
pub fn view<'a>(doc: &'a Document<'_>, s: usize, quoted: &[bool]) -> Sentence<'a> {
    let Some(sentence) = doc.sentences.get(s) else {
        return Sentence::default();
    };
    let text: &str = &doc.text;
    let words: Vec<Word<'a>> = sentence
        .tokens
        .clone()
        .map(|i| {
            let t = doc.tokens[i];
            let prev_end = i.checked_sub(1).map_or(0, |p| doc.tokens[p].span.end);
            Word {
                text: t.span.of(text),
                kind: t.kind,
                line_start: i == 0 || text.get(prev_end..t.span.start).is_some_and(|g| g.contains('\n')),
                quoted: quoted.get(i).copied().unwrap_or(false),
            }
        })
        .collect();
    let alone = doc
        .paragraphs
        .get(sentence.paragraph)
        .is_some_and(|p| p.sentences.len() == 1);
    let closed = words
        .iter()
        .rev()
        .find(|w| w.kind != TokenKind::Quote)
        .is_some_and(|w| matches!(w.text, "." | "!" | "?" | "…" | ":"));
    let one_line = words.iter().skip(1).all(|w| !w.line_start);
    Sentence {
        headline: alone && !closed && one_line,
        words,
    }
}

/// For each token of the document, whether it lies inside a quotation: curly quotes pair “
/// with ”, straight double quotes alternate; a paragraph break closes any open quotation.
pub fn quoted_tokens(doc: &Document<'_>) -> Vec<bool> {
    let mut out = vec![false; doc.tokens.len()];
    for p in &doc.paragraphs {
        let Some(first) = doc.sentences.get(p.sentences.start) else {
            continue;
        };
        let last = doc
            .sentences
            .get(p.sentences.end.saturating_sub(1))
            .map_or(0, |s| s.tokens.end);
        let mut open = false;
        for (i, slot) in out.iter_mut().enumerate().take(last).skip(first.tokens.start) {
            match doc.token_text(i) {
                "“" => open = true,
                "”" => open = false,
                "\"" => open = !open,
                _ => *slot = open,
            }
        }
    }
    out
}

/// Token ranges (document indexes) the model tags as names, in document order.
pub fn names(doc: &Document<'_>) -> Vec<Range<usize>> {
    tagged_sentences(doc, None)
        .into_iter()
        .flat_map(|(_, names)| names)
        .collect()
}

/// The memo key of a sentence, written into `key`: everything [`features`] reads (the headline
/// flag, and each word's kind, line start, quotation flag and text), length-prefixed so that no
/// two sentences share a key.
fn memo_key(s: &Sentence<'_>, key: &mut Vec<u8>) {
    key.clear();
    key.push(u8::from(s.headline));
    for w in &s.words {
        let kind = match w.kind {
            TokenKind::Word => 0,
            TokenKind::Number => 1,
            TokenKind::Quote => 2,
            TokenKind::Punct => 3,
        };
        key.push(kind | u8::from(w.line_start) << 2 | u8::from(w.quoted) << 3);
        key.extend(u32::try_from(w.text.len()).unwrap_or(u32::MAX).to_le_bytes());
        key.extend(w.text.as_bytes());
    }
}

/// For each sentence, whether it is a headline line and the names tagged in it; sentences the
/// memo has seen are not tagged again.
fn tagged_sentences(doc: &Document<'_>, mut memo: Option<&mut Memo>) -> Vec<(bool, Vec<Range<usize>>)> {
    let Some(m) = model() else {
        return Vec::new();
    };
    let quoted = quoted_tokens(doc);
    let mut out = Vec::with_capacity(doc.sentences.len());
    let mut key = Vec::new();
    for (s, sentence) in doc.sentences.iter().enumerate() {
        let v = view(doc, s, &quoted);
        let tags = match memo.as_deref_mut() {
            Some(memo) => {
                memo_key(&v, &mut key);
                memo.tags(&key, || m.tag(&v))
            }
            None => m.tag(&v),
        };
        let base = sentence.tokens.start;
        let names = spans(&tags).into_iter().map(|r| base + r.start..base + r.end).collect();
        out.push((v.headline, names));
    }
    out
}

/// The name spans a tag sequence marks.
pub fn spans(tags: &[u8]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &t) in tags.iter().enumerate() {
        if t != I {
            if let Some(s) = start.take() {
                out.push(s..i);
            }
        }
        if t == B {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(s..tags.len());
    }
    out
}

#[cfg(test)]
mod tests;

/// The tagger's names in a document, as evidence for the rule scorer.
pub struct Tagged {
    /// For each token, the tagged name it lies in.
    name_of: Vec<Option<Range<usize>>>,
    /// For each token, whether its sentence is a headline line.
    headline: Vec<bool>,
}

/// Points the tagger gives a candidate of two words or more whose words it tags as one name,
/// start to end: enough alone, as a known first name and surname are.
const AGREE: i32 = 3;
/// Points for a one-word candidate the census knows: it still needs one piece of context (a
/// speech verb, a role). A word the census does not know gets none ("Newmont said" is as
/// often a company as a person, and one error spreads to every later occurrence).
const AGREE_ONE: i32 = 2;

impl Tagged {
    pub fn new(doc: &Document<'_>) -> Tagged {
        Tagged::memoised(doc, None)
    }

    /// [`Tagged::new`], reusing the tags of sentences the memo has seen.
    pub fn memoised(doc: &Document<'_>, memo: Option<&mut Memo>) -> Tagged {
        let mut name_of = vec![None; doc.tokens.len()];
        let mut headline = vec![false; doc.tokens.len()];
        for ((head, names), sentence) in tagged_sentences(doc, memo).into_iter().zip(&doc.sentences) {
            for slot in headline.get_mut(sentence.tokens.clone()).into_iter().flatten() {
                *slot = head;
            }
            for r in names {
                for slot in name_of.get_mut(r.clone()).into_iter().flatten() {
                    *slot = Some(r.clone());
                }
            }
        }
        Tagged { name_of, headline }
    }

    /// Whether token `i` lies in a headline line.
    pub fn headline_at(&self, i: usize) -> bool {
        self.headline.get(i).copied().unwrap_or(false)
    }

    /// The tagged name token `i` lies in.
    pub fn name_at(&self, i: usize) -> Option<&Range<usize>> {
        self.name_of.get(i).and_then(Option::as_ref)
    }

    /// [`AGREE`] points when one tagged name holds exactly the candidate's name words (a
    /// trailing glued period or possessive aside), none otherwise.
    pub fn points(&self, doc: &Document<'_>, c: &super::runs::Candidate, m: &super::mentions::NameMention) -> i32 {
        let (Some(&first), Some(&last)) = (m.words.first(), m.words.last()) else {
            return 0;
        };
        let Some(r) = self.name_at(first) else {
            return 0;
        };
        let exact = r.start == c.tokens.start && r.end > last && r.end <= c.tokens.end;
        match (exact, m.words.len()) {
            (false, _) => 0,
            (true, 1) => {
                let info = super::gazetteer::lookup(doc.token_text(first));
                if info.is_first() || info.is_surname() {
                    AGREE_ONE
                } else {
                    0
                }
            }
            (true, _) => AGREE,
        }
    }

    /// A headline's run of capitals cut into the names the tagger finds in it: "Will Kim
    /// Kardashian Divorce Kanye West" gives "Kim Kardashian" and "Kanye West". Elsewhere, when
    /// the tagger finds nothing strictly inside, or when a word left out could be a first name
    /// ("Justin Hobday 71 65" in a results line), the run stays whole.
    pub fn split(&self, doc: &Document<'_>, run: Range<usize>) -> Vec<Range<usize>> {
        if !self.headline.get(run.start).copied().unwrap_or(false) {
            return vec![run];
        }
        let mut inside: Vec<Range<usize>> = Vec::new();
        for i in run.clone() {
            if let Some(r) = self.name_at(i) {
                if r.start >= run.start && r.end <= run.end && inside.last() != Some(r) {
                    inside.push(r.clone());
                }
            }
        }
        let named = |i: usize| inside.iter().any(|r| r.contains(&i));
        let first_name_left_out = run.clone().filter(|&i| !named(i)).any(|i| {
            let w = doc.token_text(i);
            super::gazetteer::lookup(w).first_at_least(5)
                && !super::lists::lists().common.contains(super::lists::lower(w).as_ref())
        });
        if inside.is_empty() || inside == [run.clone()] || first_name_left_out {
            vec![run]
        } else {
            inside
        }
    }

    /// "Queenslander Daniel Herbert", "Moroccan Mohamed Benchaou", and in a title-case
    /// headline "Expectant Kylie Jenner": when the tagged name starts inside the candidate and
    /// runs to its end, and the capitalised words before it are not first names and read as
    /// demonyms (-an, -ese, -er, -ish, -i) or stand in a headline, they are a modifier, cut
    /// off as places and nationalities on the lists are. "Joao Manuel Pinto" keeps its first
    /// word, and so does "Gunn Margit Andreassen" at the start of a sentence: there the tagger
    /// often leaves off a first name the census does not know.
    pub fn trim(&self, doc: &Document<'_>, c: &mut super::runs::Candidate) {
        let Some(last) = c.tokens.end.checked_sub(1) else {
            return;
        };
        let Some(r) = self
            .name_at(last)
            .or_else(|| last.checked_sub(1).and_then(|p| self.name_at(p)))
        else {
            return;
        };
        if r.start <= c.tokens.start || r.start >= c.tokens.end {
            return;
        }
        let modifiers = (c.tokens.start..r.start).all(|i| {
            let w = doc.token_text(i);
            doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)
                && w.chars().next().is_some_and(char::is_uppercase)
                && !super::gazetteer::lookup(w).first_at_least(5)
                && (self.headline.get(i).copied().unwrap_or(false)
                    || ["an", "ese", "er", "ish", "i"].iter().any(|e| w.ends_with(e)))
        });
        if modifiers {
            c.tokens.start = r.start;
            c.modifier = true;
            c.title = None;
            c.role = None;
        }
    }
}
