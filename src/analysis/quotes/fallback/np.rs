//! Noun phrases on either side of a speech verb, read from the text alone: the fallback's
//! grammar. No parser: capitalised runs, determiners, a closed list of stop words, and a few
//! shapes of apposition (`Ortiz, 41, said`), vantage (`a source close to the couple`) and
//! relative clauses (`a friend who knows her said`).

use std::sync::LazyLock;

use crate::analysis::lexicon::{self, FastSet};
use crate::analysis::model::{SourceKind, Span};
use crate::analysis::quotes::words::{self, SpeakerWord, DETERMINERS, NP_STOPS, VERB_SKIPS};
use crate::analysis::segment::{Document, TokenKind};

/// A speaker phrase: its whole span, and its kind read from its first noun phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Np {
    pub span: Span,
    pub kind: SourceKind,
    pub first: usize,
    pub last: usize,
}

/// Tokens as the fallback sees them: quoted tokens are invisible.
pub(in crate::analysis::quotes) struct View<'a> {
    pub doc: &'a Document<'a>,
    pub in_quote: &'a [bool],
}

impl View<'_> {
    /// The text of token `i` when it is outside every quotation.
    pub fn text(&self, i: usize) -> Option<&str> {
        if self.in_quote.get(i).copied().unwrap_or(true) {
            return None;
        }
        Some(self.doc.token_text(i))
    }
    /// The word at `i` when it is a word outside every quotation.
    pub fn word(&self, i: usize) -> Option<&str> {
        let t = self.doc.tokens.get(i)?;
        (t.kind == TokenKind::Word).then(|| self.text(i)).flatten()
    }
    pub fn span(&self, first: usize, last: usize) -> Span {
        let start = self.doc.tokens.get(first).map_or(0, |t| t.span.start);
        let end = self.doc.tokens.get(last).map_or(start, |t| t.span.end);
        Span::new(start, end.max(start))
    }
    fn in_set(&self, i: usize, list: &FastSet<String>) -> bool {
        self.word(i).is_some_and(|w| words::in_set(w, list))
    }
}

static TIME_NOUNS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../../lexicon/quotes_time_nouns.txt")));
static TIME_DETERMINERS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../../lexicon/quotes_time_determiners.txt")));
static HONORIFICS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../../lexicon/quotes_honorifics.txt")));
static VANTAGE_PREPS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../../lexicon/quotes_vantage_preps.txt")));
static VANTAGE_ADJECTIVES: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../../lexicon/quotes_vantage_adjectives.txt")));
static INDEFINITE: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../../lexicon/quotes_indefinite.txt")));

fn is_adverb(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ly") && !words::is_capitalised(w) && !matches!(w, "early" | "family" | "ally")
}

/// The subject phrase ending right before token `end`, not reaching before `floor`.
pub(super) fn before(v: &View<'_>, end: usize, floor: usize) -> Option<Np> {
    let j = skip_adverbials(v, end.checked_sub(1)?, floor)?;
    if matches!(v.text(j)?, "," | "—" | "–" | ")") {
        return appositive_subject(v, j, floor);
    }
    subject(v, j, floor)
}

/// The subject before a parenthetical that ends at `close` ("Ortiz, the mayor, said"). When the
/// phrase found is not a name, looks one or two commas further left, and into the parenthetical
/// itself, for one: "DeLaet’s agent, Danny Fritz, said" / "Donald Tusk, the president of the
/// council, which represents its members, said".
fn appositive_subject(v: &View<'_>, close: usize, floor: usize) -> Option<Np> {
    let j = parenthetical(v, close, floor)?;
    let first = subject(v, j, floor)?;
    let mut np = first;
    for _ in 0..2 {
        if is_name(v, np.first, np.last) {
            break;
        }
        let Some(prev) = np.first.checked_sub(1).filter(|&k| k > floor && v.text(k) == Some(",")) else {
            break;
        };
        match parenthetical_comma(v, prev, floor).and_then(|k| subject(v, k, floor)) {
            Some(outer) => np = outer,
            None => break,
        }
    }
    if is_name(v, np.first, np.last) && !(is_name(v, first.first, first.last) && np.first != first.first) {
        return Some(np);
    }
    // The parenthetical itself: "DeLaet’s agent, Danny Fritz, said".
    let app = close.checked_sub(1).and_then(|k| subject(v, k, j + 2));
    match app {
        Some(app) if is_name(v, app.first, app.last) && capitals(v, app) > capitals(v, first) => Some(app),
        _ => Some(first),
    }
}

