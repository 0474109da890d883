//! Telling the caller that a call waits out a rate limit: a wait can last up to
//! `RetryPolicy::max_elapsed` (60 s by default), and a person watching a silent command for a
//! minute wants to know why. See [`crate::ClientBuilder::on_rate_limit_wait`].

use std::sync::Arc;
use std::time::Duration;

/// A call is about to wait for a rate-limit window to reset, as
/// [`crate::ClientBuilder::on_rate_limit_wait`] receives it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimitWait {
    /// The operationId, e.g. `get_app_version`.
    pub operation: &'static str,
    /// How long this call has waited out rate limits so far (its own waits and the client's
    /// shared one), before this wait.
    pub waited: Duration,
    /// The wait about to start: until the window resets (at most
    /// `RetryPolicy::max_rate_limit_wait`).
    pub wait: Duration,
    /// The call's whole time budget, `RetryPolicy::max_elapsed`: past it the call fails with
    /// the rate limit's error.
    pub budget: Duration,
    /// Feishu's code of the refusal (99991400), when it had one.
    pub code: Option<i64>,
}

/// A callback that receives each rate-limit wait.
type Callback = Arc<dyn Fn(&RateLimitWait) + Send + Sync>;

/// The callback that receives each rate-limit wait, if one was given.
#[derive(Clone, Default)]
pub(crate) struct OnRateLimitWait(Option<Callback>);

impl std::fmt::Debug for OnRateLimitWait {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("OnRateLimitWait")
            .field(&self.0.is_some())
            .finish()
    }
}

impl OnRateLimitWait {
    /// Calls `callback` with each wait.
    pub(crate) fn new(callback: impl Fn(&RateLimitWait) + Send + Sync + 'static) -> Self {
        Self(Some(Arc::new(callback)))
    }

    /// Whether a callback was given.
    pub(crate) fn is_some(&self) -> bool {
        self.0.is_some()
    }

    /// Tells the callback, if any, about `wait`.
    pub(crate) fn tell(&self, wait: &RateLimitWait) {
        if let Some(callback) = &self.0 {
            callback(wait);
        }
    }
}
