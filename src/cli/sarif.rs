//! `check --format sarif`: SARIF 2.1.0, the format code-scanning dashboards read.
//!
//! One run; the driver lists every rule of [`ALL_RULES`]; each finding is a result with its rule,
//! level, message and one location. Regions are 1-based with columns in UTF-16 code units
//! (`columnKind: utf16CodeUnits`), end column exclusive. Artifact URIs are the paths as given,
//! relative to the working directory, with `/` separators. A finding a `copydesk-ignore`
//! silenced is a result too, with a `suppressions` entry (`inSource`, the reason as
//! `justification`), so a dashboard lists what was approved and why.

use serde_json::{json, Value};

use crate::analysis::rules::ALL_RULES;
use crate::analysis::{Finding, Severity, Span, Suppressed};
use crate::position::{Encoding, LineIndex};

use super::checked::Checked;

const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The whole SARIF log for the files checked.
pub fn report(files: &[Checked]) -> Value {
    let results: Vec<Value> = files
        .iter()
        .flat_map(|file| {
            let lines = LineIndex::new(&file.text);
            let uri = artifact_uri(file);
            let suppressed = file.suppressed.iter().map(|s| {
                let mut r = result(&lines, &uri, &s.finding);
                if let Value::Object(map) = &mut r {
                    map.insert("suppressions".into(), json!([suppression(&lines, &uri, s)]));
                }
                r
            });
            file.findings
                .iter()
                .map(|f| result(&lines, &uri, f))
                .chain(suppressed)
                .collect::<Vec<_>>()
        })
        .collect();
    json!({
        "version": "2.1.0",
        "$schema": SCHEMA,
        "runs": [{
            "tool": { "driver": driver() },
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    })
}

fn driver() -> Value {
    let rules: Vec<Value> = ALL_RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id.as_str(),
                "shortDescription": { "text": r.summary },
                "defaultConfiguration": { "level": level(r.default_severity) },
            })
        })
        .collect();
    json!({
        "name": "copydesk",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    })
}

fn result(lines: &LineIndex<'_>, uri: &str, f: &Finding) -> Value {
    let related: Vec<Value> = f
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| {
            json!({
                "id": i,
                "physicalLocation": physical_location(lines, uri, r.span),
                "message": { "text": r.message },
            })
        })
        .collect();
    let rule_index = ALL_RULES.iter().position(|r| r.id == f.rule);
    let mut v = json!({
        "ruleId": f.rule.as_str(),
        "level": level(f.severity),
        "message": { "text": f.message },
        "locations": [{ "physicalLocation": physical_location(lines, uri, f.span) }],
    });
    if let (Value::Object(map), Some(i)) = (&mut v, rule_index) {
        map.insert("ruleIndex".into(), json!(i));
    }
    if let (Value::Object(map), false) = (&mut v, related.is_empty()) {
        map.insert("relatedLocations".into(), Value::Array(related));
    }
    v
}

/// SARIF's record of an in-source suppression: the directive, and the reason as justification.
fn suppression(lines: &LineIndex<'_>, uri: &str, s: &Suppressed) -> Value {
    let justification = if s.reason.is_empty() {
        "(no reason given)"
    } else {
        s.reason.as_str()
    };
    json!({
        "kind": "inSource",
        "status": "accepted",
        "justification": justification,
        "location": { "physicalLocation": physical_location(lines, uri, s.directive) },
    })
}

fn physical_location(lines: &LineIndex<'_>, uri: &str, span: Span) -> Value {
    let start = lines.position(span.start, Encoding::Utf16);
    let end = lines.position(span.end, Encoding::Utf16);
    json!({
        "artifactLocation": { "uri": uri },
        "region": {
            "startLine": start.line + 1,
            "startColumn": start.character + 1,
            "endLine": end.line + 1,
            "endColumn": end.character + 1,
        },
    })
}

/// SARIF has no "hint": information is a `note`, a hint `none` (reported, but not a problem).
fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information => "note",
        Severity::Hint => "none",
    }
}

/// The file's path as a relative URI reference: `/` separators, everything outside the
/// unreserved set percent-encoded. Standard input is `stdin`.
fn artifact_uri(file: &Checked) -> String {
    if file.path.is_none() {
        return "stdin".to_string();
    }
    let path = file.name.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::analysis::RuleId;
    use crate::cli::test_util::finding;

    fn checked(name: &str, text: &str, findings: Vec<Finding>) -> Checked {
        Checked {
            name: name.into(),
            path: Some(PathBuf::from(name)),
            text: text.into(),
            findings,
            suppressed: Vec::new(),
        }
    }

    #[test]
    fn lists_every_rule_and_sets_the_version() {
        let v = report(&[]);
        assert_eq!(v["version"], "2.1.0");
        assert_eq!(v["runs"][0]["columnKind"], "utf16CodeUnits");
        let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), ALL_RULES.len());
        assert_eq!(rules[0]["id"], ALL_RULES[0].id.as_str());
        assert!(rules[0]["shortDescription"]["text"]
            .as_str()
            .is_some_and(|t| !t.is_empty()));
    }

    #[test]
    fn regions_are_one_based_utf16_with_related_locations() {
        let text = "x\n😀 a source";
        let s = text.find('a').unwrap();
        let f = finding(
            RuleId::AnonymousQuote,
            Span::new(s, text.len()),
            Severity::Hint,
            vec![(Span::new(0, 1), "here")],
        );
        let v = report(&[checked("dir/my story.md", text, vec![f])]);
        let r = &v["runs"][0]["results"][0];
        assert_eq!(r["ruleId"], "anonymous-quote");
        assert_eq!(r["level"], "none");
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "dir/my%20story.md");
        assert_eq!(
            loc["region"],
            json!({"startLine": 2, "startColumn": 4, "endLine": 2, "endColumn": 12})
        );
        assert_eq!(r["relatedLocations"][0]["message"]["text"], "here");
        assert_eq!(r["relatedLocations"][0]["physicalLocation"]["region"]["startColumn"], 1);
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(ALL_RULES[idx].id, RuleId::AnonymousQuote);
    }

    #[test]
    fn suppressed_findings_carry_the_reason_as_justification() {
        let text = "<!-- copydesk-ignore anonymous-source: approved by Kim -->\nIt fell, a source said.\n";
        let a = crate::analysis::analyze(
            text,
            &crate::analysis::Config::with_format(crate::analysis::Format::Markdown),
        );
        let mut c = checked("s.md", text, a.findings);
        c.suppressed = a.suppressed;
        let v = report(&[c]);
        let results = v["runs"][0]["results"].as_array().unwrap();
        let r = results.iter().find(|r| r["ruleId"] == "anonymous-source").unwrap();
        assert_eq!(r["suppressions"][0]["kind"], "inSource");
        assert_eq!(r["suppressions"][0]["justification"], "approved by Kim");
        assert_eq!(
            r["suppressions"][0]["location"]["physicalLocation"]["region"]["startLine"],
            1
        );
    }
}
