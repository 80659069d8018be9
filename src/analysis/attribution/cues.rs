//! Cues: the words that tie a source to a claim, and the source phrase each one takes.

use super::classify::classify;
use super::clause::{coordinating_conjunction, is_closing_participle, participle_subject, subject_before};
use super::lex::{self, LEX};
use super::phrase::{compound_end, left_subject, right_phrase};
use super::{source, Cx};
use crate::analysis::model::{Source, SourceKind, Span};
use crate::analysis::work;

/// Hearsay adverbs: the claim is attributed to no one.
fn is_hearsay_adverb(w: &str) -> bool {
    matches!(
        w,
        "reportedly" | "allegedly" | "purportedly" | "supposedly" | "reputedly" | "rumoredly"
    )
}

/// "arrested for allegedly sending", "charged with allegedly paying", "emails of allegedly
/// hacked accounts": a hearsay adverb right after a preposition describes a charge, which the
/// story attributes where it reports the charge; after an article it is part of a name ("the
/// Allegedly podcast"). Neither leaves a claim resting on no one.
fn charge_or_name(cx: &Cx<'_, '_>, i: usize, a: usize) -> bool {
    i > a && (lex::is_preposition(cx.low(i - 1)) || lex::is_determiner(cx.low(i - 1)))
}

/// Participles of impersonal hearsay: "it is said", "is believed to".
fn is_hearsay_participle(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "believed"
            | "thought"
            | "reported"
            | "rumored"
            | "rumoured"
            | "understood"
            | "alleged"
            | "claimed"
            | "whispered"
    )
}

/// "it is said", "it's claimed", "it has been reported": impersonal hearsay at token `i`, as its
/// length in tokens.
fn impersonal_hearsay(cx: &Cx<'_, '_>, i: usize) -> Option<usize> {
    let n = match cx.low(i) {
        "it" if is_be(cx.low(i + 1)) => 2,
        "it" if matches!(cx.low(i + 1), "has" | "had") && cx.low(i + 2) == "been" => 3,
        "it's" | "it’s" if cx.low(i + 1) == "been" => 2,
        "it's" | "it’s" => 1,
        _ => return None,
    };
    is_hearsay_participle(cx.low(i + n)).then_some(n + 1)
}

fn is_be(w: &str) -> bool {
    matches!(
        w,
        "is" | "are"
            | "was"
            | "were"
            | "been"
            | "be"
            | "being"
            | "'s"
            | "’s"
            | "isn't"
            | "isn’t"
            | "aren't"
            | "aren’t"
            | "wasn't"
            | "wasn’t"
            | "weren't"
            | "weren’t"
    )
}

/// Finds the attributions of sentence `si` and pushes them to `out`.
pub(super) fn find_in_sentence(cx: &Cx<'_, '_>, si: usize, out: &mut Vec<Source>) {
    let Some(sentence) = cx.doc.sentences.get(si) else {
        return;
    };
    let (a, b) = (sentence.tokens.start, sentence.tokens.end);
    let claim_to_end = |from: usize| claim_span(cx, from, b);
    let mut i = a;
    while i < b {
        work::tick(1);
        if cx.in_quote.get(i).copied().unwrap_or(false) || !cx.is_word(i) {
            i += 1;
            continue;
        }
        let w = cx.low(i);
        // "according to a pal", "per a source close to the couple".
        let preposition = match w {
            "according" if cx.low(i + 1) == "to" => Some(2),
            "per"
                if matches!(
                    cx.low(i + 1),
                    "a" | "an" | "the" | "one" | "two" | "sources" | "insiders" | "multiple"
                ) =>
            {
                Some(1)
            }
            _ => None,
        };
        if let Some(n) = preposition {
            if let Some((s, e)) = right_phrase(cx, i + n, b) {
                let claim = if cx.text(e) == "," {
                    claim_to_end(e + 1)
                } else {
                    claim_span(cx, a, i)
                };
                push(cx, out, s, e, cx.span(i, i + n), claim);
                i = e;
                continue;
            }
        } else if is_hearsay_adverb(w) && !charge_or_name(cx, i, a) {
            let mut src = source(
                cx.span(i, i + 1),
                SourceKind::Vague,
                Some(cx.span(i, i + 1)),
                claim_span(cx, a, b),
            );
            src.plural = true;
            out.push(src);
        } else if let Some(n) = impersonal_hearsay(cx, i) {
            let cue = cx.span(i, i + n);
            out.push(source(cue, SourceKind::Vague, Some(cue), claim_to_end(i + n)));
            i += n;
            continue;
        } else if is_be(w) && is_hearsay_participle(cx.low(i + 1)) && cx.low(i + 2) == "to" && i > a {
            let cue = cx.span(i, i + 3);
            out.push(source(cue, SourceKind::Vague, Some(cue), claim_span(cx, a, b)));
            i += 3;
            continue;
        } else if let Some((n, subject_end)) = attitude(cx, i, a) {
            attitude_cue(cx, i, n, subject_end, a, b, out);
        } else if is_verb_cue(cx, i, a) {
            verb_cue(cx, i, a, b, out);
        } else if is_evidence_verb(w) && i > a && !cx.is_capitalized(i) {
            evidence_cue(cx, i, a, b, out);
        } else if w == "with" {
            with_participle(cx, i, b, out);
        } else if w == "as" {
            if let Some(next) = as_put_it(cx, i, a, b, out) {
                i = next;
                continue;
            }
        }
        i += 1;
    }
}

