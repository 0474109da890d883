//! The integration tests of `feishu-application`: the client against a mock Feishu (wiremock).
//!
//! One test binary, so the dependency graph is linked once instead of once per file. Each
//! file is a module named like the file; the helpers they share live in `support`.

mod support;

mod debug_redaction;
mod doc_examples;
mod drift;
mod errors;
mod pagination;
mod rate_limit_wait;
mod retries;
mod review;
mod secrets;
mod shared_rate_limit;
mod tokens;
