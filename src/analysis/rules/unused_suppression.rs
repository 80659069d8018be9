//! `unused-suppression` (hint): a `copydesk-ignore` that silences nothing.
//!
//! ## What it flags
//! A directive none of whose rules fired where it applies: the text was rewritten since, the
//! rule id is misspelled, or it sits before the wrong paragraph. The code action deletes it.
//!
//! ## Why
//! A stale approval reads as if an editor had signed off on something that is no longer there.
//!
//! ## Example
//! ```text
//! <!-- copydesk-ignore anonymous-source: approved by Kim -->
//! ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unused-suppression
//! The mayor said she would resign.
//! ```
//!
//! ## Not flagged
//! A directive that silences at least one finding.
//!
//! The registry's `check` finds nothing: what a directive silenced is known only after every
//! other rule has run, so [`super::run`] calls [`findings`] after the suppression pass.

use super::suppress::Directive;
use crate::analysis::model::{Fix, Span};
use crate::analysis::rules::{Context, Draft};

pub(super) fn check(_: &Context<'_>, _: &mut Vec<Draft>) {}

/// One finding for each directive that silenced nothing (`used[i]` false).
pub(super) fn findings(text: &str, directives: &[Directive], used: &[bool]) -> Vec<Draft> {
    let unused = directives.iter().zip(used).filter(|(_, &u)| !u).map(|(d, _)| d);
    unused
        .map(|d| {
            let message = match d.unknown.first() {
                Some(name) => format!("“{name}” is not a copydesk rule id, so this copydesk-ignore silences nothing."),
                None => "This copydesk-ignore silences nothing: no finding it names is in its scope.".to_string(),
            };
            // Delete the directive with its line break when it is alone on its line.
            let mut end = d.span.end;
            if text.get(end..).is_some_and(|t| t.starts_with('\n')) {
                end += 1;
            }
            Draft {
                span: d.span,
                message,
                related: Vec::new(),
                fixes: vec![Fix {
                    ignore: false,
                    title: "Remove this copydesk-ignore".to_string(),
                    edits: vec![(Span::new(d.span.start, end), String::new())],
                }],
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_util::check_all as check;
    use crate::analysis::{Format, RuleId};

    #[test]
    fn flags_an_ignore_with_nothing_to_silence_and_a_misspelled_rule() {
        check(
            "<!-- copydesk-ignore anonymous-source: approved by Kim -->\n\
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unused-suppression\n\
             The mayor, Ines Calloway, said she would resign.\n\n\
             <!-- copydesk-ignore anonymus-source: approved by Kim -->\n\
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unused-suppression\n\
             The council will fold, a source said.\n\n\
             <!-- copydesk-ignore anonymous-source: approved by Kim -->\n\
             The budget is late, a source said.\n",
            Format::Markdown,
            &[RuleId::UnusedSuppression],
        );
    }
}
