//! The server's shared state, behind one `std::sync::Mutex`, and the outbox.
//!
//! Every method here locks, mutates or copies, and unlocks without awaiting anything, so
//! handlers that call them stay atomic with respect to each other. Messages to the client
//! (diagnostics, log lines) are not sent here: they are pushed, in order and while the lock is
//! held where ordering matters, onto an unbounded channel that one task ([`deliver`]) drains.
//! That makes "check the version, then publish" a single step: a stale result can never be
//! queued after a newer one, and `didClose`'s empty diagnostics can never be overtaken.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tokio::sync::{mpsc, watch};
use tower_lsp::lsp_types::{Diagnostic, MessageType, PublishDiagnosticsParams, TextDocumentContentChangeEvent, Url};
use tower_lsp::Client;

use super::config::Parsed;
use super::convert::Encoding;
use super::documents::Document;
use super::log;
use crate::analysis::{Analysis, Config, RuleId, RuleSetting};

/// A message for the client, in the order it must be sent.
#[derive(Debug)]
pub enum Outgoing {
    Diagnostics {
        uri: Url,
        diagnostics: Vec<Diagnostic>,
        version: Option<i32>,
    },
    Log {
        typ: MessageType,
        message: String,
    },
    /// `window/showMessage`: for what the user must act on.
    Show {
        typ: MessageType,
        message: String,
    },
}

/// What one analysis run works on: a copy of the text and everything needed to judge later
/// whether its result is still current.
#[derive(Clone, Debug)]
pub struct Snapshot {
    /// The open-document id: a document closed and reopened under the same URI gets a new one.
    pub id: u64,
    /// Bumped on every edit batch. The client's version cannot tell states apart when it goes
    /// backwards (5, 3, 5), so freshness is judged on this.
    pub revision: u64,
    pub version: i32,
    /// The text is known to differ from the client's: analyse nothing.
    pub unsynced: bool,
    pub config_gen: u64,
    pub encoding: Encoding,
    pub text: Arc<str>,
    pub config: Config,
}

/// The latest analysis of a document, kept for hover.
#[derive(Clone, Debug)]
pub struct Cached {
    pub revision: u64,
    pub config_gen: u64,
    pub text: Arc<str>,
    pub analysis: Arc<Analysis>,
}

struct Entry {
    id: u64,
    doc: Document,
    format: crate::analysis::Format,
    /// Wakes this document's analysis worker; dropping it stops the worker.
    wake: watch::Sender<()>,
    cache: Option<Cached>,
    /// The `copydesk.toml` that applies to this document, if any.
    project: Option<PathBuf>,
    revision: u64,
    /// Why the text is out of step with the client's, until a full-text change or a re-open.
    unsynced: Option<String>,
}

#[derive(Default)]
struct State {
    docs: HashMap<Url, Entry>,
    rules: BTreeMap<RuleId, RuleSetting>,
    /// Bumped on every settings change; results computed under older settings are dropped.
    config_gen: u64,
    encoding: Encoding,
    /// The client reads hover as plain text only.
    plaintext_hover: bool,
    next_id: u64,
    /// The last good config of each `copydesk.toml` in use (rules, lexicon, house rules).
    projects: HashMap<PathBuf, Config>,
    /// False for a client that pulls diagnostics (`textDocument/diagnostic`): no pushes then.
    no_push: bool,
}

pub struct Shared {
    state: Mutex<State>,
    outbox: mpsc::UnboundedSender<Outgoing>,
}

