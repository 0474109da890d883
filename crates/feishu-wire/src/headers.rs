//! Names of the HTTP headers Feishu answers with, shared by the client, the fake and the proxy.

/// The request's log id, on every answer (also in the error body's `error.log_id`).
pub const LOG_ID: &str = "x-tt-logid";
/// With a rate limit (HTTP 429, code 99991400): requests allowed per window.
pub const RATE_LIMIT_LIMIT: &str = "x-ogw-ratelimit-limit";
/// With a rate limit: seconds until the window resets.
pub const RATE_LIMIT_RESET: &str = "x-ogw-ratelimit-reset";
