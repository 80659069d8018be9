//! The `LanguageServer` implementation: each handler converts its input, calls into the session
//! or the analysis, and converts the output.
//!
//! Notification handlers never `.await`: they mutate the session synchronously and return, so
//! no other message can slip in between receiving an edit and applying it. Requests to the
//! client (`workspace/configuration`, `workspace/diagnostic/refresh`) run in spawned tasks.
//! A `copydesk.toml` the editor opens is not a story: its text is the project config, re-read
//! on every edit ([`projects`]).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use serde_json::Value;
use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::request::{InlayHintRefreshRequest, WorkspaceDiagnosticRefresh};
use tower_lsp::lsp_types::{
    CodeActionParams, CodeActionResponse, ConfigurationItem, DidChangeConfigurationParams, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, DocumentDiagnosticParams, DocumentDiagnosticReport,
    DocumentDiagnosticReportResult, DocumentHighlight, DocumentHighlightParams, DocumentSymbolParams,
    DocumentSymbolResponse, FileChangeType, FileSystemWatcher, FullDocumentDiagnosticReport, GlobPattern, Hover,
    HoverParams, InitializeParams, InitializeResult, InitializedParams, InlayHint, InlayHintParams, Location,
    MessageType, PrepareRenameResponse, ReferenceParams, Registration, RelatedFullDocumentDiagnosticReport,
    RenameParams, TextDocumentPositionParams, Url, WorkspaceEdit,
};
use tower_lsp::{Client, LanguageServer};

use super::capabilities::initialize_result;
use super::config::{self, Parsed};
use super::convert::{self, Encoding};
use super::documents::Document;
use super::projects::{self, Projects};
use super::session::Shared;
use super::{actions, hover, inlay, mentions, outline, worker};
use crate::analysis::Analysis;

pub struct Backend {
    client: Client,
    shared: Arc<Shared>,
    /// Whether the client answers `workspace/configuration`.
    can_pull: AtomicBool,
    /// Bumped on every settings event; a pulled answer applies only if none came since.
    settings_gen: Arc<AtomicU64>,
    /// The `copydesk.toml` files in use.
    projects: Projects,
    /// Whether inlay hints are on (setting `inlayHints`, default on).
    inlay: Arc<AtomicBool>,
    /// Whether the client pulls diagnostics, and so is told when to pull again.
    refresh: Arc<AtomicBool>,
    /// Whether the client asks for inlay hints again on `workspace/inlayHint/refresh`.
    inlay_refresh: Arc<AtomicBool>,
    /// Whether the client can watch files for the server (dynamic registration).
    can_watch: AtomicBool,
}

/// A document's text and its analysis for the current version and settings.
struct View {
    text: Arc<str>,
    analysis: Arc<Analysis>,
    encoding: Encoding,
}

impl Backend {
    pub fn new(client: Client, shared: Arc<Shared>) -> Backend {
        Backend {
            client,
            shared,
            can_pull: AtomicBool::new(false),
            settings_gen: Arc::new(AtomicU64::new(0)),
            projects: Projects::default(),
            inlay: Arc::new(AtomicBool::new(true)),
            refresh: Arc::new(AtomicBool::new(false)),
            inlay_refresh: Arc::new(AtomicBool::new(false)),
            can_watch: AtomicBool::new(false),
        }
    }

    fn apply_settings(&self, settings: &Value) {
        self.settings_gen.fetch_add(1, Ordering::SeqCst);
        take_settings(&self.shared, &self.inlay, config::parse(settings));
        self.refresh_diagnostics();
        refresh_inlay_hints(self.client.clone(), &self.inlay_refresh);
    }

    /// Asks the client for the `copydesk` section, in a task of its own.
    fn pull_settings(&self) {
        let gen = self.settings_gen.fetch_add(1, Ordering::SeqCst) + 1;
        let (client, shared, settings_gen) = (self.client.clone(), self.shared.clone(), self.settings_gen.clone());
        let (inlay, refresh) = (self.inlay.clone(), self.refresh.clone());
        let inlay_refresh = self.inlay_refresh.clone();
        tokio::spawn(async move {
            let item = ConfigurationItem {
                scope_uri: None,
                section: Some(config::SECTION.to_string()),
            };
            match client.configuration(vec![item]).await {
                Ok(values) => {
                    let value = values.into_iter().next().unwrap_or(Value::Null);
                    if !value.is_null() && settings_gen.load(Ordering::SeqCst) == gen {
                        take_settings(&shared, &inlay, config::parse(&value));
                        refresh_inlay_hints(client.clone(), &inlay_refresh);
                        refresh_in_task(client, &refresh);
                    }
                }
                Err(e) => shared.log(MessageType::WARNING, format!("workspace/configuration failed: {e}")),
            }
        });
    }

