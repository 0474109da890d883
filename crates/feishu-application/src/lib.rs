//! Typed client for the Feishu / Lark application v6 endpoints a tenant uses to review the
//! self-built apps its members publish: list the versions pending review, read one, approve
//! or reject it.
//!
//! The example is `examples/review.rs`, the one the workspace README points to; `no_run`
//! because it talks to Feishu (the end-to-end tests in `tests/e2e` drive the same calls
//! against the fake).
//!
#![doc = concat!("```no_run\n", include_str!("../examples/review.rs"), "```")]
//!
//! # What it does for you
//!
//! | | this client | official SDKs (Go, Node, Python) |
//! |---|---|---|
//! | tenant token | fetched, cached, refreshed 5 min before expiry, one refresh at a time | cached (Go/Node refresh 3 min ahead) |
//! | token rejected (99991663/4/71) | drops it, fetches a **new** one, retries once | Go retries with the same bad token |
//! | rate limit (429 / 99991400) | waits `x-ogw-ratelimit-reset` (capped) and retries until `max_elapsed`, without spending the fault retries; every call of the client waits for the same reset | no |
//! | 5xx, 2200, connection errors | bounded, jittered exponential backoff | no |
//! | timeout | 30 s by default | none by default |
//! | ids and timestamps | `String`, as the docs say | Python types some as `int` |
//! | pagination | `Stream` of items or pages, page size checked before sending | Go/Node iterator; Python none |
//! | undocumented fields / enum values | decoded and kept (`extra`, `Undocumented(raw)`) | dropped or fail |
//! | errors | one type: status, code, msg, log id, hint from the docs, missing scopes | varies |
//! | secrets in `Debug`/logs | never; errors quoting a body or URL redact `*secret*`/`*token*` values | varies |
//! | a hostile server | a page token repeated anywhere, or [`MAX_CONSECUTIVE_EMPTY_PAGES`] empty pages claiming more, stop a listing; `expire` is capped at [`MAX_TOKEN_LIFETIME`] | not guarded |
//! | transport errors | [`TransportFault`] names the cause (timed out after N, refused, reset, closed, body cut short: got N of M bytes), HTTP status kept | the HTTP library's text |
//!
//! # Layout
//!
//! * [`Client`] — the typed calls, with auth, retries and tracing (one `feishu_request`
//!   span per attempt: operation, attempt, status, code, log id, duration).
//! * [`raw::Client`] — the generated client, for anything else ([`Client::raw`]); its error
//!   is [`raw::RawError`].
//! * [`types`] — every request and response type. Response types keep what the docs do not
//!   list yet: unknown members land in each struct's `extra` map and undocumented enum
//!   values in an `Undocumented(raw)` arm. Response types are `#[non_exhaustive]` (below).
//! * [`error_codes`] — the documented Feishu error codes with their hints.
//! * [`changes`] — what a pending version changes against the live one
//!   ([`changes::VersionChanges`]), for review by change.
//! * [`drift`] — what the client reports when Feishu sends what the docs don't list yet
//!   ([`drift::Drift`], [`drift::DRIFT_TARGET`]).
//! * [`headers`], [`spec_facts`] ([`spec_facts::MAX_PAGE_SIZE`],
//!   [`spec_facts::DEFAULT_PAGE_SIZE`], the routes) — wire and spec facts the fake and the CLI
//!   share.
//!
//! The `generated_*.rs` files come from `cargo xtask generate` and are never edited by hand.
//!
//! # Stability: building and matching response values
//!
//! Feishu's docs change almost only by addition, and an addition is a semver-minor release of
//! this crate (`cargo xtask api diff` classifies each regeneration; see `CHANGELOG.md`). So
//! every response struct and every open enum is `#[non_exhaustive]`: outside this crate, a
//! struct literal of a response type or an exhaustive `match` on an open enum does not
//! compile. Build response values (for tests, fakes, fixtures) with `Default` and the
//! chainable `with_<field>` setters, or clone a value and assign its fields; match open enums
//! with a `_` arm. Request types (`TenantAccessTokenRequest`, `PatchAppVersionRequest`,
//! `PatchVersionStatus`, …) stay closed: a literal is how you are made to give every member.
//!
//! ```
//! use feishu_application::types::{AppScope, AppVersion, ScopeLevel, VersionStatus};
//!
//! let version = AppVersion::default()
//!     .with_app_id("cli_a1b2c3d4e5f60718")
//!     .with_version_id("oav_1")
//!     .with_status(VersionStatus::UnderReview)
//!     .with_scopes([AppScope::default()
//!         .with_scope("contact:user.base:readonly")
//!         .with_level(ScopeLevel::Normal)]);
//!
//! let level = match version.scopes[0].level {
//!     Some(ScopeLevel::Normal) => "normal",
//!     Some(ScopeLevel::Advanced | ScopeLevel::SuperSensitive) => "needs a human",
//!     // Undocumented values, and values the docs add in a later (minor) release.
//!     _ => "unknown",
//! };
//! assert_eq!(level, "normal");
//! ```
//!
//! ```
//! use feishu_application::types::{GetAppVersionResponse, ScopeLevel};
//!
//! let body = r#"{"code":0,"msg":"success","data":{"app_version":{
//!     "version_id":"oav_1","scopes":[{"scope":"contact:user.base","level":9}],
//!     "brand_new_field":true}}}"#;
//! let answer: GetAppVersionResponse = serde_json::from_str(body)?;
//! let version = answer.data.unwrap().app_version.unwrap();
//! assert_eq!(version.scopes[0].level, Some(ScopeLevel::Undocumented(9)));
//! assert_eq!(version.extra["brand_new_field"], true);
//! # Ok::<(), serde_json::Error>(())
//! ```

