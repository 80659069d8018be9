//! `unattributed-quote` (warning): a quotation nobody is said to have said.
//!
//! ## What it flags
//! A quotation of speech or writing with no speaker: no attribution in its sentence (`, she
//! said`, `said Ortiz`, `Ortiz said: “…”`, `according to …`, `Ortiz called it “…”`) and none
//! carried over from the quotation before it (a following sentence or a continuation paragraph
//! keeps the last speaker when nobody new intervenes).
//!
//! ## Why
//! A direct quotation is evidence only when the reader knows whose words they are. A quotation
//! left floating reads as the writer's own claim in someone else's voice; every style guide asks
//! for the speaker, and editors hunt these first.
//!
//! ## Examples
//! ```text
//! The council postponed its vote. “This contract was rushed from the start.”
//!                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unattributed-quote
//! ```
//!
//! ## Not flagged
//! - Quotations with a speaker, named or not (an anonymous speaker is `anonymous-quote`'s),
//!   including the subject of a clause whose later verb introduces the quotation: a participle
//!   (`Ortiz took aim at the plan on Monday, saying it was “reckless”`) or a coordinated verb
//!   (`Vega did not apologise, but said the board was “far too slow”`).
//! - A quotation whose speaker the reader can tell from the words around it: exactly one person
//!   or source is mentioned, outside quotation marks, in the quotation's sentence or the
//!   sentence before it (`Idris Okafor left the hall early. “We need another month.”`). The
//!   speaker is implied, not missing; an editor may still add "he said", but it is not the
//!   unknown voice this rule is for. Two candidates (`Okafor said …, but Lina Berg said …`) are
//!   still flagged.
//! - Titles of works (`the film “Night Ferry”`), nicknames (`Tomasz “The Metronome” Wiśniewski`)
//!   and scare quotes or terms (`the so-called “farewell” tour`, a short quoted word with no
//!   attribution in its sentence).

use crate::analysis::model::{Fix, QuoteKind, Span};
use crate::analysis::rules::{Context, Draft};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Draft>) {
    for q in &cx.analysis.quotes {
        if q.kind == QuoteKind::Speech && q.speaker.is_none() && !implied_speaker(cx, q.span) {
            out.push(Draft {
                span: q.span,
                message: "Nobody is named as the speaker of this quotation.".to_string(),
                related: Vec::new(),
                fixes: placeholder(cx.text(), q.span).into_iter().collect(),
            });
        }
    }
}

/// Whether exactly one person or source is mentioned, outside quotations, between the start of
/// the sentence before the quotation and the end of the quotation's own sentence.
fn implied_speaker(cx: &Context<'_>, quote: Span) -> bool {
    let doc = cx.doc;
    let si = doc.sentences.partition_point(|s| s.span.end <= quote.start);
    let Some(own) = doc.sentences.get(si) else {
        return false;
    };
    let from = si.checked_sub(1).and_then(|p| doc.sentences.get(p)).map_or(own.span.start, |p| p.span.start);
    let reach = Span::new(from, own.span.end.max(quote.end));
    let quoted = |span: Span| cx.analysis.quotes.iter().any(|q| q.span.overlaps(span));
    let in_reach = |span: Span| reach.start <= span.start && span.end <= reach.end && !quoted(span);
    // Candidates: a person (by index) or a source no person mention covers.
    let mut candidates: Vec<(bool, usize)> = Vec::new();
    for (pi, p) in cx.analysis.people.iter().enumerate() {
        if p.mentions.iter().any(|m| in_reach(m.span)) {
            candidates.push((true, pi));
        }
    }
    for (si, src) in cx.analysis.sources.iter().enumerate() {
        if in_reach(src.span) {
            candidates.push(src.person.map_or((false, si), |pi| (true, pi)));
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    candidates.len() == 1
}

/// The fix: an attribution placeholder after the quotation, in news order (`“…,” [who] said.`):
/// a closing full stop inside the marks becomes the comma the tag needs. None for a quotation
/// that does not end with a closing mark, or whose last words are not a sentence's end.
fn placeholder(text: &str, quote: Span) -> Option<Fix> {
    let inner = quote.of(text);
    let mut rev = inner.char_indices().rev();
    let (close_at, close) = rev.next()?;
    if !matches!(close, '”' | '"' | '’' | '\'' | '»') || close_at == 0 {
        return None;
    }
    let (last_at, last) = rev.next()?;
    let tag = " [who said this] said";
    let end = Span::new(quote.end, quote.end);
    let edits = match last {
        ',' => vec![(end, tag.to_string())],
        '.' => {
            let dot = quote.start + last_at;
            vec![(Span::new(dot, dot + 1), ",".to_string()), (end, format!("{tag}."))]
        }
        '?' | '!' => vec![(end, format!("{tag}."))],
        _ => return None,
    };
    Some(Fix {
        ignore: false,
        title: "Add an attribution after the quotation".to_string(),
        edits,
    })
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_util::check;
    use crate::analysis::{Format, RuleId};

    const RULES: &[RuleId] = &[RuleId::UnattributedQuote, RuleId::AnonymousQuote];

    #[test]
    fn flags_quotes_with_no_speaker() {
        check(
            include_str!("../../../tests/fixtures/quotes/flags_unattributed_quote.md"),
            Format::Markdown,
            RULES,
        );
    }

    #[test]
    fn flags_a_paragraph_that_is_only_a_quote_with_nobody_before_it() {
        check(
            "Prices rose again in May.\n\n“Nobody can afford the ferry any more.”\n^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unattributed-quote\n",
            Format::Plain,
            RULES,
        );
    }

    #[test]
    fn allows_titles_nicknames_and_scare_quotes() {
        check(
            include_str!("../../../tests/fixtures/quotes/allows_titles_nicknames_scare_clean.md"),
            Format::Markdown,
            RULES,
        );
    }

    #[test]
    fn allows_carried_over_and_continued_quotes() {
        check(
            include_str!("../../../tests/fixtures/quotes/nested_multiparagraph_clean.md"),
            Format::Markdown,
            RULES,
        );
        check(
            include_str!("../../../tests/fixtures/quotes/attributed_clean.md"),
            Format::Markdown,
            RULES,
        );
    }

    #[test]
    fn allows_apostrophes_and_stray_marks() {
        check(
            include_str!("../../../tests/fixtures/quotes/allows_apostrophes_clean.md"),
            Format::Markdown,
            RULES,
        );
        check(
            include_str!("../../../tests/fixtures/quotes/stray_mark_clean.md"),
            Format::Markdown,
            RULES,
        );
    }

    #[test]
    fn allows_quotes_inside_code() {
        check("Run `echo \"hello there, world\"` first.\n", Format::Markdown, RULES);
    }

    #[test]
    fn the_fix_adds_a_tag_after_the_quote_in_news_order() {
        let fixed = |t: &str| crate::analysis::rules::test_util::fixed(t, Format::Plain, RuleId::UnattributedQuote);
        assert_eq!(
            fixed("The pier was closed.\n\n“We will rebuild it.”\n"),
            "The pier was closed.\n\n“We will rebuild it,” [who said this] said.\n"
        );
    }
}
