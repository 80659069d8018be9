//! Source phrases: the subject left of a cue, or the phrase right of an inverted cue.
//!
//! No parser: the subject is the clause prefix before the verb, cut at clause openers ("that",
//! "but", ";", a quotation mark), split at commas, with parenthetical chunks ("however", "in an
//! interview", "who asked not to be named") skipped. A bare name followed by an appositive
//! ("Vega, the party's treasurer, said") is kept whole.

use super::lex;
use super::Cx;
use crate::analysis::lexicon;
use crate::analysis::model::MentionKind;
use crate::analysis::work;

/// The most tokens a subject phrase may have.
const MAX_SUBJECT: usize = 24;

/// Parenthetical chunks between a subject and its verb.
fn is_parenthetical_word(w: &str) -> bool {
    matches!(
        w,
        "however"
            | "meanwhile"
            | "too"
            | "though"
            | "also"
            | "instead"
            | "indeed"
            | "moreover"
            | "furthermore"
            | "nevertheless"
            | "still"
            | "then"
            | "now"
            | "later"
            | "previously"
            | "earlier"
            | "again"
            | "apparently"
            | "reportedly"
            | "allegedly"
            | "similarly"
            | "likewise"
            | "separately"
            | "otherwise"
            | "yes"
            | "no"
            | "well"
            | "so"
            | "today"
            | "yesterday"
    )
}

/// Words that open a sentence without being part of the subject.
fn is_opening_adverb(w: &str) -> bool {
    matches!(
        w,
        "but"
            | "and"
            | "so"
            | "yet"
            | "still"
            | "now"
            | "meanwhile"
            | "however"
            | "also"
            | "instead"
            | "indeed"
            | "then"
            | "or"
    )
}

/// How many tokens of a listed time adverbial end right before token `j`, with a word before it
/// left for the subject: "last night" in "insiders last night claimed". The adverbial's first
/// word is lowercase ("USA Today said" is a name).
fn time_adverbial_before(cx: &Cx<'_, '_>, a: usize, j: usize) -> Option<usize> {
    let lexicon = &lex::LEX.time_adverbials;
    [2, 1].into_iter().find(|&n| {
        j > a + n && (j - n..j).all(|t| cx.is_word(t)) && !cx.is_capitalized(j - n) && cx.is_word(j - n - 1) && {
            let phrase = (j - n..j).map(|t| cx.low(t)).collect::<Vec<_>>().join(" ");
            lexicon.contains(&phrase)
        }
    })
}

