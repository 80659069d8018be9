//! The Language Server Protocol edge: the only module that knows tower-lsp and LSP types.
//!
//! # Modules
//! - [`transport`]: stdio framing in front of tower-lsp; answers malformed input, ends the
//!   process on `exit`.
//! - `handlers`: the `LanguageServer` methods; `capabilities`: the `initialize` answer.
//! - `session`: open documents, settings and the outbox, behind one `std::sync::Mutex`.
//! - [`documents`]: a document's rope, version and language id; the one edit path.
//! - `worker`: per-document analysis off the message loop, panics caught.
//! - `resilience`: a panic guard around every handler; edits the transport could not read.
//! - [`convert`]: byte offsets ⇄ LSP positions, findings → diagnostics.
//! - [`config`]: editor settings → analysis rules. `projects`: `copydesk.toml` per document,
//!   the last good one kept. `hover`: the person card. `log`: stderr.
//! - Features over the cached analysis: `actions` (quick fixes copied from `Diagnostic.data`),
//!   `outline` (document symbols), `mentions` (highlights, references, rename of a person),
//!   `inlay` (the resolved speaker after a quotation). Pull diagnostics reuse `convert`.
//!
//! # Concurrency
//! tower-lsp runs up to four handlers at once and every `.await` lets another message in
//! (ebkalderon/tower-lsp#284). The design keeps edits in order and results fresh:
//! - `didOpen`, `didChange`, `didClose` and `didChangeConfiguration` never `.await`. Each locks
//!   the session's `std::sync::Mutex`, mutates, and unlocks before returning, so a batch of
//!   edits is applied whole, in the order tower-lsp polls the handlers, which is arrival order
//!   (a handler with no `.await` completes on its first poll). No lock is ever held across an
//!   `.await`, and no handler awaits a request to the client: the `workspace/configuration`
//!   pull runs in a spawned task.
//! - Analysis runs off the message loop: each open document has a worker task that sleeps on a
//!   `tokio::sync::watch` channel. Edits mark it changed; the worker copies the newest text and
//!   version, analyses on the blocking pool inside `catch_unwind`, and comes back. Edits that
//!   land meanwhile just mark the channel again, so a burst coalesces into one more run on the
//!   newest text. There is no debounce delay.
//! - A result is published only if, under the lock, the document is still open with the same
//!   id, the same version and the same settings generation; it is then queued, still under the
//!   lock, on an unbounded outbox that one task drains in order to the client. Diagnostics
//!   carry the version they were computed from, and a stale result is dropped, never sent after
//!   a newer one. `didClose` queues its empty diagnostics under the same lock, so nothing for a
//!   closed document can follow them.
//! - Hover reuses the analysis cached with the document when it matches the current version and
//!   settings, and analyses a snapshot otherwise (without touching the cache).

pub mod config;
pub mod convert;
pub mod documents;
pub mod transport;

mod actions;
mod capabilities;
mod handlers;
mod hover;
mod inlay;
mod limit;
mod log;
mod mentions;
mod outline;
mod projects;
mod resilience;
mod session;
mod worker;

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use futures::future;
use tokio::sync::mpsc;
use tower_lsp::{LspService, Server};

use handlers::Backend;
use resilience::{CatchPanic, Unapplied};
use session::Shared;
use transport::End;

/// How long buffered output may take to reach stdout once the server is done.
const DRAIN: Duration = Duration::from_secs(2);

/// Serves LSP on stdio until `exit` (status 0 after `shutdown`, 1 without) or the end of stdin.
pub fn run() -> ExitCode {
    log::install_panic_hook();
    limit_malloc_arenas();
    log::info(format_args!(
        "copydesk {} serving LSP on stdio",
        env!("CARGO_PKG_VERSION")
    ));
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            log::error(format_args!("cannot start the async runtime: {e}"));
            return ExitCode::FAILURE;
        }
    };
    let status = runtime.block_on(serve());
    // The stdin reader may sit in a blocking read forever: do not wait for it.
    runtime.shutdown_background();
    ExitCode::from(status)
}

/// glibc gives every thread that allocates its own malloc arena and keeps freed memory in it.
/// The analyses run on tokio's blocking pool, a different thread from one keystroke to the
/// next, so with a large document each pool thread ends up holding a whole analysis' worth of
/// freed memory: measured with a 1 MB document and 20 keystrokes, 200 MiB peak RSS with the
/// default arenas, 119 MiB with two, 76 MiB with one. One it is: the threads rarely allocate at
/// the same time (the analysis dominates), so the shared lock costs nothing measurable.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    // SAFETY: `mallopt` only sets an allocator parameter; it is called once, before the runtime
    // starts any thread. A failure (return value 0) leaves glibc's default, which is harmless.
    let ok = unsafe { libc::mallopt(libc::M_ARENA_MAX, 1) };
    if ok == 0 {
        log::info(format_args!("could not limit malloc arenas; memory use may be higher"));
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}

async fn serve() -> u8 {
    let (to_server, server_in) = tokio::io::duplex(1 << 16);
    let (server_out, from_server) = tokio::io::duplex(1 << 16);
    let (frames, frames_rx) = mpsc::unbounded_channel();
    let writer = tokio::spawn(transport::write_frames(tokio::io::stdout(), frames_rx));
    tokio::spawn(transport::pump_output(from_server, frames.clone()));
    let input = tokio::spawn(transport::pump_input(tokio::io::stdin(), to_server, frames.clone()));

    let (outbox, outbox_rx) = mpsc::unbounded_channel();
    let shared = Arc::new(Shared::new(outbox));
    let unsynced = shared.clone();
    let guard = shared.clone();
    let diagnostics_out = frames.clone();
    let builder = LspService::build(|client| {
        tokio::spawn(session::deliver(client.clone(), diagnostics_out, outbox_rx));
        Backend::new(client, shared)
    })
    .custom_method(transport::UNAPPLIED, move |_: &Backend, params: Unapplied| {
        resilience::unapplied(&unsynced, params);
        future::ready(())
    });
    // Debug builds only: a request whose handler panics, so the end-to-end tests can show that
    // a panic in any handler is survived.
    #[cfg(debug_assertions)]
    let builder = builder.custom_method("copydesk/debugPanic", |_: &Backend, fail: bool| {
        resilience::debug_panic(fail)
    });
    let (service, socket) = builder.finish();
    let service = CatchPanic::new(service, guard);
    let server = tokio::spawn(Server::new(server_in, server_out, socket).serve(service));

    let end = input.await;
    let status = match end {
        Ok(End::Exit(status)) => {
            server.abort();
            status
        }
        Ok(End::Eof { shutdown }) => {
            // Let tower-lsp finish the messages it has already read.
            let _ = tokio::time::timeout(DRAIN, server).await;
            u8::from(!shutdown)
        }
        Err(_) => 1,
    };
    let _ = tokio::time::timeout(DRAIN, writer).await;
    status
}
