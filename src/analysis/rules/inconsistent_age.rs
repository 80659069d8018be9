//! `inconsistent-age` (warning): one person given two different ages.
//!
//! ## What it flags
//! A stated age ("Ortiz, 41,", "41-year-old Ortiz", "the actress, 41,") that differs from an
//! age stated earlier for the same person. The later age is flagged, with the earlier one as
//! related information.
//!
//! ## Why
//! Two ages for one person means one of them is wrong, or the story mixes up two people.
//!
//! ## Examples
//! "Ana Ortiz, 41, ... Ortiz, 42, said" flags "42".
//!
//! ## Not flagged
//! An age tied to another time: when its sentence names a year ("In 2009, Ortiz, 27,
//! moved"), or says "when", "then", "ago", "at the time" or "back in". The same age stated
//! twice.

use crate::analysis::model::{Age, Related};
use crate::analysis::rules::{Context, Draft};
use crate::analysis::segment::{Document, TokenKind};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Draft>) {
    for person in &cx.analysis.people {
        let mut ages: Vec<&Age> = person.ages.iter().filter(|a| plain(cx.doc, a)).collect();
        ages.sort_by_key(|a| a.span.start);
        let Some(first) = ages.first() else {
            continue;
        };
        for later in ages.iter().skip(1).filter(|a| a.years != first.years) {
            out.push(Draft {
                span: later.span,
                message: format!(
                    "{} is {} here but {} earlier in the story.",
                    person.name, later.years, first.years
                ),
                related: vec![Related {
                    span: first.span,
                    message: format!("given as {} here", first.years),
                }],
                fixes: Vec::new(),
            });
        }
    }
}

/// An age stated for the story's present: its sentence names no year and no other time.
fn plain(doc: &Document<'_>, age: &Age) -> bool {
    let Some(s) = doc.sentence_at(age.span.start).and_then(|i| doc.sentences.get(i)) else {
        return false;
    };
    !s.tokens.clone().any(|i| {
        let w = doc.token_text(i);
        let year = doc.tokens[i].kind == TokenKind::Number
            && w.len() == 4
            && w.parse::<u32>().is_ok_and(|y| (1800..2100).contains(&y));
        let cue = matches!(
            w.to_lowercase().as_str(),
            "when" | "then" | "ago" | "time" | "back" | "aged" | "age"
        );
        year || cue
    })
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_util::check;
    use crate::analysis::{Format, RuleId};

    const RULE: &[RuleId] = &[RuleId::InconsistentAge];

    #[test]
    fn flags_two_appositive_ages() {
        check(
            concat!(
                "Marta Quiroga, 58, has kept bees for decades.\n",
                "The hives are small, Quiroga, 59, said on Tuesday.\n",
                "                              ^^ inconsistent-age\n",
            ),
            Format::Plain,
            RULE,
        );
    }

    #[test]
    fn flags_a_hyphenated_age_against_an_appositive() {
        check(
            concat!(
                "Dario Fenwick, 33, opened a shop.\n",
                "The 34-year-old Fenwick said rents were rising.\n",
                "    ^^^^^^^^^^^ inconsistent-age\n",
            ),
            Format::Plain,
            RULE,
        );
    }

    #[test]
    fn allows_an_age_tied_to_a_past_year() {
        check(
            "Marta Quiroga, 58, keeps bees. In 1990, Quiroga, 25, bought her first hive.\n",
            Format::Plain,
            RULE,
        );
    }

    #[test]
    fn allows_the_same_age_twice() {
        check(
            "Marta Quiroga, 58, keeps bees. Quiroga, 58, sells honey.\n",
            Format::Plain,
            RULE,
        );
    }
}
