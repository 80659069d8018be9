//! The name gazetteer: 1990 US Census first names and surnames, compiled by `build.rs` into an
//! `fst::Map` and included in the binary (see `data/names/README.md`).
//!
//! Lookups take a name in any case; ASCII letters are folded without allocating, other names
//! are lowercased first.

use std::sync::LazyLock;

use fst::Map;

use super::super::model::Gender;

static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/names.fst"));

static MAP: LazyLock<Option<Map<&'static [u8]>>> = LazyLock::new(|| Map::new(BYTES).ok());

/// What the census lists say about one name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NameInfo {
    /// Surname frequency rank, 1 the most frequent; 0 when not a listed surname.
    pub surname_rank: u32,
    /// Frequency among men, in thousandths of a percent; 0 when not a listed male first name.
    pub male: u32,
    /// Frequency among women, in thousandths of a percent.
    pub female: u32,
}

impl NameInfo {
    pub fn is_first(self) -> bool {
        self.male > 0 || self.female > 0
    }
    pub fn is_surname(self) -> bool {
        self.surname_rank > 0
    }
    /// A first name given to at least one in 100,000 people of one sex (`min` thousandths of a
    /// percent).
    pub fn first_at_least(self, min: u32) -> bool {
        self.male.max(self.female) >= min
    }
    /// A surname among the `max` most frequent.
    pub fn surname_within(self, max: u32) -> bool {
        self.surname_rank > 0 && self.surname_rank <= max
    }
    /// The sex a first name is mostly given to, when it is given to one sex at least nine times
    /// out of ten.
    pub fn gender(self) -> Option<Gender> {
        let (m, f) = (self.male, self.female);
        if m > 0 && m >= 9 * f {
            Some(Gender::Male)
        } else if f > 0 && f >= 9 * m {
            Some(Gender::Female)
        } else {
            None
        }
    }
}

/// Looks a name up in the census lists, in any case and with its accents folded: the lists are
/// ASCII, so "José", "Iván" and "Zoë" are looked up as jose, ivan and zoe.
pub fn lookup(name: &str) -> NameInfo {
    if name.is_ascii() {
        lookup_as_written(name)
    } else {
        lookup_as_written(&crate::analysis::text::fold(name))
    }
}

/// [`lookup`] with accents kept ("José" is not jose): the name tagger's census features, as the
/// shipped weights were trained on them.
pub fn lookup_as_written(name: &str) -> NameInfo {
    let Some(map) = MAP.as_ref() else {
        return NameInfo::default();
    };
    let mut buf = [0u8; 32];
    let value = if name.len() <= buf.len() && name.is_ascii() {
        let key = &mut buf[..name.len()];
        key.copy_from_slice(name.as_bytes());
        key.make_ascii_lowercase();
        map.get(key)
    } else {
        map.get(name.to_lowercase())
    };
    let Some(v) = value else {
        return NameInfo::default();
    };
    NameInfo {
        surname_rank: (v & 0x1ffff) as u32,
        male: ((v >> 17) & 0xfff) as u32,
        female: ((v >> 29) & 0xfff) as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_common_first_names_and_surnames_in_any_case() {
        let mary = lookup("Mary");
        assert_eq!(mary.gender(), Some(Gender::Female));
        assert!(mary.first_at_least(1000));
        assert_eq!(lookup("JAMES").gender(), Some(Gender::Male));
        assert_eq!(lookup("smith").surname_rank, 1);
        assert!(lookup("Ortiz").surname_within(500));
    }

    #[test]
    fn unknown_names_give_nothing() {
        assert_eq!(lookup("Xqzzy"), NameInfo::default());
        assert_eq!(lookup(""), NameInfo::default());
        assert!(!lookup("Zürich").is_first());
    }

    #[test]
    fn accented_names_are_looked_up_without_their_accents() {
        assert_eq!(lookup("José"), lookup("Jose"));
        assert_eq!(lookup("IVÁN").gender(), Some(Gender::Male));
        assert_eq!(lookup("Zoë"), lookup("zoe"));
        assert!(lookup("Zoë").is_first());
    }
}
