//! The `copydesk analyze` JSON object for one document: the contract the evaluation scorer and
//! archive users read (`shared/eval/README.md`).
//!
//! Every `start`/`end` is a Unicode code-point offset into the document, end exclusive, and every
//! `text` is the original text under the span (Markdown masking never shows here). Indexes
//! (`person`, `source`, `quotes`, `sources`, `antecedent`, `other`) point into the arrays of the
//! same object. Absent values are `null`, never missing keys. `quotes` lists reported speech;
//! titles of works, nicknames and scare quotes are in `terms`, with the same shape and a `kind`.

use serde_json::{json, Value};

use crate::analysis::{
    Age, Analysis, Date, Descriptor, Finding, Gender, Mention, MentionKind, Person, Quote, QuoteKind, Relation, Source,
    Span, Speaker,
};
use crate::position::CharIndex;

/// Converts byte spans of one text into contract objects.
struct Spans<'a> {
    text: &'a str,
    chars: CharIndex,
}

impl Spans<'_> {
    /// `{"start", "end", "text"}`.
    fn span(&self, s: Span) -> Value {
        json!({
            "start": self.chars.chars(s.start),
            "end": self.chars.chars(s.end),
            "text": s.of(self.text),
        })
    }

    /// The span object with more keys.
    fn span_with(&self, s: Span, extra: Value) -> Value {
        let mut v = self.span(s);
        if let (Value::Object(map), Value::Object(more)) = (&mut v, extra) {
            map.extend(more);
        }
        v
    }

    fn opt(&self, s: Option<Span>) -> Value {
        s.map_or(Value::Null, |s| self.span(s))
    }
}

/// The whole object for one document; `id` is echoed as given.
pub fn document(id: Value, text: &str, a: &Analysis) -> Value {
    let sp = Spans {
        text,
        chars: CharIndex::new(text),
    };
    // `quotes` holds reported speech only (what a speaker said); titles, nicknames and scare
    // quotes go to `terms`. Quote indexes elsewhere point into `quotes`.
    let mut renumber = vec![None; a.quotes.len()];
    let mut speech = 0;
    for (i, q) in a.quotes.iter().enumerate() {
        if q.kind == QuoteKind::Speech {
            renumber[i] = Some(speech);
            speech += 1;
        }
    }
    let remap = |v: &[usize]| {
        v.iter()
            .filter_map(|&i| renumber.get(i).copied().flatten())
            .collect::<Vec<_>>()
    };
    json!({
        "id": id,
        "people": a.people.iter().enumerate().map(|(i, p)| person(&sp, i, p, &remap(&p.quotes))).collect::<Vec<_>>(),
        "quotes": a.quotes.iter().filter(|q| q.kind == QuoteKind::Speech).map(|q| quote(&sp, a, q)).collect::<Vec<_>>(),
        "terms": a.quotes.iter().filter(|q| q.kind != QuoteKind::Speech).map(|q| quote(&sp, a, q)).collect::<Vec<_>>(),
        "sources": a.sources.iter().map(|s| source(&sp, s, &remap(&s.quotes))).collect::<Vec<_>>(),
        "findings": a.findings.iter().map(|f| finding(&sp, f)).collect::<Vec<_>>(),
        "date": a.date.map(date),
    })
}

/// `{"id", "error"}`: the line for a document that could not be analysed.
pub fn error(id: Value, message: &str) -> Value {
    json!({ "id": id, "error": message })
}

fn person(sp: &Spans<'_>, id: usize, p: &Person, quotes: &[usize]) -> Value {
    json!({
        "id": id,
        "name": p.name,
        "gender": p.gender.map(|g| match g {
            Gender::Female => "female",
            Gender::Male => "male",
        }),
        "mentions": p.mentions.iter().map(|m| mention(sp, m)).collect::<Vec<_>>(),
        "descriptors": p.descriptors.iter().map(|d: &Descriptor| sp.span(d.span)).collect::<Vec<_>>(),
        "ages": p.ages.iter().map(|a: &Age| sp.span_with(a.span, json!({ "years": a.years }))).collect::<Vec<_>>(),
        "relations": p.relations.iter().map(|r| relation(sp, r)).collect::<Vec<_>>(),
        "quotes": quotes,
        "sources": p.sources,
    })
}

