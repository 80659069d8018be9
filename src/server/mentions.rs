//! People under the cursor: document highlights, references and rename.
//!
//! The person is the one whose mention (name, short name, description or pronoun) covers the
//! cursor. Highlights and references list every mention. Rename rewrites only the name
//! mentions of that person (full names and short forms, each word mapped consistently: the old
//! surname to the new one, the old given name to the new one), so another person who shares a
//! surname is never touched, nor are descriptions and pronouns.

use std::collections::HashMap;

use tower_lsp::lsp_types::{
    DocumentHighlight, DocumentHighlightKind, Location, Position, PrepareRenameResponse, TextEdit, Url, WorkspaceEdit,
};

use super::convert::{Encoding, LineIndex};
use crate::analysis::{Analysis, MentionKind, Person, Span};

/// The person at a position, and the mention under it.
fn person_at<'a>(text: &str, analysis: &'a Analysis, pos: Position, enc: Encoding) -> Option<(&'a Person, Span)> {
    let offset = LineIndex::new(text).offset(pos, enc);
    // A cursor right after a name (the usual place after typing) counts too.
    let (i, m) = analysis
        .person_at(offset)
        .or_else(|| offset.checked_sub(1).and_then(|o| analysis.person_at(o)))?;
    Some((analysis.people.get(i)?, m.span))
}

pub fn highlights(text: &str, analysis: &Analysis, pos: Position, enc: Encoding) -> Option<Vec<DocumentHighlight>> {
    let (person, _) = person_at(text, analysis, pos, enc)?;
    let index = LineIndex::new(text);
    let list = person
        .mentions
        .iter()
        .map(|m| DocumentHighlight {
            range: index.range(m.span, enc),
            kind: Some(match m.kind {
                MentionKind::Name | MentionKind::ShortName => DocumentHighlightKind::WRITE,
                MentionKind::Nominal | MentionKind::Pronoun => DocumentHighlightKind::READ,
            }),
        })
        .collect();
    Some(list)
}

pub fn references(text: &str, analysis: &Analysis, pos: Position, enc: Encoding, uri: &Url) -> Option<Vec<Location>> {
    let (person, _) = person_at(text, analysis, pos, enc)?;
    let index = LineIndex::new(text);
    Some(
        person
            .mentions
            .iter()
            .map(|m| Location::new(uri.clone(), index.range(m.span, enc)))
            .collect(),
    )
}

pub fn prepare_rename(text: &str, analysis: &Analysis, pos: Position, enc: Encoding) -> Option<PrepareRenameResponse> {
    let (person, span) = person_at(text, analysis, pos, enc)?;
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: LineIndex::new(text).range(span, enc),
        placeholder: person.name.clone(),
    })
}

/// The edits renaming the person at `pos` to `new_name`; `None` when no person is there.
pub fn rename(
    text: &str,
    analysis: &Analysis,
    pos: Position,
    enc: Encoding,
    uri: &Url,
    new_name: &str,
) -> Option<WorkspaceEdit> {
    let (person, _) = person_at(text, analysis, pos, enc)?;
    let index = LineIndex::new(text);
    let edits = rename_edits(text, person, new_name)
        .into_iter()
        .map(|(span, new)| TextEdit::new(index.range(span, enc), new))
        .collect();
    Some(WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    })
}

/// The byte-span edits renaming `person`: a mention holding the whole old name gets the whole
/// new one; a short form is mapped word by word (see [`word_map`]).
fn rename_edits(text: &str, person: &Person, new_name: &str) -> Vec<(Span, String)> {
    let words = word_map(&person.name, new_name);
    let old = person.name.as_str();
    let mut edits = Vec::new();
    for m in person
        .mentions
        .iter()
        .filter(|m| matches!(m.kind, MentionKind::Name | MentionKind::ShortName))
    {
        if let Some(at) = m.span.of(text).find(old).filter(|_| !old.is_empty()) {
            if old != new_name {
                let start = m.span.start + at;
                edits.push((Span::new(start, start + old.len()), new_name.to_string()));
            }
            continue;
        }
        for (span, new) in word_spans(text, m.span) {
            if let Some(replacement) = words.get(span.of(text)).filter(|r| **r != new) {
                edits.push((span, replacement.clone()));
            }
        }
    }
    edits
}

/// Old name words → new ones: the first to the first, the last to the last, and the middle
/// words in order; extra new words join the surname ("Ana Ortiz" → "Ana de la Cruz").
fn word_map(old: &str, new: &str) -> HashMap<String, String> {
    let old: Vec<&str> = old.split_whitespace().collect();
    let new: Vec<&str> = new.split_whitespace().collect();
    let mut map = HashMap::new();
    let (Some(first), Some(last)) = (old.first(), old.last()) else {
        return map;
    };
    if new.is_empty() {
        return map;
    }
    if old.len() == 1 || new.len() == 1 {
        // A one-word name on either side: any short form becomes the whole new name.
        map.insert(first.to_string(), new.join(" "));
        map.insert(last.to_string(), new.join(" "));
        return map;
    }
    map.insert(first.to_string(), new[0].to_string());
    // The new surname: the new words past the old name's middle ones.
    let surname_from = (old.len() - 1).min(new.len() - 1);
    for (i, w) in old.iter().enumerate().take(old.len() - 1).skip(1) {
        if let Some(n) = new.get(i).filter(|_| i < surname_from) {
            map.insert(w.to_string(), n.to_string());
        }
    }
    map.insert(last.to_string(), new[surname_from..].join(" "));
    map
}

/// The words inside a mention span, with their text.
fn word_spans(text: &str, span: Span) -> Vec<(Span, String)> {
    let s = span.of(text);
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let in_word = c.is_alphanumeric() || c == '-' || c == '’' || c == '\'';
        match (start, in_word) {
            (None, true) => start = Some(i),
            (Some(b), false) => {
                let word = &s[b..i];
                let own = word
                    .strip_suffix("'s")
                    .or_else(|| word.strip_suffix("’s"))
                    .unwrap_or(word);
                let w = Span::new(span.start + b, span.start + b + own.len());
                out.push((w, w.of(text).to_string()));
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Mention, Person};

    fn renamed(text: &str, name: &str, mentions: &[&str], new_name: &str) -> String {
        let mut from = 0;
        let person = Person {
            name: name.to_string(),
            mentions: mentions
                .iter()
                .map(|m| {
                    let at = from + text[from..].find(m).unwrap();
                    from = at + m.len();
                    let kind = if m.contains(' ') {
                        MentionKind::Name
                    } else {
                        MentionKind::ShortName
                    };
                    Mention {
                        span: Span::new(at, at + m.len()),
                        kind,
                    }
                })
                .collect(),
            ..Person::default()
        };
        crate::analysis::text::apply_edits(text, &rename_edits(text, &person, new_name))
    }

    #[test]
    fn full_and_short_forms_follow_the_new_name() {
        let text = "Mayor Ana Ortiz spoke. Ortiz's aide nodded.";
        assert_eq!(
            renamed(text, "Ana Ortiz", &["Mayor Ana Ortiz", "Ortiz"], "Ana de la Cruz"),
            "Mayor Ana de la Cruz spoke. de la Cruz's aide nodded."
        );
        assert_eq!(
            renamed(text, "Ana Ortiz", &["Mayor Ana Ortiz", "Ortiz"], "Cher"),
            "Mayor Cher spoke. Cher's aide nodded."
        );
        assert_eq!(
            renamed(text, "Ana Ortiz", &["Mayor Ana Ortiz", "Ortiz"], "Ana Ortiz"),
            text,
            "no edits to the same name"
        );
    }
}
