//! The rule registry: one file per rule, each with its user docs, its check and its tests.
//!
//! A rule reads the finished engines' output (people, quotes, sources) through a [`Context`] and
//! pushes [`Draft`]s. [`run`] stamps each with the rule's id and configured severity and drops
//! rules that are off, then the suppression pass ([`suppress`]) moves what `copydesk-ignore`
//! directives silence aside, with their reasons, and every finding left gets its "ignore with a
//! reason" fix.
//! Rule ids are stable kebab-case names: they appear in configs and suppression comments.

use super::model::{rule_table, Analysis, Finding, Fix, Related, Span, Suppressed};
use super::segment::Document;
use super::Config;
use suppress::Directive;

pub mod suppress;

pub use super::model::{RuleId, Severity};

/// What a rule sees.
pub struct Context<'a> {
    pub doc: &'a Document<'a>,
    pub analysis: &'a Analysis,
    pub config: &'a Config,
    /// The document's `copydesk-ignore` directives.
    pub directives: &'a [Directive],
}

impl Context<'_> {
    pub fn text(&self) -> &str {
        &self.doc.text
    }
}

/// What a rule reports: a [`Finding`] before [`run`] stamps it with the rule's id and its
/// configured severity, so rule files never restate either.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub span: Span,
    /// One plain sentence an editor understands.
    pub message: String,
    pub related: Vec<Related>,
    /// What code actions may do about it; they travel in `Diagnostic.data`.
    pub fixes: Vec<Fix>,
}

impl Draft {
    fn stamp(self, rule: RuleId, severity: Severity) -> Finding {
        Finding {
            rule,
            span: self.span,
            severity,
            message: self.message,
            related: self.related,
            fixes: self.fixes,
        }
    }
}

/// One registered rule.
pub struct Rule {
    pub id: RuleId,
    pub default_severity: Severity,
    /// One line for tables and `--help`.
    pub summary: &'static str,
    /// The rule file's `//!` documentation, Markdown: what it flags, why, examples.
    pub docs: &'static str,
    /// Pushes drafts of findings.
    pub check: fn(&Context<'_>, &mut Vec<Draft>),
}

impl Rule {
    /// The user documentation: the rule file's module doc, without its `//!` markers.
    pub fn docs(&self) -> String {
        self.docs
            .lines()
            .map_while(|l| l.strip_prefix("//!"))
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    }
}

macro_rules! registry {
    ($($variant:ident => $module:ident, $id:literal, $severity:ident, $summary:literal;)*) => {
        $(mod $module;)*

        /// Every rule, sorted by id.
        pub const ALL_RULES: &[Rule] = &[
            $(Rule {
                id: RuleId::$variant,
                default_severity: Severity::$severity,
                summary: $summary,
                docs: include_str!(concat!(stringify!($module), ".rs")),
                check: $module::check,
            },)*
        ];
    };
}

rule_table!(registry);

/// A source phrase for a message: “a source close to the couple”, shortened past 48 chars.
pub(crate) fn describe_source(text: &str, span: Span) -> String {
    let phrase = span.of(text).split_whitespace().collect::<Vec<_>>().join(" ");
    if phrase.chars().count() > 48 {
        let short: String = phrase.chars().take(45).collect();
        format!("“{}…”", short.trim_end())
    } else {
        format!("“{phrase}”")
    }
}

/// Runs every rule that is on, with its configured severity, and sorts the findings; then
/// moves aside what `copydesk-ignore` directives silence. Returns the findings kept and those
/// suppressed.
pub fn run(doc: &Document<'_>, analysis: &Analysis, config: &Config) -> (Vec<Finding>, Vec<Suppressed>) {
    let directives = suppress::directives(doc);
    let cx = Context {
        doc,
        analysis,
        config,
        directives: &directives,
    };
    let mut all = Vec::new();
    for rule in ALL_RULES {
        let Some(severity) = config.severity(rule.id) else {
            continue;
        };
        let mut drafts = Vec::new();
        (rule.check)(&cx, &mut drafts);
        all.extend(
            drafts
                .into_iter()
                // Directives are comments, masked in Markdown: their own findings stay.
                .filter(|d| doc.is_prose(d.span) || suppress::is_suppression_rule(rule.id))
                .map(|d| d.stamp(rule.id, severity)),
        );
    }
    all.sort_by_key(|f| (f.span.start, f.span.end, f.rule));
    // Two cues sharing one subject ("X said …, and added …") give one finding, not two.
    all.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);
    fold_into_anonymous_source(&mut all);
    let (mut kept, suppressed, used) = suppress::apply(&directives, all);
    if let Some(severity) = config.severity(RuleId::UnusedSuppression) {
        kept.extend(
            unused_suppression::findings(doc.original, &directives, &used)
                .into_iter()
                .map(|d| d.stamp(RuleId::UnusedSuppression, severity)),
        );
        kept.sort_by_key(|f| (f.span.start, f.span.end, f.rule));
    }
    for f in &mut kept {
        if let Some(fix) = suppress::fix(doc, f) {
            f.fixes.push(fix);
        }
    }
    (kept, suppressed)
}

