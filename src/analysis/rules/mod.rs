//! The rule registry: one file per rule, each with its user docs, its check and its tests.
//!
//! A rule reads the finished engines' output (people, quotes, sources) through a [`Context`] and
//! pushes [`Finding`]s. [`run`] applies the configured severity and drops rules that are off,
//! then the suppression pass ([`suppress`]) moves what `copydesk-ignore` directives silence
//! aside, with their reasons, and every finding left gets its "ignore with a reason" fix.
//! Rule ids are stable kebab-case names: they appear in configs and suppression comments.

use serde::Serialize;

use super::model::{Analysis, Finding, Suppressed};
use super::segment::Document;
use super::Config;
use suppress::Directive;

mod anonymous_opinion;
mod anonymous_quote;
mod anonymous_source;
mod bare_anonymous_source;
mod boilerplate_anonymity_reason;
mod house_pattern;
mod inconsistent_age;
mod missing_anonymity_reason;
mod name_variant;
mod plural_sources_single_voice;
pub mod suppress;
mod suppression_without_reason;
mod surname_before_full_name;
mod unattributed_quote;
mod unused_suppression;
mod vague_attribution;

/// How serious a finding is; maps one to one onto LSP's `DiagnosticSeverity`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }
    /// Parses `error`, `warning`, `information` (or `info`), `hint`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s.trim().to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "information" | "info" => Some(Severity::Information),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

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

/// One registered rule.
pub struct Rule {
    pub id: RuleId,
    pub default_severity: Severity,
    /// One line for tables and `--help`.
    pub summary: &'static str,
    /// Pushes findings; their `severity` is overwritten by [`run`].
    pub check: fn(&Context<'_>, &mut Vec<Finding>),
}

macro_rules! rules {
    ($($variant:ident => $module:ident, $id:literal, $severity:ident, $summary:literal;)*) => {
        /// A stable rule id; serialises as its kebab-case name.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum RuleId {
            $(#[serde(rename = $id)] $variant,)*
        }

        impl RuleId {
            pub fn as_str(self) -> &'static str {
                match self { $(RuleId::$variant => $id,)* }
            }
            pub fn parse(s: &str) -> Option<RuleId> {
                match s { $($id => Some(RuleId::$variant),)* _ => None }
            }
            pub fn default_severity(self) -> Severity {
                match self { $(RuleId::$variant => Severity::$severity,)* }
            }
        }

        /// Every rule, sorted by id.
        pub const ALL_RULES: &[Rule] = &[
            $(Rule {
                id: RuleId::$variant,
                default_severity: Severity::$severity,
                summary: $summary,
                check: $module::check,
            },)*
        ];
    };
}

rules! {
    AnonymousOpinion => anonymous_opinion, "anonymous-opinion", Information,
        "An anonymous source judges or characterises someone instead of reporting a fact.";
    AnonymousQuote => anonymous_quote, "anonymous-quote", Warning,
        "A quotation whose only speaker is an anonymous or vague source.";
    AnonymousSource => anonymous_source, "anonymous-source", Warning,
        "A claim rests on a source the story does not name.";
    BareAnonymousSource => bare_anonymous_source, "bare-anonymous-source", Information,
        "An anonymous source with no description of why they would know.";
    BoilerplateAnonymityReason => boilerplate_anonymity_reason, "boilerplate-anonymity-reason", Hint,
        "The reason given for anonymity is a stock phrase.";
    HousePattern => house_pattern, "house-pattern", Warning,
        "A phrase the house style in copydesk.toml forbids.";
    InconsistentAge => inconsistent_age, "inconsistent-age", Warning,
        "One person is given two different ages.";
    MissingAnonymityReason => missing_anonymity_reason, "missing-anonymity-reason", Information,
        "The story does not say why an anonymous source was granted anonymity.";
    NameVariant => name_variant, "name-variant", Warning,
        "The same person's name is spelled two ways.";
    PluralSourcesSingleVoice => plural_sources_single_voice, "plural-sources-single-voice", Information,
        "\"Sources\" in the plural, but only one voice is ever heard.";
    SuppressionWithoutReason => suppression_without_reason, "suppression-without-reason", Warning,
        "A copydesk-ignore directive that does not say why.";
    SurnameBeforeFullName => surname_before_full_name, "surname-before-full-name", Information,
        "A surname is used before the person is introduced by full name.";
    UnattributedQuote => unattributed_quote, "unattributed-quote", Warning,
        "A quotation with no speaker.";
    UnusedSuppression => unused_suppression, "unused-suppression", Hint,
        "A copydesk-ignore directive that silences nothing.";
    VagueAttribution => vague_attribution, "vague-attribution", Information,
        "A claim is attributed to an unspecified crowd or authority.";
}

/// A source phrase for a message: “a source close to the couple”, shortened past 48 chars.
pub(crate) fn describe_source(text: &str, span: super::model::Span) -> String {
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
        let mut found = Vec::new();
        (rule.check)(&cx, &mut found);
        for mut f in found {
            f.rule = rule.id;
            f.severity = severity;
            // Directives are comments, masked in Markdown: their own findings stay.
            if doc.is_prose(f.span) || suppress::is_suppression_rule(rule.id) {
                all.push(f);
            }
        }
    }
    all.sort_by_key(|f| (f.span.start, f.span.end, f.rule));
    // Two cues sharing one subject ("X said …, and added …") give one finding, not two.
    all.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);
    let (mut kept, suppressed, used) = suppress::apply(&directives, all);
    if let Some(severity) = config.severity(RuleId::UnusedSuppression) {
        kept.extend(
            unused_suppression::findings(doc.original, &directives, &used)
                .into_iter()
                .map(|f| Finding { severity, ..f }),
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

#[cfg(test)]
pub(crate) mod test_util;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_sorted_and_ids_round_trip() {
        let ids: Vec<&str> = ALL_RULES.iter().map(|r| r.id.as_str()).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(ids, sorted);
        for r in ALL_RULES {
            assert_eq!(RuleId::parse(r.id.as_str()), Some(r.id));
            assert!(r.id.as_str().chars().all(|c| c.is_ascii_lowercase() || c == '-'));
        }
    }
}
