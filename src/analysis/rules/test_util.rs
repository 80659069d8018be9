//! The one test helper every rule uses: expectations written as carets under the fixture text.
//!
//! ```text
//! The actress felt hurt, a source says.
//!                        ^^^^^^^^ anonymous-source
//! ```
//! A caret line (only spaces, `^` and a rule id) annotates the text line above it; caret columns
//! count chars. Annotation lines are removed before analysis. [`check`] compares the findings of
//! the listed rules with the annotations, exactly.

pub(crate) use super::fixture::parse as parse_fixture;
use crate::analysis::{analyze, Config, Format, RuleId, RuleSetting};

/// A config with only `rules` on, at their default severities: each rule is checked on its own,
/// without the folding of findings into `anonymous-source` (tested in `rules::tests`).
pub(crate) fn only(format: Format, rules: &[RuleId]) -> Config {
    let mut config = Config::with_format(format);
    for &id in RuleId::ALL.iter().filter(|id| !rules.contains(id)) {
        config.rules.insert(id, RuleSetting::Off);
    }
    config
}

/// Asserts that the findings of `rules` in `fixture` are exactly its caret annotations.
#[track_caller]
#[allow(dead_code, reason = "used by the rule tests as rules land")]
pub(crate) fn check(fixture: &str, format: Format, rules: &[RuleId]) {
    check_with(fixture, &only(format, rules), rules);
}

/// [`check`] with every rule on at its default severity, as a user has it: for rules that read
/// what other rules found.
#[track_caller]
#[allow(dead_code, reason = "used by the rule tests that need every rule on")]
pub(crate) fn check_all(fixture: &str, format: Format, rules: &[RuleId]) {
    check_with(fixture, &Config::with_format(format), rules);
}

#[track_caller]
fn check_with(fixture: &str, config: &Config, rules: &[RuleId]) {
    let (text, mut expected) = parse_fixture(fixture);
    let analysis = analyze(&text, config);
    let mut got: Vec<(String, usize, usize)> = analysis
        .findings
        .iter()
        .filter(|f| rules.contains(&f.rule))
        .map(|f| (f.rule.as_str().to_string(), f.span.start, f.span.end))
        .collect();
    expected.sort();
    got.sort();
    let show = |v: &[(String, usize, usize)]| {
        v.iter()
            .map(|(r, s, e)| format!("{r} {:?}", &text[*s..*e]))
            .collect::<Vec<_>>()
    };
    assert_eq!(show(&got), show(&expected), "\nfindings differ in:\n{text}");
}

/// Asserts that the fixture yields no finding of any rule.
#[track_caller]
#[allow(dead_code, reason = "used by the rule tests as rules land")]
pub(crate) fn check_clean(text: &str, format: Format) {
    let analysis = analyze(text, &Config::with_format(format));
    let got: Vec<String> = analysis
        .findings
        .iter()
        .map(|f| format!("{} {:?}", f.rule.as_str(), f.span.of(text)))
        .collect();
    assert!(got.is_empty(), "expected nothing, got {got:?} in:\n{text}");
}

/// The first finding of `rule` in `text`, its first fix applied.
#[track_caller]
#[allow(dead_code, reason = "used by the tests of rules that carry fixes")]
pub(crate) fn fixed(text: &str, format: Format, rule: RuleId) -> String {
    let analysis = analyze(text, &Config::with_format(format));
    let f = analysis.findings.iter().find(|f| f.rule == rule);
    let fix = f.and_then(|f| f.fixes.first());
    let Some(fix) = fix else {
        panic!("no {} fix in {text:?}", rule.as_str());
    };
    crate::analysis::text::apply_edits(text, &fix.edits)
}

#[test]
fn parses_caret_annotations() {
    let (text, exp) = parse_fixture("Añ a source says.\n   ^^^^^^^^ anonymous-source\n");
    assert_eq!(text, "Añ a source says.\n");
    assert_eq!(exp, vec![("anonymous-source".to_string(), 4, 12)]);
    assert_eq!(&text[4..12], "a source");
}
