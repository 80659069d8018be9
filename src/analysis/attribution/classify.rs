//! Judging a source phrase: named, pronoun, anonymous, vague, institution or document.
//!
//! The phrase splits into a pre-head part ("two senior Clinton") and a post-modifier that gives
//! the source's vantage ("close to the couple", "familiar with the talks", "for the agency").
//! The head noun decides: a person mention from the people engine is named; "source", "aide",
//! "official" are anonymous whatever their number; "critics", "experts", "Republicans" are vague
//! unless counted ("one Republican", "two lawmakers"); "police", "the campaign" are institutions;
//! "a report", "court papers" are documents.

use super::lex::{self, LEX};
use super::Cx;
use crate::analysis::model::{MentionKind, SourceKind, Span};

pub(super) struct Class {
    pub kind: SourceKind,
    pub vantage: Option<Span>,
    pub person: Option<usize>,
    pub plural: bool,
}

/// Classifies tokens `s..e`, returning the phrase actually used (it may narrow to the noun
/// group right before the verb) and its class; `None` when it is not recognisably a source.
pub(super) fn classify(cx: &Cx<'_, '_>, s: usize, e: usize) -> Option<(usize, usize, Class)> {
    let s = second_determiner(cx, s, e).unwrap_or(s);
    // "Ortiz, the party's treasurer": an appositive with a name is named.
    if let Some(c) = named_appositive(cx, s, e) {
        return Some((s, e, c));
    }
    // "Cruz and his aides": a person with their own people speaks as that person.
    if let Some(c) = name_and_own_people(cx, s, e) {
        return Some((s, e, c));
    }
    if let Some(c) = classify_np(cx, s, e) {
        return Some((s, e, c));
    }
    // "could be relevant to the probe officials": fall back to the trailing noun group.
    let mut k = e;
    while k > s && cx.is_word(k - 1) && !lex::is_preposition(cx.low(k - 1)) && !is_verbish(cx.low(k - 1)) {
        k -= 1;
    }
    if k > s && k < e {
        if let Some(c) = classify_np(cx, k, e) {
            return Some((k, e, c));
        }
    }
    None
}

/// "an idea one longtime volunteer", "the plan a critic": a second determiner after a noun,
/// with no preposition or comma between, opens the noun phrase that is the subject.
fn second_determiner(cx: &Cx<'_, '_>, s: usize, e: usize) -> Option<usize> {
    let det = |t: usize| {
        let w = cx.low(t);
        cx.is_word(t) && (matches!(w, "a" | "an" | "the" | "one" | "another") || lex::is_count_word(w))
    };
    if !det(s) {
        return None;
    }
    let mut last = None;
    for t in s + 1..e {
        if !cx.is_word(t) || lex::is_preposition(cx.low(t)) || lex::starts_postmodifier(cx.low(t)) {
            break;
        }
        let after_noun = !det(t - 1) && !is_quantifier(cx.low(t - 1)) && !cx.low(t - 1).ends_with("'s");
        if det(t) && after_noun {
            last = Some(t);
        }
    }
    last
}

/// Auxiliaries and verbs that cannot sit inside a noun group.
pub(super) fn is_verbish(w: &str) -> bool {
    matches!(
        w,
        "is" | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "can"
            | "should"
            | "may"
            | "might"
            | "must"
            | "do"
            | "does"
            | "did"
            | "there"
    )
}

/// A phrase with commas where one comma-separated part is a person's name.
fn named_appositive(cx: &Cx<'_, '_>, s: usize, e: usize) -> Option<Class> {
    if !(s..e).any(|t| cx.text(t) == ",") {
        return None;
    }
    let mut start = s;
    for t in s..=e {
        if t == e || cx.text(t) == "," {
            let words: Vec<usize> = (start..t).filter(|&k| cx.is_word(k)).collect();
            let person = words.iter().find_map(|&k| cx.mention.get(k).copied().flatten());
            let bare_name = !words.is_empty() && words.len() <= 4 && words.iter().all(|&k| cx.is_capitalized(k));
            if let Some((p, MentionKind::Name | MentionKind::ShortName)) = person {
                return Some(Class {
                    kind: SourceKind::Named,
                    vantage: None,
                    person: Some(p),
                    plural: false,
                });
            }
            if bare_name && !words.iter().any(|&k| is_lexicon_head(cx.low(k))) {
                return Some(Class {
                    kind: SourceKind::Named,
                    vantage: None,
                    person: None,
                    plural: false,
                });
            }
            start = t + 1;
        }
    }
    None
}

