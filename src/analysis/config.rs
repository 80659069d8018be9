//! What the analyzer may be told: the document's format and per-rule settings.
//!
//! Parsing settings from an editor or a file happens at the edge (`crate::server::config`); this
//! is the plain, already-validated form.

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
}

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
            None => Some(rule.default_severity()),
        }
    }
}