fn mention(sp: &Spans<'_>, m: &Mention) -> Value {
    let kind = match m.kind {
        MentionKind::Name => "name",
        MentionKind::ShortName => "short_name",
        MentionKind::Nominal => "nominal",
        MentionKind::Pronoun => "pronoun",
    };
    sp.span_with(m.span, json!({ "kind": kind }))
}

fn relation(sp: &Spans<'_>, r: &Relation) -> Value {
    sp.span_with(r.span, json!({ "role": r.role, "other": r.other }))
}

fn quote(sp: &Spans<'_>, a: &Analysis, q: &Quote) -> Value {
    let kind = match q.kind {
        QuoteKind::Speech => "speech",
        QuoteKind::Title => "title",
        QuoteKind::Nickname => "nickname",
        QuoteKind::Scare => "scare",
    };
    sp.span_with(
        q.span,
        json!({
            "kind": kind,
            "speaker": q.speaker.map(|s| speaker(sp, a, &s)),
            "cue": sp.opt(q.cue),
        }),
    )
}

/// The speaker, with `name`: the full name of the person it resolves to, if any.
fn speaker(sp: &Spans<'_>, a: &Analysis, s: &Speaker) -> Value {
    let name = s.person.and_then(|p| a.people.get(p)).map(|p| p.name.as_str());
    sp.span_with(
        s.span,
        json!({ "kind": s.kind.as_str(), "person": s.person, "source": s.source, "name": name }),
    )
}

fn source(sp: &Spans<'_>, s: &Source, quotes: &[usize]) -> Value {
    sp.span_with(
        s.span,
        json!({
            "kind": s.kind.as_str(),
            "cue": sp.opt(s.cue),
            "claim": sp.opt(s.claim),
            "vantage": sp.opt(s.vantage),
            "reason": sp.opt(s.reason),
            "person": s.person,
            "antecedent": s.antecedent,
            "plural": s.plural,
            "quotes": quotes,
        }),
    )
}

fn finding(sp: &Spans<'_>, f: &Finding) -> Value {
    let related: Vec<Value> = f
        .related
        .iter()
        .map(|r| sp.span_with(r.span, json!({ "message": r.message })))
        .collect();
    json!({
        "rule": f.rule.as_str(),
        "severity": f.severity.as_str(),
        "start": sp.chars.chars(f.span.start),
        "end": sp.chars.chars(f.span.end),
        "message": f.message,
        "related": related,
    })
}

