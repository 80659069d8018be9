//! Stories in, one at a time, in input order: text files (one story each) or JSON Lines (raw
//! lines, parsed by [`Item::resolve`] on the worker threads).
//!
//! A JSON Lines story is `{"id", "text", "format"?, "date"?, FIELD?...}`. A line may also carry
//! the story's analysis already made (`"analysis"`: the `copydesk analyze` object, as the Spark
//! job in `contrib/` writes it), which is then counted as it is; a bare `analyze` output line
//! (no `text`, with `quotes` and `findings`) is counted too, with `words` from a `words` field or
//! zero. Anything else is a bad story, reported by its id when it has one.

use std::io::{self, BufRead, BufReader, Read};

use serde_json::{Map, Value};

use crate::analysis::Format;

use super::super::input::{self, Input, ReadError};
use super::story::{words, Meta};

/// What a story brings to be counted.
#[derive(Debug)]
pub enum Body {
    /// Text to analyse here.
    Text(String, Format),
    /// An `analyze` object made elsewhere, with the story's word count.
    Analysis(Value, u64),
}

/// One story, or why it cannot be counted.
#[derive(Debug)]
pub enum Item {
    Story {
        id: Value,
        body: Body,
        meta: Meta,
    },
    Bad {
        id: Value,
        error: String,
    },
    /// A JSON Lines line not parsed yet (parsing runs on the worker threads), with its place
    /// (`file:line`) for error messages.
    Line {
        place: String,
        line: Vec<u8>,
    },
}

impl Item {
    /// A parsed story (or a bad one) for a raw line; other items as they are.
    pub fn resolve(self, by: Option<&str>) -> Item {
        match self {
            Item::Line { place, line } => parse_line(&line, by).unwrap_or_else(|(id, why)| Item::Bad {
                id,
                error: format!("{place}: {why}"),
            }),
            other => other,
        }
    }
}

/// The stories of all inputs, streamed. Sets `trouble` when an input could not be read at all.
pub struct Stories {
    inputs: std::vec::IntoIter<Input>,
    jsonl: bool,
    current: Option<(String, Box<dyn BufRead>, usize)>,
    pub trouble: bool,
}

impl Stories {
    pub fn new(inputs: Vec<Input>, jsonl: bool) -> Stories {
        Stories {
            inputs: inputs.into_iter(),
            jsonl,
            current: None,
            trouble: false,
        }
    }

    /// The next line of the current JSON Lines input, opening the next input as needed.
    fn next_line(&mut self) -> Option<(String, usize, Vec<u8>)> {
        loop {
            if let Some((name, reader, number)) = &mut self.current {
                let mut line = Vec::new();
                match reader.read_until(b'\n', &mut line) {
                    Ok(0) => self.current = None,
                    Ok(_) => {
                        *number += 1;
                        if !line.iter().all(u8::is_ascii_whitespace) {
                            return Some((name.clone(), *number, line));
                        }
                    }
                    Err(e) => {
                        input::report(name, &ReadError::Io(e));
                        self.trouble = true;
                        self.current = None;
                    }
                }
                continue;
            }
            let next = self.inputs.next()?;
            let reader: Box<dyn Read> = match &next {
                Input::Stdin => Box::new(io::stdin()),
                Input::File(p) => match std::fs::File::open(p) {
                    Ok(f) => Box::new(f),
                    Err(e) => {
                        input::report(&next.name(), &ReadError::Io(e));
                        self.trouble = true;
                        continue;
                    }
                },
            };
            self.current = Some((next.name(), Box::new(BufReader::new(reader)), 0));
        }
    }

    fn next_text(&mut self) -> Option<Item> {
        let next = self.inputs.next()?;
        let id = Value::String(next.name());
        Some(match input::read(&next) {
            Ok(text) => Item::Story {
                id,
                body: Body::Text(text, next.format()),
                meta: Meta::default(),
            },
            Err(e) => {
                input::report(&next.name(), &e);
                if matches!(e, ReadError::Io(_)) {
                    self.trouble = true;
                }
                Item::Bad {
                    id,
                    error: e.to_string(),
                }
            }
        })
    }
}

impl Iterator for Stories {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if !self.jsonl {
            return self.next_text();
        }
        let (name, number, line) = self.next_line()?;
        Some(Item::Line {
            place: format!("{name}:{number}"),
            line,
        })
    }
}