#[allow(missing_docs, unused_imports, unreachable_pub, clippy::all, clippy::pedantic)]
#[rustfmt::skip]
mod generated_client;
#[rustfmt::skip]
mod generated_enums;
#[rustfmt::skip]
mod generated_error_codes;
#[rustfmt::skip]
mod generated_drift;
#[rustfmt::skip]
mod generated_spec_facts;

// The client core, bottom up: config -> transport -> token -> client -> builder.
mod answer;
mod builder;
pub mod changes;
mod client;
mod config;
mod context;
pub mod drift;
mod envelope;
mod error;
mod fault;
mod hooks;
mod ids;
mod operations;
mod rate_gate;
mod rate_limit_wait;
mod retry;
mod secret;
mod token;
mod transport;

pub use feishu_wire::headers;

pub use builder::ClientBuilder;
pub use client::Client;
pub use config::{BaseUrl, Credentials};
pub use error::{ApiError, Error, Result};
pub use fault::TransportFault;
pub use ids::{AppId, IdError, OpenId, VersionId};
pub use operations::contacts_range::{
    ContactsRangePage, GetContactsRangeSuggest, ListContactsRangeConfiguration,
};
pub use operations::list::{ListUnderAuditApps, Page};
pub use operations::paging::MAX_CONSECUTIVE_EMPTY_PAGES;
pub use operations::review::{StatusChange, UpdateVersionStatus};
pub use operations::version::GetAppVersion;
pub use rate_limit_wait::RateLimitWait;
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use token::MAX_TOKEN_LIFETIME;

/// The generated client: one async method per operation, required parameters as arguments.
/// It neither refreshes tokens nor retries; [`Client`] does. Its calls fail with
/// [`raw::RawError`], progenitor's error, not this crate's [`Error`].
pub mod raw {
    pub use crate::context::CallContext;
    pub use crate::generated_client::Error as RawError;
    pub use crate::generated_client::{Client, ClientInfo, ResponseValue};
}

/// Request and response types of every operation.
pub mod types {
    pub use crate::generated_client::types::*;
    pub use crate::generated_enums::*;
}

/// Facts of the spec that hand-written code relies on, generated from it: the page-size range,
/// the route table, the languages. A spec edit moves them, and every crate that uses them.
///
/// ```
/// use feishu_application::spec_facts::{MAX_PAGE_SIZE, MIN_PAGE_SIZE, ROUTES};
/// assert!(MIN_PAGE_SIZE <= MAX_PAGE_SIZE);
/// assert!(ROUTES.iter().any(|(method, _, id)| *method == "PATCH" && *id == "patch_app_version"));
/// ```
pub mod spec_facts {
    pub use crate::generated_spec_facts::*;
}

/// Documented Feishu error codes, their HTTP status, message and troubleshooting hint.
pub mod error_codes {
    pub use crate::generated_error_codes::*;
}
