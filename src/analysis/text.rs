//! The text layer's word functions, shared by every engine and rule: lowercase, capitals,
//! accent folding, near-spellings. One definition each; engines and rules import them from here
//! rather than from each other.

use std::borrow::Cow;

/// `word` in lowercase, borrowed when it already is.
pub fn lower(word: &str) -> Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// `text` with each `(span, replacement)` applied; spans are byte ranges into `text` that do not
/// overlap. Spans that do not fit `text` are skipped. What a client does with a fix or a rename.
pub fn apply_edits(text: &str, edits: &[(super::model::Span, String)]) -> String {
    let mut sorted: Vec<&(super::model::Span, String)> = edits.iter().collect();
    sorted.sort_by_key(|(s, _)| std::cmp::Reverse(s.start));
    let mut out = text.to_string();
    for (span, new) in sorted {
        if out.get(span.start..span.end).is_some() {
            out.replace_range(span.start..span.end, new);
        }
    }
    out
}

/// Whether the word starts with an uppercase letter.
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The matching key of a name word: lowercase, accents removed.
pub fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'ď' | 'đ' => 'd',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'ğ' => 'g',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
            'ł' | 'ľ' => 'l',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ř' => 'r',
            'ś' | 'š' | 'ş' => 's',
            'ť' | 'ţ' => 't',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'ź' | 'ż' | 'ž' => 'z',
            '’' => '\'',
            other => other,
        })
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .collect()
}

/// Whether two words of five letters or more differ by one substitution, insertion,
/// deletion or swap of neighbours.
pub fn one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b || a.len().min(b.len()) < 5 || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let pre = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suf = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (la, lb) = (a.len(), b.len());
    if la == lb {
        let swap = pre + 2 <= la
            && a.get(pre) == b.get(pre + 1)
            && a.get(pre + 1) == b.get(pre)
            && a[pre + 2..] == b[pre + 2..];
        return pre + suf + 1 >= la || swap;
    }
    pre + suf >= la.min(lb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_borrows_lowercase_words() {
        assert!(matches!(lower("vega"), Cow::Borrowed("vega")));
        assert_eq!(lower("Vega"), "vega");
        assert_eq!(lower("ÉLODIE"), "élodie");
    }

    #[test]
    fn edits_apply_from_the_end_and_skip_what_does_not_fit() {
        use crate::analysis::model::Span;
        let edits = vec![
            (Span::new(0, 3), "Ana".to_string()),
            (Span::new(9, 12), "Vega".to_string()),
            (Span::new(40, 50), "x".to_string()),
        ];
        assert_eq!(apply_edits("Mrs said Ort.", &edits), "Ana said Vega.");
    }

    #[test]
    fn capitals_and_folding() {
        assert!(is_capitalised("Élodie") && !is_capitalised("élodie") && !is_capitalised(""));
        assert_eq!(fold("Tomás"), "tomas");
        assert_eq!(fold("O’Neill"), "o'neill");
    }

    #[test]
    fn one_edit_is_one_change_of_a_long_word() {
        assert!(one_edit("okafor", "okefor"));
        assert!(one_edit("whitcomb", "witcomb"));
        assert!(one_edit("marchetti", "marhcetti"));
        assert!(!one_edit("okafor", "okafor"));
        assert!(!one_edit("bell", "bill"), "short words are too easily different people");
        assert!(!one_edit("okafor", "okoro"));
    }
}
