//! Paragraphs, sentences and tokens, and the Markdown mask.
//!
//! [`Document::new`] is the first step of every analysis. For Markdown it runs `pulldown-cmark`
//! with source offsets and keeps only text events as prose: everything else (code blocks, inline
//! code, front matter, HTML, link destinations, autolinks, markup characters) is replaced by
//! spaces of the same byte length, newlines kept. Every engine reads [`Document::text`], the
//! masked text, so offsets never move and nothing inside code can ever be flagged.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::config::Format;
use super::model::{Date, Span};

/// A paragraph: a run of sentences. Quotes and pronouns recover at paragraph boundaries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    /// Indexes into [`Document::sentences`].
    pub sentences: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
    /// Indexes into [`Document::tokens`].
    pub tokens: Range<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, with inner apostrophes, hyphens and periods ("don't", "Ortiz-Vega", "U.S").
    Word,
    /// Digits, with inner `.`, `,`, `:` ("41", "1,000", "3.5").
    Number,
    /// A quotation mark or a stray apostrophe: `"` `“` `”` `'` `‘` `’` `«` `»`.
    Quote,
    /// Any other single non-space character.
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// Tokenizes one paragraph's text as [`tokenize`] would (see [`Document::by_paragraph`]).
pub type ParagraphTokens<'f> = dyn FnMut(&str) -> Vec<Token> + 'f;

/// A segmented document. Cheap to build: one pass for the mask, one for tokens.
#[derive(Debug)]
pub struct Document<'a> {
    /// The text every engine reads: the original, with non-prose masked to spaces.
    pub text: Cow<'a, str>,
    /// The original text, unmasked.
    pub original: &'a str,
    pub format: Format,
    /// Byte ranges that are not prose (Markdown only), sorted and disjoint.
    pub masked: Vec<Span>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    /// `text` with every token lowercased in place where its lowercase form has the same
    /// length (all ASCII, most accented letters), so a token's span reads its lowercase form
    /// here without allocating (see [`Document::lower`]).
    lowered: String,
    /// The lowercase forms that are not the length of their token ("İ"), by token index.
    lowered_apart: Vec<(usize, Box<str>)>,
    /// The date the document gives for itself.
    pub date: Option<Date>,
}

impl<'a> Document<'a> {
    pub fn new(original: &'a str, format: Format) -> Document<'a> {
        Document::build(original, format, None)
    }

    /// [`Document::new`], with each paragraph's tokens from `paragraph_tokens` (given the
    /// paragraph's text, it returns what [`tokenize`] would; a memo answers for paragraphs it
    /// has seen). The result is the same as [`Document::new`]'s.
    pub fn by_paragraph(original: &'a str, format: Format, paragraph_tokens: &mut ParagraphTokens<'_>) -> Document<'a> {
        Document::build(original, format, Some(paragraph_tokens))
    }

