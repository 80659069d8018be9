//! The aggregate figures: totals, per month, per group, findings per 1,000 words by rule, who
//! gets quoted, and the optional gender estimate. Rows are folded in one at a time, in input
//! order, so memory grows with the figures (one small row per story, one entry per distinct
//! quoted name), never with the stories' texts.

use std::collections::{BTreeMap, HashMap};

use serde_json::{json, Map, Value};

use crate::analysis::rules::ALL_RULES;

use super::gender::{self, GenderTally};
use super::story::{round4, share, ClassCounts, Row, SpeakerClass};

/// How many people "who gets quoted" lists.
pub const TOP_PEOPLE: usize = 20;

/// The label of stories without a date, last among the months.
pub const UNDATED: &str = "undated";
/// The label of stories without the `--by` field.
pub const NO_GROUP: &str = "(none)";

/// Counts over a set of stories.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tally {
    pub stories: u64,
    pub words: u64,
    pub speakers: ClassCounts,
    /// Attributions: named, anonymous, vague, institution.
    pub sources: [u64; 4],
    pub reasons: u64,
    pub resting: u64,
    pub findings: u64,
}

impl Tally {
    fn add(&mut self, r: &Row) {
        self.stories += 1;
        self.words += r.words;
        for (t, n) in self.speakers.iter_mut().zip(r.speakers) {
            *t += n;
        }
        let sources = [
            r.sources_named,
            r.sources_anonymous,
            r.sources_vague,
            r.sources_institution,
        ];
        for (t, n) in self.sources.iter_mut().zip(sources) {
            *t += n;
        }
        self.reasons += r.anonymity_reasons;
        self.resting += u64::from(r.rests_on_anonymous);
        self.findings += r.findings;
    }

    pub fn quotes(&self) -> u64 {
        self.speakers.iter().sum()
    }

    /// The share of quotes of one speaker class.
    pub fn quote_share(&self, class: SpeakerClass) -> Option<f64> {
        share(self.speakers[class as usize], self.quotes())
    }

    pub fn to_json(&self) -> Value {
        let classes = |f: &dyn Fn(SpeakerClass) -> Value| -> Map<String, Value> {
            SpeakerClass::ALL
                .iter()
                .map(|&c| (c.as_str().to_string(), f(c)))
                .collect()
        };
        let [named, anonymous, vague, institution] = self.sources;
        let unnamed = self.speakers[SpeakerClass::Anonymous as usize] + self.speakers[SpeakerClass::None as usize];
        json!({
            "stories": self.stories,
            "words": self.words,
            "quotes": self.quotes(),
            "quotes_by_speaker": classes(&|c| json!(self.speakers[c as usize])),
            "quote_share_by_speaker": classes(&|c| json!(self.quote_share(c))),
            "unnamed_quote_share": share(unnamed, self.quotes()),
            "sources": {"named": named, "anonymous": anonymous, "vague": vague, "institution": institution},
            "anonymity_reasons": self.reasons,
            "stories_resting_on_anonymous": self.resting,
            "resting_on_anonymous_share": share(self.resting, self.stories),
            "findings": self.findings,
            "findings_per_1000_words": per_1000(self.findings, self.words),
        })
    }
}

fn per_1000(n: u64, words: u64) -> Option<f64> {
    (words > 0).then(|| round4(n as f64 * 1000.0 / words as f64))
}

/// A story that could not be counted, reported by id.
#[derive(Clone, Debug, PartialEq)]
pub struct BadStory {
    pub id: Value,
    pub error: String,
}

/// Everything the report shows, built up story by story.
#[derive(Debug, Default)]
pub struct Figures {
    pub by: Option<String>,
    pub estimate_gender: bool,
    /// Keep each story's first findings (for the HTML page).
    pub keep_notes: bool,
    pub stories: Vec<Row>,
    pub errors: Vec<BadStory>,
    pub totals: Tally,
    pub rules: BTreeMap<String, u64>,
    pub months: BTreeMap<String, Tally>,
    pub groups: BTreeMap<String, Tally>,
    /// Name → (quotes, stories).
    pub people: HashMap<String, (u64, u64)>,
    pub gender: GenderTally,
}

impl Figures {
    pub fn new(by: Option<String>, estimate_gender: bool) -> Figures {
        Figures {
            by,
            estimate_gender,
            ..Figures::default()
        }
    }

    /// Folds one story in. Its quoted people go into the tallies and are then dropped; its
    /// finding notes are kept only for the HTML page.
    pub fn add(&mut self, mut row: Row) {
        let quoted = std::mem::take(&mut row.quoted);
        if !self.keep_notes {
            row.notes = Vec::new();
        }
        self.totals.add(&row);
        for (rule, n) in &row.findings_by_rule.0 {
            *self.rules.entry(rule.to_string()).or_insert(0) += n;
        }
        self.months.entry(month(row.date.as_deref())).or_default().add(&row);
        if self.by.is_some() {
            let group = row.group.clone().unwrap_or_else(|| NO_GROUP.to_string());
            self.groups.entry(group).or_default().add(&row);
        }
        for q in &quoted {
            let e = self.people.entry(q.name.clone()).or_insert((0, 0));
            e.0 += q.quotes;
            e.1 += 1;
            if self.estimate_gender {
                self.gender.add(gender::estimate(q), q.quotes);
            }
        }
        self.stories.push(row);
    }

