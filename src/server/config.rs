//! Editor settings → [`analysis::Config`] rules.
//!
//! The same object arrives three ways: as `initializationOptions`, as the `settings` of
//! `workspace/didChangeConfiguration` (either `{"copydesk": {...}}` or the section itself), and
//! as the answer to a `workspace/configuration` pull for the section `copydesk`. Schema:
//! `{"rules": {"<rule-id>": "off" | "hint" | "information" | "warning" | "error"},
//! "inlayHints": true, "pullDiagnostics": false}`; rules set here win over the project's `copydesk.toml`; other keys
//! (`path`, `trace`) are for the editor and ignored here. An unknown rule id or a bad severity is
//! reported as a warning and that entry is skipped; the rest still applies.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::analysis::{RuleId, RuleSetting, Severity};

/// The settings section's name.
pub const SECTION: &str = "copydesk";

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct Settings {
    rules: Value,
    inlay_hints: Option<bool>,
    pull_diagnostics: Option<bool>,
}

/// Parsed settings, and what was wrong with them.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub rules: BTreeMap<RuleId, RuleSetting>,
    /// `inlayHints`: whether to show who speaks after quotations; `None` leaves it as it was.
    pub inlay_hints: Option<bool>,
    /// `pullDiagnostics` (read from `initializationOptions` only): diagnostics by request.
    pub pull_diagnostics: Option<bool>,
    pub warnings: Vec<String>,
}

/// Whether `settings` carries nothing, so the client should be asked with a pull.
pub fn is_empty(settings: &Value) -> bool {
    match section(settings) {
        Value::Null => true,
        Value::Object(map) => map.is_empty(),
        _ => false,
    }
}

/// Parses settings; `null` gives the defaults.
pub fn parse(settings: &Value) -> Parsed {
    let mut parsed = Parsed::default();
    let section = section(settings);
    if section.is_null() {
        return parsed;
    }
    let settings = match Settings::deserialize(section) {
        Ok(s) => s,
        Err(e) => {
            parsed.warnings.push(format!("ignoring copydesk settings: {e}"));
            return parsed;
        }
    };
    parsed.inlay_hints = settings.inlay_hints;
    parsed.pull_diagnostics = settings.pull_diagnostics;
    let rules = match &settings.rules {
        Value::Object(map) => map.clone(),
        // Lua's empty table arrives as `[]`: Neovim users mean "no overrides".
        Value::Null => serde_json::Map::new(),
        Value::Array(a) if a.is_empty() => serde_json::Map::new(),
        other => {
            parsed.warnings.push(format!(
                "ignoring copydesk.rules = {other}: expected an object of rule id → severity"
            ));
            return parsed;
        }
    };
    for (id, value) in &rules {
        match rule_setting(id, value) {
            Ok((rule, setting)) => {
                parsed.rules.insert(rule, setting);
            }
            Err(w) => parsed.warnings.push(w),
        }
    }
    parsed
}

/// The `copydesk` section when `settings` wraps it, else `settings` itself.
fn section(settings: &Value) -> &Value {
    settings.get(SECTION).unwrap_or(settings)
}

