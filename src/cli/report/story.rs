//! One row of the report: the figures of one story, read from its `analyze` contract object
//! (`cli::contract`), never from the `Analysis` itself, so a story analysed elsewhere (a Spark
//! executor running `copydesk analyze`) gives the same row as one analysed here.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

/// Who a quote is attributed to, as the report counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SpeakerClass {
    /// A speaker the story names, or a pronoun standing for one.
    Named,
    Anonymous,
    Vague,
    /// An institution or a document.
    Institution,
    /// No speaker at all.
    None,
}

impl SpeakerClass {
    pub const ALL: [SpeakerClass; 5] = [
        SpeakerClass::Named,
        SpeakerClass::Anonymous,
        SpeakerClass::Vague,
        SpeakerClass::Institution,
        SpeakerClass::None,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerClass::Named => "named",
            SpeakerClass::Anonymous => "anonymous",
            SpeakerClass::Vague => "vague",
            SpeakerClass::Institution => "institution",
            SpeakerClass::None => "none",
        }
    }

    /// The class of a contract `kind` (`named`, `pronoun`, ...); `None` for a null speaker.
    fn of_kind(kind: Option<&str>) -> SpeakerClass {
        match kind {
            Some("named" | "pronoun") => SpeakerClass::Named,
            Some("anonymous") => SpeakerClass::Anonymous,
            Some("vague") => SpeakerClass::Vague,
            Some(_) => SpeakerClass::Institution,
            None => SpeakerClass::None,
        }
    }
}

/// Counts by speaker class, in [`SpeakerClass::ALL`] order.
pub type ClassCounts = [u64; 5];

/// A person one story quotes, for "who gets quoted" and the gender estimate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quoted {
    pub name: String,
    pub quotes: u64,
    /// The pronouns the story links to the person (`he`, `her`, ...), lowercased.
    pub pronouns: Vec<String>,
    /// The analyzer's own sex for the person (titles, census given names, descriptors).
    pub gender: Option<String>,
}

/// A finding, shortened for the story's entry in the HTML report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingNote {
    pub rule: String,
    pub message: String,
}

/// The figures of one story: a row of the `"stories"` array.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub id: Value,
    /// `YYYY-MM-DD` (or what the input gave), from the input's `date` field or the story's own.
    pub date: Option<String>,
    /// The value of the `--by` field, as text.
    pub group: Option<String>,
    pub words: u64,
    /// Reported speech only (titles, nicknames and scare quotes are not quotes).
    pub quotes: u64,
    pub quotes_named: u64,
    pub quotes_anonymous: u64,
    pub quotes_vague: u64,
    pub quotes_institution: u64,
    pub quotes_no_speaker: u64,
    /// Quotes with an anonymous speaker or none, over all quotes; null without quotes.
    pub unnamed_quote_share: Option<f64>,
    /// Attributions by kind: named (and pronouns), anonymous, vague, institution (and documents).
    pub sources_named: u64,
    pub sources_anonymous: u64,
    pub sources_vague: u64,
    pub sources_institution: u64,
    /// Anonymous or vague attributions that state why the source was not named.
    pub anonymity_reasons: u64,
    /// At least one anonymous attribution, and anonymous plus vague ones are half or more.
    pub rests_on_anonymous: bool,
    pub findings: u64,
    pub findings_by_rule: RuleCounts,
    #[serde(skip)]
    pub speakers: ClassCounts,
    #[serde(skip)]
    pub quoted: Vec<Quoted>,
    #[serde(skip)]
    pub notes: Vec<FindingNote>,
}

/// Findings by rule, sorted by rule: a plain vector, a fraction of a map's memory per story,
/// written as a JSON object.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleCounts(pub Vec<(Box<str>, u64)>);

#[cfg(test)]
impl RuleCounts {
    pub fn get(&self, rule: &str) -> Option<u64> {
        self.0.iter().find(|(r, _)| &**r == rule).map(|&(_, n)| n)
    }
}

impl Serialize for RuleCounts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (rule, n) in &self.0 {
            map.serialize_entry(&**rule, n)?;
        }
        map.end()
    }
}

/// What a story brings besides its analysis.
#[derive(Clone, Debug, Default)]
pub struct Meta {
    pub date: Option<String>,
    pub group: Option<String>,
}

/// How many findings of one story the HTML report lists.
const NOTES_PER_STORY: usize = 5;

