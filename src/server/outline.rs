//! Document symbols: an outline of the story's sourcing.
//!
//! Two top-level entries. **People**: each person with their mention count, each mention a
//! child. **Sources**: four groups, named / anonymous / vague / institutional (documents
//! included), each holding one entry per source (a named person, or an unnamed source with its
//! back-references, or a vague or institutional phrase), whose children are its attributions.

use tower_lsp::lsp_types::{DocumentSymbol, Range, SymbolKind};

use super::convert::{Encoding, LineIndex};
use crate::analysis::{Analysis, MentionKind, SourceKind, Span};

/// The outline; empty when the story names nobody and attributes nothing.
pub fn outline(text: &str, analysis: &Analysis, enc: Encoding) -> Vec<DocumentSymbol> {
    let index = LineIndex::new(text);
    let range = |s: Span| index.range(s, enc);
    let mut top = Vec::new();
    let people: Vec<DocumentSymbol> = analysis
        .people
        .iter()
        .filter(|p| !p.mentions.is_empty())
        .map(|p| {
            let mentions = p
                .mentions
                .iter()
                .map(|m| {
                    leaf(
                        m.span.of(text),
                        Some(mention_kind(m.kind)),
                        SymbolKind::STRING,
                        range(m.span),
                    )
                })
                .collect();
            let n = p.mentions.len();
            node(&p.name, Some(plural(n, "mention")), SymbolKind::OBJECT, mentions)
        })
        .collect();
    if !people.is_empty() {
        let n = people.len().to_string();
        top.push(node("People", Some(n), SymbolKind::NAMESPACE, people));
    }
    let groups: Vec<DocumentSymbol> = [
        ("Named sources", Group::Named),
        ("Anonymous sources", Group::Anonymous),
        ("Vague sources", Group::Vague),
        ("Institutional sources", Group::Institutional),
    ]
    .into_iter()
    .filter_map(|(title, g)| {
        let entries = sources_in(text, analysis, g, &range);
        let n = entries.len();
        (n > 0).then(|| node(title, Some(n.to_string()), SymbolKind::NAMESPACE, entries))
    })
    .collect();
    if !groups.is_empty() {
        top.push(node("Sources", None, SymbolKind::NAMESPACE, groups));
    }
    top
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    Named,
    Anonymous,
    Vague,
    Institutional,
}

/// The group of a source, following pronouns and back-references to what they stand for.
fn group_of(analysis: &Analysis, mut i: usize) -> Option<(Group, Key)> {
    for _ in 0..analysis.sources.len() {
        let s = analysis.sources.get(i)?;
        if let Some(p) = s.person {
            return Some((Group::Named, Key::Person(p)));
        }
        if let Some(a) = s.antecedent.filter(|&a| a != i) {
            i = a;
            continue;
        }
        return match s.kind {
            SourceKind::Named => Some((Group::Named, Key::Source(i))),
            SourceKind::Anonymous => Some((Group::Anonymous, Key::Source(i))),
            SourceKind::Vague => Some((Group::Vague, Key::Source(i))),
            SourceKind::Institution | SourceKind::Document => Some((Group::Institutional, Key::Source(i))),
            SourceKind::Pronoun => None,
        };
    }
    None
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    Person(usize),
    Source(usize),
}

fn sources_in(text: &str, analysis: &Analysis, g: Group, range: &impl Fn(Span) -> Range) -> Vec<DocumentSymbol> {
    let mut keys: Vec<(Key, Vec<Span>)> = Vec::new();
    for (i, s) in analysis.sources.iter().enumerate() {
        let Some((group, key)) = group_of(analysis, i) else {
            continue;
        };
        if group != g {
            continue;
        }
        match keys.iter_mut().find(|(k, _)| *k == key) {
            Some((_, spans)) => spans.push(s.span),
            None => keys.push((key, vec![s.span])),
        }
    }
    keys.into_iter()
        .map(|(key, spans)| {
            let name = match key {
                Key::Person(p) => analysis.people.get(p).map(|p| p.name.clone()).unwrap_or_default(),
                Key::Source(s) => analysis
                    .sources
                    .get(s)
                    .map(|s| phrase(s.span.of(text)))
                    .unwrap_or_default(),
            };
            let children = spans
                .iter()
                .map(|&sp| leaf(sp.of(text), None, SymbolKind::STRING, range(sp)))
                .collect();
            let n = spans.len();
            node(&name, Some(plural(n, "attribution")), SymbolKind::OBJECT, children)
        })
        .collect()
}

fn mention_kind(k: MentionKind) -> String {
    match k {
        MentionKind::Name => "name",
        MentionKind::ShortName => "short name",
        MentionKind::Nominal => "description",
        MentionKind::Pronoun => "pronoun",
    }
    .to_string()
}

fn phrase(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[allow(
    deprecated,
    reason = "DocumentSymbol.deprecated is deprecated in favour of tags, but required"
)]
fn leaf(name: &str, detail: Option<String>, kind: SymbolKind, range: Range) -> DocumentSymbol {
    DocumentSymbol {
        name: if name.trim().is_empty() {
            "?".into()
        } else {
            phrase(name)
        },
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: range,
        children: None,
    }
}

/// A parent spanning its children, selected at its first child.
fn node(name: &str, detail: Option<String>, kind: SymbolKind, children: Vec<DocumentSymbol>) -> DocumentSymbol {
    let start = children.iter().map(|c| c.range.start).min().unwrap_or_default();
    let end = children.iter().map(|c| c.range.end).max().unwrap_or_default();
    let first = children.first().map_or(Range::new(start, start), |c| c.selection_range);
    let mut sym = leaf(name, detail, kind, Range::new(start, end));
    sym.selection_range = first;
    sym.children = Some(children);
    sym
}