/// Verbs by which unnamed evidence speaks: "studies show", "research found". Cues only when
/// the subject is research nobody can look up: "police found the car" is no attribution, and
/// "court papers show" is left to the quotation engine's own reading of documents.
fn is_evidence_verb(w: &str) -> bool {
    matches!(w, "show" | "shows" | "showed" | "find" | "finds" | "found")
}

fn evidence_cue(cx: &Cx<'_, '_>, i: usize, a: usize, b: usize, out: &mut Vec<Source>) {
    if let Some((s, e)) = left_subject(cx, a, i) {
        let evidence = |s, e| (s..e).any(|t| LEX.document_heads.contains(cx.low(t)));
        push_vague(
            cx,
            out,
            s,
            e,
            cx.span(i, i + 1),
            claim_after_cue(cx, i + 1, b),
            evidence,
        );
    }
}

/// Records the phrase `s..e` as a source only when it is vague (a crowd, unnamed research)
/// and `accept` holds for the phrase actually classified.
fn push_vague(
    cx: &Cx<'_, '_>,
    out: &mut Vec<Source>,
    s: usize,
    e: usize,
    cue: Span,
    claim: Option<Span>,
    accept: impl Fn(usize, usize) -> bool,
) {
    let Some((s, e, c)) = classify(cx, s, e) else {
        return;
    };
    if c.kind == SourceKind::Vague && accept(s, e) {
        let mut src = source(cx.span(s, e), c.kind, Some(cue), claim);
        src.vantage = c.vantage;
        src.plural = c.plural;
        out.push(src);
    }
}

/// "…, with analysts saying a rebound is near": a source in an absolute construction.
fn with_participle(cx: &Cx<'_, '_>, i: usize, b: usize, out: &mut Vec<Source>) {
    let Some(k) = (i + 2..(i + 8).min(b)).find(|&k| !cx.is_word(k) || cx.low(k).ends_with("ing")) else {
        return;
    };
    let w = cx.low(k);
    if cx.is_word(k) && LEX.verbs.contains(w) && phrasal_ok(cx, k) {
        push(cx, out, i + 1, k, cx.span(k, k + 1), claim_after_cue(cx, k + 1, b));
    }
}

/// "are worried", "were outraged", "expressed concern": an attitude held by the subject, as
/// the number of cue tokens from `i` and the token the subject ends before. The adjective
/// must follow a form of "be" and the noun "expressed" or "voiced"; otherwise ("a worried
/// look") it is no cue.
fn attitude(cx: &Cx<'_, '_>, i: usize, a: usize) -> Option<(usize, usize)> {
    let w = cx.low(i);
    if matches!(w, "expressed" | "voiced") {
        let mut k = i + 1;
        while k < i + 3 && cx.is_word(k) && matches!(cx.low(k), "deep" | "serious" | "some" | "growing" | "their") {
            k += 1;
        }
        return LEX.attitudes.contains(cx.low(k)).then_some((k + 1 - i, i));
    }
    if !LEX.attitudes.contains(w) || i == a {
        return None;
    }
    let j = before_adverbs(cx, i, a);
    (j > a && is_be(cx.low(j - 1))).then_some((1, j - 1))
}

