//! The wire rules every crate of the workspace shares, written down once.
//!
//! The client, the validator, the fake, the CLI and xtask all depend on this crate, so a rule
//! here can't drift between them:
//!
//! - [`pointer`]: RFC 6901 JSON pointers, escaped and unescaped here and nowhere else: [`Path`],
//!   a location in a JSON body, and [`pointer::Pointer`], the segments of a pointer string;
//! - [`DriftKind`]: what the docs don't list yet (an undocumented member, an unknown enum value);
//! - [`secret`]: which members hold secrets, the one placeholder that replaces them, and the
//!   redaction of JSON values and of raw body text;
//! - [`headers`]: the names of the headers Feishu answers with;
//! - [`path_template`]: which spec path a request path is (the fake and the proxy agree).
//!
//! It holds no generated code, so it never waits on `cargo xtask generate`.

pub mod drift_kind;
pub mod headers;
pub mod path_template;
pub mod pointer;
pub mod secret;
mod secret_text;

pub use drift_kind::DriftKind;
pub use pointer::Path;