    /// Tells a pulling client to pull again (settings or a project config changed).
    fn refresh_diagnostics(&self) {
        refresh_in_task(self.client.clone(), &self.refresh);
    }

    /// The current analysis of an open story: cached, or computed for a snapshot.
    async fn view(&self, uri: &Url) -> Result<Option<View>> {
        if projects::is_config(uri) {
            return Ok(None);
        }
        let Some(view) = self.shared.cached_or_snapshot(uri) else {
            return Ok(None);
        };
        Ok(Some(match view {
            Ok((cached, encoding)) => View {
                text: cached.text,
                analysis: cached.analysis,
                encoding,
            },
            Err(snap) => {
                let analysis = worker::analyze(&self.shared, &snap)
                    .await
                    .ok_or_else(Error::internal_error)?;
                View {
                    text: snap.text,
                    analysis: Arc::new(analysis),
                    encoding: snap.encoding,
                }
            }
        }))
    }

    /// Re-reads an open `copydesk.toml` from its buffer.
    fn reload_open_config(&self, uri: &Url) {
        let text = match self.shared.cached_or_snapshot(uri) {
            Some(Err(snap)) => snap.text,
            Some(Ok((cached, _))) => cached.text,
            None => return,
        };
        if let Ok(path) = uri.to_file_path() {
            self.projects.reload(&self.shared, &path, Some(&text));
            self.refresh_diagnostics();
        }
    }
}

fn take_settings(shared: &Shared, inlay: &AtomicBool, parsed: Parsed) {
    if let Some(on) = parsed.inlay_hints {
        inlay.store(on, Ordering::SeqCst);
    }
    shared.set_rules(parsed);
}

/// Asks a client that supports it to request inlay hints again (the setting or rules changed).
fn refresh_inlay_hints(client: Client, supported: &AtomicBool) {
    if supported.load(Ordering::SeqCst) {
        tokio::spawn(async move {
            let _ = client.send_request::<InlayHintRefreshRequest>(()).await;
        });
    }
}

