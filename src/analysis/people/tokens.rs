//! What each token looks like to the people engine: capitalised, all caps, possessive, a
//! title, an initial, a particle; computed once per document.

use crate::analysis::model::Span;
use crate::analysis::segment::{Document, TokenKind};

use super::lists::{lists, lower, strip_possessive};

/// Name particles written in lowercase inside a name ("Ludwig van Beethoven").
const PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "da", "di", "del", "della", "du", "le", "la", "bin", "ibn", "al", "el", "dos",
    "das", "do", "ter", "ten", "zu", "y", "bint", "ben", "af", "av",
];

/// Particles that start a surname written alone at the start of a sentence ("Van der Berg
/// conceded", "De la Cruz said"): never first names themselves.
const CAPITAL_PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "da", "di", "du", "del", "della", "ter", "ten",
];

/// Days and months that are never part of a person's name: they end a run of capitals
/// ("Ana Ortiz Wednesday"). May, June, April and August are names too and are left out.
pub(super) const CALENDAR: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "july",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Generational suffixes written after a name.
const SUFFIXES: &[&str] = &["Jr", "Sr", "II", "III", "IV", "Jnr", "Snr"];

/// The shape of one token.
#[derive(Clone, Copy, Debug, Default)]
pub struct Shape {
    /// A word starting with an uppercase letter (or a lowercase `al-`/`el-` prefix before one).
    pub cap: bool,
    /// Every letter uppercase, at least two letters.
    pub allcaps: bool,
    /// Ends in `'s`/`’s`: the name part is `name`.
    pub possessive: bool,
    /// The name part: the token without a possessive ending.
    pub name: Span,
    /// A single capital letter followed by a glued period ("H.").
    pub initial: bool,
    pub particle: bool,
    pub suffix: bool,
    /// The word is in the stopword list (a function word).
    pub stop: bool,
    /// A line break separates this token from the previous one.
    pub line_start: bool,
}

/// Token shapes for a whole document, indexed like `doc.tokens`.
pub fn shapes(doc: &Document<'_>) -> Vec<Shape> {
    let l = lists();
    let text: &str = &doc.text;
    let mut out = Vec::with_capacity(doc.tokens.len());
    let mut prev_end = 0;
    for (i, t) in doc.tokens.iter().enumerate() {
        let word = t.span.of(text);
        let line_start = i == 0 || text.get(prev_end..t.span.start).is_some_and(|g| g.contains('\n'));
        prev_end = t.span.end;
        let mut s = Shape {
            name: t.span,
            line_start,
            ..Shape::default()
        };
        if t.kind != TokenKind::Word {
            out.push(s);
            continue;
        }
        let base = strip_possessive(word);
        s.possessive = base.len() < word.len();
        s.name = Span::new(t.span.start, t.span.start + base.len());
        let first = base.chars().next().unwrap_or(' ');
        s.cap = first.is_uppercase() || arabic_prefix(base);
        let letters = base.chars().filter(|c| c.is_alphabetic()).count();
        s.allcaps = letters >= 2 && base.chars().all(|c| !c.is_lowercase());
        let glued_dot = doc
            .tokens
            .get(i + 1)
            .is_some_and(|n| n.span.start == t.span.end && n.span.of(text) == ".");
        s.initial = glued_dot && base.chars().count() == 1 && first.is_uppercase();
        s.particle = PARTICLES.contains(&base) || CAPITAL_PARTICLES.contains(&lower(base).as_ref());
        s.suffix = SUFFIXES.contains(&base);
        // Speech verbs end a run too: "Clinton Said Banks Failed" in a title-case headline.
        let w = lower(base);
        let head = w.split(['\'', '’']).next().unwrap_or(&w);
        s.stop = l.stopwords.contains(head)
            || CALENDAR.contains(&w.as_ref())
            || (i > 0 && l.speech_verbs.contains(w.as_ref()));
        out.push(s);
    }
    out
}

/// "al-Karim", "el-Sayed": a lowercase Arabic article glued to a capitalised name.
fn arabic_prefix(word: &str) -> bool {
    ["al-", "el-", "bin-", "ibn-", "d'", "d’", "de'", "dell'", "l'"]
        .iter()
        .any(|p| {
            word.strip_prefix(p)
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_uppercase)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Format;

    #[test]
    fn marks_possessives_initials_and_particles() {
        let text = "Ana M. de la Vega’s ORTIZ al-Rashid";
        let doc = Document::new(text, Format::Plain);
        let s = shapes(&doc);
        let words: Vec<&str> = doc.tokens.iter().map(|t| t.span.of(text)).collect();
        assert_eq!(words[1], "M");
        assert!(s[1].initial);
        assert!(s[3].particle && s[4].particle);
        assert!(s[5].possessive && s[5].cap);
        assert_eq!(s[5].name.of(text), "Vega");
        assert!(s[6].allcaps);
        assert!(s[7].cap);
    }
}