/// The subject phrase ending right before cue `i` (auxiliaries and adverbs skipped), as tokens
/// `s..e`; `None` when the verb has no subject on its left (an inverted or participial cue).
pub(super) fn left_subject(cx: &Cx<'_, '_>, a: usize, i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    while j > a && cx.is_word(j - 1) && lex::is_aux_or_adverb(cx.low(j - 1)) {
        j -= 1;
    }
    // "Insiders last night claimed", "the fund this week said": a time adverbial is not part of
    // the subject.
    if let Some(n) = time_adverbial_before(cx, a, j) {
        j -= n;
        while j > a && cx.is_word(j - 1) && lex::is_aux_or_adverb(cx.low(j - 1)) {
            j -= 1;
        }
    }
    if j == a {
        return None;
    }
    let prev = j - 1;
    if cx.is_quote(prev) || (cx.text(prev) == "," && (prev == a || cx.is_quote(prev - 1))) {
        return None;
    }
    let mut s = j;
    while s > a {
        let t = s - 1;
        let txt = cx.text(t);
        // "Rep. Jim Jordan (R-Ohio), a panel member, said": a parenthesis inside the subject.
        if txt == ")" {
            if let Some(open) = (t.saturating_sub(10)..t).rev().find(|&k| k >= a && cx.text(k) == "(") {
                s = open;
                continue;
            }
        }
        let boundary = if cx.is_word(t) {
            lex::is_clause_boundary(cx.low(t)) && !coordinates_inside_modifier(cx, a, t)
        } else if is_nickname_mark(cx, t) {
            false
        } else if cx.is_number(t) {
            // "Ana Vega, 20, a student, said": an age between commas sits inside the subject, and
            // so does a count before its noun ("5,300 employees"); a year does not.
            let age = t > a && cx.text(t - 1) == "," && cx.text(t + 1) == ",";
            let count = cx.is_word(t + 1) && !is_year(cx.text(t)) && !is_unit(cx.low(t + 1));
            !(age || count)
        } else {
            // Inside a subject only commas, abbreviation periods, apostrophes and "&" occur;
            // anything else (a dash, a colon, an emoji, a bullet) ends the clause.
            !matches!(txt, "," | "." | "’" | "'" | "&")
        };
        if boundary || j - s >= 60 {
            break;
        }
        work::tick(1);
        s -= 1;
    }
    let chunks = split_commas(cx, s, j);
    let mut pick = None;
    for (k, &(cs, ce)) in chunks.iter().enumerate().rev() {
        if ce <= cs || is_parenthetical(cx, cs, ce) {
            continue;
        }
        pick = Some((k, cs, ce));
        break;
    }
    let (k, mut cs, mut ce) = pick?;
    // "the lanky, bespectacled professor": coordinate adjectives split by a comma. The chunk
    // before opens with a determiner and is a few words with no time word ("The next day").
    if let Some(&(ps, pe)) = k.checked_sub(1).and_then(|p| chunks.get(p)) {
        let opens_np = matches!(cx.low(ps), "the" | "a" | "an");
        let adjectives =
            pe > ps + 1 && pe - ps <= 3 && (ps..pe).all(|t| cx.is_word(t) && !cx.is_capitalized(t) || t == ps);
        let timeless = !(ps..pe).any(|t| lex::is_time_word(cx.low(t)));
        let bare = !matches!(cx.low(cs), "the" | "a" | "an") && !cx.is_capitalized(cs) && ce - cs <= 3;
        if opens_np && adjectives && timeless && bare {
            cs = ps;
        }
    }
    // "Vega, the party's treasurer, said": keep the name with its appositive.
    // Party labels count as descriptions: "Charles Grassley, Republican of Iowa, said".
    // So do roles owned by someone: "Lisa Monaco, Obama's adviser, said".
    let description = !cx.is_capitalized(cs)
        || matches!(
            cx.low(cs),
            "the" | "a" | "an" | "republican" | "democrat" | "independent"
        )
        || (ce > cs + 1 && (cx.low(cs).ends_with("'s") || cx.low(cs).ends_with("’s")));
    // "Ana Vega, 20, a nursing student, said": an age chunk sits between name and description.
    let mut prev = k.checked_sub(1);
    while let Some(p) = prev.filter(|&p| p > 0 && chunks.get(p).is_some_and(|&(ps, pe)| is_age_chunk(cx, ps, pe))) {
        prev = Some(p - 1);
    }
    if k > 0 && description {
        if let Some(&(ps, mut pe)) = prev.and_then(|p| chunks.get(p)) {
            if pe > ps && cx.text(pe - 1) == ")" {
                pe = (ps..pe).rev().find(|&t| cx.text(t) == "(").unwrap_or(pe);
            }
            let mut n = pe;
            while n > ps
                && n + 6 > pe
                && (is_name_token(cx, n - 1) || is_initial_dot(cx, n - 1) || is_nickname_mark(cx, n - 1))
            {
                n -= 1;
            }
            let opener =
                lex::is_preposition(cx.low(n)) || lex::is_determiner(cx.low(n)) || is_opening_adverb(cx.low(n));
            let after_preposition = n > ps && lex::is_preposition(cx.low(n - 1));
            // The name opens the chunk, follows a clause word, or follows only a title ("Major
            // general Fuad Basya"), never a prepositional phrase ("for the state Senate").
            let title_only = (ps..n).all(|t| {
                let word = cx.is_word(t) && !lex::is_preposition(cx.low(t)) && !super::classify::is_verbish(cx.low(t));
                word || (cx.text(t) == "." && t > ps && is_title_abbreviation(cx.low(t - 1)))
            });
            let clause_start =
                title_only || matches!(cx.low(n - 1), "how" | "that" | "as" | "when" | "while" | "and" | "but");
            if n < pe && !opener && !after_preposition && clause_start {
                cs = n;
            }
        }
    }
    // "fellow Republicans who worry": the relative pronoun's antecedent is the source.
    let mut relative = false;
    while ce > cs && matches!(cx.low(ce - 1), "who" | "that" | "which") {
        ce -= 1;
        relative = true;
    }
    // "business with people who want", "he had a source who told him": a relative clause on
    // the object of a preposition or a verb; the object is not the verb's subject.
    if relative {
        let mut k = ce;
        while k > cs
            && cx.is_word(k - 1)
            && !lex::is_preposition(cx.low(k - 1))
            && !super::classify::is_verbish(cx.low(k - 1))
        {
            k -= 1;
        }
        let before = if k > cs { cx.low(k - 1) } else { "" };
        // Unless the preposition hangs off a source noun: "the attorney for a woman who …".
        let source_noun = k >= cs + 2 && {
            let w = cx.low(k - 2);
            lex::LEX.anonymous_heads.contains(w) || lex::LEX.role_heads.contains(w) || lex::LEX.group_heads.contains(w)
        };
        let object = lex::is_preposition(before) && !source_noun || super::classify::is_verbish(before);
        if k > cs && object {
            return None;
        }
    }
    while cs < ce && cx.is_word(cs) && is_opening_adverb(cx.low(cs)) {
        cs += 1;
    }
    if matches!(cx.low(cs), "there" | "here") {
        return None;
    }
    // "what multiple lawmakers called": the subject follows the wh-word.
    if let Some(w) = (cs..ce)
        .rev()
        .find(|&t| matches!(cx.low(t), "what" | "whom" | "why" | "how" | "whether"))
    {
        cs = w + 1;
    }
    // "She said leaders had agreed": a speech verb inside the subject means the verb belongs
    // to what someone else said, already attributed.
    if (cs..ce).any(|t| cx.is_word(t) && is_reporting_verb(cx.low(t))) {
        return None;
    }
    // "Burman, director of the center and a professor at the school, said": the name before
    // the coordinated appositives is the subject.
    if cs == s && s > a && matches!(cx.low(s - 1), "and" | "or") {
        if let Some(name) = name_before_appositive(cx, a, s - 1) {
            cs = name;
        }
    }
    // "Cruz and his aides signaled": a person with their own people; the name leads the subject.
    if cs == s && s > a + 1 && cx.low(s - 1) == "and" && matches!(cx.low(cs), "his" | "her" | "their") {
        if let Some(name) = name_ending_at(cx, a, s - 1) {
            cs = name;
        }
    }
    if cs == s && closes_comparison(cx, a, s, i) {
        return None;
    }
    valid_phrase(cx, cs, ce).then_some((cs, ce))
}

