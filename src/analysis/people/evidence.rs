//! Context evidence that a capitalised run is a person: speech verbs, ages, appositive roles,
//! results-table layouts, bylines; and the contexts that say it is not (a work noun before it).

use crate::analysis::model::Span;
use crate::analysis::segment::{Document, TokenKind};

use super::lists::lists;
use super::runs::is_role;
use super::tokens::Shape;

fn is_number(doc: &Document<'_>, i: usize) -> bool {
    doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Number)
}

fn cap(shapes: &[Shape], i: usize) -> bool {
    shapes.get(i).is_some_and(|s| s.cap || s.allcaps)
}

/// A speech verb right after the name or right before it ("Ortiz said", "said Ortiz").
pub fn speech(doc: &Document<'_>, prev: Option<usize>, next: usize) -> bool {
    let verbs = &lists().speech_verbs;
    verbs.contains(doc.lower(next)) || prev.is_some_and(|p| verbs.contains(doc.lower(p)))
}

/// "Ortiz, 41," or "Ortiz (41)": the age right after a name, and where it is.
pub fn age_after(doc: &Document<'_>, next: usize) -> Option<(u32, Span)> {
    let open = doc.token_text(next);
    let num = next + 1;
    let close = doc.token_text(num + 1);
    let ok = matches!((open, close), (",", ",") | (",", ".") | ("(", ")") | (",", ";"));
    if !ok || !is_number(doc, num) {
        return None;
    }
    // "Parma (14) v Lazio", "Burke (2), Lynagh (1)": a bracketed number is an age only
    // when the sentence goes on in words ("Ortiz (41) said").
    let after_close = doc.tokens.get(num + 2);
    let goes_on = after_close
        .is_some_and(|t| t.kind == TokenKind::Word && doc.token_text(num + 2).chars().all(char::is_lowercase));
    if open == "(" && (!goes_on || matches!(doc.token_text(num + 2), "v" | "vs")) {
        return None;
    }
    let years: u32 = doc.token_text(num).parse().ok()?;
    (1..=110).contains(&years).then(|| (years, doc.tokens[num].span))
}

/// ", chairman of ...", ", a nurse from Ohio": an appositive role within four words after the
/// comma that follows the name. An appositive that opens with an article reaches further, to
/// nine tokens, and ends at a relative pronoun, "of" or "and" ("Ortiz, a long-serving Harbour
/// Board official,").
pub fn appositive_role(doc: &Document<'_>, next: usize) -> bool {
    if doc.token_text(next) != "," {
        return false;
    }
    let article = matches!(doc.lower(next + 1), "a" | "an" | "the");
    let reach = if article { 9 } else { 4 };
    for i in next + 1..next + 1 + reach {
        let w = doc.token_text(i);
        if w.is_empty() || matches!(w, "," | "." | ";" | ":" | "(" | ")" | "“" | "\"") {
            return false;
        }
        let far = i > next + 4;
        if (far || article && i > next + 1) && matches!(doc.lower(i), "who" | "which" | "that" | "whose" | "of" | "and")
        {
            return false;
        }
        if is_role(doc, i) {
            return true;
        }
    }
    false
}

/// Results-table layout. Positive when the name starts a line or follows a rank, a list comma
/// or a colon, and a bracketed country or a score follows; negative for standings rows (four
/// numbers or more) and match lines ("Team 2 Other Team 1").
pub fn table(doc: &Document<'_>, shapes: &[Shape], start: usize, next: usize) -> i32 {
    let lead = shapes.get(start).is_some_and(|s| s.line_start)
        || start
            .checked_sub(1)
            .is_some_and(|p| is_number(doc, p) || matches!(doc.token_text(p), "," | ":" | "(" | "-" | ";" | "."));
    if !lead {
        return 0;
    }
    if bracketed_caps(doc, shapes, next) {
        return 3;
    }
    if !is_number(doc, next) || shapes.get(next).is_some_and(|s| s.line_start) {
        return 0;
    }
    let numbers = (next..next + 6)
        .take_while(|&i| is_number(doc, i) && (i == next || !shapes[i].line_start))
        .count();
    let team_before = start.checked_sub(1).is_some_and(|p| is_number(doc, p))
        && start
            .checked_sub(2)
            .is_some_and(|q| cap(shapes, q) && doc.tokens[q].kind == TokenKind::Word);
    let team_after = numbers == 1 && cap(shapes, next + 1) && !shapes[next + 1].line_start;
    if numbers >= 4 || team_before || team_after {
        return -3;
    }
    if doc.token_text(next + 1) == "/" {
        return 0;
    }
    2
}