fn refresh_in_task(client: Client, refresh: &AtomicBool) {
    if refresh.load(Ordering::SeqCst) {
        tokio::spawn(async move {
            let _ = client.send_request::<WorkspaceDiagnosticRefresh>(()).await;
        });
    }
}

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let offered = caps.general.as_ref().and_then(|g| g.position_encodings.as_deref());
        let encoding = Encoding::negotiate(offered);
        self.shared.set_encoding(encoding);
        let hover_formats = caps
            .text_document
            .as_ref()
            .and_then(|t| t.hover.as_ref()?.content_format.as_deref());
        self.shared.set_plaintext_hover(hover::wants_plaintext(hover_formats));
        let can_pull = caps.workspace.as_ref().and_then(|w| w.configuration) == Some(true);
        self.can_pull.store(can_pull, Ordering::SeqCst);
        let inlay_refresh = caps
            .workspace
            .as_ref()
            .and_then(|w| w.inlay_hint.as_ref())
            .and_then(|i| i.refresh_support);
        self.inlay_refresh.store(inlay_refresh == Some(true), Ordering::SeqCst);
        let can_watch = caps
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration);
        self.can_watch.store(can_watch == Some(true), Ordering::SeqCst);
        // Diagnostics are pushed unless the client supports pull and the settings ask for it
        // (`pullDiagnostics`): then they are only pulled, so nothing shows twice, and a
        // settings or project change asks the client to pull again.
        let supports_pull = caps
            .text_document
            .as_ref()
            .and_then(|t| t.diagnostic.as_ref())
            .is_some();
        let wants_pull = params
            .initialization_options
            .as_ref()
            .is_some_and(|o| config::parse(o).pull_diagnostics == Some(true));
        let pull = supports_pull && wants_pull;
        if pull {
            self.shared.set_pull_only();
            self.refresh.store(true, Ordering::SeqCst);
        }
        if let Some(options) = &params.initialization_options {
            // No refresh requests yet: nothing may reach the client before this answer.
            self.settings_gen.fetch_add(1, Ordering::SeqCst);
            take_settings(&self.shared, &self.inlay, config::parse(options));
        }
        Ok(initialize_result(encoding, pull))
    }

    async fn initialized(&self, _: InitializedParams) {
        let encoding = self.shared.encoding().kind();
        let msg = format!(
            "copydesk {} ready; positions in {}",
            env!("CARGO_PKG_VERSION"),
            encoding.as_str()
        );
        self.shared.log(MessageType::INFO, msg);
        if self.can_pull.load(Ordering::SeqCst) {
            self.pull_settings();
        }
        if self.can_watch.load(Ordering::SeqCst) {
            // Config files changed outside the editor (a pull, a checkout) are re-read too.
            let client = self.client.clone();
            tokio::spawn(async move {
                let options = DidChangeWatchedFilesRegistrationOptions {
                    watchers: vec![FileSystemWatcher {
                        glob_pattern: GlobPattern::String(format!("**/{}", crate::project::FILE_NAME)),
                        kind: None,
                    }],
                };
                let registration = Registration {
                    id: "copydesk-toml".to_string(),
                    method: "workspace/didChangeWatchedFiles".to_string(),
                    register_options: serde_json::to_value(options).ok(),
                };
                let _ = client.register_capability(vec![registration]).await;
            });
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        for change in params.changes.iter().filter(|c| projects::is_config(&c.uri)) {
            // An open config is read from its buffer, which wins over the file on disk.
            if self.shared.cached_or_snapshot(&change.uri).is_some() {
                continue;
            }
            if let Ok(path) = change.uri.to_file_path() {
                let deleted = change.typ == FileChangeType::DELETED;
                self.projects.file_changed(&self.shared, &path, deleted);
            }
        }
        self.refresh_diagnostics();
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let doc = Document::new(&item.text, item.version, item.language_id);
        let (id, wake) = self.shared.open(item.uri.clone(), doc);
        if projects::is_config(&item.uri) {
            self.reload_open_config(&item.uri);
            return;
        }
        let project = self.projects.for_document(&self.shared, &item.uri);
        self.shared.set_document_project(&item.uri, project);
        tokio::spawn(worker::run(self.shared.clone(), item.uri, id, wake));
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let doc = params.text_document;
        if !self.shared.change(&doc.uri, &params.content_changes, doc.version) {
            self.shared.log(
                MessageType::WARNING,
                format!("didChange for a document that is not open: {}", doc.uri),
            );
        } else if projects::is_config(&doc.uri) {
            self.reload_open_config(&doc.uri);
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if projects::is_config(&params.text_document.uri) {
            self.reload_open_config(&params.text_document.uri);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.shared.close(&uri);
        // Unsaved edits to a config are gone: what counts now is the file on disk.
        if let (true, Ok(path)) = (projects::is_config(&uri), uri.to_file_path()) {
            self.projects.reload(&self.shared, &path, None);
            self.refresh_diagnostics();
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        if config::is_empty(&params.settings) && self.can_pull.load(Ordering::SeqCst) {
            self.pull_settings();
        } else {
            self.apply_settings(&params.settings);
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        let Some(v) = self.view(&at.text_document.uri).await? else {
            return Ok(None);
        };
        let card = hover::hover(&v.text, &v.analysis, at.position, v.encoding);
        Ok(if self.shared.plaintext_hover() {
            card.map(hover::as_plaintext)
        } else {
            card
        })
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let items = match self.view(&uri).await? {
            Some(v) => convert::diagnostics(&v.text, &v.analysis, v.encoding, &uri),
            None => Vec::new(),
        };
        Ok(DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
            RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id: None, items },
            },
        )))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        Ok(Some(actions::code_actions(&params)))
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        let Some(v) = self.view(&params.text_document.uri).await? else {
            return Ok(None);
        };
        let symbols = outline::outline(&v.text, &v.analysis, v.encoding);
        Ok(Some(DocumentSymbolResponse::Nested(symbols)))
    }

    async fn document_highlight(&self, params: DocumentHighlightParams) -> Result<Option<Vec<DocumentHighlight>>> {
        let at = params.text_document_position_params;
        let Some(v) = self.view(&at.text_document.uri).await? else {
            return Ok(None);
        };
        Ok(mentions::highlights(&v.text, &v.analysis, at.position, v.encoding))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let at = params.text_document_position;
        let Some(v) = self.view(&at.text_document.uri).await? else {
            return Ok(None);
        };
        Ok(mentions::references(
            &v.text,
            &v.analysis,
            at.position,
            v.encoding,
            &at.text_document.uri,
        ))
    }

    async fn prepare_rename(&self, at: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        let Some(v) = self.view(&at.text_document.uri).await? else {
            return Ok(None);
        };
        Ok(mentions::prepare_rename(&v.text, &v.analysis, at.position, v.encoding))
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let at = params.text_document_position;
        let Some(v) = self.view(&at.text_document.uri).await? else {
            return Ok(None);
        };
        if params.new_name.trim().is_empty() {
            return Err(Error::invalid_params("a person's new name cannot be empty"));
        }
        let uri = &at.text_document.uri;
        Ok(mentions::rename(
            &v.text,
            &v.analysis,
            at.position,
            v.encoding,
            uri,
            params.new_name.trim(),
        ))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        if !self.inlay.load(Ordering::SeqCst) {
            return Ok(Some(Vec::new()));
        }
        let Some(v) = self.view(&params.text_document.uri).await? else {
            return Ok(None);
        };
        Ok(Some(inlay::hints(&v.text, &v.analysis, params.range, v.encoding)))
    }
}
