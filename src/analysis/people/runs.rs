//! Runs of capitalised words, cut into candidate names at titles, roles and modifiers.
//!
//! "French President Ana María de la Vega Jr. said" gives one run, then one candidate
//! "Ana María de la Vega Jr." with the title "President" before it. Possessives end a run
//! ("Ortiz’s Brigade" is "Ortiz’s" + "Brigade"); line breaks and punctuation end a run, except
//! a quoted nickname between name words ("Marcus “Tiny” Bell" is one run).

use std::ops::Range;

use crate::analysis::segment::{Document, TokenKind};

use super::lists::lists;
use super::tokens::Shape;

/// A candidate name: a token range with what came right before it inside its run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Tokens of the name, the possessive token included, glued periods of initials included.
    pub tokens: Range<usize>,
    /// The title token right before the name ("Mr", "President"), inside the run or not.
    pub title: Option<usize>,
    /// A role noun right before the name ("forward", "actress", "Centre"), or before a comma
    /// before it ("her husband, Luis Vega").
    pub role: Option<usize>,
    /// A place, nationality or organisation word was stripped from the front ("French",
    /// "Munich", "Environment Canada").
    pub modifier: bool,
    /// Every token of the run, including stripped titles and modifiers.
    pub run: Range<usize>,
}

/// Whether token `i` is a glued period.
fn glued_dot(doc: &Document<'_>, i: usize) -> bool {
    match (doc.tokens.get(i), i.checked_sub(1).and_then(|p| doc.tokens.get(p))) {
        (Some(t), Some(p)) => t.span.start == p.span.end && t.span.of(&doc.text) == ".",
        _ => false,
    }
}

/// A word that may start or continue a run.
fn name_word(shapes: &[Shape], i: usize) -> bool {
    shapes
        .get(i)
        .is_some_and(|s| s.cap && !s.allcaps && (!s.stop || s.initial))
}

pub fn is_title(doc: &Document<'_>, i: usize) -> bool {
    let w = doc.lower(i);
    let titles = &lists().titles;
    titles.contains_key(w) || w.rsplit_once('-').is_some_and(|(_, last)| titles.contains_key(last))
}

/// A role noun or a word that says what a person is, written before a name.
pub fn is_role(doc: &Document<'_>, i: usize) -> bool {
    let w = doc.lower(i);
    let l = lists();
    l.roles.contains_key(w) || l.prefixes.contains_key(w)
}