/// A crowd holding an attitude ("many voters are worried that …") is a vague source; a named
/// person who is worried is just news, so only crowds count.
fn attitude_cue(cx: &Cx<'_, '_>, i: usize, n: usize, subject_end: usize, a: usize, b: usize, out: &mut Vec<Source>) {
    if let Some((s, e)) = left_subject(cx, a, subject_end) {
        push_vague(
            cx,
            out,
            s,
            e,
            cx.span(i, i + n),
            claim_after_cue(cx, i + n, b),
            |_, _| true,
        );
    }
}

/// Verbs that are cues only with their particle: "pointed out", "declined to comment".
fn phrasal_ok(cx: &Cx<'_, '_>, i: usize) -> bool {
    let next = cx.low(i + 1);
    match cx.low(i) {
        "pointed" => next == "out",
        "weighed" | "chimed" => next == "in",
        "declined" | "refused" => {
            next == "to"
                && matches!(
                    cx.low(i + 2),
                    "comment" | "discuss" | "say" | "elaborate" | "confirm" | "speak" | "answer"
                )
        }
        "think" | "thinks" => next != "tank",
        // "she continued." / "he continued: …" / "…,” continued the source", not "continue
        // their attacks".
        "continue" | "continues" | "continued" => !cx.is_word(i + 1) || next == "that" || (i > 0 && cx.is_quote(i - 1)),
        "want" | "wants" | "wanted" | "feel" | "feels" | "felt" => next != "like",
        "like" => i > 0 && cx.low(i - 1) == "would",
        "put" => next == "it",
        _ => true,
    }
}

/// Whether token `i` is a speech or belief verb used as a verb here.
/// Whether the verb at `i` reports a refusal to speak rather than a statement: "declined to
/// comment", "refused to say", "did not (immediately) respond", "could not be reached".
fn refuses_comment(cx: &Cx<'_, '_>, i: usize, a: usize) -> bool {
    let w = cx.low(i);
    if matches!(
        w,
        "declined" | "declines" | "decline" | "refused" | "refuses" | "refuse"
    ) && cx.low(i + 1) == "to"
    {
        return true;
    }
    let withheld = matches!(
        w,
        "respond" | "responded" | "comment" | "commented" | "return" | "returned"
    );
    let negated = (a..i).rev().take(3).any(|t| {
        matches!(
            cx.low(t),
            "not" | "never" | "didn't" | "didn’t" | "hasn't" | "hasn’t" | "haven't" | "haven’t"
        )
    });
    (withheld && negated) || refusal_reported(cx, i)
}

/// "a spokesman said he could not comment on …", "the Home Office said it could not comment",
/// "said he cannot comment": a speech verb whose whole clause is a refusal to comment carries no
/// claim either.
fn refusal_reported(cx: &Cx<'_, '_>, i: usize) -> bool {
    if !matches!(cx.low(i), "said" | "says" | "say" | "told" | "tells") {
        return false;
    }
    let mut k = i + 1;
    if cx.low(k) == "that" {
        k += 1;
    }
    if !matches!(cx.low(k), "he" | "she" | "it" | "they" | "we") {
        return false;
    }
    let negation = |t: &str| {
        matches!(
            t,
            "not" | "cannot" | "can't" | "can’t" | "couldn't" | "couldn’t" | "wouldn't" | "wouldn’t" | "unable"
        )
    };
    let Some(neg) = (k + 1..k + 4).find(|&t| negation(cx.low(t))) else {
        return false;
    };
    (neg + 1..neg + 4).any(|t| matches!(cx.low(t), "comment" | "discuss" | "confirm" | "speculate"))
}

