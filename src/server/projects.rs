//! `copydesk.toml` in the server: found upward from each opened file and read from disk then
//! (an unchanged config changes nothing), re-read from the buffer while the editor has it open,
//! from disk when it is closed, or changed on disk when the client watches files for the server.
//!
//! A config that fails to parse never replaces a good one: the server keeps analysing with the
//! last good config (or the defaults, before there was one) and says so in one error
//! diagnostic on the config file, at the line at fault. A good parse clears that diagnostic.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tower_lsp::lsp_types::{Diagnostic, DiagnosticSeverity, Position, Range, Url};

use super::session::Shared;
use crate::project::{self, ConfigError, Project};

/// Config files read so far, and which of them have had a good parse.
#[derive(Default)]
pub struct Projects {
    seen: Mutex<Seen>,
}

#[derive(Default)]
struct Seen {
    read: HashSet<PathBuf>,
    good: HashSet<PathBuf>,
}

/// Whether a URI is a `copydesk.toml`.
pub fn is_config(uri: &Url) -> bool {
    uri.path().rsplit('/').next() == Some(project::FILE_NAME)
}

impl Projects {
    fn seen(&self) -> std::sync::MutexGuard<'_, Seen> {
        self.seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The config that applies to a document, read from disk (unless the editor has it open:
    /// its buffer wins), so that reopening a story picks up a config changed outside.
    pub fn for_document(&self, shared: &Shared, uri: &Url) -> Option<PathBuf> {
        let path = uri.to_file_path().ok()?;
        let found = project::find(path.parent()?)?;
        let open_in_editor = Url::from_file_path(&found)
            .ok()
            .is_some_and(|u| shared.cached_or_snapshot(&u).is_some());
        if !open_in_editor {
            self.reload(shared, &found, None);
        }
        Some(found)
    }

    /// Parses a config (`text` from the editor's buffer, else from disk) and applies it if
    /// good; otherwise reports the error on the file and keeps what was there.
    pub fn reload(&self, shared: &Shared, path: &Path, text: Option<&str>) {
        self.seen().read.insert(path.to_path_buf());
        let Ok(uri) = Url::from_file_path(path) else {
            return;
        };
        let root = path.parent().unwrap_or(Path::new("/"));
        let parsed = match text {
            Some(t) => Project::parse(t, root),
            None => Project::load(path),
        };
        match parsed {
            Ok(p) => {
                self.seen().good.insert(path.to_path_buf());
                shared.set_project(path.to_path_buf(), p.config);
                shared.publish(uri, Vec::new());
            }
            Err(e) => {
                let had_good = self.seen().good.contains(path);
                shared.publish(uri, vec![error_diagnostic(&e, had_good)]);
            }
        }
    }
}

impl Projects {
    /// A config file changed on disk (`workspace/didChangeWatchedFiles`): re-read it if it is
    /// in use; a deleted one leaves its documents with the defaults.
    pub fn file_changed(&self, shared: &Shared, path: &Path, deleted: bool) {
        if !self.seen().read.contains(path) {
            return;
        }
        if deleted {
            self.seen().good.remove(path);
            shared.set_project(path.to_path_buf(), crate::analysis::Config::default());
            if let Ok(uri) = Url::from_file_path(path) {
                shared.publish(uri, Vec::new());
            }
        } else {
            self.reload(shared, path, None);
        }
    }
}

fn error_diagnostic(e: &ConfigError, had_good: bool) -> Diagnostic {
    let line = u32::try_from(e.line.saturating_sub(1)).unwrap_or(0);
    let kept = if had_good {
        "copydesk keeps using the last good version of this file"
    } else {
        "copydesk uses its defaults until this is fixed"
    };
    Diagnostic {
        range: Range::new(Position::new(line, 0), Position::new(line, u32::MAX)),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("copydesk".to_string()),
        message: format!("{}: {kept}.", e.message),
        ..Diagnostic::default()
    }
}
