//! One module per format Feishu serves its pages in, each reading a page's text into the
//! common `layout` (method and path, table rows per section, JSON examples):
//!
//! - `markdown`: pipe tables under `###` sections, fenced JSON examples;
//! - `html`: `<md-dt-tr level="N">` tables, `<md-code-json>` examples;
//! - `scrape`: the older plain-text scrape;
//! - `legacy`: the oldest pages' pipe-led `|参数|…|` tables with `&emsp;∟` nesting.

pub(crate) mod html;
pub(crate) mod json_example;
pub(crate) mod layout;
pub(crate) mod legacy;
pub(crate) mod markdown;
pub(crate) mod scrape;

pub use layout::{Example, ExampleKind};