/// "(Spain)", "(U.S.)", "(Czech Republic)", "(Oviedo, Spain)": a bracket at `open` holding only
/// capitalised words (a country, a club, a club and its country), at most five tokens.
fn bracketed_caps(doc: &Document<'_>, shapes: &[Shape], open: usize) -> bool {
    if doc.token_text(open) != "(" || !cap(shapes, open + 1) {
        return false;
    }
    let Some(close) = (open + 1..open + 7).find(|&i| doc.token_text(i) == ")") else {
        return false;
    };
    (open + 1..close).all(|i| cap(shapes, i) || matches!(doc.token_text(i), "." | "," | "-"))
}

/// "Ana Ortiz (born 3 May 1950) is", "Ana Ortiz (1819 – 1890) was", "Ana Ortiz, known as
/// Anita, (born 1988) is": a line that opens with the name and goes on, within the sentence, to
/// a bracket holding "born" or two years, then "is" or "was": the lead of a biography.
pub fn biography(doc: &Document<'_>, shapes: &[Shape], start: usize, next: usize) -> bool {
    if !shapes.get(start).is_some_and(|s| s.line_start) {
        return false;
    }
    let Some(open) = (next..next + 8)
        .take_while(|&i| {
            !matches!(doc.token_text(i), "." | "" | ")" | ";") && !shapes.get(i).is_some_and(|s| s.line_start)
        })
        .find(|&i| doc.token_text(i) == "(")
    else {
        return false;
    };
    let (mut born, mut years) = (false, 0);
    for i in open + 1..open + 30 {
        let w = doc.token_text(i);
        match w {
            ")" => {
                let verb = matches!(doc.lower(i + 1), "is" | "was");
                return verb && (born || years >= 2);
            }
            "(" | "" => return false,
            _ => {}
        }
        born |= matches!(doc.lower(i), "born" | "née" | "nee");
        years += usize::from(is_number(doc, i) && w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()));
    }
    false
}

/// "(Adams 45, Vieira 90)" after a score: a scorer list.
pub fn scorer(doc: &Document<'_>, shapes: &[Shape], start: usize, next: usize) -> bool {
    if !is_number(doc, next) {
        return false;
    }
    let mut i = start;
    for _ in 0..16 {
        let Some(p) = i.checked_sub(1) else {
            return false;
        };
        match doc.token_text(p) {
            ")" => return false,
            "(" => return p.checked_sub(1).is_some_and(|q| is_number(doc, q)),
            _ if shapes[i].line_start => return false,
            _ => i = p,
        }
    }
    false
}

/// A byline: the name alone on its line, the next line a dateline ("LONDON 1996-12-06").
pub fn byline(doc: &Document<'_>, shapes: &[Shape], start: usize, next: usize) -> bool {
    let alone = shapes.get(start).is_some_and(|s| s.line_start) && shapes.get(next).is_some_and(|s| s.line_start);
    alone
        && shapes.get(next).is_some_and(|s| s.allcaps)
        && (next..next + 6)
            .take_while(|&i| i == next || !shapes.get(i).is_some_and(|s| s.line_start))
            .any(|i| is_number(doc, i))
}

/// "the thriller Black Swan": a work noun right before the run.
pub fn work_before(doc: &Document<'_>, start: usize) -> bool {
    start
        .checked_sub(1)
        .is_some_and(|p| lists().work_nouns.contains(doc.lower(p)))
}
