//! Analysis off the message loop: one worker task per open document, and the panic guard.
//!
//! A worker sleeps on its document's `watch` channel. Every edit (and every settings change)
//! marks the channel changed; the worker wakes, copies the newest text, analyses it on the
//! blocking pool inside `catch_unwind`, and hands the result to
//! [`Shared::publish_if_current`]. Edits that arrive while it is analysing only mark the channel
//! again, so however many come, the next run sees the newest text: runs coalesce, with no fixed
//! debounce delay. Closing the document drops the sender and the worker ends. A document out of
//! sync with the client is not analysed; a very large one is analysed up to a limit (see
//! `limit`). Converting findings to diagnostics is guarded too.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

use tokio::sync::watch;
use tower_lsp::lsp_types::{MessageType, Url};

use super::session::{Shared, Snapshot};
use super::{convert, limit};
use crate::analysis::{self, Analysis, Memo};

pub async fn run(shared: Arc<Shared>, uri: Url, id: u64, mut wake: watch::Receiver<()>) {
    // This document's memo: what the last analysis computed for text that has not changed.
    // Only this worker's runs use it, one at a time; the mutex only moves it to the blocking
    // pool and back.
    let memo = Arc::new(Mutex::new(Memo::new()));
    while wake.changed().await.is_ok() {
        let Some(snap) = shared.snapshot(&uri, id) else {
            break;
        };
        if snap.unsynced {
            continue;
        }
        let Some(analysis) = analyze_memoised(&shared, &snap, Some(memo.clone())).await else {
            continue;
        };
        let analysis = Arc::new(analysis);
        let (text, found, encoding, at) = (snap.text.clone(), analysis.clone(), snap.encoding, uri.clone());
        let converted = guarded(move || {
            let mut diagnostics = convert::diagnostics(&text, &found, encoding, &at);
            diagnostics.extend(limit::notice(&text, encoding));
            diagnostics
        });
        let Some(diagnostics) = converted.await else {
            shared.log(MessageType::ERROR, format!("converting the findings for {uri} failed"));
            continue;
        };
        shared.publish_if_current(&uri, &snap, analysis, diagnostics);
    }
}

/// Analyses a snapshot on the blocking pool: the whole text, or its first
/// [`limit::MAX_ANALYSED`] bytes. A panic is logged (by the hook, then to the client) and gives
/// `None`; the server keeps serving.
pub async fn analyze(shared: &Shared, snap: &Snapshot) -> Option<Analysis> {
    analyze_memoised(shared, snap, None).await
}

/// [`analyze`] with the document's memo (see `analysis::memo`). A memo left poisoned by a
/// panic is replaced by an empty one: it only ever costs time, never correctness.
async fn analyze_memoised(shared: &Shared, snap: &Snapshot, memo: Option<Arc<Mutex<Memo>>>) -> Option<Analysis> {
    let text = snap.text.clone();
    let config = snap.config.clone();
    let result = guarded(move || {
        let text = limit::analysed(&text);
        match memo {
            Some(memo) => {
                let mut memo = memo.lock().unwrap_or_else(|poisoned| {
                    let mut m = poisoned.into_inner();
                    *m = Memo::new();
                    m
                });
                analysis::analyze_with(text, &config, &mut memo)
            }
            None => analysis::analyze(text, &config),
        }
    })
    .await;
    if result.is_none() {
        shared.log(
            MessageType::ERROR,
            format!(
                "analysis failed on version {} of a document; see the server's stderr",
                snap.version
            ),
        );
    }
    result
}

/// Runs `f` on the blocking pool; `None` when it panics.
pub async fn guarded<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    match tokio::task::spawn_blocking(move || catch_unwind(AssertUnwindSafe(f))).await {
        Ok(Ok(value)) => Some(value),
        Ok(Err(_)) | Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panic_is_caught_and_the_next_call_still_runs() {
        assert_eq!(guarded(|| -> u8 { panic!("boom") }).await, None);
        assert_eq!(guarded(|| 7).await, Some(7));
    }
}