/// "not as close as people thought they were", "sooner than she wanted", "stronger than it
/// expected": a subject right after "than", or after "as" that closes "as close as", with a verb
/// whose clause is left out (nothing follows it, or only "they were"). The belief is the
/// yardstick of a comparison, not a claim the story attributes. A count after "than" is a
/// quantity ("more than 10 women have accused"), and a verb with its own clause ("as soon as
/// officials said the road was open") still reports one.
fn closes_comparison(cx: &Cx<'_, '_>, a: usize, s: usize, verb: usize) -> bool {
    if s <= a || cx.is_number(s) || lex::is_count_word(cx.low(s)) {
        return false;
    }
    let comparison = match cx.low(s - 1) {
        "than" => true,
        "as" => {
            // "as close as", "as ‘close’ as": one or two words, maybe in quote marks, after "as".
            let mut k = s - 1;
            let mut words = 0;
            while k > a && words <= 2 {
                k -= 1;
                if cx.is_word(k) {
                    if cx.low(k) == "as" {
                        break;
                    }
                    words += 1;
                } else if !cx.is_quote(k) {
                    return false;
                }
            }
            cx.low(k) == "as" && (1..=2).contains(&words)
        }
        _ => false,
    };
    comparison && clause_left_out(cx, verb + 1)
}

