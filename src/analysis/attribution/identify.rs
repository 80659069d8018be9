//! Role phrases the story resolves to a named person: they are named sources, not anonymous ones.
//!
//! "A spokeswoman for the senator said…" is anonymous only if the story never says who she is.
//! When it describes a named person by the same job ("…, said Dana Reyes, the senator's press
//! secretary") in the same paragraph, the one before or the one after, the phrase is hers; when
//! that description also names the same employer or client ("one of the family's lawyers, Lee
//! Park" for "lawyers for the family"), anywhere in the story. A plural phrase ("Ortiz's aides")
//! is named when the story names one of them for the same employer nearby, or the same job in the
//! same paragraph.
//!
//! The evidence is the people engine's name mentions and the words around them outside
//! quotations: a title run before the name ("campaign spokesman Josh Park"), the appositive
//! before it ("one of her lawyers, Lee Park") and the one after ("Lee Park, who managed her
//! campaign"). Phrases that say the person is kept unnamed ("another aide", "an unnamed
//! adviser", a stated reason for anonymity) and the words of the unnamed trade (source, insider,
//! official, friend) never resolve: their job words are not in `attribution_role_classes.txt`.

use std::collections::HashMap;

use super::lex::{self, RoleClass, LEX};
use super::Cx;
use crate::analysis::model::{MentionKind, Source, SourceKind};
use crate::analysis::work;

/// How far (in tokens) from a source a named person's description may sit for the nearby match.
const REACH_TOKENS: usize = 600;
/// How many nearby descriptions one source may examine.
const MAX_CANDIDATES: usize = 64;
/// Words of a title run before a name, and of an appositive on either side.
const TITLE_WORDS: usize = 6;
const APPOSITIVE_WORDS: usize = 14;

/// A named person described by a job: where, who, the job classes and the other words.
struct Entry {
    token: usize,
    paragraph: usize,
    person: usize,
    classes: u8,
    words: Vec<String>,
    /// The names among the words ("Ortiz's", "Democratic"): whom the job is for.
    owners: Vec<String>,
}

/// Every job description attached to a name in the story, in text order, and the first one for
/// each (word, class) pair.
struct RoleIndex {
    entries: Vec<Entry>,
    by_word: HashMap<(String, u8), usize>,
}

/// Turns anonymous role phrases the story resolves to a named person into named sources.
pub(super) fn name_role_phrases(cx: &Cx<'_, '_>, sources: &mut [Source]) {
    if !sources.iter().any(|s| s.kind == SourceKind::Anonymous) {
        return;
    }
    let index = RoleIndex::build(cx);
    let mut withheld: HashMap<usize, bool> = HashMap::new();
    for src in sources.iter_mut() {
        if src.kind != SourceKind::Anonymous {
            continue;
        }
        if let Some(person) = appositive_of_name(cx, src) {
            src.kind = SourceKind::Named;
            src.person = Some(person);
            continue;
        }
        let Some(phrase) = Phrase::of(cx, src) else {
            continue;
        };
        let si = cx.doc.sentence_at(src.span.start).unwrap_or(0);
        if *withheld.entry(si).or_insert_with(|| gives_reason(cx, si)) {
            continue;
        }
        if let Some(person) = index.resolve(cx, &phrase) {
            src.kind = SourceKind::Named;
            src.person = (!phrase.plural).then_some(person);
        }
    }
}

/// The person whose appositive the phrase is: "Claudia Reyes, a friend, said …", "Senator Ana
/// Ortiz of Ohio, a Democrat on the committee, said …", "Sen. Ana Ortiz, D-Ohio, a member of
/// the panel, said …". The phrase sits between commas right after a name, with at most a short
/// run of capitalised words, "of", numbers and commas between (a place, a party, an age).
fn appositive_of_name(cx: &Cx<'_, '_>, src: &Source) -> Option<usize> {
    let a = cx.doc.token_at_or_after(src.span.start);
    let b = cx.doc.token_at_or_after(src.span.end);
    if a < 2 || cx.text(a - 1) != "," || cx.text(b) != "," {
        return None;
    }
    let mut t = a - 2;
    for _ in 0..6 {
        if cx.in_quote.get(t).copied().unwrap_or(true) {
            return None;
        }
        if let Some((p, MentionKind::Name | MentionKind::ShortName)) = cx.mention.get(t).copied().flatten() {
            return Some(p);
        }
        let between = (cx.is_word(t) && (cx.is_capitalized(t) || cx.low(t) == "of"))
            || cx.is_number(t)
            || matches!(cx.text(t), "," | "." | "-");
        if !between || t == 0 {
            return None;
        }
        t -= 1;
    }
    None
}

/// Whether sentence `si` or the next states why someone is unnamed: then the role phrase there
/// is anonymous on purpose.
fn gives_reason(cx: &Cx<'_, '_>, si: usize) -> bool {
    let Some(ac) = LEX.reasons.as_ref() else {
        return false;
    };
    (si..si + 2).filter_map(|k| cx.doc.sentences.get(k)).any(|s| {
        work::tick(s.tokens.len());
        ac.is_match(s.span.of(&cx.doc.text))
    })
}