/// A name, "and", then a possessive pronoun: "Cruz and his aides", "Ortiz and her team".
fn name_and_own_people(cx: &Cx<'_, '_>, s: usize, e: usize) -> Option<Class> {
    let k = (s + 1..e).find(|&t| cx.low(t) == "and")?;
    if !matches!(cx.low(k + 1), "his" | "her" | "their") || k + 2 >= e {
        return None;
    }
    let (person, kind) = cx.mention.get(s).copied().flatten()?;
    let whole = (s..k).all(|t| cx.mention.get(t).copied().flatten().is_some_and(|(p, _)| p == person));
    (whole && matches!(kind, MentionKind::Name | MentionKind::ShortName)).then_some(Class {
        kind: SourceKind::Named,
        vantage: None,
        person: Some(person),
        plural: true,
    })
}

fn is_lexicon_head(w: &str) -> bool {
    LEX.anonymous_heads.contains(w)
        || LEX.group_heads.contains(w)
        || LEX.institution_heads.contains(w)
        || LEX.document_heads.contains(w)
        || LEX.role_heads.contains(w)
}

/// Kin terms: "the mother of three", "Ortiz's son" identify someone through a relation.
fn is_kin(w: &str) -> bool {
    matches!(
        w,
        "mother"
            | "father"
            | "wife"
            | "husband"
            | "daughter"
            | "son"
            | "sister"
            | "brother"
            | "mom"
            | "dad"
            | "cousin"
            | "aunt"
            | "uncle"
            | "grandmother"
            | "grandfather"
            | "widow"
            | "widower"
            | "fiance"
            | "fiancee"
            | "fiancé"
            | "fiancée"
    )
}