    fn build(original: &'a str, format: Format, paragraph_tokens: Option<&mut ParagraphTokens<'_>>) -> Document<'a> {
        let (text, masked, blocks) = match format {
            Format::Plain => (Cow::Borrowed(original), Vec::new(), None),
            Format::Markdown => {
                let (t, m, b) = mask_markdown(original);
                (Cow::Owned(t), m, Some(b))
            }
        };
        let para_spans = match blocks {
            Some(b) => b,
            None => plain_paragraphs(&text),
        };
        let tokens = paragraph_tokens
            .and_then(|each| tokenize_by_paragraph(&text, &para_spans, each))
            .unwrap_or_else(|| tokenize(&text));
        let mut doc = Document {
            // Front matter is masked, but its `date:` is the story's date.
            date: find_date(original),
            lowered: String::new(),
            lowered_apart: Vec::new(),
            text,
            original,
            format,
            masked,
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            tokens,
        };
        doc.split(&para_spans);
        doc.lower_tokens();
        doc
    }

    /// Fills `lowered` and `lowered_apart`: each token's [`crate::analysis::text::lower`].
    fn lower_tokens(&mut self) {
        let mut lowered = self.text.to_ascii_lowercase();
        for (i, t) in self.tokens.iter().enumerate() {
            let word = t.span.of(&self.text);
            if word.is_ascii() {
                continue;
            }
            let low = super::text::lower(word);
            if low.len() == word.len() {
                // Same length, whole `str`s on the token's char boundaries: `lowered` keeps every
                // other token at its offset.
                lowered.replace_range(t.span.start..t.span.end, &low);
            } else {
                self.lowered_apart.push((i, low.into()));
            }
        }
        self.lowered = lowered;
    }

    /// The text of a span (masked text).
    pub fn slice(&self, span: Span) -> &str {
        span.of(&self.text)
    }

    pub fn token_text(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.span.of(&self.text))
    }

    /// Token `i` in lowercase, what [`crate::analysis::text::lower`] gives for its text, computed
    /// once when the document is built; "" past the last token.
    pub fn lower(&self, i: usize) -> &str {
        let Some(t) = self.tokens.get(i) else {
            return "";
        };
        match self.lowered_apart.binary_search_by_key(&i, |(k, _)| *k) {
            Ok(k) => &self.lowered_apart[k].1,
            Err(_) => t.span.of(&self.lowered),
        }
    }

    /// True when no part of `span` is masked Markdown.
    pub fn is_prose(&self, span: Span) -> bool {
        let i = self.masked.partition_point(|m| m.end <= span.start);
        self.masked.get(i).is_none_or(|m| !m.overlaps(span))
    }

    /// The sentence containing byte `offset`.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }

    /// The paragraph containing byte `offset`.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.span.end <= offset);
        (i < self.paragraphs.len() && self.paragraphs[i].span.start <= offset).then_some(i)
    }

    /// The first token starting at or after `offset`.
    pub fn token_at_or_after(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < offset)
    }

    fn split(&mut self, para_spans: &[Span]) {
        for &p in para_spans {
            let first_tok = self.token_at_or_after(p.start);
            let last_tok = self.tokens.partition_point(|t| t.span.start < p.end);
            if first_tok >= last_tok {
                continue;
            }
            let pi = self.paragraphs.len();
            let s0 = self.sentences.len();
            let mut start = first_tok;
            let mut i = first_tok;
            while i < last_tok {
                if let Some(end) = self.sentence_end(i, last_tok) {
                    self.push_sentence(pi, start..end);
                    start = end;
                    i = end;
                } else {
                    i += 1;
                }
            }
            if start < last_tok {
                self.push_sentence(pi, start..last_tok);
            }
            let span = Span::new(self.tokens[first_tok].span.start, self.tokens[last_tok - 1].span.end);
            self.paragraphs.push(Paragraph {
                span,
                sentences: s0..self.sentences.len(),
            });
        }
    }

    fn push_sentence(&mut self, paragraph: usize, tokens: Range<usize>) {
        let span = Span::new(
            self.tokens[tokens.start].span.start,
            self.tokens[tokens.end - 1].span.end,
        );
        self.sentences.push(Sentence {
            span,
            paragraph,
            tokens,
        });
    }

    /// If token `i` ends a sentence, the index of the first token after it (closing quotes and
    /// brackets included in the sentence).
    fn sentence_end(&self, i: usize, limit: usize) -> Option<usize> {
        let t = self.token_text(i);
        if !matches!(t, "." | "!" | "?" | "…") {
            return None;
        }
        if t == "."
            && i > 0
            && is_abbreviation(
                self.token_text(i - 1),
                self.tokens[i - 1].span.end == self.tokens[i].span.start,
            )
        {
            return None;
        }
        let mut j = i + 1;
        // Closing marks glued to the terminator belong to this sentence.
        while j < limit {
            let tj = self.token_text(j);
            let glued = self.tokens[j].span.start == self.tokens[j - 1].span.end;
            let closing = matches!(tj, "”" | "’" | ")" | "]" | "»" | "." | "!" | "?" | "…")
                || ((tj == "\"" || tj == "'") && self.closing_straight(j, limit));
            if !(glued && closing) {
                break;
            }
            j += 1;
        }
        if j >= limit {
            return Some(limit);
        }
        // The next sentence starts with a capital, a digit or an opening mark.
        let next = self.token_text(j);
        let c = next.chars().next()?;
        // Or any symbol (an emoji, a bullet) that cannot continue a sentence.
        let continues =
            c.is_lowercase() || matches!(c, ',' | ';' | ':' | ')' | ']' | '}' | '.' | '…' | '?' | '!' | '%');
        let starts = c.is_uppercase() || c.is_ascii_digit() || !continues;
        starts.then_some(j)
    }

    /// A straight quote mark at `j` glued to a terminator is closing when whitespace or the end
    /// of the paragraph follows it.
    fn closing_straight(&self, j: usize, limit: usize) -> bool {
        j + 1 >= limit || self.tokens[j + 1].span.start > self.tokens[j].span.end
    }
}