/// Whether the verb before token `t` has no clause of its own: `t` ends the sentence, or opens
/// another clause, or is only a pronoun and an auxiliary ("as people thought they were.").
fn clause_left_out(cx: &Cx<'_, '_>, t: usize) -> bool {
    let mut k = t;
    while cx.is_word(k) && lex::is_aux_or_adverb(cx.low(k)) {
        k += 1;
    }
    if !cx.is_word(k) || lex::is_clause_boundary(cx.low(k)) {
        return true;
    }
    let mut k = k + 1;
    if !(lex::is_pronoun(cx.low(k - 1)) && lexicon::is_auxiliary(cx.low(k))) {
        return false;
    }
    while cx.is_word(k) && lexicon::is_auxiliary(cx.low(k)) {
        k += 1;
    }
    !cx.is_word(k)
}

/// The first token of the person's name that ends right before token `end`, outside quotations.
fn name_ending_at(cx: &Cx<'_, '_>, a: usize, end: usize) -> Option<usize> {
    let last = end.checked_sub(1).filter(|&t| t >= a && !cx.is_quote(t))?;
    let Some((person, MentionKind::Name | MentionKind::ShortName)) = cx.mention.get(last).copied().flatten() else {
        return None;
    };
    let mut first = last;
    while first > a
        && cx
            .mention
            .get(first - 1)
            .copied()
            .flatten()
            .is_some_and(|(p, _)| p == person)
    {
        first -= 1;
    }
    Some(first)
}

/// Words a number measures that are not people: "22 years ago", "40 percent".
fn is_unit(w: &str) -> bool {
    lex::is_time_word(w)
        || matches!(
            w,
            "years" | "months" | "weeks" | "days" | "hours" | "minutes" | "percent" | "times" | "miles" | "points"
        )
}

fn is_year(w: &str) -> bool {
    w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y))
}

/// "about 5,300 employees", "over 200 residents": a preposition that only qualifies a count.
fn qualifies_count(cx: &Cx<'_, '_>, s: usize) -> bool {
    cx.is_number(s + 1) && matches!(cx.low(s), "about" | "over" | "around" | "nearly" | "almost" | "roughly")
}

/// A chunk that is only an age: "20" in "Ana Vega, 20, said".
fn is_age_chunk(cx: &Cx<'_, '_>, s: usize, e: usize) -> bool {
    e == s + 1 && cx.is_number(s) && cx.text(s).len() <= 3
}

/// Finite reporting verbs that never sit inside a subject phrase.
fn is_reporting_verb(w: &str) -> bool {
    matches!(
        w,
        "say"
            | "said"
            | "says"
            | "tell"
            | "told"
            | "tells"
            | "wrote"
            | "writes"
            | "added"
            | "adds"
            | "explained"
            | "insisted"
    )
}

/// Title abbreviations that keep their period inside a phrase: "Rep. Jim Clyburn".
fn is_title_abbreviation(w: &str) -> bool {
    matches!(
        w,
        "rep"
            | "sen"
            | "gov"
            | "dr"
            | "mr"
            | "mrs"
            | "ms"
            | "gen"
            | "lt"
            | "col"
            | "st"
            | "jr"
            | "sr"
            | "prof"
            | "capt"
            | "sgt"
    )
}

