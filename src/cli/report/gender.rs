//! The optional, labelled estimate of the gender balance of quoted people (`--estimate-gender`).
//!
//! For each person a story quotes: first the pronouns the story links to that person (more
//! "she/her/hers/herself" than "he/him/his/himself", or the reverse); when they do not decide,
//! the sex the analyzer gave the person (a gendered title such as "Ms.", a given name that the
//! bundled 1990 US Census lists give to one sex nine times out of ten, or a gendered descriptor
//! such as "the actress"); otherwise "unknown". [`METHOD`] is printed in the report with its
//! limits: it guesses from language, never asks anyone, knows only two categories, and the census
//! lists are American.

use serde_json::{json, Value};

use super::story::{share, Quoted};

/// The method and its limits, as the report prints them.
pub const METHOD: &str = "An estimate, not a fact about anyone. For each person a story quotes, \
    copydesk reads the pronouns the story itself links to that person (she/her against he/him); \
    when those do not decide, it uses the analyzer's reading of a gendered title (Ms., Mr.), a \
    gendered descriptor (the actress) or a given name that the 1990 US Census lists give to one \
    sex at least nine times out of ten. Everyone else is counted as unknown. Limits: it only knows \
    two categories and cannot see non-binary people or people who use they/them; pronoun links \
    can be wrong; the census lists are American and old, so names from elsewhere are mostly \
    unknown; a person quoted in several stories is counted once per story.";

/// What the estimate says about one person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Estimate {
    Female,
    Male,
    Unknown,
}

impl Estimate {
    pub const ALL: [Estimate; 3] = [Estimate::Female, Estimate::Male, Estimate::Unknown];

    pub fn as_str(self) -> &'static str {
        match self {
            Estimate::Female => "female",
            Estimate::Male => "male",
            Estimate::Unknown => "unknown",
        }
    }
}

/// What decided an estimate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    Pronouns,
    NamesAndTitles,
    Nothing,
}

/// The estimate for one quoted person, and what decided it.
pub fn estimate(q: &Quoted) -> (Estimate, Basis) {
    let count = |set: &[&str]| q.pronouns.iter().filter(|p| set.contains(&p.as_str())).count();
    let female = count(&["she", "her", "hers", "herself"]);
    let male = count(&["he", "him", "his", "himself"]);
    if female > male {
        return (Estimate::Female, Basis::Pronouns);
    }
    if male > female {
        return (Estimate::Male, Basis::Pronouns);
    }
    match q.gender.as_deref() {
        Some("female") => (Estimate::Female, Basis::NamesAndTitles),
        Some("male") => (Estimate::Male, Basis::NamesAndTitles),
        _ => (Estimate::Unknown, Basis::Nothing),
    }
}

/// People and their quotes by estimate, in [`Estimate::ALL`] order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GenderTally {
    pub people: [u64; 3],
    pub quotes: [u64; 3],
    pub by_pronouns: u64,
    pub by_names_and_titles: u64,
}

impl GenderTally {
    pub fn add(&mut self, (e, basis): (Estimate, Basis), quotes: u64) {
        let i = e as usize;
        self.people[i] += 1;
        self.quotes[i] += quotes;
        match basis {
            Basis::Pronouns => self.by_pronouns += 1,
            Basis::NamesAndTitles => self.by_names_and_titles += 1,
            Basis::Nothing => {}
        }
    }

    pub fn to_json(&self) -> Value {
        let people: u64 = self.people.iter().sum();
        let quotes: u64 = self.quotes.iter().sum();
        let by = |counts: &[u64; 3], total: u64| -> Value {
            Estimate::ALL
                .iter()
                .map(|&e| {
                    let n = counts[e as usize];
                    (e.as_str().to_string(), json!({"count": n, "share": share(n, total)}))
                })
                .collect::<serde_json::Map<_, _>>()
                .into()
        };
        json!({
            "label": "estimate",
            "method": METHOD,
            "people": by(&self.people, people),
            "quotes": by(&self.quotes, quotes),
            "decided_by_pronouns": self.by_pronouns,
            "decided_by_names_and_titles": self.by_names_and_titles,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(pronouns: &[&str], gender: Option<&str>) -> Quoted {
        Quoted {
            name: "X".into(),
            quotes: 1,
            pronouns: pronouns.iter().map(|p| p.to_string()).collect(),
            gender: gender.map(str::to_string),
        }
    }

    #[test]
    fn pronouns_decide_first() {
        assert_eq!(
            estimate(&quoted(&["she", "her", "he"], Some("male"))),
            (Estimate::Female, Basis::Pronouns)
        );
        assert_eq!(estimate(&quoted(&["his"], None)), (Estimate::Male, Basis::Pronouns));
    }

    #[test]
    fn a_tie_falls_back_to_names_and_titles_then_unknown() {
        assert_eq!(
            estimate(&quoted(&["she", "he"], Some("male"))),
            (Estimate::Male, Basis::NamesAndTitles)
        );
        assert_eq!(estimate(&quoted(&["they"], None)), (Estimate::Unknown, Basis::Nothing));
    }
}
