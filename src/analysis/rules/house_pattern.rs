//! `house-pattern` (warning): a phrase the newsroom's own style forbids.
//!
//! ## What it flags
//! Every match of a pattern listed under `[[house.patterns]]` in `copydesk.toml`, with the
//! message written there. Patterns are regular expressions run by the `regex` crate, in time
//! linear in the text whatever the pattern; matches in code and markup are skipped.
//!
//! ## Why
//! Each desk has phrases it has banned ("sources say", "reportedly"); the rule lets the desk
//! state them once for editors and CI alike.
//!
//! ## Example
//! With `pattern = "(?i)\\bsources say\\b"`:
//! ```text
//! Sources say the deal is off.
//! ^^^^^^^^^^^ house-pattern
//! ```
//!
//! ## Not flagged
//! Anything, when no pattern is configured.

use crate::analysis::model::Span;
use crate::analysis::rules::{Context, Draft};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Draft>) {
    for p in &cx.config.house.patterns {
        for m in p.regex.find_iter(cx.text()).filter(|m| !m.as_str().trim().is_empty()) {
            out.push(Draft {
                span: Span::new(m.start(), m.end()),
                message: p.message.clone(),
                related: Vec::new(),
                fixes: Vec::new(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{analyze, Config, HousePattern, RuleId};

    #[test]
    fn flags_each_match_with_the_configured_message_outside_code() {
        let mut config = Config::with_format(crate::analysis::Format::Markdown);
        config.house.patterns.push(HousePattern {
            regex: regex::Regex::new(r"(?i)\bsources say\b").unwrap(),
            message: "Name them.".into(),
        });
        let text = "Sources say the deal is off.\n\n`sources say` in code.\n";
        let found: Vec<_> = analyze(text, &config)
            .findings
            .into_iter()
            .filter(|f| f.rule == RuleId::HousePattern)
            .map(|f| (f.span.of(text).to_string(), f.message))
            .collect();
        assert_eq!(found, vec![("Sources say".to_string(), "Name them.".to_string())]);
    }
}
