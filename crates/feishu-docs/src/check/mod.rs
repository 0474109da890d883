//! `docs check`: every fact of a page the spec lacks or contradicts, and every JSON example
//! that does not validate, as [`Finding`]s with the page line.
//!
//! - `run`: the check itself (which pages, which spec, which page of an operation is current);
//! - `compare`: facts against the spec;
//! - `examples`: the page's JSON examples against the spec's schemas (through `feishu-validate`);
//! - `report`: findings, and how they are printed (text or JSON).

#[cfg(feature = "check")]
mod compare;
#[cfg(feature = "check")]
mod examples;
pub(crate) mod report;
#[cfg(feature = "check")]
mod run;

pub use report::{Finding, Kind, OutputFormat, findings_json, findings_text};
#[cfg(feature = "check")]
pub use run::{CheckConfig, check};
