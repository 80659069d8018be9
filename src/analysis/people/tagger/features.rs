//! Features of one token in its sentence, hashed into `1 << BITS` buckets.
//!
//! Each feature is a template number and a few strings (the word in lowercase, its shape, a
//! census bucket...), hashed with FNV-1a; no string is built for it. Templates:
//! the word, its neighbours two either side, shapes, prefix and suffixes, census first-name
//! and surname buckets (of the word and its neighbours), everyday and function words, a title
//! or role before, a speech verb after or before, an age after ("Ortiz, 41,"), sentence start,
//! inside a quotation, headline line, place and organisation words.

use crate::analysis::segment::TokenKind;

use super::super::gazetteer::{lookup_as_written as lookup, NameInfo};
use super::super::lists::{lists, lower, strip_possessive};
use super::{Sentence, Word};

/// Number of hash bits: the weight table has `1 << BITS` rows.
pub const BITS: u32 = 18;

/// Where features go: bucket indexes.
pub type FeatureSink = Vec<u32>;

struct Hash(u64);

impl Hash {
    fn new(template: u8) -> Hash {
        let mut h = Hash(0xcbf2_9ce4_8422_2325);
        h.byte(template);
        h
    }
    fn byte(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    fn str(mut self, s: &str) -> Hash {
        for &b in s.as_bytes() {
            self.byte(b);
        }
        self.byte(0xff);
        self
    }
    fn bucket(&self) -> u32 {
        let folded = self.0 ^ (self.0 >> 29);
        (folded & ((1u64 << BITS) - 1)) as u32
    }
}

/// A word's shape: X for an uppercase letter, x lowercase, d digit, other characters as they
/// are, repeats collapsed; `~` marks a letter outside ASCII ("José" is `Xx~x`).
fn shape(w: &str) -> String {
    let mut out = String::with_capacity(8);
    let mut last = '\0';
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if !c.is_ascii() && c.is_alphabetic() && last != '~' {
            out.push('~');
            last = '~';
        }
        if k != last {
            out.push(k);
            last = k;
        }
        if out.len() > 12 {
            break;
        }
    }
    out
}

/// The word at position `j` (may be outside the sentence), lowercased, or a boundary marker.
fn lw<'a>(s: &'a Sentence<'_>, j: isize) -> std::borrow::Cow<'a, str> {
    match usize::try_from(j).ok().and_then(|j| s.words.get(j)) {
        Some(w) => lower(w.text),
        None => std::borrow::Cow::Borrowed(if j < 0 { "<s>" } else { "</s>" }),
    }
}

fn word<'a, 'b>(s: &'b Sentence<'a>, j: isize) -> Option<&'b Word<'a>> {
    usize::try_from(j).ok().and_then(|j| s.words.get(j))
}

fn first_bucket(w: &str) -> &'static str {
    first_of(lookup(w))
}

fn first_of(f: NameInfo) -> &'static str {
    match f.male.max(f.female) {
        0 => "0",
        1..=4 => "1",
        5..=49 => "2",
        50..=499 => "3",
        _ => "4",
    }
}

fn surname_bucket(w: &str) -> &'static str {
    surname_of(lookup(w))
}

fn surname_of(f: NameInfo) -> &'static str {
    match f.surname_rank {
        0 => "0",
        1..=200 => "4",
        201..=2000 => "3",
        2001..=20_000 => "2",
        _ => "1",
    }
}

fn capitalised(w: &Word<'_>) -> bool {
    w.kind == TokenKind::Word && w.text.chars().next().is_some_and(char::is_uppercase)
}

