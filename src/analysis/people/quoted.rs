//! Quotation regions, found simply: curly quotes pair “ with ”; straight double quotes pair
//! within a paragraph; an unclosed quote runs to the end of its paragraph. Only used to keep
//! the speaker's own pronouns ("she", "him" inside a quote) from being linked.

use crate::analysis::model::Span;
use crate::analysis::segment::Document;

/// The quoted stretches of a document, sorted.
pub struct Quoted {
    spans: Vec<Span>,
}

impl Quoted {
    pub fn new(doc: &Document<'_>) -> Quoted {
        let mut spans = Vec::new();
        for p in &doc.paragraphs {
            let text = p.span.of(&doc.text);
            let mut open: Option<usize> = None;
            for (k, c) in text.char_indices() {
                let at = p.span.start + k;
                match (c, open) {
                    ('“', _) => open = Some(at),
                    ('”', Some(s)) => {
                        spans.push(Span::new(s, at + c.len_utf8()));
                        open = None;
                    }
                    ('"', Some(s)) => {
                        spans.push(Span::new(s, at + 1));
                        open = None;
                    }
                    ('"', None) => open = Some(at),
                    _ => {}
                }
            }
            if let Some(s) = open {
                spans.push(Span::new(s, p.span.end));
            }
        }
        Quoted { spans }
    }

    /// Whether byte `offset` lies inside a quotation.
    pub fn contains(&self, offset: usize) -> bool {
        let i = self.spans.partition_point(|s| s.end <= offset);
        self.spans.get(i).is_some_and(|s| s.start <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Format;

    #[test]
    fn finds_curly_straight_and_unclosed_quotes() {
        let text = "She said “he left” and \"she stayed\".\n\n“He never came back";
        let doc = Document::new(text, Format::Plain);
        let q = Quoted::new(&doc);
        assert!(!q.contains(0));
        assert!(q.contains(text.find("he left").unwrap_or(0)));
        assert!(q.contains(text.find("she stayed").unwrap_or(0)));
        assert!(!q.contains(text.find("and").unwrap_or(0)));
        assert!(q.contains(text.find("never").unwrap_or(0)));
    }
}