pub mod fixture;
/// One finding per problem, as an editor reads: an anonymous source's first mention carries one
/// `anonymous-source` finding whose message says what is missing (how they would know, why they
/// were not named) and whose related information lists every quotation resting on it. So a
/// finding that only repeats part of it is folded into it, when it is at least as severe:
/// - `bare-anonymous-source` and `missing-anonymity-reason` on the same phrase;
/// - `anonymous-quote` on a quotation whose speaker is that phrase;
/// - the same on a nearby back-reference the `anonymous-source` finding lists as "the same
///   source again".
///
/// With `anonymous-source` off, or set below them, they stand on their own. `all` is sorted by
/// span.
fn fold_into_anonymous_source(all: &mut Vec<Finding>) {
    // The flagged sources, and the nearby back-references folded into their findings.
    let mut covering: Vec<(Span, Severity)> = all
        .iter()
        .filter(|f| f.rule == RuleId::AnonymousSource)
        .flat_map(|f| {
            let again = f
                .related
                .iter()
                .filter(|r| r.message == anonymous_source::SAME_SOURCE_AGAIN);
            std::iter::once(f.span)
                .chain(again.map(|r| r.span))
                .map(|s| (s, f.severity))
        })
        .collect();
    covering.sort_unstable();
    let covered = |span: Span, severity: Severity| {
        covering
            .binary_search_by_key(&span, |&(s, _)| s)
            .is_ok_and(|i| covering[i].1 <= severity)
    };
    all.retain(|f| match f.rule {
        RuleId::BareAnonymousSource | RuleId::MissingAnonymityReason => !covered(f.span, f.severity),
        RuleId::AnonymousQuote => !f.related.iter().any(|r| covered(r.span, f.severity)),
        _ => true,
    });
}

#[cfg(test)]
pub(crate) mod test_util;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::RuleSetting;

    #[test]
    fn registry_follows_the_rule_table() {
        let ids: Vec<RuleId> = ALL_RULES.iter().map(|r| r.id).collect();
        assert_eq!(ids, RuleId::ALL);
        for r in ALL_RULES {
            assert_eq!(r.default_severity, r.id.default_severity());
            let docs = r.docs();
            assert!(
                docs.starts_with(&format!("`{}` (", r.id.as_str())),
                "{}: docs must open with the id and severity: {docs:.60}",
                r.id.as_str()
            );
            assert!(docs.contains("## What it flags"), "{}", r.id.as_str());
        }
    }

    /// The rule ids of the findings on `text`, with the text they flag, in order.
    fn found(text: &str, config: &Config) -> Vec<(RuleId, String)> {
        crate::analysis::analyze(text, config)
            .findings
            .iter()
            .map(|f| (f.rule, f.span.of(text).to_string()))
            .collect()
    }

    #[test]
    fn one_anonymous_source_gives_one_finding_listing_its_quote() {
        let text = "“We lose money on every crossing,” a source inside the company says.";
        let config = Config::default();
        assert_eq!(
            found(text, &config),
            vec![(RuleId::AnonymousSource, "a source inside the company".to_string())]
        );
        let a = crate::analysis::analyze(text, &config);
        let related: Vec<&str> = a.findings[0].related.iter().map(|r| r.span.of(text)).collect();
        assert_eq!(related, vec!["“We lose money on every crossing,”"]);
        assert!(a.findings[0].message.contains("why they were not named"));
    }

    #[test]
    fn folded_rules_stand_alone_when_anonymous_source_is_off_or_milder() {
        let text = "“We lose money on every crossing,” a source says.";
        let mut config = Config::default();
        config.rules.insert(RuleId::AnonymousSource, RuleSetting::Off);
        let rules: Vec<RuleId> = found(text, &config).into_iter().map(|(r, _)| r).collect();
        assert_eq!(
            rules,
            vec![
                RuleId::AnonymousQuote,
                RuleId::BareAnonymousSource,
                RuleId::MissingAnonymityReason
            ]
        );
        config
            .rules
            .insert(RuleId::AnonymousSource, RuleSetting::On(Severity::Hint));
        let rules: Vec<RuleId> = found(text, &config).into_iter().map(|(r, _)| r).collect();
        assert_eq!(
            rules,
            vec![
                RuleId::AnonymousQuote,
                RuleId::AnonymousSource,
                RuleId::BareAnonymousSource,
                RuleId::MissingAnonymityReason
            ]
        );
    }
}