fn is_verb_cue(cx: &Cx<'_, '_>, i: usize, a: usize) -> bool {
    let w = cx.low(i);
    let prev = if i > a { cx.low(i - 1) } else { "" };
    // "Trump Adds Adviser": a capitalised verb mid-sentence is a headline in title case, unless
    // an unnamed source stands beside it ("…, Source Reveals", "Friends Tell All").
    if i > a && cx.is_capitalized(i) {
        return headline_attribution(cx, i);
    }
    // "to say", "to tell": an infinitive, not a claim.
    if prev == "to" || !phrasal_ok(cx, i) {
        return false;
    }
    // "declined to comment", "did not immediately respond": a refused or withheld statement
    // carries no claim, so it makes no source.
    if refuses_comment(cx, i, a) {
        return false;
    }
    if status_participle(cx, i, a) {
        return false;
    }
    // "a diner snapped a photo", "she recorded a message": with an object, an act.
    if LEX.objectless_verbs.contains(w)
        && cx.is_word(i + 1)
        && !lex::is_preposition(cx.low(i + 1))
        && cx.low(i + 1) != "that"
    {
        return false;
    }
    let attributive = lex::is_determiner(prev) || prev.ends_with("'s") || prev.ends_with("’s");
    // "…,” claims the friend": a noun-or-verb form right after a quotation, before its subject.
    if LEX.ambiguous_verbs.contains(w) && i > a && cx.is_quote(i - 1) && inversion_first(cx, i, a) {
        return true;
    }
    if !LEX.verbs.contains(w) && !LEX.ambiguous_verbs.contains(w) {
        return unlisted_speech_verb(cx, i, a);
    }
    if LEX.verbs.contains(w) {
        // "the alleged affair", "Ortiz's stated aim": a participle used as an adjective.
        return !(attributive && cx.is_word(i + 1));
    }
    // Noun-or-verb forms ("claims", "reports") need a subject word right before them.
    LEX.ambiguous_verbs.contains(w)
        && !cx.in_headline(i)
        && i > a
        && cx.is_word(i - 1)
        && !attributive
        && !lex::is_preposition(prev)
        && !lex::is_clause_boundary(prev)
        && !prev.ends_with("ing")
}

/// "a man suspected of killing five", "an unrelated man wanted in Florida", "people accused of
/// fraud": a verb that takes an object before its preposition, as a participle right before
/// that preposition, is passive and says what someone is accused of or wanted for; nobody is
/// making a claim. After a subject pronoun the verb is active, its object moved ahead ("the
/// rivals who he accused of lying"), and stays a cue.
fn status_participle(cx: &Cx<'_, '_>, i: usize, a: usize) -> bool {
    let prev = if i > a { cx.low(i - 1) } else { "" };
    let (w, next) = (cx.low(i), cx.low(i + 1));
    LEX.status_participles.iter().any(|(v, p)| v == w && p == next)
        && !matches!(prev, "he" | "she" | "they" | "i" | "we" | "you")
}

/// A capitalised speech verb in a headline with an unnamed source beside it: "Source Reveals",
/// "Friends Tell All", "A Source Says …", "…, Says Insider".
fn headline_attribution(cx: &Cx<'_, '_>, i: usize) -> bool {
    let w = cx.low(i);
    let source_noun = |t: usize| LEX.anonymous_heads.contains(cx.low(t)) || cx.extra.is_source_noun(cx.low(t));
    let after = if lex::is_determiner(cx.low(i + 1)) {
        i + 2
    } else {
        i + 1
    };
    cx.in_headline(i)
        && (LEX.verbs.contains(w) || LEX.ambiguous_verbs.contains(w))
        && ((i > 0 && source_noun(i - 1)) || source_noun(after))
}

/// A verb missing from the lists, past tense, right after an unnamed source's noun and before
/// what was said ("An insider tattled: …", "The source confessed that …", "the insider assured
/// us that …"): the shape says it is speech.
fn unlisted_speech_verb(cx: &Cx<'_, '_>, i: usize, a: usize) -> bool {
    let w = cx.low(i);
    if i == a || !w.ends_with("ed") || w.len() < 5 || cx.is_capitalized(i) {
        return false;
    }
    let prev = cx.low(i - 1);
    if !(LEX.anonymous_heads.contains(prev) || cx.extra.is_source_noun(prev)) {
        return false;
    }
    let mut k = i + 1;
    if matches!(cx.low(k), "us" | "me" | "him" | "her" | "them" | "reporters") {
        k += 1;
    }
    cx.text(k) == ":" || cx.low(k) == "that"
}

/// The token after the run of adverbs and auxiliaries (not "be") right before `i`: adverbs
/// and negation may stand between a form of "be" and its participle ("are also accused",
/// "was not told", "weren't too worried").
fn before_adverbs(cx: &Cx<'_, '_>, i: usize, a: usize) -> usize {
    let mut j = i;
    while j > a && cx.is_word(j - 1) && lex::is_aux_or_adverb(cx.low(j - 1)) && !is_be(cx.low(j - 1)) {
        j -= 1;
    }
    j
}

/// Whether the verb at `i` follows a form of "be" or "get" (auxiliaries and adverbs between).
fn is_passive(cx: &Cx<'_, '_>, i: usize, a: usize) -> bool {
    let j = before_adverbs(cx, i, a);
    // "were discussing" is progressive, not passive.
    !cx.low(i).ends_with("ing") && j > a && (is_be(cx.low(j - 1)) || matches!(cx.low(j - 1), "get" | "got" | "getting"))
}