/// Words after which a period does not end a sentence.
fn is_abbreviation(word: &str, glued: bool) -> bool {
    if !glued {
        return false;
    }
    const ABBR: &[&str] = &[
        "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Sgt", "Cpl", "Adm",
        "Maj", "Cmdr", "St", "Jr", "Sr", "Rev", "Fr", "Hon", "Pres", "Supt", "Insp", "Det", "Atty", "Gov", "Lieut",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "Nos", "vs", "v",
        "etc", "approx", "Mt", "Ft", "Ave", "Blvd", "Rd", "Inc", "Corp", "Co", "Ltd", "Bros", "Gens", "Sens", "Reps",
        "Dept", "Univ", "Calif", "Mass", "Penn", "Conn", "Ariz", "Wash", "Ore", "Fla", "Ill", "Mich", "Minn", "Tenn",
        "Ky", "Va", "Ala", "Ga", "La", "Md", "Mo", "Nev", "Okla", "Wis", "Colo", "Del", "Kan", "Neb", "Ark", "Miss",
        "Wyo", "ca", "al", "e.g", "i.e", "p.m", "a.m",
    ];
    // Initials ("J.", "U.S") and listed abbreviations.
    let single_cap = word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase());
    single_cap || word.contains('.') || ABBR.contains(&word)
}

fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '\'' | '‘' | '’' | '«' | '»' | '„' | '‟' | '‹' | '›'
    )
}

/// Splits text into tokens. Apostrophes between letters, hyphens between alphanumerics and
/// periods between letters stay inside words ("don't", "Ortiz-Vega", "U.S").
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |&(b, _)| b);
    let mut k = 0;
    while k < chars.len() {
        let (start, c) = chars[k];
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let numeric = c.is_ascii_digit();
            let mut j = k + 1;
            while j < chars.len() {
                if !continues_word(&chars, k, j, numeric) {
                    break;
                }
                j += 1;
            }
            let kind = if numeric { TokenKind::Number } else { TokenKind::Word };
            tokens.push(Token {
                span: Span::new(start, end_of(j)),
                kind,
            });
            k = j;
            continue;
        }
        let kind = if is_quote_char(c) {
            TokenKind::Quote
        } else {
            TokenKind::Punct
        };
        tokens.push(Token {
            span: Span::new(start, end_of(k + 1)),
            kind,
        });
        k += 1;
    }
    tokens
}

/// [`tokenize`] of `text`, one paragraph at a time: `each` tokenizes a paragraph's text, the
/// stretches between paragraphs are tokenized here, and the offsets are shifted into place.
/// Tokens never cross a paragraph's edge (whitespace or a masked stretch lies there), so this
/// equals `tokenize(text)`. `None` when the paragraphs overlap or an edge is not a char
/// boundary: the caller tokenizes the whole text instead.
fn tokenize_by_paragraph(text: &str, paragraphs: &[Span], each: &mut ParagraphTokens<'_>) -> Option<Vec<Token>> {
    fn shifted(out: &mut Vec<Token>, tokens: Vec<Token>, by: usize) {
        out.extend(tokens.into_iter().map(|t| Token {
            span: Span::new(t.span.start + by, t.span.end + by),
            kind: t.kind,
        }));
    }
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut at = 0;
    for p in paragraphs {
        if p.start < at || p.end < p.start {
            return None;
        }
        shifted(&mut out, tokenize(text.get(at..p.start)?), at);
        shifted(&mut out, each(text.get(p.start..p.end)?), p.start);
        at = p.end;
    }
    shifted(&mut out, tokenize(text.get(at..)?), at);
    Some(out)
}