/// The word before the comma at `comma`, when one is there.
fn parenthetical_comma(v: &View<'_>, comma: usize, floor: usize) -> Option<usize> {
    (comma > floor).then_some(comma - 1).filter(|&k| v.word(k).is_some())
}

fn capitals(v: &View<'_>, np: Np) -> usize {
    (np.first..=np.last)
        .filter(|&k| {
            v.word(k)
                .is_some_and(|w| words::is_capitalised(w) && !words::in_set(w, &words::NOT_NAMES))
        })
        .count()
}

/// Skips adverbs, auxiliaries and time phrases ("earlier this week", "on Tuesday") leftwards
/// from `j`; returns the first token that is none of these.
fn skip_adverbials(v: &View<'_>, mut j: usize, floor: usize) -> Option<usize> {
    loop {
        if j < floor {
            return None;
        }
        let Some(w) = v.word(j) else { return Some(j) };
        let time_phrase = words::in_set(w, &TIME_NOUNS)
            && j > floor
            && v.word(j - 1).is_some_and(|p| words::in_set(p, &TIME_DETERMINERS));
        if time_phrase {
            j = j.checked_sub(2)?;
        } else if words::in_set(w, &VERB_SKIPS)
            || is_adverb(w)
            || (words::in_set(w, &TIME_NOUNS) && words::is_capitalised(w))
        {
            j = j.checked_sub(1)?;
        } else {
            return Some(j);
        }
    }
}

/// The subject phrase whose last word is `j`.
fn subject(v: &View<'_>, j: usize, floor: usize) -> Option<Np> {
    let w = v.word(j)?;
    if words::in_set(w, &words::NEGATIONS) {
        return None;
    }
    if words::is_pronoun(w) {
        return Some(np(v, j, j, j, j));
    }
    if words::in_set(w, &NP_STOPS) || words::in_set(w, &DETERMINERS) {
        return None;
    }
    let mut start = collect_left(v, j, floor);
    let mut head = (start, j);
    for _ in 0..2 {
        let Some(h) = vantage_left(v, start, floor) else { break };
        head = h;
        start = h.0;
    }
    if let Some(h) = relative_left(v, start, floor) {
        head = h;
        start = h.0;
    }
    plausible(v, head.0, head.1).then(|| np(v, start, j, head.0, head.1))
}

/// The speaker phrase starting at token `start` (after an inverted verb or "according to").
pub(super) fn after(v: &View<'_>, start: usize, ceil: usize) -> Option<Np> {
    let w = v.word(start)?;
    if words::is_pronoun(w) {
        return Some(np(v, start, start, start, start));
    }
    if words::in_set(w, &NP_STOPS) {
        return None;
    }
    let head_end = collect_right(v, start, ceil)?;
    let mut end = head_end;
    for _ in 0..2 {
        match vantage_right(v, end + 1, ceil) {
            Some(e) => end = e,
            None => break,
        }
    }
    plausible(v, start, head_end).then(|| np(v, start, end, start, head_end))
}

fn np(v: &View<'_>, first: usize, last: usize, head_first: usize, head_last: usize) -> Np {
    Np {
        span: v.span(first, last),
        kind: classify(v, head_first, head_last),
        first,
        last,
    }
}

/// Skips `Ortiz, 41, said` / `Ortiz — the mayor — said` / `Ortiz (D-Calif.) said` back to the
/// word before the opening comma, dash or bracket.
fn parenthetical(v: &View<'_>, close: usize, floor: usize) -> Option<usize> {
    let closer = v.text(close)?;
    let want = if closer == ")" { "(" } else { closer };
    let mut k = close.checked_sub(1)?;
    while k > floor && close - k <= 30 {
        let t = v.text(k)?;
        if t == want {
            return v.word(k - 1).map(|_| k - 1);
        }
        if matches!(t, "!" | "?" | ";" | ":") {
            return None;
        }
        k -= 1;
    }
    None
}

