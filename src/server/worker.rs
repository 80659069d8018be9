//! Analysis off the message loop: one worker task per open document, and the panic guard.
//!
//! A worker sleeps on its document's `watch` channel. Every edit (and every settings change)
//! marks the channel changed; the worker wakes, copies the newest text, analyses it on the
//! blocking pool inside `catch_unwind`, and hands the result to
//! [`Shared::publish_if_current`]. Edits that arrive while it is analysing only mark the channel
//! again, so however many come, the next run sees the newest text: runs coalesce, with no fixed
//! debounce delay. Closing the document drops the sender and the worker ends.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use tokio::sync::watch;
use tower_lsp::lsp_types::{MessageType, Url};

use super::convert;
use super::session::{Shared, Snapshot};
use crate::analysis::{self, Analysis};

pub async fn run(shared: Arc<Shared>, uri: Url, id: u64, mut wake: watch::Receiver<()>) {
    while wake.changed().await.is_ok() {
        let Some(snap) = shared.snapshot(&uri, id) else {
            break;
        };
        let Some(analysis) = analyze(&shared, &snap).await else {
            continue;
        };
        let diagnostics = convert::diagnostics(&snap.text, &analysis, snap.encoding, &uri);
        shared.publish_if_current(&uri, &snap, Arc::new(analysis), diagnostics);
    }
}

/// Analyses a snapshot on the blocking pool. A panic is logged (by the hook, then to the
/// client) and gives `None`; the server keeps serving.
pub async fn analyze(shared: &Shared, snap: &Snapshot) -> Option<Analysis> {
    let text = snap.text.clone();
    let config = snap.config.clone();
    let result = guarded(move || analysis::analyze(&text, &config)).await;
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