/// The row of one story from its contract object and its word count.
pub fn row(doc: &Value, words: u64, meta: Meta) -> Row {
    let arr = |key: &str| doc.get(key).and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    let mut speakers: ClassCounts = [0; 5];
    for q in arr("quotes") {
        let kind = q.get("speaker").and_then(|s| s.get("kind")).and_then(Value::as_str);
        speakers[SpeakerClass::of_kind(kind) as usize] += 1;
    }
    let mut sources: ClassCounts = [0; 5];
    let mut reasons = 0;
    for s in arr("sources") {
        let class = SpeakerClass::of_kind(s.get("kind").and_then(Value::as_str));
        sources[class as usize] += 1;
        let unnamed = matches!(class, SpeakerClass::Anonymous | SpeakerClass::Vague);
        if unnamed && s.get("reason").is_some_and(|r| !r.is_null()) {
            reasons += 1;
        }
    }
    let mut rules = BTreeMap::new();
    for f in arr("findings") {
        let rule = f.get("rule").and_then(Value::as_str).unwrap_or("unknown");
        *rules.entry(rule).or_insert(0) += 1;
    }
    let findings_by_rule = RuleCounts(rules.into_iter().map(|(k, n)| (Box::from(k), n)).collect());
    let notes = arr("findings")
        .iter()
        .take(NOTES_PER_STORY)
        .map(|f| FindingNote {
            rule: text_of(f.get("rule")),
            message: text_of(f.get("message")),
        })
        .collect();
    let quotes: u64 = speakers.iter().sum();
    let [named, anonymous, vague, institution, none] = speakers;
    let attributions: u64 = sources.iter().sum();
    let unnamed_sources = sources[SpeakerClass::Anonymous as usize] + sources[SpeakerClass::Vague as usize];
    Row {
        id: doc.get("id").cloned().unwrap_or(Value::Null),
        date: meta
            .date
            .or_else(|| doc.get("date").and_then(Value::as_str).map(str::to_string)),
        group: meta.group,
        words,
        quotes,
        quotes_named: named,
        quotes_anonymous: anonymous,
        quotes_vague: vague,
        quotes_institution: institution,
        quotes_no_speaker: none,
        unnamed_quote_share: share(anonymous + none, quotes),
        sources_named: sources[SpeakerClass::Named as usize],
        sources_anonymous: sources[SpeakerClass::Anonymous as usize],
        sources_vague: sources[SpeakerClass::Vague as usize],
        sources_institution: sources[SpeakerClass::Institution as usize],
        anonymity_reasons: reasons,
        rests_on_anonymous: sources[SpeakerClass::Anonymous as usize] > 0 && 2 * unnamed_sources >= attributions,
        findings: findings_by_rule.0.iter().map(|(_, n)| n).sum(),
        findings_by_rule,
        speakers,
        quoted: quoted_people(doc),
        notes,
    }
}

/// The people the story quotes (with at least one speech quote).
fn quoted_people(doc: &Value) -> Vec<Quoted> {
    let Some(people) = doc.get("people").and_then(Value::as_array) else {
        return Vec::new();
    };
    people
        .iter()
        .filter_map(|p| {
            let quotes = p.get("quotes").and_then(Value::as_array).map_or(0, Vec::len) as u64;
            let name = p.get("name").and_then(Value::as_str)?;
            let pronouns = p
                .get("mentions")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter(|m| m.get("kind").and_then(Value::as_str) == Some("pronoun"))
                .filter_map(|m| m.get("text").and_then(Value::as_str))
                .map(str::to_lowercase)
                .collect();
            let gender = p.get("gender").and_then(Value::as_str).map(str::to_string);
            (quotes > 0).then(|| Quoted {
                name: name.to_string(),
                quotes,
                pronouns,
                gender,
            })
        })
        .collect()
}

fn text_of(v: Option<&Value>) -> String {
    v.and_then(Value::as_str).unwrap_or_default().to_string()
}

/// The number of words: whitespace-separated pieces with at least one letter or digit.
pub fn words(text: &str) -> u64 {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count() as u64
}

/// `part / whole` rounded to four decimals, or `None` when `whole` is zero.
pub fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| round4(part as f64 / whole as f64))
}

/// Rounds to four decimals, so the JSON figures are exact and stable.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn doc() -> Value {
        json!({
            "id": "s1",
            "date": "2024-05-02",
            "people": [
                {"name": "Ida Brandt", "gender": null, "quotes": [0, 1],
                 "mentions": [{"kind": "name", "text": "Ida Brandt"}, {"kind": "pronoun", "text": "She"}]},
                {"name": "Tom Vale", "gender": "male", "quotes": [], "mentions": []}
            ],
            "quotes": [
                {"speaker": {"kind": "named"}},
                {"speaker": {"kind": "pronoun"}},
                {"speaker": {"kind": "anonymous"}},
                {"speaker": null}
            ],
            "sources": [
                {"kind": "anonymous", "reason": {"text": "because"}},
                {"kind": "vague", "reason": null},
                {"kind": "named", "reason": {"text": "ignored: named"}},
                {"kind": "document", "reason": null}
            ],
            "findings": [{"rule": "anonymous-source", "message": "M."}, {"rule": "anonymous-source", "message": "N."}]
        })
    }

    #[test]
    fn counts_quotes_by_speaker_class_and_sources_by_kind() {
        let r = row(&doc(), 120, Meta::default());
        assert_eq!(
            (r.quotes, r.quotes_named, r.quotes_anonymous, r.quotes_no_speaker),
            (4, 2, 1, 1)
        );
        assert_eq!(r.unnamed_quote_share, Some(0.5));
        assert_eq!(
            (
                r.sources_named,
                r.sources_anonymous,
                r.sources_vague,
                r.sources_institution
            ),
            (1, 1, 1, 1)
        );
        assert_eq!(r.anonymity_reasons, 1, "only unnamed sources' reasons count");
        assert!(r.rests_on_anonymous, "two of four attributions are unnamed");
        assert_eq!(r.findings_by_rule.get("anonymous-source"), Some(2));
        assert_eq!(r.date.as_deref(), Some("2024-05-02"));
    }

    #[test]
    fn the_input_date_wins_over_the_story_date() {
        let meta = Meta {
            date: Some("2023-01-09".into()),
            group: Some("metro".into()),
        };
        let r = row(&doc(), 0, meta);
        assert_eq!(r.date.as_deref(), Some("2023-01-09"));
        assert_eq!(r.group.as_deref(), Some("metro"));
    }

    #[test]
    fn only_people_with_quotes_are_quoted() {
        let r = row(&doc(), 0, Meta::default());
        assert_eq!(r.quoted.len(), 1);
        assert_eq!(r.quoted[0].name, "Ida Brandt");
        assert_eq!(r.quoted[0].pronouns, ["she"]);
    }

    #[test]
    fn words_need_a_letter_or_digit() {
        assert_eq!(words("Ten  men — said “no”, 42 times.\n"), 6);
        assert_eq!(words(""), 0);
    }
}
