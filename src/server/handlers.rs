//! The `LanguageServer` implementation: each handler converts its input, calls into the session
//! or the analysis, and converts the output.
//!
//! Notification handlers never `.await`: they mutate the session synchronously and return, so
//! no other message can slip in between receiving an edit and applying it. Requests to the
//! client (`workspace/configuration`) run in spawned tasks.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use serde_json::Value;
use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::{
    ConfigurationItem, DidChangeConfigurationParams, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, Hover, HoverParams, InitializeParams, InitializeResult, InitializedParams, MessageType,
};
use tower_lsp::{Client, LanguageServer};

use super::capabilities::initialize_result;
use super::config;
use super::convert::Encoding;
use super::documents::Document;
use super::hover;
use super::session::Shared;
use super::worker;

pub struct Backend {
    client: Client,
    shared: Arc<Shared>,
    /// Whether the client answers `workspace/configuration`.
    can_pull: AtomicBool,
    /// Bumped on every settings event; a pulled answer applies only if none came since.
    settings_gen: Arc<AtomicU64>,
}

impl Backend {
    pub fn new(client: Client, shared: Arc<Shared>) -> Backend {
        Backend {
            client,
            shared,
            can_pull: AtomicBool::new(false),
            settings_gen: Arc::new(AtomicU64::new(0)),
        }
    }

    fn apply_settings(&self, settings: &Value) {
        self.settings_gen.fetch_add(1, Ordering::SeqCst);
        self.shared.set_rules(config::parse(settings));
    }

    /// Asks the client for the `copydesk` section, in a task of its own.
    fn pull_settings(&self) {
        let gen = self.settings_gen.fetch_add(1, Ordering::SeqCst) + 1;
        let (client, shared, settings_gen) = (self.client.clone(), self.shared.clone(), self.settings_gen.clone());
        tokio::spawn(async move {
            let item = ConfigurationItem {
                scope_uri: None,
                section: Some(config::SECTION.to_string()),
            };
            match client.configuration(vec![item]).await {
                Ok(values) => {
                    let value = values.into_iter().next().unwrap_or(Value::Null);
                    if !value.is_null() && settings_gen.load(Ordering::SeqCst) == gen {
                        shared.set_rules(config::parse(&value));
                    }
                }
                Err(e) => shared.log(MessageType::WARNING, format!("workspace/configuration failed: {e}")),
            }
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
        if let Some(options) = &params.initialization_options {
            self.apply_settings(options);
        }
        Ok(initialize_result(encoding))
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
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let doc = Document::new(&item.text, item.version, item.language_id);
        let (id, wake) = self.shared.open(item.uri.clone(), doc);
        tokio::spawn(worker::run(self.shared.clone(), item.uri, id, wake));
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let doc = params.text_document;
        if !self.shared.change(&doc.uri, &params.content_changes, doc.version) {
            self.shared.log(
                MessageType::WARNING,
                format!("didChange for a document that is not open: {}", doc.uri),
            );
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        self.shared.close(&params.text_document.uri);
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
        let Some(view) = self.shared.cached_or_snapshot(&at.text_document.uri) else {
            return Ok(None);
        };
        let (text, analysis, encoding) = match view {
            Ok((cached, encoding)) => (cached.text, cached.analysis, encoding),
            Err(snap) => {
                let analysis = worker::analyze(&self.shared, &snap)
                    .await
                    .ok_or_else(Error::internal_error)?;
                (snap.text, Arc::new(analysis), snap.encoding)
            }
        };
        let card = hover::hover(&text, &analysis, at.position, encoding);
        Ok(if self.shared.plaintext_hover() {
            card.map(hover::as_plaintext)
        } else {
            card
        })
    }
}
