//! `docs fetch`: the current version of each page from Feishu's doc portal.
//!
//! - `download`: the requests (a small thread pool, retries, backoff) and the page writes;
//! - `portal`: the one place that knows the portal's URL and answer;
//! - `stored`: a page file's header (where it comes from, its date) and writing a newer one back.

mod download;
mod portal;
mod stored;

pub use download::{CONCURRENCY, DEFAULT_BASE_URL, FetchConfig, PageReport, Status, fetch};