/// What a source phrase says about the job: its class, number, employer words and position.
struct Phrase {
    class: RoleClass,
    plural: bool,
    affiliation: Vec<String>,
    token: usize,
    paragraph: usize,
}

impl Phrase {
    fn of(cx: &Cx<'_, '_>, src: &Source) -> Option<Phrase> {
        let a = cx.doc.token_at_or_after(src.span.start);
        let b = cx.doc.token_at_or_after(src.span.end);
        let v = src.vantage.map_or(b, |v| cx.doc.token_at_or_after(v.start)).min(b);
        let head = (a..v).rev().find(|&t| cx.is_word(t))?;
        let class = *LEX.role_classes.get(cx.low(head))?;
        let withheld = (a..b).any(|t| {
            matches!(
                cx.low(t),
                "another" | "other" | "others" | "anonymous" | "unnamed" | "unidentified" | "many" | "some" | "most"
            )
        });
        if withheld {
            return None;
        }
        // Names before the job ("Trump aides", "the family's lawyers"); a capitalised first word
        // counts too, unless it is only an adjective of rank ("Top aides").
        let mut affiliation: Vec<String> = (a..v)
            .filter(|&t| t != head && cx.is_word(t))
            .filter(|&t| {
                let w = cx.low(t);
                possessive(w).is_some() || (cx.is_capitalized(t) && !is_rank(w))
            })
            .filter_map(|t| bare(cx.low(t)))
            .collect();
        // "lawyers for the family", "aides to the governor": the noun the job serves.
        if v < b && matches!(cx.low(v), "for" | "to" | "of") {
            let serves = (v + 1..b)
                .rev()
                .find(|&t| cx.is_word(t))
                .filter(|&t| !lex::is_determiner(cx.low(t)));
            affiliation.extend(serves.and_then(|t| bare(cx.low(t))));
        }
        Some(Phrase {
            class,
            plural: src.plural,
            affiliation,
            token: head,
            paragraph: cx.doc.paragraph_at(src.span.start).unwrap_or(0),
        })
    }
}

/// Words of rank or number that open a phrase capitalised without naming anyone.
fn is_rank(w: &str) -> bool {
    matches!(
        w,
        "top"
            | "senior"
            | "former"
            | "two"
            | "three"
            | "four"
            | "both"
            | "all"
            | "one"
            | "several"
            | "longtime"
            | "veteran"
            | "chief"
            | "campaign"
    )
}

/// "family's" → "family"; "the" → none: an employer word, lowercase, without its possessive.
fn bare(w: &str) -> Option<String> {
    let w = possessive(w).unwrap_or(w);
    let title = matches!(w, "mr." | "mrs." | "ms." | "dr." | "mr" | "mrs" | "ms" | "dr");
    (w.chars().count() > 2 && !title && !lex::is_determiner(w) && !lex::is_preposition(w)).then(|| w.to_string())
}

fn possessive(w: &str) -> Option<&str> {
    w.strip_suffix("'s").or_else(|| w.strip_suffix("’s"))
}

impl RoleIndex {
    fn build(cx: &Cx<'_, '_>) -> RoleIndex {
        let mut entries = Vec::new();
        for (person, p) in cx.people.iter().enumerate() {
            for m in &p.mentions {
                if !matches!(m.kind, MentionKind::Name | MentionKind::ShortName) {
                    continue;
                }
                let first = cx.doc.token_at_or_after(m.span.start);
                let end = cx.doc.token_at_or_after(m.span.end);
                if cx.in_quote.get(first).copied().unwrap_or(true) {
                    continue;
                }
                let (words, owners) = description(cx, first, end);
                let classes = job_classes(&words);
                if classes == 0 {
                    continue;
                }
                entries.push(Entry {
                    token: first,
                    paragraph: cx.doc.paragraph_at(m.span.start).unwrap_or(0),
                    person,
                    classes,
                    words: words.into_iter().filter_map(|w| bare(&w)).collect(),
                    owners,
                });
            }
        }
        entries.sort_by_key(|e| e.token);
        let mut by_word = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            for w in &e.words {
                for class in [RoleClass::Spokes, RoleClass::Legal, RoleClass::Staff, RoleClass::Ally] {
                    if e.classes & class.bit() != 0 {
                        by_word.entry((w.clone(), class.bit())).or_insert(i);
                    }
                }
            }
        }
        RoleIndex { entries, by_word }
    }

    /// The named person the phrase refers to, if the story describes one by its job.
    fn resolve(&self, cx: &Cx<'_, '_>, phrase: &Phrase) -> Option<usize> {
        let owner = |e: &Entry| owns(cx, e.person, &phrase.affiliation);
        let affiliated = |e: &Entry| phrase.affiliation.iter().any(|w| e.words.contains(w));
        // The same job for the same employer, anywhere in the story.
        for w in &phrase.affiliation {
            for class in [RoleClass::Spokes, RoleClass::Legal, RoleClass::Staff, RoleClass::Ally] {
                // A group ("the family's lawyers") needs the very job; one person may be any aide.
                let wanted = if phrase.plural {
                    phrase.class.bit()
                } else {
                    phrase.class.accepts()
                };
                if wanted & class.bit() == 0 {
                    continue;
                }
                if let Some(e) = self
                    .by_word
                    .get(&(w.clone(), class.bit()))
                    .and_then(|&i| self.entries.get(i))
                {
                    if !owner(e) {
                        return Some(e.person);
                    }
                }
            }
        }
        // Nearby: the paragraph before, the same or the next.
        let lo = self.entries.partition_point(|e| e.token + REACH_TOKENS < phrase.token);
        let nearby = self.entries.get(lo..).unwrap_or_default().iter().take(MAX_CANDIDATES);
        let mut best: Option<(usize, usize)> = None;
        for e in nearby {
            work::tick(1);
            if e.token > phrase.token + REACH_TOKENS {
                break;
            }
            if e.paragraph + 1 < phrase.paragraph || e.paragraph > phrase.paragraph + 1 || owner(e) {
                continue;
            }
            let same_job = phrase.class.accepts() & e.classes != 0;
            let fits = if phrase.plural {
                affiliated(e) || (same_job && e.paragraph == phrase.paragraph)
            } else {
                // "Obama's strategist" is not "Dean, a former party chairman": two employers.
                same_job && (phrase.affiliation.is_empty() || e.owners.is_empty() || affiliated(e))
            };
            let distance = e.token.abs_diff(phrase.token);
            if fits && best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, e.person));
            }
        }
        best.map(|(_, p)| p)
    }
}

