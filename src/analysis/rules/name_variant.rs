//! `name-variant`: not implemented yet.
//!
//! ## What it flags
//! (to be written with the rule)

use crate::analysis::model::Finding;
use crate::analysis::rules::Context;

pub(super) fn check(_cx: &Context<'_>, _out: &mut Vec<Finding>) {}
