//! `docs check --fix`: findings → minimal, format-preserving edits of the spec.
//!
//! - `apply`: the rounds of check, derive, edit and verify, and the [`FixReport`];
//! - `derive`: from a finding to the spec edits that state the page's fact, or why not;
//! - `page`: what a fix reads from a page besides its facts (an enum value's meaning, a row);
//! - `yaml_edit`: the format-preserving YAML editor (find a node by pointer, edit whole lines).

mod apply;
mod derive;
mod page;
pub(crate) mod yaml_edit;

pub use apply::{Applied, FixReport, Left, fix};
