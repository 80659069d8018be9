//! Code actions: the fixes a finding carries in `Diagnostic.data`, copied out as quick fixes.
//!
//! Nothing is recomputed: the edits were converted to LSP ranges when the diagnostic was made
//! (`convert::fixes_data`), for the text the diagnostic describes. The ignore fix travels as the
//! line it inserts at; its directive text comes from the rule id and the format alone. Each
//! action is a plain `WorkspaceEdit` (`changes`), which every client applies; no client-side
//! command is needed.

use std::collections::HashMap;

use serde_json::Value;
use tower_lsp::lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Diagnostic, NumberOrString, Position, Range,
    TextEdit, WorkspaceEdit,
};

use crate::analysis::rules::suppress;
use crate::analysis::Format;

/// The quick fixes for the diagnostics the client sends back.
pub fn code_actions(params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let wants_quickfix = params.context.only.as_ref().is_none_or(|only| {
        only.iter()
            .any(|k| k == &CodeActionKind::QUICKFIX || k.as_str().is_empty())
    });
    if !wants_quickfix {
        return Vec::new();
    }
    let uri = &params.text_document.uri;
    let mut out = Vec::new();
    for d in params
        .context
        .diagnostics
        .iter()
        .filter(|d| d.source.as_deref() == Some("copydesk"))
    {
        let fixes = fixes_of(d);
        let several = fixes.len() > 1;
        for (i, (title, edits)) in fixes.into_iter().enumerate() {
            let changes = HashMap::from([(uri.clone(), edits)]);
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(changes),
                    ..WorkspaceEdit::default()
                }),
                // The rule's own fix comes first; the suppression is the fallback.
                is_preferred: Some(several && i == 0),
                ..CodeAction::default()
            }));
        }
    }
    out
}

/// `data.fixes` as (title, edits), then the ignore fix from `data.ignore`; anything malformed
/// is skipped.
fn fixes_of(d: &Diagnostic) -> Vec<(String, Vec<TextEdit>)> {
    let Some(data) = d.data.as_ref() else {
        return Vec::new();
    };
    let mut out: Vec<(String, Vec<TextEdit>)> = match data.get("fixes") {
        Some(Value::Array(fixes)) => fixes
            .iter()
            .filter_map(|f| {
                let title = f.get("title")?.as_str()?.to_string();
                let edits: Vec<TextEdit> = serde_json::from_value(f.get("edits")?.clone()).ok()?;
                Some((title, edits))
            })
            .collect(),
        _ => Vec::new(),
    };
    out.extend(ignore_fix(d, data));
    out
}

/// The `copydesk-ignore` directive for the diagnostic's rule, on its own line at `data.ignore`.
fn ignore_fix(d: &Diagnostic, data: &Value) -> Option<(String, Vec<TextEdit>)> {
    let NumberOrString::String(rule) = d.code.as_ref()? else {
        return None;
    };
    let ignore = data.get("ignore")?;
    let line = u32::try_from(ignore.get("line")?.as_u64()?).ok()?;
    let format = if ignore.get("markdown")?.as_bool()? {
        Format::Markdown
    } else {
        Format::Plain
    };
    let at = Position::new(line, 0);
    let edit = TextEdit::new(Range::new(at, at), suppress::directive_line(rule, format));
    Some((suppress::fix_title(rule), vec![edit]))
}
