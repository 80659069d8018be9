//! Quotations: spans, kinds (speech, title, nickname, scare quote) and speakers.

use super::model::{Person, Quote, Source};
use super::segment::Document;

/// Finds every quotation and its speaker; links quotes to the sources that speak them.
pub fn find(_doc: &Document<'_>, _sources: &mut Vec<Source>, _people: &[Person]) -> Vec<Quote> {
    Vec::new()
}