/// Collects a noun phrase leftwards from its last word `j`; returns its first token.
fn collect_left(v: &View<'_>, j: usize, floor: usize) -> usize {
    let mut s = j;
    let mut capital = v.word(j).is_some_and(words::is_capitalised);
    while s > floor && j - s < 5 {
        // "Mr. Vega", "Sen. Ana Ortiz": an honorific and its period belong to the name.
        if capital && v.text(s - 1) == Some(".") && s >= floor + 2 && v.in_set(s - 2, &HONORIFICS) {
            s -= 2;
            continue;
        }
        let Some(w) = v.word(s - 1) else { break };
        if words::in_set(w, &DETERMINERS) && !words::is_one_of(w, &["that"]) {
            return s - 1;
        }
        let cap = words::is_capitalised(w);
        if words::in_set(w, &NP_STOPS)
            || words::is_pronoun(w)
            || words::is_speech_verb(&words::lower(w))
            || (capital && !cap && !words::in_set(w, &words::NAME_PARTICLES))
        {
            break;
        }
        capital |= cap;
        s -= 1;
    }
    s
}

/// Collects a noun phrase rightwards from `start`; returns its last token.
fn collect_right(v: &View<'_>, start: usize, ceil: usize) -> Option<usize> {
    let first = v.word(start)?;
    let det = words::in_set(first, &DETERMINERS);
    let name = words::is_capitalised(first) && !words::in_set(first, &words::NOT_NAMES);
    if !det && !name && words::speaker_word(first).is_none() {
        // "national finance director Dennis Cheng": lowercase titles before a name.
        let name_at = (start + 1..ceil.min(start + 6))
            .take_while(|&k| {
                v.word(k)
                    .is_some_and(|w| !words::in_set(w, &NP_STOPS) || words::is_one_of(w, &["and", "of"]))
            })
            .find(|&k| v.word(k).is_some_and(words::is_capitalised))?;
        return collect_right(v, name_at, ceil);
    }
    let mut e = start;
    while e + 1 < ceil && e - start < 5 {
        let next = e + 1;
        if name {
            let glued_dot = v.text(next) == Some(".") && v.word(e).is_some_and(|w| w.len() <= 4);
            let Some(w) = v.word(next).or(if glued_dot { Some(".") } else { None }) else {
                break;
            };
            // "Oilers head coach Ken Hitchcock": role words between two capitalised runs.
            let role = !words::in_set(w, &NP_STOPS)
                && (next + 1..ceil.min(next + 3))
                    .take_while(|&k| v.word(k).is_some())
                    .any(|k| {
                        v.word(k)
                            .is_some_and(|x| words::is_capitalised(x) && !words::in_set(x, &words::NOT_NAMES))
                    });
            if !(words::is_capitalised(w) || words::in_set(w, &words::NAME_PARTICLES) || w == "." || role) {
                break;
            }
        } else {
            let Some(w) = v.word(next) else { break };
            if words::in_set(w, &NP_STOPS)
                || words::in_set(w, &VANTAGE_ADJECTIVES)
                || words::is_speech_verb(&words::lower(w))
            {
                break;
            }
        }
        e = next;
    }
    while v.text(e) == Some(".") && e > start {
        e -= 1;
    }
    Some(e)
}

/// `... close to the couple` read leftwards from the start of `the couple`: the head before it.
fn vantage_left(v: &View<'_>, start: usize, floor: usize) -> Option<(usize, usize)> {
    let prep = start.checked_sub(1)?;
    if prep <= floor || !v.in_set(prep, &VANTAGE_PREPS) {
        return None;
    }
    let mut end = prep - 1;
    if v.in_set(end, &VANTAGE_ADJECTIVES) {
        end = end.checked_sub(1)?;
    }
    let w = v.word(end)?;
    if end < floor || words::in_set(w, &NP_STOPS) || words::is_speech_verb(&words::lower(w)) {
        return None;
    }
    let s = collect_left(v, end, floor);
    let has_det = v.in_set(s, &DETERMINERS);
    let known = words::speaker_word(w).is_some() || words::is_capitalised(w);
    (has_det || known).then_some((s, end))
}

/// `close to the couple` read rightwards from the word after a head phrase; returns its end.
fn vantage_right(v: &View<'_>, at: usize, ceil: usize) -> Option<usize> {
    let mut p = at;
    if v.in_set(p, &VANTAGE_ADJECTIVES) {
        p += 1;
    }
    if p + 1 >= ceil || !v.in_set(p, &VANTAGE_PREPS) {
        return None;
    }
    collect_right(v, p + 1, ceil)
}

/// `a friend who knows her`: the head before "who" when the phrase sits in a relative clause.
fn relative_left(v: &View<'_>, start: usize, floor: usize) -> Option<(usize, usize)> {
    let mut k = start.checked_sub(1)?;
    while k > floor && start - k <= 8 {
        let w = v.word(k)?;
        if words::is_one_of(w, &["who", "whom"]) {
            let mut end = k - 1;
            if v.text(end) == Some(",") {
                end = end.checked_sub(1)?;
            }
            let w = v.word(end)?;
            if words::in_set(w, &NP_STOPS) {
                return None;
            }
            return Some((collect_left(v, end, floor), end));
        }
        k -= 1;
    }
    None
}

