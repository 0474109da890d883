//! Facts: what a page states about its operation, each with its page line, whatever the
//! page's format.
//!
//! - `model`: the [`Fact`] (`query.page_size: max=50`) and its attributes;
//! - `page`: a page file → its header, format, operation and facts ([`load`], [`parse`]);
//! - `from_layout`: a format's rows and examples → facts;
//! - `description`: the facts a description cell states (enum values, defaults, limits);
//! - `nesting`: where a field sits (`data.items[].owner.type`) when a table is flat;
//! - `field_match`: where a page's field is in the spec.

pub(crate) mod description;
#[cfg(feature = "check")]
pub(crate) mod field_match;
pub(crate) mod from_layout;
pub(crate) mod model;
pub(crate) mod nesting;
pub(crate) mod page;

pub use model::{Attr, Fact, Origin};
pub use page::{Format, Page, load, parse};
