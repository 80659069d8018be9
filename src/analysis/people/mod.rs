//! People: name mentions, grouped into one person per real person, with what the story says
//! about each.

use super::model::{Person, Quote, Source};
use super::segment::Document;

/// Finds every person the story mentions.
pub fn find(_doc: &Document<'_>) -> Vec<Person> {
    Vec::new()
}

/// Records on each person the quotes they speak and the attributions made to them.
pub fn attach_quotes(people: &mut [Person], quotes: &[Quote], sources: &[Source]) {
    for (qi, q) in quotes.iter().enumerate() {
        if let Some(p) = q.speaker.and_then(|s| s.person) {
            if let Some(person) = people.get_mut(p) {
                person.quotes.push(qi);
            }
        }
    }
    for (si, s) in sources.iter().enumerate() {
        if let Some(p) = s.person {
            if let Some(person) = people.get_mut(p) {
                person.sources.push(si);
            }
        }
    }
}
