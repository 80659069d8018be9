//! What keeps one bad message from costing the user the server: a panic guard around every
//! handler, and the handler for edits the transport could not read.
//!
//! [`CatchPanic`] wraps tower-lsp's service. tower-lsp runs handler futures inside its own
//! server loop, so a panic in any handler (not only in analysis, which the worker already
//! guards) would end that loop and leave the process deaf. Here each call is polled inside
//! `catch_unwind`: a panicking request is answered with `-32603` (internal error), a panicking
//! notification is dropped, the panic is logged (the hook writes it to stderr with its
//! location, then `window/logMessage` names the method), and the user is shown one message the
//! first time. Every other document keeps being served. State behind the session's mutex stays
//! usable: a poisoned lock is taken over (see `Shared::lock`).

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use futures::future::BoxFuture;
use futures::FutureExt;
use serde::Deserialize;
use tower::Service;
use tower_lsp::jsonrpc::{Error, Request, Response};
use tower_lsp::lsp_types::{MessageType, Url};

use super::session::Shared;

pub struct CatchPanic<S> {
    inner: S,
    shared: Arc<Shared>,
    /// Whether the user has been shown that a handler failed.
    shown: Arc<AtomicBool>,
}

impl<S> CatchPanic<S> {
    pub fn new(inner: S, shared: Arc<Shared>) -> CatchPanic<S> {
        CatchPanic {
            inner,
            shared,
            shown: Arc::new(AtomicBool::new(false)),
        }
    }
}

impl<S> Service<Request> for CatchPanic<S>
where
    S: Service<Request, Response = Option<Response>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = Option<Response>;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Option<Response>, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        let id = req.id().cloned();
        let method = req.method().to_string();
        let (shared, shown) = (self.shared.clone(), self.shown.clone());
        let fail = move || {
            let message = format!("copydesk: the {method} handler failed; see the server's stderr");
            if shown.swap(true, Ordering::SeqCst) {
                shared.log(MessageType::ERROR, message);
            } else {
                shared.show(MessageType::ERROR, message);
            }
            Ok(id.map(|id| Response::from_error(id, Error::internal_error())))
        };
        match std::panic::catch_unwind(AssertUnwindSafe(|| self.inner.call(req))) {
            Ok(fut) => AssertUnwindSafe(fut)
                .catch_unwind()
                .map(move |r| r.unwrap_or_else(|_| fail()))
                .boxed(),
            Err(_) => futures::future::ready(fail()).boxed(),
        }
    }
}

/// The params of [`super::transport::UNAPPLIED`].
#[derive(Debug, Deserialize)]
pub struct Unapplied {
    pub uri: Url,
    pub reason: String,
}

/// Marks the document out of sync and tells the user (see `Shared::unsynced`).
pub fn unapplied(shared: &Shared, params: Unapplied) {
    if !shared.unsynced(&params.uri, &params.reason) {
        let message = format!("an edit for {} could not be applied, and it is not open", params.uri);
        shared.log(MessageType::WARNING, message);
    }
}

/// `copydesk/debugPanic` (debug builds only): panics when asked to, so that end-to-end tests
/// can show a handler's panic is survived.
#[cfg(debug_assertions)]
pub async fn debug_panic(fail: bool) -> tower_lsp::jsonrpc::Result<bool> {
    assert!(!fail, "copydesk/debugPanic was asked to fail");
    Ok(fail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use tokio::sync::mpsc;

    use crate::server::session::Outgoing;

    /// A service whose `boom` method panics.
    struct Fragile;

    impl Service<Request> for Fragile {
        type Response = Option<Response>;
        type Error = ();
        type Future = BoxFuture<'static, Result<Option<Response>, ()>>;

        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), ()>> {
            Poll::Ready(Ok(()))
        }

        fn call(&mut self, req: Request) -> Self::Future {
            async move {
                assert_ne!(req.method(), "boom", "a handler bug");
                Ok(req.id().cloned().map(|id| Response::from_ok(id, json!("fine"))))
            }
            .boxed()
        }
    }

    fn request(id: i64, method: &str) -> Request {
        Request::build(method.to_string()).id(id).finish()
    }

    #[tokio::test]
    async fn a_panicking_request_gets_an_internal_error_and_the_next_is_served() {
        let (tx, mut rx) = mpsc::unbounded_channel();
        let mut svc = CatchPanic::new(Fragile, Arc::new(Shared::new(tx)));
        let r = svc.call(request(1, "boom")).await.unwrap().unwrap();
        assert_eq!(r.error().map(|e| e.code), Some(Error::internal_error().code));
        let r = svc.call(request(2, "boom")).await.unwrap().unwrap();
        assert!(r.error().is_some());
        let ok = svc.call(request(3, "hover")).await.unwrap().unwrap();
        assert_eq!(ok.result(), Some(&json!("fine")));
        let note = Request::build("boom").finish();
        assert_eq!(svc.call(note).await, Ok(None));
        let mut shows = 0;
        let mut logs = 0;
        while let Ok(msg) = rx.try_recv() {
            match msg {
                Outgoing::Show { .. } => shows += 1,
                Outgoing::Log { .. } => logs += 1,
                Outgoing::Diagnostics { .. } => {}
            }
        }
        assert_eq!(shows, 1, "the user is told once");
        assert_eq!(logs, 3, "every panic is logged");
    }
}