/// Classifies a noun phrase without commas by its head.
fn classify_np(cx: &Cx<'_, '_>, s: usize, e: usize) -> Option<Class> {
    if (s..e).any(|t| cx.is_word(t) && is_verbish(cx.low(t)) && !matches!(cx.low(t.saturating_sub(1)), "who" | "that"))
    {
        return None;
    }
    let mut m = s + 1;
    while m < e && !(cx.is_word(m) && starts_postmodifier_at(cx, m)) {
        m += 1;
    }
    // "the post by an unknown author": the agent is the source.
    if m < e && cx.low(m) == "by" {
        if let Some(agent) = classify_np(cx, m + 1, e) {
            return Some(agent);
        }
    }
    // "one of the docs", "a pair of women": the head is inside the "of" phrase.
    if m < e
        && cx.low(m) == "of"
        && m <= s + 2
        && (s..m).all(|t| is_quantifier(cx.low(t)) || matches!(cx.low(t), "a" | "an" | "the"))
    {
        // "one of the aides", "a pair of women" count specific people; "a group of parents",
        // "a number of critics", "dozens of protesters" stay a crowd.
        let counted = (s..m).any(|t| {
            let w = cx.low(t);
            (lex::is_counting_determiner(w) && !matches!(w, "a" | "an" | "number" | "handful"))
                || matches!(w, "pair" | "couple")
        });
        return match classify_np(cx, m + 1, e) {
            Some(mut inner) => {
                if inner.kind == SourceKind::Vague && counted {
                    inner.kind = SourceKind::Anonymous;
                }
                Some(inner)
            }
            None => {
                let head = (m + 1..e)
                    .take_while(|&t| !(cx.is_word(t) && lex::starts_postmodifier(cx.low(t))))
                    .filter(|&t| cx.is_word(t))
                    .last()?;
                let person_noun = LEX.role_heads.contains(cx.low(head)) || LEX.group_heads.contains(cx.low(head));
                (counted && person_noun).then_some(Class {
                    kind: SourceKind::Anonymous,
                    vantage: None,
                    person: None,
                    plural: true,
                })
            }
        };
    }
    let head = (s..m).rev().find(|&t| cx.is_word(t))?;
    let vantage = (m < e).then(|| cx.span(m, e));
    let hl = cx.low(head);
    let plural = is_plural(hl);
    let class = |kind| {
        Some(Class {
            kind,
            vantage,
            person: None,
            plural,
        })
    };
    let linked = cx
        .mention
        .get(head)
        .copied()
        .flatten()
        .filter(|&(p, mk)| mk != MentionKind::Nominal || described_as(cx, p, hl, head));
    if let Some((person, mk)) = linked {
        let kind = if mk == MentionKind::Pronoun {
            SourceKind::Pronoun
        } else {
            SourceKind::Named
        };
        return Some(Class {
            kind,
            vantage,
            person: Some(person),
            plural: false,
        });
    }
    if lex::is_pronoun(hl) && head == s {
        return class(SourceKind::Pronoun);
    }
    let first = cx.low(s);
    // "Both lawmakers said": the pair was named just before; it points back like a pronoun.
    if first == "both" && head > s {
        return class(SourceKind::Pronoun);
    }
    let counted = is_counted(cx, s, head);
    // "Some say", "many believe": a bare quantifier stands for an unnamed crowd.
    if (s..=head).all(|t| !cx.is_word(t) || is_quantifier(cx.low(t)) || lex::is_determiner(cx.low(t)))
        && is_crowd_quantifier(hl)
    {
        return class(SourceKind::Vague);
    }
    // "The Daily Caller", "Goldman Sachs": a capitalised head inside a sentence is a proper name.
    // The sentence's first word is capitalised whatever it is, so it proves nothing; nor do
    // quantifiers ("Many Mexicans").
    let opens_sentence = cx.opens_sentence(head);
    let modifiers = (s..head).filter(|&t| {
        cx.is_word(t)
            && !lex::is_determiner(cx.low(t))
            && !lex::is_counting_determiner(cx.low(t))
            && !is_quantifier(cx.low(t))
            && !cx.opens_sentence(t)
    });
    let proper_modifiers = modifiers.clone().count() > 0 && modifiers.clone().all(|t| cx.is_capitalized(t));
    if cx.is_capitalized(head) && !opens_sentence && proper_modifiers {
        return class(if first == "the" {
            SourceKind::Institution
        } else {
            SourceKind::Named
        });
    }
    if LEX.anonymous_heads.contains(hl) || cx.extra.is_source_noun(hl) {
        // "5,300 employees" is a crowd, however anonymous its members.
        let crowd = (s..head).any(|t| cx.is_number(t) && !lex::is_counting_determiner(cx.low(t)));
        return class(if crowd {
            SourceKind::Vague
        } else {
            SourceKind::Anonymous
        });
    }
    if LEX.group_heads.contains(hl) {
        // "according to People", "she told People": a crowd word that names a publication,
        // standing alone and capitalised in the middle of a sentence of body text.
        // Title-case text ("Many People Say") is not evidence: the words around it are lowercase.
        let lowercase = |t: usize| !cx.is_word(t) || !cx.is_capitalized(t);
        if head == s
            && m == head + 1
            && LEX.crowd_publications.contains(hl)
            && cx.is_capitalized(head)
            && !cx.opens_sentence(head)
            && !cx.in_headline(head)
            && head.checked_sub(1).is_some_and(lowercase)
            && lowercase(head + 1)
        {
            return class(SourceKind::Named);
        }
        let specific = counted || vantage_is_specific(cx, m, e);
        return class(if specific {
            SourceKind::Anonymous
        } else {
            SourceKind::Vague
        });
    }
    if LEX.document_heads.contains(hl) {
        // "Studies show", "new research suggests", "reports say": evidence nobody can look up.
        // "The study", "a Pew poll", "reports by the agency" are documents.
        // Polls are counts, not claims: "polls show a close race" stays a document.
        // "Studies show" stays a vague appeal to evidence; "a new report", "new reports" with no
        // publisher are media hearsay passed on by people the story does not name: anonymous.
        let unsourced = |indefinite: bool| {
            vantage.is_none()
                && (s..head).all(|t| {
                    let w = cx.low(t);
                    !cx.is_word(t)
                        || ((!lex::is_determiner(w) || (indefinite && matches!(w, "a" | "an")))
                            && !w.ends_with("'s")
                            && !w.ends_with("’s")
                            && (!cx.is_capitalized(t) || cx.opens_sentence(t)))
                })
        };
        if matches!(hl, "report" | "reports") && unsourced(true) && !(hl == "report" && head == s) {
            return class(SourceKind::Anonymous);
        }
        let vague = matches!(hl, "studies" | "research") && unsourced(false);
        return class(if vague { SourceKind::Vague } else { SourceKind::Document });
    }
    if LEX.institution_heads.contains(hl) {
        return class(SourceKind::Institution);
    }
    if LEX.role_heads.contains(hl) {
        let possessive = (s..head).any(|t| cx.low(t).ends_with("'s") || cx.low(t).ends_with("’s"));
        let owned = matches!(first, "my" | "his" | "her" | "their" | "our" | "your");
        // "her mother", "Ortiz's son" identify someone through a relation; "her publicist",
        // "Vale's rep" are still unnamed people.
        let identified = is_kin(hl) && (possessive || owned || (first == "the" && !vantage_is_indefinite(cx, m, e)));
        let determined = matches!(first, "a" | "an" | "the" | "one" | "another") || counted || owned || possessive;
        return if identified {
            class(SourceKind::Named)
        } else if determined {
            class(SourceKind::Anonymous)
        } else {
            None
        };
    }
    // "many commuters", "some shop owners": any plural under a crowd quantifier is a crowd.
    if is_crowd_quantifier(first) && head > s && plural && !cx.is_capitalized(head) {
        return class(SourceKind::Vague);
    }
    if lex::is_unique_office(hl) && first == "the" {
        return class(SourceKind::Named);
    }
    if cx.is_capitalized(head) {
        let words = (s..m).filter(|&t| cx.is_word(t)).count();
        let all_caps = (s..m).filter(|&t| cx.is_word(t)).all(|t| cx.is_capitalized(t));
        // "Many Mexicans", "some Democrats": a quantified group, not a name.
        if is_quantifier(first) && words > 1 {
            return class(if counted {
                SourceKind::Anonymous
            } else {
                SourceKind::Vague
            });
        }
        // "psychologist Alvord", "team physician Ramalho": a bare role before a capitalised
        // word is a person's title, not an organisation.
        let titled = words <= 4
            && !lex::is_determiner(first)
            && (s..head)
                .filter(|&t| cx.is_word(t))
                .all(|t| !cx.is_capitalized(t) || cx.opens_sentence(t));
        if titled && words >= 2 {
            return class(SourceKind::Named);
        }
        return if first != "the" && all_caps && words <= 4 {
            class(SourceKind::Named)
        } else {
            class(SourceKind::Institution)
        };
    }
    None
}

