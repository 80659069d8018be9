//! What the analyzer may be told: the document's format, per-rule settings, extra word-list
//! entries and house rules.
//!
//! Parsing settings from an editor or a file happens at the edge (`crate::project`,
//! `crate::server::config`); this is the plain, already-validated form.

use std::collections::BTreeMap;

use super::model::{RuleId, Severity};

/// How the text is written. Markdown masks code, front matter, HTML and link destinations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Plain,
    Markdown,
}

impl Format {
    /// The format for an LSP language id or a file extension; plain text for anything unknown.
    pub fn from_language(id: &str) -> Format {
        match id.to_ascii_lowercase().as_str() {
            "markdown" | "md" | "markdown.mdx" | "mdx" | "quarto" => Format::Markdown,
            _ => Format::Plain,
        }
    }
}

/// A rule's setting: off, or on at a severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleSetting {
    Off,
    On(Severity),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    pub format: Format,
    /// Overrides of the rules' default severities. A rule not listed runs at its default.
    pub rules: BTreeMap<RuleId, RuleSetting>,
    /// Entries added to the shipped word lists.
    pub lexicon: Lexicon,
    pub house: House,
}

/// Word-list entries a project adds to the shipped lexicon, lowercase.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lexicon {
    /// Head nouns of anonymous sources ("tipster", "insider"), single words.
    pub source_nouns: Vec<String>,
    /// Phrases that say why a source was granted anonymity ("feared for her job").
    pub anonymity_phrases: Vec<String>,
    /// Words never read as (part of) a person's name ("Brexit", "Covid").
    pub not_names: Vec<String>,
}

impl Lexicon {
    pub fn is_source_noun(&self, lower: &str) -> bool {
        self.source_nouns.iter().any(|n| n == lower)
    }
    pub fn is_not_name(&self, lower: &str) -> bool {
        self.not_names.iter().any(|n| n == lower)
    }
}

/// A newsroom's own rules on top of the shipped ones.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct House {
    /// "An anonymous source always needs a stated reason": `missing-anonymity-reason` and
    /// `boilerplate-anonymity-reason` run as warnings unless `rules` says otherwise.
    pub anonymous_needs_reason: bool,
    /// Phrases the house style forbids, flagged as `house-pattern`.
    pub patterns: Vec<HousePattern>,
}

/// A user-supplied pattern: `regex` runs in linear time, whatever the pattern.
#[derive(Clone, Debug)]
pub struct HousePattern {
    pub regex: regex::Regex,
    pub message: String,
}

impl PartialEq for HousePattern {
    fn eq(&self, other: &HousePattern) -> bool {
        self.regex.as_str() == other.regex.as_str() && self.message == other.message
    }
}

impl Eq for HousePattern {}

impl Config {
    pub fn with_format(format: Format) -> Config {
        Config {
            format,
            ..Config::default()
        }
    }

    /// The severity a rule runs at, or `None` when it is off.
    pub fn severity(&self, rule: RuleId) -> Option<Severity> {
        match self.rules.get(&rule) {
            Some(RuleSetting::Off) => None,
            Some(RuleSetting::On(s)) => Some(*s),
            None if self.house.anonymous_needs_reason
                && matches!(
                    rule,
                    RuleId::MissingAnonymityReason | RuleId::BoilerplateAnonymityReason
                ) =>
            {
                Some(Severity::Warning)
            }
            None => Some(rule.default_severity()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reason_house_rule_raises_reason_rules_unless_set_explicitly() {
        let mut c = Config::default();
        c.house.anonymous_needs_reason = true;
        assert_eq!(c.severity(RuleId::MissingAnonymityReason), Some(Severity::Warning));
        assert_eq!(c.severity(RuleId::BoilerplateAnonymityReason), Some(Severity::Warning));
        assert_eq!(c.severity(RuleId::VagueAttribution), Some(Severity::Information));
        c.rules.insert(RuleId::MissingAnonymityReason, RuleSetting::Off);
        assert_eq!(c.severity(RuleId::MissingAnonymityReason), None);
    }

    fn kinds(text: &str, config: &Config) -> Vec<(String, crate::analysis::SourceKind)> {
        crate::analysis::analyze(text, config)
            .sources
            .iter()
            .map(|s| (s.span.of(text).to_string(), s.kind))
            .collect()
    }

    #[test]
    fn extra_source_nouns_make_anonymous_sources() {
        use crate::analysis::SourceKind;
        let text = "The ferry will stop running in May, a tipster said.";
        let mut c = Config::default();
        assert!(!kinds(text, &c).contains(&("a tipster".into(), SourceKind::Anonymous)));
        c.lexicon.source_nouns.push("tipster".into());
        assert_eq!(kinds(text, &c), vec![("a tipster".to_string(), SourceKind::Anonymous)]);
    }

    #[test]
    fn extra_anonymity_phrases_are_reasons() {
        let text = "The ferry will stop running in May, a source said, asking for discretion over the deal.";
        let reason = |c: &Config| crate::analysis::analyze(text, c).sources.first().and_then(|s| s.reason);
        let mut c = Config::default();
        assert_eq!(reason(&c), None);
        c.lexicon.anonymity_phrases.push("asking for discretion".into());
        assert_eq!(reason(&c).map(|r| r.of(text)), Some("asking for discretion"));
    }

    #[test]
    fn not_names_are_never_read_as_names() {
        let text = "Stellan Vance said the ferry would stop. Vance said it twice.";
        let names = |c: &Config| -> Vec<String> {
            crate::analysis::analyze(text, c)
                .people
                .iter()
                .map(|p| p.name.clone())
                .collect()
        };
        let mut c = Config::default();
        assert_eq!(names(&c), vec!["Stellan Vance".to_string()]);
        c.lexicon.not_names.push("stellan".into());
        assert!(!names(&c).iter().any(|n| n.contains("Stellan")), "{:?}", names(&c));
    }
}