impl Shared {
    pub fn new(outbox: mpsc::UnboundedSender<Outgoing>) -> Shared {
        Shared {
            state: Mutex::new(State::default()),
            outbox,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn send(&self, msg: Outgoing) {
        // Fails only once the delivery task is gone, that is, while the server stops.
        let _ = self.outbox.send(msg);
    }

    /// Logs to stderr and to the client's log.
    pub fn log(&self, typ: MessageType, message: String) {
        let level = match typ {
            MessageType::ERROR => log::Level::Error,
            MessageType::WARNING => log::Level::Warn,
            _ => log::Level::Info,
        };
        log::log(level, &message);
        self.send(Outgoing::Log { typ, message });
    }

    /// Logs, and shows the message to the user.
    pub fn show(&self, typ: MessageType, message: String) {
        self.log(typ, message.clone());
        self.send(Outgoing::Show { typ, message });
    }

    pub fn set_encoding(&self, encoding: Encoding) {
        self.lock().encoding = encoding;
    }

    pub fn encoding(&self) -> Encoding {
        self.lock().encoding
    }

    pub fn set_plaintext_hover(&self, plain: bool) {
        self.lock().plaintext_hover = plain;
    }

    pub fn plaintext_hover(&self) -> bool {
        self.lock().plaintext_hover
    }

    /// Takes new settings and wakes every document's worker to re-analyse under them.
    pub fn set_rules(&self, parsed: Parsed) {
        {
            let mut s = self.lock();
            s.rules = parsed.rules;
            s.config_gen += 1;
            for entry in s.docs.values() {
                entry.wake.send_replace(());
            }
        }
        for w in parsed.warnings {
            self.log(MessageType::WARNING, w);
        }
    }

    /// Stores a newly opened document (replacing any with that URI) and returns its id and the
    /// receiver its worker waits on, already marked as changed.
    pub fn open(&self, uri: Url, doc: Document) -> (u64, watch::Receiver<()>) {
        let (wake, mut rx) = watch::channel(());
        rx.mark_changed();
        let format = doc.format(&uri);
        let mut s = self.lock();
        s.next_id += 1;
        let id = s.next_id;
        let entry = Entry {
            id,
            doc,
            format,
            wake,
            cache: None,
            project: None,
            revision: 0,
            unsynced: None,
        };
        s.docs.insert(uri, entry);
        (id, rx)
    }

    /// Applies a `didChange` batch and wakes the worker. False when the document is not open.
    ///
    /// A version that does not go up is a client bug, but the client has applied the edit to
    /// its own text, so the edit is applied here too (the text stays in step), the version is
    /// taken as sent (diagnostics carry the version the client last named), and a warning
    /// naming the document says so. A document out of sync is repaired by a change that
    /// replaces the whole text.
    pub fn change(&self, uri: &Url, changes: &[TextDocumentContentChangeEvent], version: i32) -> bool {
        let mut s = self.lock();
        let enc = s.encoding;
        let Some(entry) = s.docs.get_mut(uri) else {
            return false;
        };
        let old = entry.doc.version();
        entry.doc.apply_changes(changes, version, enc);
        entry.revision += 1;
        let repaired = entry.unsynced.is_some() && changes.iter().any(|c| c.range.is_none());
        if repaired {
            entry.unsynced = None;
        }
        entry.wake.send_replace(());
        drop(s);
        if version <= old {
            let msg = format!("didChange for {uri} goes from version {old} to {version}; applied as sent");
            self.log(MessageType::WARNING, msg);
        }
        if repaired {
            self.log(
                MessageType::INFO,
                format!("{uri} is in sync again (full text received)"),
            );
        }
        true
    }

    /// Marks the document out of sync after an edit that could not be applied: its diagnostics
    /// are cleared and nothing is analysed until a full-text change or a re-open. The user is
    /// told once per loss of sync. False when the document is not open.
    pub fn unsynced(&self, uri: &Url, reason: &str) -> bool {
        let mut s = self.lock();
        let Some(entry) = s.docs.get_mut(uri) else {
            return false;
        };
        let first = entry.unsynced.is_none();
        entry.unsynced = Some(reason.to_string());
        entry.revision += 1;
        entry.cache = None;
        self.send(Outgoing::Diagnostics {
            uri: uri.clone(),
            diagnostics: Vec::new(),
            version: None,
        });
        drop(s);
        let message = format!(
            "copydesk could not apply an edit to {uri} ({reason}); its checks are paused until the \
             document is reopened or sent whole"
        );
        if first {
            self.show(MessageType::ERROR, message);
        } else {
            self.log(MessageType::ERROR, message);
        }
        true
    }

    /// Drops the document (which stops its worker) and clears its diagnostics.
    pub fn close(&self, uri: &Url) {
        let mut s = self.lock();
        s.docs.remove(uri);
        self.send(Outgoing::Diagnostics {
            uri: uri.clone(),
            diagnostics: Vec::new(),
            version: None,
        });
    }

    /// A snapshot of the open document `id` at `uri`, or `None` once it is closed or replaced.
    pub fn snapshot(&self, uri: &Url, id: u64) -> Option<Snapshot> {
        let s = self.lock();
        let entry = s.docs.get(uri).filter(|e| e.id == id)?;
        Some(snapshot_of(&s, entry))
    }

    /// The cached analysis when it matches the current text and settings, else a snapshot to
    /// analyse. `None` when the document is not open, or out of sync with the client.
    pub fn cached_or_snapshot(&self, uri: &Url) -> Option<Result<(Cached, Encoding), Snapshot>> {
        let s = self.lock();
        let entry = s.docs.get(uri).filter(|e| e.unsynced.is_none())?;
        match &entry.cache {
            Some(c) if c.revision == entry.revision && c.config_gen == s.config_gen => {
                Some(Ok((c.clone(), s.encoding)))
            }
            _ => Some(Err(snapshot_of(&s, entry))),
        }
    }

    /// Caches the result and queues its diagnostics, if the document is still at the snapshot's
    /// version and settings. Otherwise the result is stale and dropped: the worker has already
    /// been woken for the newer state. Checking and queueing happen under one lock.
    pub fn publish_if_current(
        &self,
        uri: &Url,
        snap: &Snapshot,
        analysis: Arc<Analysis>,
        diagnostics: Vec<Diagnostic>,
    ) {
        let mut s = self.lock();
        let config_gen = s.config_gen;
        let Some(entry) = s.docs.get_mut(uri) else {
            return;
        };
        if entry.id != snap.id || entry.revision != snap.revision || config_gen != snap.config_gen || snap.unsynced {
            return;
        }
        entry.cache = Some(Cached {
            revision: snap.revision,
            config_gen,
            text: snap.text.clone(),
            analysis,
        });
        if s.no_push {
            return;
        }
        self.send(Outgoing::Diagnostics {
            uri: uri.clone(),
            diagnostics,
            version: Some(snap.version),
        });
    }
}

impl Shared {
    /// Stops pushing diagnostics: the client pulls them.
    pub fn set_pull_only(&self) {
        self.lock().no_push = true;
    }

    /// Ties an open document to the `copydesk.toml` that applies to it.
    pub fn set_document_project(&self, uri: &Url, project: Option<PathBuf>) {
        let mut s = self.lock();
        if let Some(entry) = s.docs.get_mut(uri) {
            entry.project = project;
            entry.wake.send_replace(());
        }
    }

    /// Takes a project's new good config and re-analyses the documents it applies to.
    pub fn set_project(&self, path: PathBuf, config: Config) {
        let mut s = self.lock();
        if s.projects.get(&path) == Some(&config) {
            return;
        }
        s.config_gen += 1;
        for entry in s.docs.values().filter(|e| e.project.as_ref() == Some(&path)) {
            entry.wake.send_replace(());
        }
        s.projects.insert(path, config);
    }

    /// Queues diagnostics that belong to no analysis (a config file's problems).
    pub fn publish(&self, uri: Url, diagnostics: Vec<Diagnostic>) {
        let _guard = self.lock();
        self.send(Outgoing::Diagnostics {
            uri,
            diagnostics,
            version: None,
        });
    }
}

/// The analysis config for a document: its project's config, the editor's rules over it.
fn config_of(s: &State, entry: &Entry) -> Config {
    let base = entry.project.as_ref().and_then(|p| s.projects.get(p));
    let mut config = base.cloned().unwrap_or_default();
    config.format = entry.format;
    config.rules.extend(s.rules.iter().map(|(k, v)| (*k, *v)));
    config
}

fn snapshot_of(s: &State, entry: &Entry) -> Snapshot {
    Snapshot {
        id: entry.id,
        revision: entry.revision,
        version: entry.doc.version(),
        unsynced: entry.unsynced.is_some(),
        config_gen: s.config_gen,
        encoding: s.encoding,
        text: Arc::from(entry.doc.text()),
        config: config_of(s, entry),
    }
}

/// Sends queued messages to the client, one at a time, in queue order.
///
/// Diagnostics do not go through tower-lsp's `Client`: it turns a notification's parameters
/// into a `serde_json::Value` tree before writing it, and for a long document with thousands of
/// findings that tree was the largest allocation of the whole server (about 30 MB for a 1 MB
/// document, measured with massif). They are serialized straight from the `lsp_types` structs
/// into one frame for the stdout writer (`frames`), which interleaves whole frames only.
pub async fn deliver(
    client: Client,
    frames: mpsc::UnboundedSender<Vec<u8>>,
    mut outbox: mpsc::UnboundedReceiver<Outgoing>,
) {
    while let Some(msg) = outbox.recv().await {
        match msg {
            Outgoing::Diagnostics {
                uri,
                diagnostics,
                version,
            } => {
                // Fails only once the writer is gone, that is, while the server stops.
                let _ = frames.send(diagnostics_frame(uri, diagnostics, version));
            }
            Outgoing::Log { typ, message } => client.log_message(typ, message).await,
            Outgoing::Show { typ, message } => client.show_message(typ, message).await,
        }
    }
}

/// A framed `textDocument/publishDiagnostics` notification.
pub fn diagnostics_frame(uri: Url, diagnostics: Vec<Diagnostic>, version: Option<i32>) -> Vec<u8> {
    #[derive(serde::Serialize)]
    struct Notification {
        jsonrpc: &'static str,
        method: &'static str,
        params: PublishDiagnosticsParams,
    }
    let notification = Notification {
        jsonrpc: "2.0",
        method: "textDocument/publishDiagnostics",
        params: PublishDiagnosticsParams::new(uri, diagnostics, version),
    };
    // Serializing plain structs, strings and numbers into a `Vec` cannot fail; the empty body
    // a failure would give is still a well-formed frame the client skips.
    super::transport::frame(&serde_json::to_vec(&notification).unwrap_or_default())
}

#[cfg(test)]
mod tests;