fn date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Related, RuleId, Severity, SourceKind};

    fn at(text: &str, needle: &str) -> Span {
        let s = text.find(needle).unwrap();
        Span::new(s, s + needle.len())
    }

    /// A hand-built analysis exercising every field, over a text with astral characters.
    fn sample() -> (&'static str, Analysis) {
        let text = "😀 “Vamos,” said Ana Ortiz, 52. É she";
        let quote_span = at(text, "“Vamos,”");
        let a = Analysis {
            people: vec![Person {
                name: "Ana Ortiz".into(),
                gender: Some(Gender::Female),
                mentions: vec![
                    Mention {
                        span: at(text, "Ana Ortiz"),
                        kind: MentionKind::Name,
                    },
                    Mention {
                        span: at(text, "she"),
                        kind: MentionKind::Pronoun,
                    },
                ],
                descriptors: vec![],
                ages: vec![Age {
                    span: at(text, "52"),
                    years: 52,
                }],
                relations: vec![Relation {
                    span: at(text, "É"),
                    role: "sister".into(),
                    other: None,
                }],
                quotes: vec![0],
                sources: vec![0],
            }],
            quotes: vec![Quote {
                span: quote_span,
                kind: QuoteKind::Speech,
                speaker: Some(Speaker {
                    span: at(text, "Ana Ortiz"),
                    kind: SourceKind::Named,
                    person: Some(0),
                    source: Some(0),
                }),
                cue: Some(at(text, "said")),
            }],
            sources: vec![Source {
                span: at(text, "Ana Ortiz"),
                kind: SourceKind::Named,
                cue: Some(at(text, "said")),
                claim: Some(quote_span),
                vantage: None,
                reason: None,
                stock_reason: false,
                person: Some(0),
                antecedent: None,
                plural: false,
                quotes: vec![0],
            }],
            findings: vec![Finding {
                rule: RuleId::InconsistentAge,
                span: at(text, "52"),
                severity: Severity::Warning,
                message: "Two ages.".into(),
                related: vec![Related {
                    span: at(text, "É"),
                    message: "other".into(),
                }],
                fixes: Vec::new(),
            }],
            suppressed: Vec::new(),
            date: Some(Date {
                year: 2024,
                month: 3,
                day: 9,
            }),
        };
        (text, a)
    }

    #[test]
    fn offsets_are_code_points_and_texts_are_original() {
        let (text, a) = sample();
        let v = document(json!(7), text, &a);
        let chars: Vec<char> = text.chars().collect();
        let slice = |o: &Value| -> String {
            let (s, e) = (
                o["start"].as_u64().unwrap() as usize,
                o["end"].as_u64().unwrap() as usize,
            );
            chars[s..e].iter().collect()
        };
        let q = &v["quotes"][0];
        assert_eq!(q["start"], 2, "😀 and the space are two code points");
        assert_eq!(slice(q), "“Vamos,”");
        assert_eq!(q["text"], "“Vamos,”");
        assert_eq!(slice(&q["speaker"]), "Ana Ortiz");
        assert_eq!(q["speaker"]["kind"], "named");
        assert_eq!(slice(&v["people"][0]["mentions"][1]), "she");
        assert_eq!(slice(&v["findings"][0]), "52");
        assert_eq!(slice(&v["findings"][0]["related"][0]), "É");
    }

    #[test]
    fn every_contract_key_is_present() {
        let (text, a) = sample();
        let v = document(json!("doc-1"), text, &a);
        assert_eq!(v["id"], "doc-1");
        assert_eq!(v["date"], "2024-03-09");
        let p = &v["people"][0];
        for key in [
            "id",
            "name",
            "gender",
            "mentions",
            "descriptors",
            "ages",
            "relations",
            "quotes",
            "sources",
        ] {
            assert!(p.get(key).is_some(), "person.{key}");
        }
        assert_eq!(p["gender"], "female");
        assert_eq!(p["mentions"][0]["kind"], "name");
        assert_eq!(p["ages"][0]["years"], 52);
        let s = &v["sources"][0];
        for key in [
            "start",
            "end",
            "text",
            "kind",
            "cue",
            "claim",
            "vantage",
            "reason",
            "person",
            "antecedent",
            "plural",
            "quotes",
        ] {
            assert!(s.get(key).is_some(), "source.{key}");
        }
        assert_eq!(s["vantage"], Value::Null);
        assert_eq!(s["cue"]["text"], "said");
        assert_eq!(v["quotes"][0]["cue"]["text"], "said");
        assert_eq!(v["quotes"][0]["speaker"]["person"], 0);
        assert_eq!(v["quotes"][0]["speaker"]["name"], "Ana Ortiz");
        assert_eq!(v["findings"][0]["rule"], "inconsistent-age");
        assert_eq!(v["findings"][0]["severity"], "warning");
    }

    #[test]
    fn titles_go_to_terms_and_quote_indexes_follow_the_speech_quotes() {
        let (text, mut a) = sample();
        let title = Quote {
            span: at(text, "😀"),
            kind: QuoteKind::Title,
            speaker: None,
            cue: None,
        };
        a.quotes.insert(0, title);
        a.people[0].quotes = vec![1];
        a.sources[0].quotes = vec![1];
        let v = document(json!(1), text, &a);
        assert_eq!(v["terms"][0]["kind"], "title");
        assert_eq!(v["quotes"].as_array().map(Vec::len), Some(1));
        assert_eq!(v["people"][0]["quotes"], json!([0]));
        assert_eq!(v["sources"][0]["quotes"], json!([0]));
    }

    #[test]
    fn empty_analysis_has_empty_arrays_and_null_date() {
        let v = document(Value::Null, "", &Analysis::default());
        assert_eq!(
            v,
            json!({"id": null, "people": [], "quotes": [], "terms": [], "sources": [], "findings": [], "date": null})
        );
    }
}
