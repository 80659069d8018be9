//! What the story says about each person: appositives, epithets, ages and relations.

use crate::analysis::model::Person;
use crate::analysis::segment::Document;

use super::tokens::Shape;

/// Fills descriptors, ages and relations.
pub fn describe(_doc: &Document<'_>, _shapes: &[Shape], _people: &mut [Person]) {}
