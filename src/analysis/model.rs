//! The data model every engine produces and every consumer (server, CLI) reads.
//!
//! All spans are byte ranges into the analysed text, end exclusive, on `char` boundaries.
//! Indexes (`person`, `source`) point into the arrays of the same [`Analysis`].

use serde::Serialize;

mod rule_id;

pub(crate) use rule_id::rule_table;
pub use rule_id::{RuleId, Severity};

/// A byte range into the analysed text, end exclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }
    pub fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
    pub fn covers(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text under this span, or `""` when the span does not fit `text`.
    pub fn of(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// A calendar date the document states about itself (first line `date 2023-06-07`, a dateline).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// Everything the analyzer found in one document.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Analysis {
    pub people: Vec<Person>,
    pub quotes: Vec<Quote>,
    pub sources: Vec<Source>,
    pub findings: Vec<Finding>,
    /// Findings silenced by a `copydesk-ignore` directive, with its reason.
    pub suppressed: Vec<Suppressed>,
    /// The date the document gives for itself, if any.
    pub date: Option<Date>,
}

impl Analysis {
    /// The person whose mention (of any kind) covers `offset`.
    pub fn person_at(&self, offset: usize) -> Option<(usize, &Mention)> {
        self.people.iter().enumerate().find_map(|(i, p)| {
            p.mentions
                .iter()
                .find(|m| m.span.start <= offset && offset < m.span.end.max(m.span.start + 1))
                .map(|m| (i, m))
        })
    }
}

/// One real person, with every reference to them the story makes.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Person {
    /// The fullest form of the name the story uses ("Natalie Portman").
    pub name: String,
    pub gender: Option<Gender>,
    /// Mentions in document order.
    pub mentions: Vec<Mention>,
    /// Appositives and epithets: "the actress", "the former city councilor".
    pub descriptors: Vec<Descriptor>,
    /// Ages stated for the person.
    pub ages: Vec<Age>,
    /// "her husband, Luis Vega": a relation, seen from this person.
    pub relations: Vec<Relation>,
    /// Indexes into [`Analysis::quotes`] of quotes this person is the speaker of.
    pub quotes: Vec<usize>,
    /// Indexes into [`Analysis::sources`] of attributions to this person.
    pub sources: Vec<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Female,
    Male,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub span: Span,
    pub kind: MentionKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A full name: "Ana Ortiz", "Sen. Ana Ortiz".
    Name,
    /// A surname or first name alone: "Ortiz", "Ms. Ortiz", "Ana".
    ShortName,
    /// An epithet or role linked to the person: "the actress", "the Oscar winner".
    Nominal,
    /// "she", "him", "his".
    Pronoun,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Descriptor {
    pub span: Span,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Age {
    pub span: Span,
    pub years: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Relation {
    pub span: Span,
    /// "husband", "wife", "daughter", "spokeswoman"...
    pub role: String,
    /// The other person, when the story names them.
    pub other: Option<usize>,
}

/// The kind of a source phrase (DOMAIN.md, section 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Named,
    Pronoun,
    Anonymous,
    Vague,
    Institution,
    Document,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Named => "named",
            SourceKind::Pronoun => "pronoun",
            SourceKind::Anonymous => "anonymous",
            SourceKind::Vague => "vague",
            SourceKind::Institution => "institution",
            SourceKind::Document => "document",
        }
    }
    /// Anonymous or vague: nobody the reader could check.
    pub fn is_unnamed(self) -> bool {
        matches!(self, SourceKind::Anonymous | SourceKind::Vague)
    }
}

/// One attribution: a source phrase, the cue that ties it to a claim, and the claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The whole source phrase: "a source close to the couple". For a bare adverb such as
    /// "reportedly" it is the adverb itself.
    pub span: Span,
    pub kind: SourceKind,
    /// The speech or belief verb, or "according to".
    pub cue: Option<Span>,
    /// The claim carried: the rest of the sentence, or the quote.
    pub claim: Option<Span>,
    /// "close to the couple", "familiar with the talks".
    pub vantage: Option<Span>,
    /// "who asked not to be named because ...": why anonymity was granted, anywhere in the
    /// sentence or paragraph.
    pub reason: Option<Span>,
    /// Whether `reason` is a stock phrase ("asked not to be named") rather than a stated reason
    /// (DOMAIN.md 1.2).
    pub stock_reason: bool,
    /// The person this source is, when it is one the story names.
    pub person: Option<usize>,
    /// For a pronoun or epithet ("the insider", "she") that refers back to an earlier source: that
    /// source's index.
    pub antecedent: Option<usize>,
    /// Whether the phrase is plural ("sources", "two people familiar with").
    pub plural: bool,
    /// Indexes into [`Analysis::quotes`] of the quotes this source speaks.
    pub quotes: Vec<usize>,
}

/// A quotation: a span of quoted text and who said it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The span including its quotation marks (an unclosed paragraph of a multi-paragraph quote
    /// ends at the paragraph end).
    pub span: Span,
    pub kind: QuoteKind,
    pub speaker: Option<Speaker>,
    /// The speech verb tying the speaker to the quote.
    pub cue: Option<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// Reported speech or writing.
    Speech,
    /// The title of a work: a film, a song, a book, a show.
    Title,
    /// A nickname or a name for something: Dwayne "The Rock" Johnson.
    Nickname,
    /// A scare quote or a term: the so-called "deal".
    Scare,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Speaker {
    pub span: Span,
    pub kind: SourceKind,
    /// Index into [`Analysis::people`].
    pub person: Option<usize>,
    /// Index into [`Analysis::sources`].
    pub source: Option<usize>,
}

/// One diagnostic, before any conversion to a wire format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: RuleId,
    pub span: Span,
    pub severity: Severity,
    /// One plain sentence an editor understands.
    pub message: String,
    pub related: Vec<Related>,
    /// What a code action may do about it, best first; travels in `Diagnostic.data`.
    pub fixes: Vec<Fix>,
}

/// A finding an in-text directive (`copydesk-ignore`) silenced, and the reason it gives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suppressed {
    pub finding: Finding,
    /// The reason as written; empty when the directive gives none.
    pub reason: String,
    /// The directive's span.
    pub directive: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// A suggested edit: replace each span with its text (an empty span inserts).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// The `copydesk-ignore` fix every finding gets (`rules::suppress::fix`): one
    /// insertion at a line start, rebuilt by an edge from the rule id and the format, so it can
    /// travel compactly.
    pub ignore: bool,
    pub title: String,
    pub edits: Vec<(Span, String)>,
}
