//! `suppression-without-reason` (warning): a `copydesk-ignore` that does not say why.
//!
//! ## What it flags
//! A `copydesk-ignore` or `copydesk-ignore-file` directive with no reason after a colon, or
//! with the code action's `TODO` placeholder still in place of one. The directive still
//! silences what it names; this finding stays until the reason is written.
//!
//! ## Why
//! Approving an anonymous source is an editor's decision, and the record of it is the reason:
//! `check --format json` and SARIF list every suppressed finding with its reason for an audit.
//!
//! ## Example
//! ```text
//! <!-- copydesk-ignore anonymous-source -->
//! ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ suppression-without-reason
//! ```
//!
//! ## Not flagged
//! `<!-- copydesk-ignore anonymous-source: approved by the night editor; source fears dismissal -->`.

use crate::analysis::rules::{Context, Draft};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Draft>) {
    for d in cx.directives.iter().filter(|d| d.reason.is_empty()) {
        out.push(Draft {
            span: d.span,
            message: "This copydesk-ignore gives no reason: write who approved it and why after a colon.".to_string(),
            related: Vec::new(),
            fixes: Vec::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::suppress::PLACEHOLDER;
    use crate::analysis::rules::test_util::check;
    use crate::analysis::{Format, RuleId};

    #[test]
    fn flags_a_bare_ignore_and_a_placeholder_but_not_a_reason() {
        check(
            "<!-- copydesk-ignore anonymous-source -->\n\
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ suppression-without-reason\n\
             The mayor will resign, a source said.\n\n\
             <!-- copydesk-ignore anonymous-source: approved by the night editor -->\n\
             The council will fold, an aide said.\n",
            Format::Markdown,
            &[RuleId::SuppressionWithoutReason],
        );
        let text = format!("copydesk-ignore anonymous-source: {PLACEHOLDER}\nThe mayor will resign, a source said.\n");
        let analysis = crate::analysis::analyze(&text, &crate::analysis::Config::with_format(Format::Plain));
        let rules: Vec<RuleId> = analysis.findings.iter().map(|f| f.rule).collect();
        assert!(rules.contains(&RuleId::SuppressionWithoutReason), "{rules:?}");
        assert!(
            !rules.contains(&RuleId::AnonymousSource),
            "it still silences: {rules:?}"
        );
    }
}
