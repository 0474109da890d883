//! When to try a call again, and how long to wait first.

use std::time::Duration;

use crate::error::{ApiError, Error};
use crate::error_codes::ErrorCode;

/// How the client retries rate limits and transient faults.
///
/// Defaults: 3 retries, 60 s in all, backoff from 200 ms doubling up to 10 s with equal
/// jitter (between half and all of that), a rate-limit wait of at most 30 s. [`RetryPolicy::none`] turns retries off.
///
/// `max_retries` bounds the retries of faults: 5xx, timeouts, connection errors, a 429
/// without a reset. A refusal that says when the window resets (`x-ogw-ratelimit-reset`) is
/// waited out and retried as long as the wait fits into `max_elapsed`, without using up
/// `max_retries`: with more concurrent calls than the window admits, some call loses the race
/// for a few windows in a row, and failing it would turn a busy minute into errors.
///
/// A rate limit is shared: when Feishu answers any call 429 / 99991400 with
/// `x-ogw-ratelimit-reset`, every call of that client (and of its clones) waits for the same
/// reset (at most `max_rate_limit_wait`) before it sends, so concurrent calls do not each run
/// into the limit. This holds with [`RetryPolicy::none`] too: the refused call fails at once,
/// the next ones wait.
///
/// Each knob is a chainable method named after it; the fields are private, so a knob added
/// later is not a breaking change:
///
/// ```
/// use std::time::Duration;
/// use feishu_application::RetryPolicy;
/// let policy = RetryPolicy::default()
///     .max_retries(5)
///     .max_elapsed(Duration::from_secs(120));
/// assert_ne!(policy, RetryPolicy::default());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    pub(crate) max_retries: u32,
    pub(crate) max_elapsed: Duration,
    pub(crate) initial_backoff: Duration,
    pub(crate) max_backoff: Duration,
    pub(crate) max_rate_limit_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            max_elapsed: Duration::from_secs(60),
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            max_rate_limit_wait: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    #[must_use]
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// Retries of faults after the first attempt (the token-refresh retry and waits for a
    /// rate-limit reset are not counted); 0 turns every retry off. Default 3.
    #[must_use]
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The call's whole time budget, rate-limit waits included: no retry starts once this
    /// much time has passed since the first attempt. Default 60 s.
    #[must_use]
    pub fn max_elapsed(mut self, elapsed: Duration) -> Self {
        self.max_elapsed = elapsed;
        self
    }

    /// The first backoff; each retry doubles it. Default 200 ms.
    #[must_use]
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest backoff. Default 10 s.
    #[must_use]
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The longest wait for a rate-limit window to reset. Default 30 s.
    #[must_use]
    pub fn max_rate_limit_wait(mut self, wait: Duration) -> Self {
        self.max_rate_limit_wait = wait;
        self
    }

    /// Exponential backoff before retry number `retry` (1-based), with equal jitter: between
    /// half and all of the doubled backoff, so clients spread out but never retry at once.
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let exponent = retry.saturating_sub(1).min(20);
        let ceiling = self
            .initial_backoff
            .saturating_mul(1 << exponent)
            .min(self.max_backoff);
        let millis = u64::try_from(ceiling.as_millis()).unwrap_or(u64::MAX);
        Duration::from_millis(millis / 2 + jitter(millis - millis / 2))
    }
}

/// A number in `0..=span`, different on every call. Spreading retries needs no more than
/// that, so the std library's randomly keyed hasher does instead of a random-number crate.
fn jitter(span: u64) -> u64 {
    use std::hash::{BuildHasher as _, RandomState};
    let random = RandomState::new().hash_one(std::time::SystemTime::now());
    random % span.saturating_add(1)
}

/// What to do after a failed attempt.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Next {
    /// Give the error to the caller.
    Fail,
    /// Drop the cached token, get a new one and try once more.
    RefreshToken,
    /// Wait for the rate-limit window (or back off when the server gave no reset).
    RateLimited(Option<Duration>),
    /// A transient fault: back off and retry.
    Transient,
}

/// Classifies a failed attempt.
pub(crate) fn classify(error: &Error) -> Next {
    match error {
        Error::Api(api) => classify_api(api),
        Error::Decode { status, .. } if *status >= 500 => Next::Transient,
        Error::Transport { source, .. } if !source.is_builder() => Next::Transient,
        _ => Next::Fail,
    }
}

/// Classifies a Feishu error: by its documented code first, then by its HTTP status.
fn classify_api(api: &ApiError) -> Next {
    match api.error_code() {
        Some(
            ErrorCode::TenantAccessTokenInvalid
            | ErrorCode::TenantAccessTokenInvalidAlt
            | ErrorCode::TenantAccessTokenMalformed,
        ) => Next::RefreshToken,
        Some(ErrorCode::RateLimited) => Next::RateLimited(api.retry_after),
        Some(ErrorCode::InternalError) => Next::Transient,
        _ if api.http_status == 429 => Next::RateLimited(api.retry_after),
        _ if api.http_status >= 500 => Next::Transient,
        _ => Next::Fail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let policy = RetryPolicy {
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(350),
            ..RetryPolicy::default()
        };
        let within = |retry, low, high| {
            let backoff = policy.backoff(retry);
            let (low, high) = (Duration::from_millis(low), Duration::from_millis(high));
            assert!(
                (low..=high).contains(&backoff),
                "retry {retry}: {backoff:?} not in {low:?}..={high:?}"
            );
        };
        for _ in 0..50 {
            within(1, 50, 100);
            within(2, 100, 200);
            within(3, 175, 350);
            within(9, 175, 350);
        }
    }
}
