//! Attributions: cue, source phrase, vantage, reason, claim; every source classified.

use super::model::{Person, Source};
use super::segment::Document;

/// Finds every attribution in the document.
pub fn find(_doc: &Document<'_>, _people: &[Person]) -> Vec<Source> {
    Vec::new()
}