/// Pushes the feature buckets of token `i` of `s` onto `out`.
pub fn features(s: &Sentence<'_>, i: usize, out: &mut FeatureSink) {
    let l = lists();
    let Some(w) = s.words.get(i) else {
        return;
    };
    let j = i as isize;
    let base = strip_possessive(w.text);
    let w0 = lower(base);
    let (p1, n1) = (lw(s, j - 1), lw(s, j + 1));
    let (p2, n2) = (lw(s, j - 2), lw(s, j + 2));
    let sh = shape(base);
    let sh_p = word(s, j - 1).map_or_else(|| "<s>".to_string(), |w| shape(w.text));
    let sh_n = word(s, j + 1).map_or_else(|| "</s>".to_string(), |w| shape(w.text));
    let mut push = |h: Hash| out.push(h.bucket());
    push(Hash::new(0));
    push(Hash::new(1).str(&w0));
    push(Hash::new(2).str(&p1));
    push(Hash::new(3).str(&n1));
    push(Hash::new(4).str(&p2));
    push(Hash::new(5).str(&n2));
    push(Hash::new(6).str(&sh));
    push(Hash::new(7).str(&sh_p));
    push(Hash::new(8).str(&sh_n));
    push(Hash::new(9).str(&sh_p).str(&sh).str(&sh_n));
    // Byte offsets of each character, so prefixes and suffixes are slices, not new strings.
    let bounds: Vec<usize> = w0.char_indices().map(|(b, _)| b).collect();
    let n = bounds.len();
    for (t, k) in [(10u8, 1usize), (11, 2), (12, 3)] {
        if let Some(pre) = bounds.get(k).and_then(|&b| w0.get(..b)) {
            push(Hash::new(t).str(pre));
        }
    }
    for (t, k) in [(13u8, 2usize), (14, 3), (15, 4)] {
        if let Some(suf) = n.checked_sub(k).filter(|&j| j > 0).and_then(|j| w0.get(bounds[j]..)) {
            push(Hash::new(t).str(suf));
        }
    }
    let cap = capitalised(w);
    let capflag = if cap { "C" } else { "c" };
    if w.kind == TokenKind::Word {
        let info = lookup(base);
        let (fb, sb) = (first_of(info), surname_of(info));
        push(Hash::new(16).str(fb).str(capflag));
        push(Hash::new(17).str(sb).str(capflag));
        push(Hash::new(18).str(fb).str(sb).str(capflag));
        if let Some(prev) = word(s, j - 1).filter(|p| capitalised(p)) {
            push(Hash::new(19).str(first_bucket(prev.text)).str(sb));
        }
        if let Some(next) = word(s, j + 1).filter(|p| capitalised(p)) {
            push(Hash::new(20).str(fb).str(surname_bucket(strip_possessive(next.text))));
        }
        let flags = [
            (21u8, l.common.contains(w0.as_ref())),
            (22, l.stopwords.contains(w0.as_ref())),
            (23, l.places.contains(w0.as_ref())),
            (24, l.nonperson.contains(w0.as_ref())),
            (25, l.titles.contains_key(w0.as_ref())),
            (
                26,
                l.roles.contains_key(w0.as_ref()) || l.prefixes.contains_key(w0.as_ref()),
            ),
            (27, base.len() < w.text.len()),
        ];
        for (t, on) in flags {
            if on {
                push(Hash::new(t).str(capflag));
            }
        }
    }
    let title_before =
        l.titles.contains_key(p1.trim_end_matches('.')) || (p1 == "." && l.titles.contains_key(p2.as_ref()));
    let role_before = l.roles.contains_key(p1.as_ref()) || l.prefixes.contains_key(p1.as_ref());
    let speech_after = (1..=3).any(|k| l.speech_verbs.contains(lw(s, j + k).as_ref()));
    let speech_before = l.speech_verbs.contains(p1.as_ref());
    let age_after = n1 == "," && word(s, j + 2).is_some_and(|w| w.kind == TokenKind::Number);
    let context = [
        (30u8, title_before),
        (31, role_before),
        (32, speech_after),
        (33, speech_before),
        (34, age_after),
        (35, i == 0),
        (36, w.quoted),
        (37, s.headline),
        (38, w.line_start),
    ];
    for (t, on) in context {
        if on {
            push(Hash::new(t).str(capflag));
        }
    }
    push(Hash::new(40).str(&p1).str(&sh));
    push(Hash::new(41).str(&sh).str(&n1));
    if cap {
        // The word in its own case: "Will" the name against "will" the verb.
        push(Hash::new(42).str(base));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_collapse_repeats_and_mark_accents() {
        assert_eq!(shape("Ortiz"), "Xx");
        assert_eq!(shape("José"), "Xx~x");
        assert_eq!(shape("O'Neil-Vega"), "X'Xx-Xx");
        assert_eq!(shape("1990s"), "dx");
    }
}
