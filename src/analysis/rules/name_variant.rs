//! `name-variant` (warning): the same person's name spelled two ways.
//!
//! ## What it flags
//! A mention whose spelling differs from the spelling the story uses for the same person
//! elsewhere: an accent dropped or added ("Ortíz" for "Ortiz"), or one letter off ("Ortis",
//! "Ana Ortis"). The less frequent spelling is flagged (the later one on a tie), with the other
//! spelling as related information.
//!
//! ## Why
//! A misspelled name is among the most embarrassing corrections a paper prints, and a reader
//! cannot tell which spelling is right.
//!
//! ## Examples
//! "Ana Ortiz won. ... Ortíz said she was pleased." flags "Ortíz"; the fix spells it "Ortiz".
//!
//! ## Not flagged
//! Two different people ("Jon Lee" and "John Lee" both named in full, or "Hansen" and "Hanson"
//! when both are frequent surnames and neither is tied to the other by a shared given name),
//! apostrophe styles ("O’Neill", "O'Neill"), capitals in a headline ("ORTIZ"), possessives ("Ortiz’s"), a family in the plural ("the
//! Ortizes", "the Parkers"), names whose first letters differ ("Bennett", "Kennett"), and short
//! names (under five letters) that differ by one letter.

use std::collections::HashMap;

use crate::analysis::model::{Fix, MentionKind, Related, Span};
use crate::analysis::text::{fold, one_edit};
use crate::analysis::rules::{Context, Draft};

/// One spelling of one name word: its text and where it occurs.
struct Form<'a> {
    text: &'a str,
    spans: Vec<Span>,
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Draft>) {
    let text = cx.text();
    for person in &cx.analysis.people {
        let mut forms: Vec<Form<'_>> = Vec::new();
        for m in &person.mentions {
            if !matches!(m.kind, MentionKind::Name | MentionKind::ShortName) {
                continue;
            }
            let name = m.span.of(text);
            if !name.chars().any(char::is_lowercase) {
                continue;
            }
            let Some(word) = name.split_whitespace().last() else {
                continue;
            };
            let start = m.span.end - word.len();
            let span = Span::new(start, m.span.end);
            match forms.iter_mut().find(|f| f.text == word) {
                Some(f) => f.spans.push(span),
                None => forms.push(Form {
                    text: word,
                    spans: vec![span],
                }),
            }
        }
        flag(&forms, out);
    }
}

/// Flags each minority spelling against the majority spelling it varies from.
fn flag(forms: &[Form<'_>], out: &mut Vec<Draft>) {
    let folded: HashMap<&str, String> = forms.iter().map(|f| (f.text, fold(f.text))).collect();
    for a in forms {
        for b in forms {
            let (fa, fb) = (&folded[a.text], &folded[b.text]);
            let apostrophes = a.text.replace('’', "'") == b.text.replace('’', "'");
            let variant = a.text != b.text
                && !apostrophes
                && (fa == fb || one_edit(fa, fb) && same_start(fa, fb) && !plural(fa, fb));
            let b_wins = b.spans.len() > a.spans.len() || (b.spans.len() == a.spans.len() && b.spans[0] < a.spans[0]);
            if !(variant && b_wins) {
                continue;
            }
            for &span in &a.spans {
                out.push(Draft {
                    span,
                    message: format!("“{}” is spelled “{}” elsewhere in the story.", a.text, b.text),
                    related: vec![Related {
                        span: b.spans[0],
                        message: format!("spelled “{}” here", b.text),
                    }],
                    fixes: vec![Fix {
                        ignore: false,
                        title: format!("Spell it “{}”", b.text),
                        edits: vec![(span, b.text.to_string())],
                    }],
                });
            }
        }
    }
}

/// Typos rarely change a name's first letter ("Kennett" and "Bennett" are two names).
fn same_start(a: &str, b: &str) -> bool {
    a.chars().next() == b.chars().next()
}

/// "the Parkers": a family name in the plural is not a misspelling.
fn plural(a: &str, b: &str) -> bool {
    a.strip_suffix('s') == Some(b) || b.strip_suffix('s') == Some(a)
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_util::check;
    use crate::analysis::{Format, RuleId};

    const RULE: &[RuleId] = &[RuleId::NameVariant];

    #[test]
    fn flags_a_dropped_accent() {
        check(
            concat!(
                "Elena Márquez opened the bakery in March. Márquez said the ovens arrived late.\n",
                "By noon Marquez had sold out.\n",
                "        ^^^^^^^ name-variant\n",
            ),
            Format::Plain,
            RULE,
        );
    }

    #[test]
    fn flags_a_surname_one_letter_off() {
        check(
            concat!(
                "Tomasz Wielgosz, 52, runs the ferry. Wielgosz said the river was high.\n",
                "Wielgoss added that the crossing would reopen on Monday.\n",
                "^^^^^^^^ name-variant\n",
            ),
            Format::Plain,
            RULE,
        );
    }

    #[test]
    fn allows_two_people_with_similar_names() {
        check(
            "Jon Pryce and John Pryce, cousins, both ran. Jon Pryce won; John Pryce came second.\n",
            Format::Plain,
            RULE,
        );
    }

    #[test]
    fn allows_headline_capitals_and_possessives() {
        check(
            "WIELGOSZ KEEPS THE FERRY GOING\n\nTomasz Wielgosz runs the ferry. Wielgosz’s boat is old.\n",
            Format::Plain,
            RULE,
        );
    }

    #[test]
    fn the_fix_spells_the_name_as_elsewhere() {
        let text = "Ana Ortiz won the seat. Ortiz thanked her staff. Later, Ortíz said she was pleased.\n";
        let out = crate::analysis::rules::test_util::fixed(text, Format::Plain, RuleId::NameVariant);
        assert_eq!(out, text.replace("Ortíz", "Ortiz"));
    }
}
