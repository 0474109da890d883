//! Typed client for the Feishu / Lark application v6 endpoints a tenant uses to review the
//! self-built apps its members publish.
//!
//! The code in `generated_*.rs` is produced by `cargo xtask generate` from
//! `spec/feishu-application-v6.yaml` and never edited by hand; this file decides what of it
//! is public.
//!
//! * [`raw::Client`] — one async method per operation; required parameters are arguments.
//! * [`types`] — every request and response type. Response types keep what the docs do not
//!   list yet: unknown object members land in each struct's `extra` map and undocumented
//!   enum values in an `Undocumented(raw)` arm.
//! * [`error_codes`] — the documented Feishu error codes with their hints.
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

#[allow(missing_docs, unused_imports, clippy::all, clippy::pedantic)]
#[rustfmt::skip]
mod generated_client;
#[rustfmt::skip]
mod generated_enums;
#[rustfmt::skip]
mod generated_error_codes;

/// The generated client: one async method per operation, required parameters as arguments.
pub mod raw {
    pub use crate::generated_client::{Client, ClientInfo, Error, ResponseValue};
}

/// Request and response types of every operation.
pub mod types {
    pub use crate::generated_client::types::*;
    pub use crate::generated_enums::*;
}

/// Documented Feishu error codes, their HTTP status, message and troubleshooting hint.
pub mod error_codes {
    pub use crate::generated_error_codes::*;
}
