//! A finding as an LSP-shaped diagnostic in JSON, with no protocol crate: the form
//! `copydesk check --format json` prints, and the `data` (fixes) the server attaches to its
//! typed diagnostics so a code action only copies them. One definition for both edges.

use serde_json::{json, Value};

use crate::analysis::{Finding, Severity, Span};
use crate::position::{CharIndex, Encoding, LineIndex, Position};

/// The LSP's number for a severity.
pub fn severity_number(s: Severity) -> u8 {
    match s {
        Severity::Error => 1,
        Severity::Warning => 2,
        Severity::Information => 3,
        Severity::Hint => 4,
    }
}

fn position_json(p: Position) -> Value {
    json!({ "line": p.line, "character": p.character })
}

/// A span as an LSP `Range` in JSON.
pub fn range_json(index: &LineIndex<'_>, span: Span, enc: Encoding) -> Value {
    let r = index.range(span, enc);
    json!({ "start": position_json(r.start), "end": position_json(r.end) })
}

/// The finding's fixes for `Diagnostic.data`, already in LSP form:
/// `{"fixes": [{"title", "edits": [TextEdit]}], "ignore": {"line", "markdown"}}`. The ignore
/// fix, which every finding has, travels as the line it inserts at and whether the text is
/// Markdown (the server's code actions rebuild it), to keep diagnostics small. `None` when
/// there is nothing to carry.
pub fn data(index: &LineIndex<'_>, enc: Encoding, f: &Finding) -> Option<Value> {
    let mut data = serde_json::Map::new();
    let fixes: Vec<Value> = f
        .fixes
        .iter()
        .filter(|fix| !fix.ignore)
        .map(|fix| {
            let edits: Vec<Value> = fix
                .edits
                .iter()
                .map(|(span, text)| json!({ "range": range_json(index, *span, enc), "newText": text }))
                .collect();
            json!({ "title": fix.title, "edits": edits })
        })
        .collect();
    if !fixes.is_empty() {
        data.insert("fixes".into(), Value::Array(fixes));
    }
    let ignore = f
        .fixes
        .iter()
        .filter(|fix| fix.ignore)
        .find_map(|fix| fix.edits.first());
    if let Some((span, text)) = ignore {
        let line = index.position(span.start, enc).line;
        data.insert(
            "ignore".into(),
            json!({ "line": line, "markdown": text.starts_with("<!--") }),
        );
    }
    (!data.is_empty()).then_some(Value::Object(data))
}

/// The URI of a document the CLI reads: `file://` with the absolute path, or `untitled:stdin`
/// when `path` is `None` (standard input) or cannot be made absolute.
pub fn document_uri(path: Option<&std::path::Path>) -> String {
    path.and_then(|p| std::path::absolute(p).ok())
        .and_then(|p| url::Url::from_file_path(p).ok())
        .map_or_else(|| "untitled:stdin".to_string(), String::from)
}

/// A finding as an LSP `Diagnostic` in JSON (UTF-16 positions), with code-point `start`/`end`
/// added: `copydesk check --format json`.
pub fn diagnostic_json(index: &LineIndex<'_>, chars: &CharIndex, f: &Finding, uri: &str) -> Value {
    let enc = Encoding::Utf16;
    let mut d = serde_json::Map::new();
    d.insert("range".into(), range_json(index, f.span, enc));
    d.insert("severity".into(), json!(severity_number(f.severity)));
    d.insert("code".into(), json!(f.rule.as_str()));
    d.insert("source".into(), json!("copydesk"));
    d.insert("message".into(), json!(f.message));
    if !f.related.is_empty() {
        let related: Vec<Value> = f
            .related
            .iter()
            .map(|r| {
                json!({
                    "location": { "uri": uri, "range": range_json(index, r.span, enc) },
                    "message": r.message,
                })
            })
            .collect();
        d.insert("relatedInformation".into(), Value::Array(related));
    }
    if let Some(data) = data(index, enc, f) {
        d.insert("data".into(), data);
    }
    d.insert("start".into(), json!(chars.chars(f.span.start)));
    d.insert("end".into(), json!(chars.chars(f.span.end)));
    Value::Object(d)
}