/// Maximal runs of capitalised words in `range` (a sentence's tokens).
pub fn runs(doc: &Document<'_>, shapes: &[Shape], range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        if !name_word(shapes, i) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        loop {
            if shapes[j].possessive {
                break;
            }
            let mut k = j + 1;
            if k < range.end && glued_dot(doc, k) && (shapes[j].initial || shapes[j].suffix || is_title(doc, j)) {
                k += 1;
            }
            if k >= range.end || shapes[k].line_start {
                break;
            }
            if name_word(shapes, k) || shapes[k].suffix {
                j = k;
            } else if let Some(q) = nickname(doc, shapes, k, range.end) {
                j = q;
            } else if shapes[k].particle {
                // "de la Vega", "van der Merwe": particles, then a capitalised word.
                let q = (k..range.end)
                    .find(|&q| !shapes[q].particle || shapes[q].line_start)
                    .unwrap_or(range.end);
                if q < range.end && q - k <= 3 && name_word(shapes, q) && !shapes[q].line_start {
                    j = q;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        let mut end = j + 1;
        if (shapes[j].initial || shapes[j].suffix) && end < range.end && glued_dot(doc, end) {
            end += 1;
        }
        out.push(start..end);
        i = end;
    }
    out
}

/// `“Tiny” Bell` after "Marcus": a nickname of one to three words in quotes (curly or
/// straight) that opens at token `k`, the first word capitalised, with a name word right after
/// the closing quote on the same line. Returns that name word, so the run goes on through the
/// nickname.
fn nickname(doc: &Document<'_>, shapes: &[Shape], k: usize, end: usize) -> Option<usize> {
    let close = match doc.token_text(k) {
        "“" => "”",
        "\"" => "\"",
        "‘" => "’",
        _ => return None,
    };
    let shut = (k + 2..(k + 5).min(end)).find(|&q| doc.token_text(q) == close)?;
    let inside = k + 1..shut;
    let words = inside
        .clone()
        .all(|q| doc.tokens[q].kind == TokenKind::Word && !shapes[q].line_start);
    let name = shut + 1;
    (words && shapes[k + 1].cap && name < end && name_word(shapes, name) && !shapes[name].line_start).then_some(name)
}

/// Whether token `i` of a run lies inside a nickname's quotes, or is one of the quotes.
pub fn in_nickname(doc: &Document<'_>, run_start: usize, i: usize) -> bool {
    let quote = |q: usize| doc.tokens.get(q).is_some_and(|t| t.kind == TokenKind::Quote);
    quote(i) || (run_start..i).filter(|&q| quote(q)).count() % 2 == 1
}

/// The candidate name in a run: everything up to the last title or role word is stripped
/// ("Russian Finance Minister Ana Ortiz"), and so are leading places and nationality words
/// ("French ..."); the title or role is kept as evidence.
pub fn candidate(doc: &Document<'_>, run: Range<usize>) -> Option<Candidate> {
    let l = lists();
    let (mut title, mut role) = (None, None);
    if let Some(p) = before(doc, run.start) {
        if is_title(doc, p) {
            title = Some(p);
        } else if is_role(doc, p) {
            role = Some(p);
        } else if doc.token_text(p) == "," && before(doc, p).is_some_and(|q| is_role(doc, q)) {
            role = before(doc, p);
        }
    }
    let words: Vec<usize> = run
        .clone()
        .filter(|&i| !((i > run.start && glued_dot(doc, i)) || in_nickname(doc, run.start, i)))
        .collect();
    let last = words.len().saturating_sub(1);
    let mut start = 0;
    let mut modifier = false;
    for (k, &i) in words.iter().enumerate().take(last) {
        if is_title(doc, i) && !first_name_before_one(doc, i, &run) {
            (title, role, start) = (Some(i), None, k + 1);
        } else if is_role(doc, i) {
            (title, role, start) = (None, Some(i), k + 1);
        } else if l.nonperson.contains(doc.lower(i)) {
            (title, role, start, modifier) = (None, None, k + 1, true);
        }
    }
    while start < last && l.places.contains(doc.lower(words[start])) {
        modifier = true;
        start += 1;
    }
    // "in August Talia Brennock said": a month that is also a name, after a preposition, is a
    // date; the name starts after it.
    if start < last && start == 0 && month_after_preposition(doc, words[0]) {
        start += 1;
    }
    let first = *words.get(start)?;
    Some(Candidate {
        tokens: first..run.end,
        title,
        role,
        modifier,
        run,
    })
}

/// A month that is also a first name ("April", "May", "June", "August") right after a
/// word of time ("in", "since", "until", "last", "next", "early", "late", "mid", capitalised
/// or not: "In May Farrow said"); not after
/// "by" or "on" ("a song by June Carter", "a book on May Lin").
pub(super) fn month_after_preposition(doc: &Document<'_>, i: usize) -> bool {
    let month = matches!(doc.lower(i), "april" | "may" | "june" | "august");
    month
        && i.checked_sub(1).is_some_and(|p| {
            matches!(
                doc.lower(p),
                "in" | "since" | "until" | "last" | "next" | "early" | "late" | "mid"
            )
        })
}

/// "Dean Smith": a title word that is also a frequent first name, with one word after it, is a
/// first name.
fn first_name_before_one(doc: &Document<'_>, i: usize, run: &Range<usize>) -> bool {
    run.end == i + 2 && super::gazetteer::lookup(doc.token_text(i)).first_at_least(50)
}

/// The word before token `i`, skipping the glued period of a title ("Mr." → "Mr").
pub fn before(doc: &Document<'_>, i: usize) -> Option<usize> {
    let p = i.checked_sub(1)?;
    let q = p.checked_sub(1);
    // "Mr." and "J." are abbreviations; "the count." ends a sentence.
    let capital = |q: usize| doc.token_text(q).chars().next().is_some_and(char::is_uppercase);
    let abbreviation = q.is_some_and(|q| capital(q) && (is_title(doc, q) || doc.token_text(q).chars().count() == 1));
    if glued_dot(doc, p) && abbreviation {
        q
    } else {
        Some(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::people::tokens::shapes;
    use crate::analysis::Format;

    fn cands(text: &str) -> Vec<String> {
        let doc = Document::new(text, Format::Plain);
        let sh = shapes(&doc);
        let mut out = Vec::new();
        for r in runs(&doc, &sh, 0..doc.tokens.len()) {
            if let Some(c) = candidate(&doc, r) {
                let s = doc.tokens[c.tokens.start].span.start;
                let e = doc.tokens[c.tokens.end - 1].span.end;
                let t = c.title.map(|t| doc.token_text(t).to_string()).unwrap_or_default();
                out.push(format!("{}|{}", &text[s..e], t));
            }
        }
        out
    }

    #[test]
    fn cuts_titles_and_keeps_particles_initials_and_suffixes() {
        assert_eq!(
            cands("Then French President Ana M. de la Vega Jr. spoke to Mr. Ortiz’s aide."),
            ["Ana M. de la Vega Jr.|President", "Ortiz’s|Mr"]
        );
    }

    #[test]
    fn ends_runs_at_line_breaks_and_possessives() {
        assert_eq!(cands("Ana Ortiz\nLuis Vega"), ["Ana Ortiz|", "Luis Vega|"]);
        assert_eq!(cands("the Howe’s Brigade"), ["Howe’s|", "Brigade|"]);
    }

    #[test]
    fn runs_through_a_quoted_nickname_but_not_a_quoted_title() {
        assert_eq!(cands("Marcus “Tiny” Bell won."), ["Marcus “Tiny” Bell|"]);
        assert_eq!(cands("Marcus \"Tiny\" Bell won."), ["Marcus \"Tiny\" Bell|"]);
        // Quoted words after a name with no name word after them are not a nickname.
        assert_eq!(cands("Ortiz “Tiny” said."), ["Ortiz|", "Tiny|"]);
    }
}
