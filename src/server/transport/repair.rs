//! `didChange` notifications that tower-lsp would drop: repaired when a number is merely out of
//! range, turned into [`UNAPPLIED`] otherwise.
//!
//! tower-lsp discards a notification whose params fail to deserialize, with nothing said, and
//! the document is out of step with the editor from then on. Positions are `u32` and versions
//! `i32` in `lsp_types`, so a negative character or a value above `u32::MAX` is enough. Here:
//!
//! - a line or character that is a number out of range is clamped into `0..=u32::MAX` (a
//!   position past a line or the document then clamps to its end, as any position does);
//!   an out-of-range `rangeLength` (deprecated, unused) is removed; a version out of range is
//!   clamped into `i32`;
//! - anything still unreadable (a position that is not a number, a change without text, ...)
//!   becomes the server's own [`UNAPPLIED`] notification naming the document, so the session
//!   can mark it out of sync and tell the user, in order with the other edits.

use serde_json::{json, Map, Value};
use tower_lsp::lsp_types::DidChangeTextDocumentParams;

/// The server-internal notification that replaces a `didChange` it cannot apply.
pub const UNAPPLIED: &str = "copydesk/unappliedChange";

/// What to forward for a `didChange` message.
#[derive(Debug, PartialEq)]
pub enum Repair {
    /// Forward as it is.
    Intact,
    /// Forward this rewritten body instead; `what` says what was clamped.
    Clamped { body: Vec<u8>, what: String },
    /// The edit cannot be applied: forward this [`UNAPPLIED`] body.
    Unapplied { body: Vec<u8>, why: String },
    /// Not even the document can be named: drop it, saying why.
    Dropped(String),
}

/// Repairs the `didChange` message `msg` (already parsed).
pub fn did_change(msg: &Value) -> Repair {
    let params = msg.get("params").cloned().unwrap_or(Value::Null);
    let Err(first) = serde_json::from_value::<DidChangeTextDocumentParams>(params.clone()) else {
        return Repair::Intact;
    };
    let mut fixed = params;
    let mut clamped = Vec::new();
    clamp_version(&mut fixed, &mut clamped);
    if let Some(changes) = fixed.get_mut("contentChanges").and_then(Value::as_array_mut) {
        for (i, change) in changes.iter_mut().enumerate() {
            clamp_change(change, i, &mut clamped);
        }
    }
    if !clamped.is_empty() && serde_json::from_value::<DidChangeTextDocumentParams>(fixed.clone()).is_ok() {
        let mut msg = msg.clone();
        msg["params"] = fixed;
        return Repair::Clamped {
            body: msg.to_string().into_bytes(),
            what: clamped.join(", "),
        };
    }
    let why = format!("unreadable didChange: {first}");
    match fixed.pointer("/textDocument/uri").and_then(Value::as_str) {
        Some(uri) => {
            let note = json!({"jsonrpc": "2.0", "method": UNAPPLIED, "params": {"uri": uri, "reason": why}});
            Repair::Unapplied {
                body: note.to_string().into_bytes(),
                why,
            }
        }
        None => Repair::Dropped(why),
    }
}

fn clamp_version(params: &mut Value, clamped: &mut Vec<String>) {
    let Some(v) = params.pointer_mut("/textDocument/version") else {
        return;
    };
    if let Some(n) = v
        .as_f64()
        .filter(|_| v.as_i64().is_none_or(|i| i32::try_from(i).is_err()))
    {
        let c = n.clamp(f64::from(i32::MIN), f64::from(i32::MAX)) as i32;
        clamped.push(format!("version {v} to {c}"));
        *v = json!(c);
    }
}

fn clamp_change(change: &mut Value, i: usize, clamped: &mut Vec<String>) {
    let Some(change) = change.as_object_mut() else {
        return;
    };
    if change
        .get("rangeLength")
        .is_some_and(|n| n.as_u64().is_none_or(|n| n > u64::from(u32::MAX)))
    {
        change.remove("rangeLength");
        clamped.push(format!("change {i}: rangeLength removed"));
    }
    let Some(range) = change.get_mut("range").and_then(Value::as_object_mut) else {
        return;
    };
    for end in ["start", "end"] {
        if let Some(pos) = range.get_mut(end).and_then(Value::as_object_mut) {
            clamp_position(pos, &format!("change {i}: {end}"), clamped);
        }
    }
}

fn clamp_position(pos: &mut Map<String, Value>, at: &str, clamped: &mut Vec<String>) {
    for field in ["line", "character"] {
        let Some(v) = pos.get_mut(field) else {
            continue;
        };
        if v.as_u64().is_some_and(|n| n <= u64::from(u32::MAX)) {
            continue;
        }
        if let Some(n) = v.as_f64() {
            let c = n.clamp(0.0, f64::from(u32::MAX)) as u32;
            clamped.push(format!("{at} {field} {v} to {c}"));
            *v = json!(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(range: Value) -> Value {
        json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": "file:///a.md", "version": 2},
            "contentChanges": [{"range": range, "text": "x"}]}})
    }

    fn pos(line: Value, character: Value) -> Value {
        json!({"line": line, "character": character})
    }

    fn params_of(r: &Repair) -> Value {
        match r {
            Repair::Clamped { body, .. } | Repair::Unapplied { body, .. } => {
                serde_json::from_slice::<Value>(body).unwrap()["params"].clone()
            }
            other => panic!("no body: {other:?}"),
        }
    }

    #[test]
    fn a_valid_change_is_left_intact() {
        let msg = change(json!({"start": pos(json!(0), json!(1)), "end": pos(json!(0), json!(2))}));
        assert_eq!(did_change(&msg), Repair::Intact);
    }

    #[test]
    fn negative_and_huge_positions_are_clamped() {
        let msg = change(json!({"start": pos(json!(-3), json!(-1)), "end": pos(json!(1), json!(5_000_000_000u64))}));
        let r = did_change(&msg);
        assert!(matches!(r, Repair::Clamped { .. }), "{r:?}");
        let range = &params_of(&r)["contentChanges"][0]["range"];
        assert_eq!(range["start"], pos(json!(0), json!(0)));
        assert_eq!(range["end"], pos(json!(1), json!(u32::MAX)));
    }

    #[test]
    fn an_out_of_range_version_and_range_length_are_repaired() {
        let mut msg = change(json!({"start": pos(json!(0), json!(0)), "end": pos(json!(0), json!(0))}));
        msg["params"]["textDocument"]["version"] = json!(1u64 << 40);
        msg["params"]["contentChanges"][0]["rangeLength"] = json!(-4);
        let p = params_of(&did_change(&msg));
        assert_eq!(p["textDocument"]["version"], i32::MAX);
        assert!(p["contentChanges"][0].get("rangeLength").is_none());
    }

    #[test]
    fn a_position_that_is_not_a_number_makes_the_change_unapplied() {
        let msg = change(json!({"start": pos(json!("one"), json!(0)), "end": pos(json!(0), json!(0))}));
        let r = did_change(&msg);
        assert!(matches!(r, Repair::Unapplied { .. }), "{r:?}");
        assert_eq!(params_of(&r)["uri"], "file:///a.md");
    }

    #[test]
    fn a_change_without_a_document_is_dropped() {
        let msg = json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"contentChanges": []}});
        assert!(matches!(did_change(&msg), Repair::Dropped(_)));
    }
}
