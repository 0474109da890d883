//! Feishu's doc pages as data, and the spec held to them.
//!
//! A page, in any format Feishu serves or has served ([`formats`]), is read into [`Fact`]s,
//! each with its page line ([`facts`]). On those facts:
//!
//! - [`check`](mod@check): what the spec lacks or contradicts, and which examples do not validate;
//! - [`fix`](mod@fix): the findings a page lets us derive, applied as minimal, format-preserving
//!   edits of the spec;
//! - [`diff`](mod@diff): the facts two versions of a page add, remove and change;
//! - [`fetch`](mod@fetch): the current version of each page from Feishu's doc portal;
//! - [`sync`](mod@sync): fetch, then fix, with the facts each updated page changed;
//! - [`add`](mod@add): a page → its operation drafted into the spec by insertion only, the page
//!   stored under `spec/docs/`.
//!
//! `cargo xtask docs …` is the command line over this crate; xtask only parses the arguments
//! and regenerates the client after a spec edit.
//!
//! # Features
//!
//! Both on by default; xtask turns them off for `cargo xtask generate`, which needs neither.
//!
//! - `check`: [`check()`], [`fix()`], [`add()`]; validating a page's JSON examples needs
//!   `feishu-validate` (and with it `jsonschema`).
//! - `fetch`: [`fetch()`], and with `check` [`sync()`]; the HTTP client (`reqwest`).

#[cfg(feature = "check")]
pub mod add;
#[cfg(feature = "check")]
pub mod check;
#[cfg(not(feature = "check"))]
mod check;
pub mod diff;
#[cfg(feature = "check")]
mod error_names;
pub mod facts;
#[cfg(feature = "fetch")]
pub mod fetch;
#[cfg(feature = "check")]
pub mod fix;
pub mod formats;
pub mod keyed_diff;
mod pages;
#[cfg(feature = "check")]
mod rust_names;
#[cfg(feature = "check")]
mod spec_doc;
#[cfg(all(feature = "check", feature = "fetch"))]
pub mod sync;
#[cfg(any(feature = "check", feature = "fetch"))]
mod write;

#[cfg(feature = "check")]
pub use add::{AddConfig, AddReport, Note, Outcome, add};
#[cfg(feature = "check")]
pub use check::{CheckConfig, check};
pub use check::{Finding, Kind, OutputFormat, findings_json, findings_text};
pub use diff::{Change, ChangeKind, Side, changes_text, diff};
pub use facts::{Attr, Fact, Format, Origin, Page, load, parse};
#[cfg(feature = "fetch")]
pub use fetch::{CONCURRENCY, DEFAULT_BASE_URL, FetchConfig, PageReport, Status, fetch};
#[cfg(feature = "check")]
pub use fix::{Applied, FixReport, Left, fix};
pub use formats::{Example, ExampleKind};
pub use pages::{DOCS_DIR, SPEC_PATH, pages_in};
#[cfg(all(feature = "check", feature = "fetch"))]
pub use sync::{SyncReport, summary, sync};
