//! An open document: its text in a rope, its version and its language id.
//!
//! Every edit goes through [`Document::apply_changes`], which applies a `didChange` batch in the
//! order sent. Positions are converted with [`convert::rope_offset`] in the negotiated encoding,
//! so a position past a line end or past the document end clamps as the LSP specification says,
//! a range whose start lies after its end is normalised, and nothing here panics on any input.

use ropey::Rope;
use tower_lsp::lsp_types::{Range, TextDocumentContentChangeEvent, Url};

use super::convert::{self, Encoding};
use crate::analysis::Format;

#[derive(Clone, Debug)]
pub struct Document {
    rope: Rope,
    version: i32,
    language_id: String,
}

impl Document {
    pub fn new(text: &str, version: i32, language_id: impl Into<String>) -> Document {
        Document {
            rope: Rope::from_str(text),
            version,
            language_id: language_id.into(),
        }
    }

    pub fn version(&self) -> i32 {
        self.version
    }

    pub fn language_id(&self) -> &str {
        &self.language_id
    }

    /// The whole text, as one string (a copy: O(n)).
    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    /// How the analyzer should read this document: by language id, or Markdown for a `.md` or
    /// `.markdown` file whatever the editor calls it.
    pub fn format(&self, uri: &Url) -> Format {
        let path = uri.path().to_ascii_lowercase();
        if path.ends_with(".md") || path.ends_with(".markdown") {
            Format::Markdown
        } else {
            Format::from_language(&self.language_id)
        }
    }

    /// Applies one `didChange` batch, in order, and takes its version. A change without a range
    /// replaces the whole text.
    pub fn apply_changes(&mut self, changes: &[TextDocumentContentChangeEvent], version: i32, enc: Encoding) {
        for change in changes {
            match change.range {
                Some(range) => self.replace(range, &change.text, enc),
                None => self.rope = Rope::from_str(&change.text),
            }
        }
        self.version = version;
    }

    fn replace(&mut self, range: Range, text: &str, enc: Encoding) {
        let a = convert::rope_offset(&self.rope, range.start, enc);
        let b = convert::rope_offset(&self.rope, range.end, enc);
        let len = self.rope.len_bytes();
        let (start, end) = (a.min(b).min(len), a.max(b).min(len));
        let start = self.rope.byte_to_char(start);
        let end = self.rope.byte_to_char(end);
        self.rope.remove(start..end);
        self.rope.insert(start, text);
    }
}

#[cfg(test)]
mod tests;