/// "Spokesmen for Ana Ortiz and the party said": an "and" inside a prepositional modifier
/// (no comma before it, a "for"/"of"/"to"/"with" shortly before) does not end the subject.
fn coordinates_inside_modifier(cx: &Cx<'_, '_>, a: usize, t: usize) -> bool {
    if !matches!(cx.low(t), "and" | "or") || t == a || cx.text(t - 1) == "," {
        return false;
    }
    for k in (t.saturating_sub(12).max(a)..t).rev() {
        // "for Ana Ortiz and Luis Vega and the party": earlier conjunctions are part of it too.
        if !cx.is_word(k) || (lex::is_clause_boundary(cx.low(k)) && !matches!(cx.low(k), "and" | "or")) {
            return false;
        }
        if matches!(cx.low(k), "for" | "of" | "to" | "with" | "from" | "at" | "on") {
            return true;
        }
    }
    false
}

/// For a conjunction at `and`: the start of a name that opens the comma-separated appositive
/// the conjunction continues (`Name, role and …`).
fn name_before_appositive(cx: &Cx<'_, '_>, a: usize, and: usize) -> Option<usize> {
    let comma = (and.saturating_sub(15).max(a)..and)
        .rev()
        .find(|&k| cx.text(k) == ",")?;
    let mut n = comma;
    while n > a && comma - n < 6 && ((cx.is_word(n - 1) && cx.is_capitalized(n - 1)) || is_initial_dot(cx, n - 1)) {
        n -= 1;
    }
    let clean_start = n == a || !cx.is_word(n - 1) || lex::is_clause_boundary(cx.low(n - 1));
    (n < comma && clean_start && !lex::is_preposition(cx.low(n))).then_some(n)
}

/// The phrase starting at token `s` and running to the next punctuation, `that` or time word:
/// `said [a source close to the couple].`, `according to [the source],`. A trailing
/// `, Jane Doe` appositive is included: `said a spokeswoman, Jane Doe.`
pub(super) fn right_phrase(cx: &Cx<'_, '_>, s: usize, b: usize) -> Option<(usize, usize)> {
    // A number, or a compound it opens, may open the phrase when a word follows: "said 9/11
    // widow Terry Strada", "said 22-year-old student Ana Vega".
    let number_end = if cx.is_number(s) { compound_end(cx, s) } else { s };
    let opens = cx.is_word(s) || (number_end > s && cx.is_word(number_end));
    if s >= b || !opens || lex::is_time_word(cx.low(s)) || is_wh(cx.low(s)) {
        return None;
    }
    let mut e = number_end;
    while e < b && e - s < MAX_SUBJECT {
        let t = cx.text(e);
        let stop = if cx.is_word(e) {
            e > s
                && matches!(
                    cx.low(e),
                    "that" | "on" | "during" | "after" | "before" | "when" | "while" | "as" | "because" | "in"
                )
                && !(cx.low(e) == "in" && lex::LEX.anonymous_heads.contains(cx.low(e - 1)))
                && !(cx.low(e) == "on" && cx.low(e + 1) == "the" && cx.low(e + 2) == "condition")
        } else if t == "." {
            !(e > s && is_title_abbreviation(cx.low(e - 1)) && cx.is_capitalized(e + 1))
        } else {
            !matches!(t, "'" | "’" | "-" | "&")
        };
        if stop {
            break;
        }
        e += 1;
    }
    // ", Jane Doe." after an anonymous-looking phrase names the person.
    if cx.text(e) == "," {
        let mut n = e + 1;
        while n < b && n - e <= 4 && cx.is_word(n) && cx.is_capitalized(n) {
            n += 1;
        }
        if n > e + 2 && (n == b || matches!(cx.text(n), "." | "," | ";")) {
            e = n;
        }
    }
    valid_phrase(cx, s, e).then_some((s, e))
}

/// The token after a compound opened by token `s` and written without spaces, joined by
/// hyphens or slashes ("9/11"); `s + 1` when there is none.
pub(super) fn compound_end(cx: &Cx<'_, '_>, s: usize) -> usize {
    let glued = |a: usize, b: usize| match (cx.doc.tokens.get(a), cx.doc.tokens.get(b)) {
        (Some(x), Some(y)) => x.span.end == y.span.start,
        _ => false,
    };
    let mut e = s + 1;
    while matches!(cx.text(e), "-" | "/")
        && glued(e - 1, e)
        && glued(e, e + 1)
        && (cx.is_word(e + 1) || cx.is_number(e + 1))
    {
        e += 2;
    }
    e
}

