//! `surname-before-full-name` (information): a surname used before the story introduces the person in full.
//!
//! ## What it flags
//! The first surname alone ("Ortiz", "Ms. Ortiz") that comes before the first full-name
//! mention of the same person ("Ana Ortiz") later in the story, with that full mention as
//! related information. One finding per person.
//!
//! ## Why
//! News style introduces a person by full name first; a reader meeting "Ortiz" first does not
//! know who that is.
//!
//! ## Examples
//! "Ortiz won the race. ... Ana Ortiz, 41, trains at dawn." flags the first "Ortiz"; the fix
//! writes "Ana Ortiz" there.
//!
//! ## Not flagged
//! Headlines and titles (a first line with no closing punctuation, text in capitals), first
//! names alone, a surname shared by two people in the story, people never named in full, and a
//! surname more than three paragraphs before the full name (it may be someone else).

use std::collections::HashMap;

use crate::analysis::model::{Fix, Mention, MentionKind, Person, Related};
use crate::analysis::text::fold;
use crate::analysis::rules::{Context, Draft};
use crate::analysis::segment::Document;

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Draft>) {
    let text = cx.text();
    let people = &cx.analysis.people;
    let counts = surname_counts(people, text);
    for person in people {
        let Some(full) = person.mentions.iter().find(|m| m.kind == MentionKind::Name) else {
            continue;
        };
        let full_text = full.span.of(text);
        let Some(surname) = full_text.split_whitespace().last().map(fold) else {
            continue;
        };
        if counts.get(&surname).copied().unwrap_or(0) > 1 {
            continue;
        }
        // The first bare surname before the full name, if any: one finding per person.
        let early = person.mentions.iter().find(|m| {
            let word = m.span.of(text);
            m.kind == MentionKind::ShortName
                && m.span.end <= full.span.start
                && fold(word) == surname
                && word.chars().any(char::is_lowercase)
                && !headline(cx.doc, m)
                && near(cx.doc, m, full)
        });
        if let Some(m) = early {
            let word = m.span.of(text);
            out.push(Draft {
                span: m.span,
                message: format!("“{word}” appears before the story introduces {full_text} by full name."),
                related: vec![Related {
                    span: full.span,
                    message: format!("{full_text} is introduced here"),
                }],
                fixes: vec![Fix {
                    ignore: false,
                    title: format!("Introduce {full_text} here by full name"),
                    edits: vec![(m.span, full_text.to_string())],
                }],
            });
        }
    }
}

/// How many people have a full name ending in each (folded) surname.
fn surname_counts(people: &[Person], text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for p in people {
        let mut mine: Vec<String> = p
            .mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Name)
            .filter_map(|m| m.span.of(text).split_whitespace().last().map(fold))
            .collect();
        mine.sort_unstable();
        mine.dedup();
        for s in mine {
            *counts.entry(s).or_insert(0) += 1;
        }
    }
    counts
}

/// The full name comes within three paragraphs of the surname: further away, the bare
/// surname may well be someone else of that name.
fn near(doc: &Document<'_>, early: &Mention, full: &Mention) -> bool {
    match (doc.paragraph_at(early.span.start), doc.paragraph_at(full.span.start)) {
        (Some(a), Some(b)) => b.saturating_sub(a) <= 3,
        _ => false,
    }
}

/// A heading: the mention's paragraph has no closing punctuation and fewer than 16 words, or
/// is a Markdown heading.
fn headline(doc: &Document<'_>, m: &Mention) -> bool {
    let Some(p) = doc.paragraph_at(m.span.start).and_then(|i| doc.paragraphs.get(i)) else {
        return false;
    };
    let body = p.span.of(&doc.text).trim_end();
    let closed = body.ends_with(['.', '!', '?', '”', '"', '’', ')']);
    let line_start = doc.original[..p.span.start.min(doc.original.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let markdown = doc
        .original
        .get(line_start..p.span.start)
        .is_some_and(|s| s.trim_start().starts_with('#'));
    markdown || (!closed && body.split_whitespace().count() < 16)
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_util::check;
    use crate::analysis::{Format, RuleId};

    const RULE: &[RuleId] = &[RuleId::SurnameBeforeFullName];

    #[test]
    fn flags_a_surname_before_the_full_name() {
        check(
            concat!(
                "The council met on Monday. Okonkwo said the budget was tight.\n",
                "                           ^^^^^^^ surname-before-full-name\n",
                "Chidi Okonkwo, the treasurer, has served since 2019.\n",
            ),
            Format::Plain,
            RULE,
        );
    }

    #[test]
    fn allows_a_surname_in_the_headline() {
        check(
            "Okonkwo warns of tight budget\n\nChidi Okonkwo, the treasurer, spoke on Monday. Okonkwo said costs rose.\n",
            Format::Plain,
            RULE,
        );
    }

    #[test]
    fn allows_a_surname_shared_by_two_people() {
        check(
            "Okonkwo said the vote was close. Chidi Okonkwo and Ada Okonkwo both voted.\n",
            Format::Plain,
            RULE,
        );
    }

    #[test]
    fn allows_the_usual_order() {
        check(
            "Chidi Okonkwo, the treasurer, spoke. Okonkwo said costs rose.\n",
            Format::Plain,
            RULE,
        );
    }

    #[test]
    fn the_fix_writes_the_full_name_first() {
        let text = "Ortiz won the race.\n\nAna Ortiz, 41, trains at dawn.\n";
        let out = crate::analysis::rules::test_util::fixed(text, Format::Plain, RuleId::SurnameBeforeFullName);
        assert_eq!(out, "Ana Ortiz won the race.\n\nAna Ortiz, 41, trains at dawn.\n");
    }
}