/// Rejects runs of lowercase words with no determiner and no known head: likely a verb phrase.
fn plausible(v: &View<'_>, first: usize, last: usize) -> bool {
    let ws: Vec<&str> = (first..=last).filter_map(|i| v.word(i)).collect();
    let Some(&head) = ws.last() else { return false };
    let has_det = ws.first().is_some_and(|w| words::in_set(w, &DETERMINERS));
    let has_cap = ws
        .iter()
        .any(|w| words::is_capitalised(w) && !words::in_set(w, &words::NOT_NAMES));
    let known = words::speaker_word(strip_possessive(head)).is_some();
    has_det || has_cap || known || ws.len() <= 2 && head.ends_with('s')
}

/// Whether a phrase ends in a capitalised word that is not a possessive: "Danny Fritz", not
/// "DeLaet’s agent" or "the European Council’s".
fn is_name(v: &View<'_>, first: usize, last: usize) -> bool {
    let Some(head) = v.word(last) else { return false };
    let det = v.word(first).is_some_and(|w| words::in_set(w, &DETERMINERS));
    !det && words::is_capitalised(head) && strip_possessive(head) == head && !words::in_set(head, &words::NOT_NAMES)
}

/// The first noun phrase of a clause starting at `start`: a pronoun, a name or a determiner
/// phrase ("Ortiz posted a photo, writing: “…”" gives "Ortiz").
pub(super) fn clause_subject(v: &View<'_>, start: usize, ceil: usize) -> Option<Np> {
    let mut k = skip_introduction(v, start, ceil);
    while k < ceil
        && v.word(k).is_some_and(|w| {
            words::in_set(w, &words::NOT_NAMES) && !words::is_pronoun(w) && !words::in_set(w, &DETERMINERS)
        })
    {
        k += 1;
    }
    let np = after(v, k, ceil)?;
    (np.kind == SourceKind::Pronoun || is_name(v, np.first, np.last) || v.in_set(np.first, &DETERMINERS)).then_some(np)
}

/// Words that open an introductory phrase before a clause's subject: "Asked about the vote,
/// he …", "On July 6, 2015, Ortiz …", "Later on Sunday, Vega …".
static INTRODUCTIONS: LazyLock<FastSet<String>> =
    LazyLock::new(|| lexicon::set(include_str!("../../lexicon/quotes_introductions.txt")));

/// The token after up to two introductory phrases opening a clause at `start`, each ending at
/// a comma before `ceil` (a date's comma and year included: "On July 6, 2015,").
fn skip_introduction(v: &View<'_>, start: usize, ceil: usize) -> usize {
    let mut k = start;
    for _ in 0..2 {
        if !v.in_set(k, &INTRODUCTIONS) {
            break;
        }
        let Some(comma) = (k..ceil).find(|&t| v.text(t) == Some(",")) else {
            break;
        };
        k = comma + 1;
        let number = v.doc.tokens.get(k).is_some_and(|t| t.kind == TokenKind::Number);
        if number && v.text(k + 1) == Some(",") {
            k += 2;
        }
    }
    k
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")).unwrap_or(w)
}

/// The kind of a head phrase: pronoun, anonymous ("a source", "the insider", "a senior
/// official"), vague ("critics"), or named (a name, or an epithet standing for one).
fn classify(v: &View<'_>, first: usize, last: usize) -> SourceKind {
    let ws: Vec<&str> = (first..=last).filter_map(|i| v.word(i)).collect();
    let Some(&head) = ws.last() else {
        return SourceKind::Named;
    };
    if ws.len() == 1 && words::is_pronoun(head) {
        return SourceKind::Pronoun;
    }
    let det = ws.first().filter(|w| ws.len() > 1 && words::in_set(w, &DETERMINERS));
    let indefinite = det.is_none_or(|d| words::in_set(d, &INDEFINITE));
    match words::speaker_word(strip_possessive(head)) {
        Some(SpeakerWord::Kind(SourceKind::Anonymous)) => SourceKind::Anonymous,
        Some(SpeakerWord::Kind(SourceKind::Vague)) if indefinite => SourceKind::Vague,
        Some(SpeakerWord::Role) if indefinite => SourceKind::Anonymous,
        _ => SourceKind::Named,
    }
}