fn is_wh(w: &str) -> bool {
    matches!(
        w,
        "how" | "what" | "why" | "where" | "when" | "whether" | "if" | "who" | "which" | "it" | "there" | "this" | "so"
    )
}

fn is_name_token(cx: &Cx<'_, '_>, t: usize) -> bool {
    cx.is_word(t) && cx.is_capitalized(t)
}

/// The period of an initial: "J." in "Harry J. Kazianis".
fn is_initial_dot(cx: &Cx<'_, '_>, t: usize) -> bool {
    cx.text(t) == "." && t > 0 && cx.text(t - 1).chars().count() == 1 && is_name_token(cx, t - 1)
}

/// Splits tokens `s..e` at commas into chunks.
fn split_commas(cx: &Cx<'_, '_>, s: usize, e: usize) -> Vec<(usize, usize)> {
    let mut chunks = Vec::new();
    let mut start = s;
    for t in s..e {
        if cx.text(t) == "," {
            chunks.push((start, t));
            start = t + 1;
        }
    }
    chunks.push((start, e));
    chunks
}

/// A chunk that is not the subject: an adverb, a prepositional phrase, a relative clause.
fn is_parenthetical(cx: &Cx<'_, '_>, s: usize, e: usize) -> bool {
    let first = cx.low(s);
    if e - s <= 2 && (s..e).all(|t| is_parenthetical_word(cx.low(t)) || lex::is_aux_or_adverb(cx.low(t))) {
        return true;
    }
    // "taken aback by the response", "angered by the vote": a participle clause.
    let participle = !cx.is_capitalized(s)
        && e - s >= 2
        && (matches!(first, "taken" | "given" | "shaken" | "driven" | "stung")
            || (first.len() > 4 && first.ends_with("ed") && lex::is_preposition(cx.low(s + 1))));
    participle
        || matches!(
            first,
            "who"
                | "which"
                | "whose"
                | "where"
                | "when"
                | "whom"
                | "according"
                | "speaking"
                | "asked"
                | "citing"
                | "including"
                | "especially"
                | "particularly"
                | "notably"
        )
        || (lex::is_preposition(first) && !qualifies_count(cx, s))
}

/// A plausible source phrase: short, made of words, not opening with a preposition or a verb.
fn valid_phrase(cx: &Cx<'_, '_>, s: usize, e: usize) -> bool {
    if e <= s || e - s > MAX_SUBJECT {
        return false;
    }
    let first = cx.low(s);
    if (lex::is_preposition(first) && !qualifies_count(cx, s)) || lex::is_clause_boundary(first) {
        return false;
    }
    // "echoing many Democrats who …": a participle phrase is not a subject.
    if first.len() > 4 && first.ends_with("ing") && !cx.is_capitalized(s) {
        return false;
    }
    (s..e).any(|t| cx.is_word(t))
        && !(s..e).any(|t| cx.is_quote(t) && !matches!(cx.text(t), "’" | "'") && !is_nickname_mark(cx, t))
}

/// A quotation mark of a nickname inside a name, between two capitalised words: the marks of
/// “Tiny” in `Marcus “Tiny” Bell`.
fn is_nickname_mark(cx: &Cx<'_, '_>, t: usize) -> bool {
    let cap_word = |k: usize| cx.is_word(k) && cx.is_capitalized(k);
    cx.is_quote(t) && t > 0 && cap_word(t - 1) && cap_word(t + 1) && {
        // The other mark of the pair is within three words, also between capitalised words.
        let near = |k: usize| k != t && cx.is_quote(k) && k > 0 && cap_word(k - 1) && cap_word(k + 1);
        (t.saturating_sub(4)..t).any(near) || (t + 1..t + 5).any(near)
    }
}
