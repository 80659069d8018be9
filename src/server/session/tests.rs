//! The freshness rules: a result is published only for the document, version and settings it
//! was computed from, and nothing follows a document's close.

use serde_json::json;
use tower_lsp::lsp_types::{Position, Range};

use super::*;
use crate::server::config;

fn setup() -> (Shared, mpsc::UnboundedReceiver<Outgoing>, Url) {
    let (tx, rx) = mpsc::unbounded_channel();
    let uri = Url::parse("file:///desk/story.md").unwrap();
    (Shared::new(tx), rx, uri)
}

fn publish(shared: &Shared, uri: &Url, snap: &Snapshot) {
    shared.publish_if_current(uri, snap, Arc::new(Analysis::default()), Vec::new());
}

/// The versions of queued diagnostics (`None` for a clear), skipping log lines.
fn queued(rx: &mut mpsc::UnboundedReceiver<Outgoing>) -> Vec<Option<i32>> {
    let mut out = Vec::new();
    while let Ok(msg) = rx.try_recv() {
        if let Outgoing::Diagnostics { version, .. } = msg {
            out.push(version);
        }
    }
    out
}

fn typing(at: u32) -> Vec<TextDocumentContentChangeEvent> {
    let p = Position::new(0, at);
    vec![TextDocumentContentChangeEvent {
        range: Some(Range::new(p, p)),
        range_length: None,
        text: "x".into(),
    }]
}

#[test]
fn a_result_for_an_older_version_is_dropped() {
    let (shared, mut rx, uri) = setup();
    let (id, _wake) = shared.open(uri.clone(), Document::new("ab", 1, "markdown"));
    let v1 = shared.snapshot(&uri, id).unwrap();
    assert!(shared.change(&uri, &typing(2), 2));
    publish(&shared, &uri, &v1);
    assert_eq!(queued(&mut rx), vec![]);
    let v2 = shared.snapshot(&uri, id).unwrap();
    assert_eq!((v2.version, &*v2.text), (2, "abx"));
    publish(&shared, &uri, &v2);
    assert_eq!(queued(&mut rx), vec![Some(2)]);
}

#[test]
fn nothing_is_published_after_close_or_for_a_reopened_document() {
    let (shared, mut rx, uri) = setup();
    let (id, _wake) = shared.open(uri.clone(), Document::new("ab", 1, "markdown"));
    let old = shared.snapshot(&uri, id).unwrap();
    shared.close(&uri);
    publish(&shared, &uri, &old);
    assert_eq!(queued(&mut rx), vec![None]);
    let (new_id, _wake) = shared.open(uri.clone(), Document::new("ab", 1, "markdown"));
    assert_ne!(new_id, id);
    assert!(shared.snapshot(&uri, id).is_none(), "the old worker must stop");
    publish(&shared, &uri, &old);
    assert_eq!(queued(&mut rx), vec![], "same version number, but another document");
}

#[test]
fn a_settings_change_wakes_workers_and_drops_results_under_old_settings() {
    let (shared, mut rx, uri) = setup();
    let (id, mut wake) = shared.open(uri.clone(), Document::new("ab", 1, "markdown"));
    assert!(wake.has_changed().unwrap(), "a new document is analysed at once");
    wake.mark_unchanged();
    let before = shared.snapshot(&uri, id).unwrap();
    shared.set_rules(config::parse(&json!({"rules": {"anonymous-source": "off"}})));
    assert!(wake.has_changed().unwrap());
    publish(&shared, &uri, &before);
    assert_eq!(queued(&mut rx), vec![]);
    let after = shared.snapshot(&uri, id).unwrap();
    assert_eq!(after.config.severity(RuleId::AnonymousSource), None);
    assert_eq!(after.config.format, crate::analysis::Format::Markdown);
    publish(&shared, &uri, &after);
    assert_eq!(queued(&mut rx), vec![Some(1)]);
}

#[test]
fn hover_uses_the_cache_only_while_it_is_current() {
    let (shared, _rx, uri) = setup();
    let (id, _wake) = shared.open(uri.clone(), Document::new("ab", 1, "plaintext"));
    assert!(matches!(shared.cached_or_snapshot(&uri), Some(Err(_))));
    publish(&shared, &uri, &shared.snapshot(&uri, id).unwrap());
    assert!(matches!(shared.cached_or_snapshot(&uri), Some(Ok(_))));
    shared.change(&uri, &typing(0), 2);
    match shared.cached_or_snapshot(&uri) {
        Some(Err(snap)) => assert_eq!(&*snap.text, "xab"),
        other => panic!("expected a fresh snapshot, got {other:?}"),
    }
    assert!(shared
        .cached_or_snapshot(&Url::parse("file:///other.txt").unwrap())
        .is_none());
}

#[test]
fn a_version_going_back_is_applied_logged_and_cannot_revive_an_old_result() {
    let (shared, mut rx, uri) = setup();
    let (id, _wake) = shared.open(uri.clone(), Document::new("ab", 5, "markdown"));
    let first = shared.snapshot(&uri, id).unwrap();
    assert!(shared.change(&uri, &typing(2), 3));
    assert!(shared.change(&uri, &typing(3), 5));
    let logs: Vec<String> = std::iter::from_fn(|| rx.try_recv().ok())
        .filter_map(|m| match m {
            Outgoing::Log { message, .. } => Some(message),
            _ => None,
        })
        .collect();
    assert_eq!(logs.len(), 1, "{logs:?}");
    assert!(
        logs[0].contains("from version 5 to 3") && logs[0].contains("story.md"),
        "{logs:?}"
    );
    publish(&shared, &uri, &first);
    assert_eq!(queued(&mut rx), vec![], "version 5 again, but not the same text");
    let now = shared.snapshot(&uri, id).unwrap();
    assert_eq!((now.version, &*now.text), (5, "abxx"));
    publish(&shared, &uri, &now);
    assert_eq!(queued(&mut rx), vec![Some(5)]);
}

#[test]
fn an_unapplied_edit_pauses_the_document_until_the_full_text_comes() {
    let (shared, mut rx, uri) = setup();
    let (id, _wake) = shared.open(uri.clone(), Document::new("ab", 1, "markdown"));
    let before = shared.snapshot(&uri, id).unwrap();
    assert!(shared.unsynced(&uri, "bad position"));
    assert!(shared.unsynced(&uri, "bad again"));
    let msgs: Vec<Outgoing> = std::iter::from_fn(|| rx.try_recv().ok()).collect();
    let shown = msgs.iter().filter(|m| matches!(m, Outgoing::Show { .. })).count();
    assert_eq!(shown, 1, "the user is told once: {msgs:?}");
    assert!(matches!(&msgs[0], Outgoing::Diagnostics { version: None, diagnostics, .. } if diagnostics.is_empty()));
    publish(&shared, &uri, &before);
    assert!(shared.change(&uri, &typing(0), 2));
    let snap = shared.snapshot(&uri, id).unwrap();
    assert!(snap.unsynced && shared.cached_or_snapshot(&uri).is_none());
    publish(&shared, &uri, &snap);
    assert_eq!(queued(&mut rx), vec![], "nothing from text the client does not have");
    let whole = vec![TextDocumentContentChangeEvent {
        range: None,
        range_length: None,
        text: "fresh".into(),
    }];
    assert!(shared.change(&uri, &whole, 3));
    let snap = shared.snapshot(&uri, id).unwrap();
    assert!(!snap.unsynced);
    publish(&shared, &uri, &snap);
    assert_eq!(queued(&mut rx), vec![Some(3)]);
}
