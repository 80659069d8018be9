//! Rule ids and severities: the one table of rules.
//!
//! [`rule_table!`] is the single source of the rule list. Each row names the rule's id variant,
//! its module under `analysis::rules`, its stable kebab-case id, its default severity and a one-line
//! summary. This module expands the table into [`RuleId`]; `analysis::rules` expands the same table
//! into its registry (the `mod` lines and the checks), so the model never imports a rule and a new
//! rule is one row here, one file in `rules/`, one fixture folder in `tests/fixtures/`.

use serde::Serialize;

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

/// Calls `$callback!` with every rule as `Variant => module, id-literal, severity, summary;`,
/// sorted by id. Add a rule here, in its own file under `rules/`, and in `tests/fixtures/<id>/`.
macro_rules! rule_table {
    ($callback:ident) => {
        $callback! {
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
    };
}
pub(crate) use rule_table;

macro_rules! rule_ids {
    ($($variant:ident => $module:ident, $id:literal, $severity:ident, $summary:literal;)*) => {
        /// A stable rule id; serialises as its kebab-case name.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum RuleId {
            $(#[serde(rename = $id)] $variant,)*
        }

        impl RuleId {
            /// Every rule id, sorted.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(RuleId::$variant => $id,)* }
            }
            pub fn parse(s: &str) -> Option<RuleId> {
                match s { $($id => Some(RuleId::$variant),)* _ => None }
            }
            pub fn default_severity(self) -> Severity {
                match self { $(RuleId::$variant => Severity::$severity,)* }
            }
            /// One line for tables and `--help`.
            pub fn summary(self) -> &'static str {
                match self { $(RuleId::$variant => $summary,)* }
            }
        }
    };
}

rule_table!(rule_ids);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_sorted_kebab_case_and_round_trip() {
        let ids: Vec<&str> = RuleId::ALL.iter().map(|r| r.as_str()).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(ids, sorted);
        for &r in RuleId::ALL {
            assert_eq!(RuleId::parse(r.as_str()), Some(r));
            assert!(r.as_str().chars().all(|c| c.is_ascii_lowercase() || c == '-'));
            assert!(r.summary().ends_with('.'), "{}", r.as_str());
        }
    }
}