    pub fn fail(&mut self, id: Value, error: String) {
        self.errors.push(BadStory { id, error });
    }

    /// Findings per 1,000 words for every rule (registered ones first, in registry order, then
    /// any other rule the input names), with the count.
    pub fn rule_rates(&self) -> Vec<(String, u64, Option<f64>)> {
        let mut names: Vec<String> = ALL_RULES.iter().map(|r| r.id.as_str().to_string()).collect();
        names.extend(
            self.rules
                .keys()
                .filter(|k| !names.contains(k))
                .cloned()
                .collect::<Vec<_>>(),
        );
        names
            .into_iter()
            .map(|rule| {
                let n = self.rules.get(&rule).copied().unwrap_or(0);
                let rate = per_1000(n, self.totals.words);
                (rule, n, rate)
            })
            .collect()
    }

    /// The most-quoted people: most quotes first, then most stories, then by name.
    pub fn top_people(&self) -> Vec<(&str, u64, u64)> {
        let mut all: Vec<(&str, u64, u64)> = self.people.iter().map(|(k, &(q, s))| (k.as_str(), q, s)).collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(b.0)));
        all.truncate(TOP_PEOPLE);
        all
    }

    /// The aggregate figures, everything but the `stories` rows (see [`Figures::write_json`]).
    pub fn aggregates(&self) -> Value {
        let slices = |m: &BTreeMap<String, Tally>, key: &str| -> Vec<Value> {
            m.iter()
                .map(|(k, t)| {
                    let mut v = t.to_json();
                    if let Value::Object(o) = &mut v {
                        o.insert(key.to_string(), json!(k));
                    }
                    v
                })
                .collect()
        };
        json!({
            "errors": self.errors.iter().map(|e| json!({"id": e.id, "error": e.error})).collect::<Vec<_>>(),
            "totals": self.totals.to_json(),
            "findings_by_rule": self.rule_rates().into_iter()
                .map(|(rule, n, rate)| json!({"rule": rule, "findings": n, "per_1000_words": rate}))
                .collect::<Vec<_>>(),
            "over_time": slices(&self.months, "period"),
            "by_group": self.by.as_ref().map(|f| json!({"field": f, "groups": slices(&self.groups, "group")})),
            "quoted_people": self.top_people().into_iter()
                .map(|(name, q, s)| json!({"name": name, "quotes": q, "stories": s}))
                .collect::<Vec<_>>(),
            "gender_estimate": self.estimate_gender.then(|| self.gender.to_json()),
        })
    }
}

impl Figures {
    /// Writes the whole JSON report, rows streamed from the [`Row`]s rather than built as one
    /// `Value` tree (which would take several times their memory).
    pub fn write_json(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        #[derive(serde::Serialize)]
        struct Report<'a> {
            stories: &'a [Row],
            #[serde(flatten)]
            aggregates: Value,
        }
        let report = Report {
            stories: &self.stories,
            aggregates: self.aggregates(),
        };
        serde_json::to_writer_pretty(&mut *out, &report)?;
        out.write_all(b"\n")
    }
}

/// `YYYY-MM` of a date that starts so, else [`UNDATED`].
pub fn month(date: Option<&str>) -> String {
    let Some(d) = date else {
        return UNDATED.to_string();
    };
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if digits(0..4) && b.get(4) == Some(&b'-') && digits(5..7) {
        d[..7].to_string()
    } else {
        UNDATED.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_need_a_year_and_a_month() {
        assert_eq!(month(Some("2024-03-09")), "2024-03");
        assert_eq!(month(Some("2024-03")), "2024-03");
        assert_eq!(month(Some("March 2024")), UNDATED);
        assert_eq!(month(Some("2024")), UNDATED);
        assert_eq!(month(None), UNDATED);
    }

    #[test]
    fn empty_figures_have_null_shares_and_every_rule() {
        let f = Figures::new(None, false);
        let mut out = Vec::new();
        f.write_json(&mut out).unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["stories"], json!([]));
        assert_eq!(v["totals"]["stories"], 0);
        assert_eq!(v["totals"]["unnamed_quote_share"], Value::Null);
        assert_eq!(v["findings_by_rule"].as_array().map(Vec::len), Some(ALL_RULES.len()));
        assert_eq!(v["by_group"], Value::Null);
        assert_eq!(v["gender_estimate"], Value::Null);
    }
}
