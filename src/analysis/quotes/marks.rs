//! Quotation marks: for each mark, whether it opens, closes or is an apostrophe.
//!
//! The decision reads only the characters around the mark, like CommonMark's flanking rules:
//! a mark with space before and a word after opens, one with a word before and space after
//! closes. Curly marks keep their shape's role unless their surroundings clearly say the opposite
//! (`”Mr. Vega` opens, `review“ of` closes). A single mark before a digit or an elided word
//! (`’90s`, `rock ’n’ roll`, `’til`) is an apostrophe. Two single marks in a row (`‘’`) stand for
//! one double mark.

use super::words;

/// Double marks open a quotation; single marks nest inside one (or open one at the top level).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Level {
    Double,
    Single,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    Open,
    Close,
    /// A straight mark glued on both sides: opens when nothing is open, else closes.
    Either,
}

/// What is around a mark inside its paragraph.
#[derive(Clone, Copy, Debug)]
pub(super) struct Around<'a> {
    /// The char before the mark, `None` at the paragraph start.
    pub prev: Option<char>,
    /// The char after the mark, `None` at the paragraph end.
    pub next: Option<char>,
    /// The word right after the mark, if one is glued to it.
    pub next_word: &'a str,
}

pub(super) fn is_double(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '‟' | '«' | '»')
}

pub(super) fn is_single(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’' | '‹' | '›')
}

fn is_mark(c: char) -> bool {
    is_double(c) || is_single(c)
}

/// Chars after which a mark may open: space, brackets, dashes, slashes, other marks.
fn opens_after(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '…' | ':') || is_mark(c)
}

/// Chars before which a mark may close: space, punctuation, closing brackets, other marks.
fn closes_before(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '-' | '/' | '…'
        )
        || is_mark(c)
}

/// The role of a mark written as `c` (or as the pair `‘’` read as one double mark).
pub(super) fn classify(c: char, pair: bool, at: Around<'_>) -> Option<(Level, Role)> {
    let can_open = at.prev.is_none_or(opens_after)
        && at
            .next
            .is_some_and(|n| !n.is_whitespace() && !matches!(n, ',' | ';' | ')' | ']' | '}'));
    let can_close = at
        .prev
        .is_some_and(|p| !p.is_whitespace() && !matches!(p, '(' | '[' | '{'))
        && at.next.is_none_or(closes_before);
    if pair || is_double(c) {
        let role = match c {
            '“' | '„' | '‟' | '«' if !pair => curly(Role::Open, can_open, can_close || at.next.is_none()),
            '”' | '»' if !pair => curly(Role::Close, can_open || at.prev.is_none(), can_close),
            _ => straight(can_open, can_close, at)?,
        };
        return Some((Level::Double, role));
    }
    if can_open && at.next.is_some_and(|n| n.is_ascii_digit()) {
        return None;
    }
    if can_open && words::is_elision(at.next_word) {
        return None;
    }
    let role = match c {
        '‘' | '‹' => curly(Role::Open, can_open, can_close),
        _ => match (can_open, can_close) {
            (true, false) => Role::Open,
            (false, true) => Role::Close,
            (true, true) => Role::Either,
            (false, false) => return None,
        },
    };
    Some((Level::Single, role))
}

/// A curly mark keeps its shaped role unless its surroundings only allow the other one.
fn curly(shaped: Role, can_open: bool, can_close: bool) -> Role {
    match (shaped, can_open, can_close) {
        (Role::Open, false, true) => Role::Close,
        (Role::Close, true, false) => Role::Open,
        _ => shaped,
    }
}

fn straight(can_open: bool, can_close: bool, at: Around<'_>) -> Option<Role> {
    match (can_open, can_close) {
        (true, false) => Some(Role::Open),
        (false, true) => Some(Role::Close),
        (true, true) => Some(Role::Either),
        // Glued on both sides (`word"word`): a typo; spaced on both sides: a stray mark.
        (false, false) => {
            let glued = at.prev.is_some_and(|p| !p.is_whitespace()) && at.next.is_some_and(|n| !n.is_whitespace());
            glued.then_some(Role::Either)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(c: char, prev: Option<char>, next: Option<char>, next_word: &str) -> Option<(Level, Role)> {
        classify(c, false, Around { prev, next, next_word })
    }

    #[test]
    fn straight_marks_open_before_words_and_close_after_them() {
        assert_eq!(role('"', Some(' '), Some('W'), "We"), Some((Level::Double, Role::Open)));
        assert_eq!(role('"', Some(','), Some(' '), ""), Some((Level::Double, Role::Close)));
        assert_eq!(role('"', Some(' '), Some(' '), ""), None);
    }

    #[test]
    fn curly_marks_follow_their_surroundings_when_shaped_wrong() {
        assert_eq!(role('”', None, Some('M'), "Mr"), Some((Level::Double, Role::Open)));
        assert_eq!(role('“', Some('w'), Some(' '), ""), Some((Level::Double, Role::Close)));
        assert_eq!(role('“', Some(' '), Some('W'), "We"), Some((Level::Double, Role::Open)));
    }

    #[test]
    fn apostrophes_before_digits_and_elisions_are_not_quotes() {
        assert_eq!(role('’', Some(' '), Some('9'), ""), None);
        assert_eq!(role('’', Some(' '), Some('n'), "n"), None);
        assert_eq!(role('\'', Some(' '), Some('t'), "til"), None);
        assert_eq!(role('‘', Some(' '), Some('O'), "Oh"), Some((Level::Single, Role::Open)));
        assert_eq!(role('’', Some('s'), Some(' '), ""), Some((Level::Single, Role::Close)));
    }
}