/// Whether the phrase right of the verb at `i` looks like a subject: `, said a source`.
fn inversion_first(cx: &Cx<'_, '_>, i: usize, a: usize) -> bool {
    let prev = if i > a { cx.text(i - 1) } else { "" };
    let at_start = i == a || prev == "," || cx.is_quote(i - 1);
    let next = cx.low(i + 1);
    // After a quotation any listed speech verb may invert ("…,” lamented the spy).
    let invertible = lex::allows_inversion(cx.low(i)) || (i > a && cx.is_quote(i - 1) && is_listed_tense(cx.low(i)));
    at_start
        && invertible
        && (cx.is_word(i + 1) || (cx.is_number(i + 1) && cx.is_word(compound_end(cx, i + 1))))
        && !lex::is_time_word(next)
        && (lex::is_determiner(next)
            || lex::is_counting_determiner(next)
            || cx.is_capitalized(i + 1)
            || cx.is_number(i + 1)
            || LEX.anonymous_heads.contains(next))
}

/// A listed speech verb in the past or the present third person: "lamented", "gushes".
fn is_listed_tense(w: &str) -> bool {
    (LEX.verbs.contains(w) || LEX.ambiguous_verbs.contains(w)) && (w.ends_with("ed") || w.ends_with('s'))
}

fn verb_cue(cx: &Cx<'_, '_>, i: usize, a: usize, b: usize, out: &mut Vec<Source>) {
    let w = cx.low(i);
    let cue = cx.span(i, i + 1);
    // A passive or a reduced relative ("a view echoed by experts"): "by <agent>" is the source.
    if is_passive(cx, i, a) || (w.ends_with("ed") && cx.low(i + 1) == "by") {
        if cx.low(i + 1) == "by" {
            if let Some((s, e)) = right_phrase(cx, i + 2, b) {
                push(cx, out, s, e, cue, claim_span(cx, a, i.saturating_sub(1)));
            }
        }
        return;
    }
    if inversion_first(cx, i, a) {
        // The inverted subject opens right after the verb: in "…, said the board had erred by
        // allowing Mr. Vos …" the trailing "Mr. Vos" is an object, not the speaker.
        let whole = |s: usize, e: usize| classify(cx, s, e).is_some_and(|(cs, _, _)| cs == s);
        if let Some((s, e)) = right_phrase(cx, i + 1, b).filter(|&(s, e)| whole(s, e)) {
            if push(cx, out, s, e, cue, claim_before_cue(cx, a, i)) {
                return;
            }
        }
    }
    // A participle closing a clause ("…, saying …") continues the sentence's first source
    // ("…, Vega said, adding …"; "Ortiz said she believes …, saying": the main clause's, not
    // the inner "she"), which already speaks to the end of the sentence: no new source. With
    // none, it takes the clause's subject ("Ortiz took aim at the plan on Monday, saying …"),
    // not the noun before the comma ("Monday").
    if is_closing_participle(cx, a, i) {
        if first_source_in_sentence(cx, a, out).is_some() {
            return;
        }
        if let Some((s, e)) = participle_subject(cx, a, i) {
            if push(cx, out, s, e, cue, claim_after_cue(cx, i + 1, b)) {
                return;
            }
        }
    }
    // A verb coordinated with the clause's first ("Vega did not apologise, but said …") shares
    // its subject: the sentence's first person source, or the person the clause opens with.
    if let Some(conj) = coordinating_conjunction(cx, a, i) {
        let earlier = first_source_in_sentence(cx, a, out)
            .filter(|src| matches!(src.kind, SourceKind::Named | SourceKind::Pronoun))
            .map(|src| {
                (
                    cx.doc.token_at_or_after(src.span.start),
                    cx.doc.token_at_or_after(src.span.end),
                )
            });
        if let Some((s, e)) = earlier.or_else(|| subject_before(cx, a, conj)) {
            if push(cx, out, s, e, cue, claim_after_cue(cx, i + 1, b)) {
                return;
            }
        }
    }
    if let Some((s, e)) = left_subject(cx, a, i) {
        // "felt hurt, a source says": a reporting clause after the claim carries what came before.
        // Only when little follows the verb ("…, a source says." / "…, she told Us in May.").
        let rest = b - (i + 1);
        let trailing = s > a && (cx.text(s - 1) == "," || cx.is_quote(s - 1)) && rest <= 8 && cx.low(i + 1) != "that";
        // "chimed in", "weighed in", "pointed out": the particle is part of the cue.
        let particle = usize::from(matches!(w, "chimed" | "weighed" | "pointed"));
        let claim = if trailing {
            claim_before_cue(cx, a, s)
        } else {
            claim_after_cue(cx, i + 1 + particle, b)
        };
        if push(cx, out, s, e, cue, claim) {
            return;
        }
    }
    if lex::allows_inversion(w) && !inversion_first(cx, i, a) && (i == a || cx.text(i - 1) == "," || cx.is_quote(i - 1))
    {
        if let Some((s, e)) = right_phrase(cx, i + 1, b) {
            push(cx, out, s, e, cue, claim_before_cue(cx, a, i));
        }
    }
}