/// Whether the char at `j` continues the word that started at `k`.
fn continues_word(chars: &[(usize, char)], k: usize, j: usize, numeric: bool) -> bool {
    let cj = chars[j].1;
    if cj.is_alphanumeric() || is_combining(cj) {
        return true;
    }
    let Some(&(_, next)) = chars.get(j + 1) else {
        return false;
    };
    if !next.is_alphanumeric() {
        return false;
    }
    let prev_alpha = chars[j - 1].1.is_alphabetic();
    match cj {
        '-' | '‐' => true,
        '\'' | '’' => prev_alpha && next.is_alphabetic(),
        '.' | ',' | ':' if numeric => next.is_ascii_digit(),
        '.' => !numeric && next.is_alphabetic() && is_initialism(chars, k, j),
        _ => false,
    }
}

fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// "U.S", "N.Y", "a.m": single letters separated by periods.
fn is_initialism(chars: &[(usize, char)], word_start: usize, dot: usize) -> bool {
    dot - word_start == 1 && chars.get(dot + 2).is_none_or(|&(_, c)| !c.is_alphabetic())
}

/// Paragraphs of plain text: blank lines always separate; a single line break separates too
/// unless the line before reads as hard-wrapped prose (it ends mid-sentence).
fn plain_paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim();
        if trimmed.is_empty() {
            if let Some(s) = start.take() {
                out.push(Span::new(s, offset));
            }
        } else {
            if start.is_none() {
                start = Some(offset + (body.len() - body.trim_start().len()));
            }
            let last = trimmed.chars().last().unwrap_or('.');
            let wraps = last.is_alphanumeric() || matches!(last, ',' | ';' | '-' | '—' | '(');
            let long = trimmed.len() > 60;
            if !(wraps && long) {
                if let Some(s) = start.take() {
                    out.push(Span::new(s, offset + body.len()));
                }
            }
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push(Span::new(s, text.len()));
    }
    out
}

/// Masks non-prose Markdown to spaces. Returns the masked text, the masked ranges and the spans
/// of leaf blocks (paragraphs, headings, list items, table cells).
fn mask_markdown(src: &str) -> (String, Vec<Span>, Vec<Span>) {
    let opts = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH;
    let mut prose: Vec<Span> = Vec::new();
    let mut blocks: Vec<Span> = Vec::new();
    // Depth inside containers whose text is not prose.
    let mut hidden = 0usize;
    // For each open list item: (start, whether a paragraph was seen inside).
    let mut items: Vec<(usize, bool)> = Vec::new();
    for (event, range) in Parser::new_ext(src, opts).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock | Tag::Image { .. } => hidden += 1,
                Tag::Link {
                    link_type: LinkType::Autolink | LinkType::Email,
                    ..
                } => hidden += 1,
                Tag::Item => items.push((range.start, false)),
                Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell => {
                    if let Some(last) = items.last_mut() {
                        last.1 = true;
                    }
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock | TagEnd::Image => {
                    hidden = hidden.saturating_sub(1)
                }
                // Only autolinks (written `<...>`) raised `hidden`.
                TagEnd::Link if src.get(range.clone()).is_some_and(|s| s.starts_with('<')) => {
                    hidden = hidden.saturating_sub(1);
                }
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell if hidden == 0 => {
                    blocks.push(Span::new(range.start, range.end))
                }
                TagEnd::Item => {
                    if let Some((start, had_para)) = items.pop() {
                        if !had_para {
                            blocks.push(Span::new(start, range.end));
                        }
                    }
                }
                _ => {}
            },
            Event::Text(_) if hidden == 0 => prose.push(Span::new(range.start, range.end)),
            _ => {}
        }
    }
    prose.sort_unstable();
    blocks.sort_unstable();
    let mut out = String::with_capacity(src.len());
    let mut masked = Vec::new();
    let mut pos = 0;
    for p in prose.iter().copied() {
        if p.start < pos {
            continue;
        }
        mask_into(&mut out, &src[pos..p.start], pos, &mut masked);
        out.push_str(&src[p.start..p.end]);
        pos = p.end;
    }
    mask_into(&mut out, &src[pos..], pos, &mut masked);
    (out, masked, blocks)
}