/// One JSON Lines story, or `(id or null, why not)`.
pub fn parse_line(line: &[u8], by: Option<&str>) -> Result<Item, (Value, String)> {
    let Ok(line) = std::str::from_utf8(line) else {
        // Read the id from a lossy copy so the bad story is reported by it.
        let lossy = String::from_utf8_lossy(line);
        let id = serde_json::from_str::<Value>(&lossy)
            .ok()
            .and_then(|v| v.get("id").cloned())
            .unwrap_or(Value::Null);
        return Err((id, "story is not valid UTF-8".to_string()));
    };
    let mut obj: Map<String, Value> = match serde_json::from_str(line) {
        Ok(Value::Object(o)) => o,
        Ok(_) => return Err((Value::Null, "expected a JSON object".to_string())),
        Err(e) => return Err((Value::Null, format!("invalid JSON: {e}"))),
    };
    let id = obj.remove("id").unwrap_or(Value::Null);
    let meta = Meta {
        date: obj.get("date").and_then(Value::as_str).map(str::to_string),
        group: by.and_then(|f| obj.get(f)).and_then(as_label),
    };
    let text = obj.remove("text");
    let count = match &text {
        Some(Value::String(t)) => words(t),
        _ => obj.get("words").and_then(Value::as_u64).unwrap_or(0),
    };
    if let Some(mut analysis) = obj.remove("analysis").filter(Value::is_object) {
        if let Some(e) = analysis.get("error") {
            return Err((id, format!("analysis failed: {}", as_label(e).unwrap_or_default())));
        }
        analysis["id"] = id.clone();
        return Ok(Item::Story {
            id,
            body: Body::Analysis(analysis, count),
            meta,
        });
    }
    match text {
        Some(Value::String(text)) => {
            let format = match obj.get("format").and_then(Value::as_str) {
                Some(f) if f.eq_ignore_ascii_case("markdown") || f.eq_ignore_ascii_case("md") => Format::Markdown,
                _ => Format::Plain,
            };
            Ok(Item::Story {
                id,
                body: Body::Text(text, format),
                meta,
            })
        }
        Some(_) => Err((id, "\"text\" is not a string".to_string())),
        None if obj.get("quotes").is_some_and(Value::is_array) && obj.get("findings").is_some_and(Value::is_array) => {
            obj.insert("id".to_string(), id.clone());
            Ok(Item::Story {
                id,
                body: Body::Analysis(Value::Object(obj), count),
                meta,
            })
        }
        None => match obj.get("error") {
            Some(e) => Err((id, format!("analysis failed: {}", as_label(e).unwrap_or_default()))),
            None => Err((id, "missing \"text\"".to_string())),
        },
    }
}

/// A field's value as a label: strings as they are, other values as JSON, null as nothing.
fn as_label(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn story(line: &[u8], by: Option<&str>) -> (Value, Body, Meta) {
        match parse_line(line, by) {
            Ok(Item::Story { id, body, meta }) => (id, body, meta),
            other => panic!("not a story: {other:?}"),
        }
    }

    #[test]
    fn reads_text_date_and_the_group_field() {
        let (id, body, meta) = story(
            br#"{"id": 4, "text": "Hi there.", "date": "2024-01-02", "desk": "metro"}"#,
            Some("desk"),
        );
        assert_eq!(id, json!(4));
        assert!(matches!(body, Body::Text(t, Format::Plain) if t == "Hi there."));
        assert_eq!(meta.date.as_deref(), Some("2024-01-02"));
        assert_eq!(meta.group.as_deref(), Some("metro"));
        let (_, _, meta) = story(br#"{"text": "x", "year": 2024}"#, Some("year"));
        assert_eq!(meta.group.as_deref(), Some("2024"));
    }

    #[test]
    fn a_made_analysis_is_taken_as_it_is_with_the_words_of_the_text() {
        let (_, body, _) = story(
            br#"{"id": "a", "text": "one two three", "analysis": {"id": "a", "quotes": [], "findings": []}}"#,
            None,
        );
        assert!(matches!(body, Body::Analysis(v, 3) if v["id"] == "a"));
        let (_, body, _) = story(br#"{"id": "b", "quotes": [], "findings": [], "words": 7}"#, None);
        assert!(matches!(body, Body::Analysis(_, 7)));
    }

    #[test]
    fn bad_stories_keep_their_id() {
        assert_eq!(parse_line(br#"{"id": "x"}"#, None).unwrap_err().0, json!("x"));
        assert_eq!(parse_line(br#"{"id": 2, "text": 5}"#, None).unwrap_err().0, json!(2));
        let (id, why) = parse_line(b"{\"id\": \"latin1\", \"text\": \"caf\xe9\"}", None).unwrap_err();
        assert_eq!(id, json!("latin1"));
        assert!(why.contains("UTF-8"), "{why}");
        assert_eq!(parse_line(b"[1]", None).unwrap_err().0, Value::Null);
        let (id, why) = parse_line(br#"{"id": 9, "error": "boom"}"#, None).unwrap_err();
        assert_eq!((id, why.as_str()), (json!(9), "analysis failed: boom"));
    }
}