/// The most tokens between "as" and "put it": a name with a long appositive.
const MAX_AS_PUT_IT: usize = 30;

/// "…,” as Ortiz, a professor at the institute, puts it": the frame attributes what came
/// before it to the phrase between "as" and "put(s) it". Returns the token after the frame.
fn as_put_it(cx: &Cx<'_, '_>, i: usize, a: usize, b: usize, out: &mut Vec<Source>) -> Option<usize> {
    let k = (i + 2..(i + MAX_AS_PUT_IT).min(b)).find(|&k| {
        matches!(cx.low(k), "put" | "puts") && cx.low(k + 1) == "it" || cx.in_quote.get(k).copied().unwrap_or(true)
    })?;
    if !matches!(cx.low(k), "put" | "puts") {
        return None;
    }
    let mut e = k;
    while e > i + 1 && cx.text(e - 1) == "," {
        e -= 1;
    }
    push(cx, out, i + 1, e, cx.span(k, k + 2), claim_before_cue(cx, a, i)).then_some(k + 2)
}

/// The first source of the sentence starting at `a` among those found so far, hearsay adverbs
/// and impersonal forms ("reportedly", "it is said") aside.
fn first_source_in_sentence<'s>(cx: &Cx<'_, '_>, a: usize, out: &'s [Source]) -> Option<&'s Source> {
    let sentence_start = cx.span(a, a + 1).start;
    out.iter()
        .rev()
        .take_while(|src| src.cue.is_some_and(|c| c.start >= sentence_start))
        .filter(|src| src.cue != Some(src.span))
        .last()
}

/// Classifies the phrase `s..e` and records it as a source, when it is one.
fn push(cx: &Cx<'_, '_>, out: &mut Vec<Source>, s: usize, e: usize, cue: Span, claim: Option<Span>) -> bool {
    let Some((s, e, c)) = classify(cx, s, e) else {
        return false;
    };
    let mut src = source(cx.span(s, e), c.kind, Some(cue), claim);
    src.vantage = c.vantage;
    src.person = c.person;
    src.plural = c.plural;
    out.push(src);
    true
}

/// The claim after a verb: the rest of the sentence, "that" and punctuation skipped.
fn claim_after_cue(cx: &Cx<'_, '_>, mut from: usize, b: usize) -> Option<Span> {
    while from < b && (matches!(cx.text(from), "," | ":" | "Us") || cx.low(from) == "that") {
        from += 1;
    }
    claim_span(cx, from, b)
}

/// The claim before an inverted cue: `“…,” said Ortiz` carries what came before.
fn claim_before_cue(cx: &Cx<'_, '_>, a: usize, i: usize) -> Option<Span> {
    let mut e = i;
    while e > a && matches!(cx.text(e - 1), "," | "—") {
        e -= 1;
    }
    claim_span(cx, a, e)
}

/// The most tokens a claim spans: a sentence with no full stop (a paste of "a source said that
/// …") would otherwise give every cue a claim to its far end, quadratic in all that reads them.
pub(crate) const MAX_CLAIM_TOKENS: usize = 400;

/// Tokens `s..e` without trailing sentence punctuation, as a span of at most
/// [`MAX_CLAIM_TOKENS`] tokens.
fn claim_span(cx: &Cx<'_, '_>, s: usize, e: usize) -> Option<Span> {
    let mut e = e.min(s.saturating_add(MAX_CLAIM_TOKENS));
    while e > s && matches!(cx.text(e - 1), "." | "!" | "?" | "," | ";") {
        e -= 1;
    }
    (e > s).then(|| cx.span(s, e))
}