/// Appends `chunk` with every char but line breaks replaced by spaces of the same byte length.
fn mask_into(out: &mut String, chunk: &str, at: usize, masked: &mut Vec<Span>) {
    if chunk.is_empty() {
        return;
    }
    for c in chunk.chars() {
        if c == '\n' || c == '\r' {
            out.push(c);
        } else {
            for _ in 0..c.len_utf8() {
                out.push(' ');
            }
        }
    }
    if chunk.chars().any(|c| !c.is_whitespace()) {
        masked.push(Span::new(at, at + chunk.len()));
    }
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The document's own date: an ISO date (`2023-06-07`) or "June 7, 2023" near the start.
fn find_date(text: &str) -> Option<Date> {
    let mut end = text.len().min(300);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let b = head.as_bytes();
    for i in 0..b.len().saturating_sub(9) {
        let s = &b[i..i + 10];
        let digits = |r: Range<usize>| r.clone().all(|k| s[k].is_ascii_digit());
        if digits(0..4) && s[4] == b'-' && digits(5..7) && s[7] == b'-' && digits(8..10) {
            let year: i32 = head[i..i + 4].parse().ok()?;
            let month: u8 = head[i + 5..i + 7].parse().ok()?;
            let day: u8 = head[i + 8..i + 10].parse().ok()?;
            if (1..=12).contains(&month) && (1..=31).contains(&day) {
                return Some(Date { year, month, day });
            }
        }
    }
    let tokens = tokenize(head);
    for w in tokens.windows(4) {
        let word = w[0].span.of(head).to_ascii_lowercase();
        let Some(m) = MONTHS.iter().position(|&name| name == word) else {
            continue;
        };
        let day = w[1].span.of(head).parse::<u8>().ok();
        let year = w[3].span.of(head).parse::<i32>().ok();
        if let (Some(day), ",", Some(year)) = (day, w[2].span.of(head), year) {
            if (1..=31).contains(&day) && (1800..=2200).contains(&year) {
                return Some(Date {
                    year,
                    month: m as u8 + 1,
                    day,
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let d = Document::new(text, Format::Plain);
        d.sentences.iter().map(|s| s.span.of(text)).collect()
    }

    #[test]
    fn splits_sentences_after_closing_quotes_and_not_after_titles() {
        assert_eq!(
            sentences("Mr. Ortiz spoke. “It was fine.” She left. Sen. J. Vega said no."),
            [
                "Mr. Ortiz spoke.",
                "“It was fine.”",
                "She left.",
                "Sen. J. Vega said no."
            ]
        );
    }

    #[test]
    fn keeps_apostrophes_hyphens_and_initialisms_in_words() {
        let text = "Ortiz-Vega’s don't U.S. 1,000";
        let words: Vec<&str> = tokenize(text).iter().map(|t| t.span.of(text)).collect();
        assert_eq!(words, ["Ortiz-Vega’s", "don't", "U.S", ".", "1,000"]);
    }

    #[test]
    fn plain_paragraphs_split_on_lines_that_end_sentences() {
        let text = "One line ends here.\nAnother paragraph.\n\nThird one.";
        let d = Document::new(text, Format::Plain);
        assert_eq!(d.paragraphs.len(), 3);
    }

    #[test]
    fn markdown_masks_code_front_matter_links_and_html_keeping_offsets() {
        let text = "---\ntitle: a source said\n---\n\nA *real* [link](http://a.source/said) and `a source said`.\n\n```\na source said\n```\n<!-- a source said -->\n<http://x.com/a-source-said>\n";
        let d = Document::new(text, Format::Markdown);
        assert_eq!(d.text.len(), text.len());
        assert!(!d.text.contains("source"), "{}", d.text);
        assert!(d.text.contains("real"));
        assert!(d.text.contains("link"));
    }

    #[test]
    fn finds_iso_and_written_dates() {
        assert_eq!(
            find_date("date 2023-06-07 Moving on."),
            Some(Date {
                year: 2023,
                month: 6,
                day: 7
            })
        );
        assert_eq!(
            find_date("OTTAWA — June 7, 2021 — The"),
            Some(Date {
                year: 2021,
                month: 6,
                day: 7
            })
        );
        assert_eq!(find_date("No date here."), None);
    }
}