fn rule_setting(id: &str, value: &Value) -> Result<(RuleId, RuleSetting), String> {
    let rule = RuleId::parse(id).ok_or_else(|| format!("ignoring unknown rule id `{id}` in copydesk.rules"))?;
    let setting = match value.as_str() {
        Some(s) if s.trim().eq_ignore_ascii_case("off") => Some(RuleSetting::Off),
        Some(s) => Severity::parse(s).map(RuleSetting::On),
        None => None,
    };
    setting.map(|s| (rule, s)).ok_or_else(|| {
        format!("ignoring copydesk.rules.{id} = {value}: expected \"off\", \"hint\", \"information\", \"warning\" or \"error\"")
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::analysis::Config;

    #[test]
    fn reads_the_section_wrapped_or_bare() {
        for v in [
            json!({"copydesk": {"rules": {"anonymous-source": "off"}}}),
            json!({"rules": {"anonymous-source": "off"}}),
        ] {
            let p = parse(&v);
            assert_eq!(p.rules.get(&RuleId::AnonymousSource), Some(&RuleSetting::Off), "{v}");
            assert!(p.warnings.is_empty());
        }
    }

    #[test]
    fn off_and_severities_reach_the_analysis_config() {
        let p = parse(&json!({"rules": {
            "anonymous-source": "off",
            "unattributed-quote": "error",
            "vague-attribution": "Hint",
            "name-variant": "info"
        }}));
        let config = Config {
            rules: p.rules,
            ..Config::default()
        };
        assert_eq!(config.severity(RuleId::AnonymousSource), None);
        assert_eq!(config.severity(RuleId::UnattributedQuote), Some(Severity::Error));
        assert_eq!(config.severity(RuleId::VagueAttribution), Some(Severity::Hint));
        assert_eq!(config.severity(RuleId::NameVariant), Some(Severity::Information));
        assert_eq!(
            config.severity(RuleId::AnonymousQuote),
            Some(RuleId::AnonymousQuote.default_severity())
        );
    }

    #[test]
    fn warns_about_unknown_rules_and_bad_severities_and_keeps_the_rest() {
        let p = parse(&json!({"copydesk": {"rules": {
            "no-such-rule": "warning",
            "anonymous-quote": "loud",
            "inconsistent-age": 3,
            "name-variant": "error"
        }}}));
        assert_eq!(p.rules.len(), 1);
        assert_eq!(
            p.rules.get(&RuleId::NameVariant),
            Some(&RuleSetting::On(Severity::Error))
        );
        assert_eq!(p.warnings.len(), 3, "{:?}", p.warnings);
        assert!(p.warnings.iter().any(|w| w.contains("no-such-rule")));
        assert!(p.warnings.iter().any(|w| w.contains("loud")));
    }

    #[test]
    fn ignores_editor_side_keys_and_warns_on_a_malformed_section() {
        let p = parse(&json!({"path": "/usr/bin/copydesk", "trace": {"server": "verbose"}}));
        assert_eq!(p, Parsed::default());
        let p = parse(&json!({"rules": ["anonymous-source"]}));
        assert!(p.rules.is_empty());
        assert_eq!(p.warnings.len(), 1);
    }

    #[test]
    fn reads_the_inlay_hints_switch() {
        assert_eq!(parse(&json!({"inlayHints": false})).inlay_hints, Some(false));
        assert_eq!(parse(&json!({"rules": {}})).inlay_hints, None);
    }

    #[test]
    fn null_and_empty_settings_ask_for_a_pull() {
        assert!(is_empty(&Value::Null));
        assert!(is_empty(&json!({})));
        assert!(is_empty(&json!({"copydesk": null})));
        assert!(is_empty(&json!({"copydesk": {}})));
        assert!(!is_empty(&json!({"copydesk": {"rules": {}}})));
        assert_eq!(parse(&Value::Null), Parsed::default());
    }

    #[test]
    fn an_empty_lua_table_sent_as_an_array_means_no_rules() {
        assert_eq!(parse(&json!({"rules": []})), Parsed::default());
    }

    #[test]
    fn configured_severities_reach_the_published_diagnostics() {
        use tower_lsp::lsp_types::{DiagnosticSeverity, NumberOrString, Url};

        use crate::analysis::{Analysis, Finding, Span};
        use crate::server::convert::{self, Encoding};

        let p = parse(&json!({"rules": {"anonymous-quote": "error", "unattributed-quote": "hint"}}));
        let config = Config {
            rules: p.rules,
            ..Config::default()
        };
        let text = "“Soon,” someone said.";
        let finding = |rule: RuleId| Finding {
            rule,
            span: Span::new(0, text.find(',').unwrap()),
            // What `rules::run` does: the configured severity.
            severity: config.severity(rule).unwrap(),
            message: "m".into(),
            related: Vec::new(),
            fixes: Vec::new(),
        };
        let analysis = Analysis {
            findings: vec![finding(RuleId::AnonymousQuote), finding(RuleId::UnattributedQuote)],
            ..Analysis::default()
        };
        let uri = Url::parse("file:///s.txt").unwrap();
        let diags = convert::diagnostics(text, &analysis, Encoding::Utf16, &uri);
        let got: Vec<_> = diags.iter().map(|d| (d.code.clone(), d.severity)).collect();
        let code = |s: &str| Some(NumberOrString::String(s.to_string()));
        assert_eq!(
            got,
            vec![
                (code("anonymous-quote"), Some(DiagnosticSeverity::ERROR)),
                (code("unattributed-quote"), Some(DiagnosticSeverity::HINT)),
            ]
        );
        assert_eq!(diags[0].range.end.character, 5, "“Soon is five UTF-16 units");
    }
}