/// Whether token `m` opens a post-modifier of the noun before it: "close to", "who", or a
/// participle after a plural ("protesters marching through the streets").
fn starts_postmodifier_at(cx: &Cx<'_, '_>, m: usize) -> bool {
    let (w, prev) = (cx.low(m), cx.low(m.saturating_sub(1)));
    if lex::is_determiner(prev) {
        return false;
    }
    lex::starts_postmodifier(w)
        || (w.len() > 5 && w.ends_with("ing") && !cx.is_capitalized(m) && is_plural(prev) && !is_quantifier(prev))
}

/// Whether the story described person `p` with the noun `noun` somewhere other than at token
/// `at`: an epithet ("the manager") names someone only when it was introduced for them.
fn described_as(cx: &Cx<'_, '_>, p: usize, noun: &str, at: usize) -> bool {
    let Some(person) = cx.people.get(p) else {
        return false;
    };
    let here = cx.doc.tokens.get(at).map(|t| t.span);
    person.descriptors.iter().any(|d| {
        !here.is_some_and(|h| d.span.overlaps(h))
            && d.text
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == noun)
    })
}

/// "of a man fatally shot": a post-modifier about someone unnamed, which identifies no one.
fn vantage_is_indefinite(cx: &Cx<'_, '_>, m: usize, e: usize) -> bool {
    m + 1 < e && matches!(cx.low(m + 1), "a" | "an" | "one" | "some")
}

fn is_quantifier(w: &str) -> bool {
    matches!(
        w,
        "one"
            | "two"
            | "three"
            | "some"
            | "many"
            | "most"
            | "several"
            | "few"
            | "all"
            | "each"
            | "none"
            | "both"
            | "any"
            | "dozens"
            | "hundreds"
            | "pair"
            | "number"
            | "group"
            | "handful"
            | "couple"
            | "majority"
            | "lot"
    )
}

/// Quantifiers that stand alone for a crowd: "some say", "many believe", "others argue".
fn is_crowd_quantifier(w: &str) -> bool {
    matches!(w, "some" | "many" | "most" | "few" | "several" | "others")
}

fn is_plural(w: &str) -> bool {
    matches!(
        w,
        "people" | "police" | "spokespeople" | "others" | "some" | "many" | "several"
    ) || (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us"))
}

/// A counted phrase ("one analyst", "two senior lawmakers", "at least one Democrat") names a
/// specific group, not a crowd.
fn is_counted(cx: &Cx<'_, '_>, s: usize, head: usize) -> bool {
    (s..head).any(|t| lex::is_counting_determiner(cx.low(t)))
}

/// "voters who attended", "analysts close to the talks": a post-modifier that pins the group
/// down. "Experts I interviewed" does not: the reporter's own sample of a crowd is still a crowd.
fn vantage_is_specific(cx: &Cx<'_, '_>, m: usize, e: usize) -> bool {
    m < e && matches!(cx.low(m), "who" | "in" | "at" | "close" | "familiar" | "briefed")
}