/// The job classes among description words, in text order: "attorney general" and "solicitor
/// general" are offices, not lawyers ("general counsel" is a lawyer).
fn job_classes(words: &[String]) -> u8 {
    let office = |i: usize| words.get(i + 1).is_some_and(|w| w == "general");
    words
        .iter()
        .enumerate()
        .filter(|&(i, _)| !office(i))
        .filter_map(|(_, w)| LEX.role_classes.get(w.as_str()))
        .fold(0, |acc, c| acc | c.bit())
}

/// Whether person `p` is the employer the phrase names ("a spokeswoman for Ana Ortiz" is not
/// Ana Ortiz).
fn owns(cx: &Cx<'_, '_>, p: usize, affiliation: &[String]) -> bool {
    cx.people.get(p).is_some_and(|person| {
        person
            .name
            .split_whitespace()
            .any(|w| affiliation.iter().any(|a| a.eq_ignore_ascii_case(w)))
    })
}

/// The words describing the name at tokens `first..end`, lowercase: the title run right before
/// it, an appositive before it ("one of her lawyers, Lee Park") and one after it ("Lee Park, her
/// lawyer"), all outside quotations and inside the sentence; and the names among them.
fn description(cx: &Cx<'_, '_>, first: usize, end: usize) -> (Vec<String>, Vec<String>) {
    let Some(sentence) = cx
        .doc
        .tokens
        .get(first)
        .and_then(|t| cx.doc.sentence_at(t.span.start))
        .and_then(|s| cx.doc.sentences.get(s))
    else {
        return (Vec::new(), Vec::new());
    };
    let (sa, sb) = (sentence.tokens.start, sentence.tokens.end);
    let quoted = |t: usize| cx.in_quote.get(t).copied().unwrap_or(true);
    // The title run: "campaign spokesman Josh Park", "Ortiz's lawyer Lee Park".
    let mut t = first;
    while t > sa && first - t < TITLE_WORDS && cx.is_word(t - 1) && !quoted(t - 1) {
        t -= 1;
    }
    let mut before = t..first;
    // The appositive before: "one of her lawyers, Lee Park".
    if t == first && first > sa + 1 && cx.text(first - 1) == "," {
        let mut k = first - 1;
        while k > sa && first - k <= APPOSITIVE_WORDS && !matches!(cx.text(k - 1), "," | ";" | ":") && !quoted(k - 1) {
            k -= 1;
        }
        before = k..first - 1;
    }
    // The appositive after: "Lee Park, the senator's press secretary," or "…, who ran her campaign".
    let mut after = end..end;
    if end < sb && cx.text(end) == "," {
        let mut k = end + 1;
        while k < sb && k - end <= APPOSITIVE_WORDS && !ends_clause(cx, k) && !quoted(k) {
            k += 1;
        }
        after = end + 1..k;
    }
    let range = before.chain(after);
    let owners = range
        .clone()
        .filter(|&k| cx.is_word(k) && (cx.is_capitalized(k) || possessive(cx.low(k)).is_some()))
        .filter_map(|k| bare(cx.low(k)))
        .collect();
    let out: Vec<String> = range.map(|k| cx.low(k).to_string()).collect();
    work::tick(out.len() + 1);
    (out, owners)
}

/// Whether token `k` ends an appositive: a comma, semicolon, colon, or a full stop that does not
/// close a title's abbreviation ("Mrs.", "Sen.").
fn ends_clause(cx: &Cx<'_, '_>, k: usize) -> bool {
    match cx.text(k) {
        "," | ";" | ":" => true,
        "." => !(k > 0 && cx.is_capitalized(k - 1) && cx.text(k - 1).chars().count() <= 3),
        _ => false,
    }
}
