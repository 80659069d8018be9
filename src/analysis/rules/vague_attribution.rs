//! `vague-attribution` (information): a claim attributed to an unspecified crowd or authority.
//!
//! ## What it flags
//! "Critics say", "many experts believe", "some fans", "reportedly", "it is said", "is believed
//! to": Wikipedia's weasel words, and the hearsay adverbs that attribute a claim to nobody.
//!
//! ## Why
//! A reader cannot weigh a claim whose source is "critics": say who, or how many.
//!
//! ## Example
//! ```text
//! Critics say the bridge is unsafe.
//! ^^^^^^^ vague-attribution
//! ```
//!
//! ## Not flagged
//! Counted or specific groups ("two lawmakers", "experts I interviewed"), which are anonymous
//! sources instead, and named sources. A hearsay adverb that describes a charge ("arrested for
//! allegedly selling", "charged with allegedly taking") or is part of a name ("the Allegedly
//! podcast").

use super::describe_source;
use crate::analysis::model::SourceKind;
use crate::analysis::rules::{Context, Draft};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Draft>) {
    for src in cx.analysis.sources.iter().filter(|s| s.kind == SourceKind::Vague) {
        out.push(Draft {
            span: src.span,
            message: format!(
                "{} attributes this to no one in particular: say who.",
                describe_source(cx.text(), src.span)
            ),
            related: Vec::new(),
            fixes: Vec::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_util::check;
    use crate::analysis::{Format, RuleId};

    #[test]
    fn flags_crowds_hearsay_adverbs_and_impersonal_passives() {
        check(
            include_str!("../../../tests/fixtures/attribution/flags_vague.txt"),
            Format::Plain,
            &[RuleId::VagueAttribution],
        );
    }
}
