//! The fake's clock: tokio's clock plus an offset tests can advance, so expiry needs no sleeping.
//!
//! Tokio's clock is real time, except in a test that paused it: then the fake's windows and
//! expiries move with the client's waits on the same paused clock, exactly and at no real cost.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Tokio's clock shifted by an offset that only grows.
#[derive(Debug, Default)]
pub struct Clock {
    offset_ms: AtomicU64,
}

impl Clock {
    /// Now, on tokio's monotonic clock (paused in a test that paused it).
    pub fn now(&self) -> Instant {
        tokio::time::Instant::now().into_std() + self.offset()
    }

    /// Now, in seconds since the Unix epoch: wall-clock time, which tokio does not pause.
    pub fn unix_secs(&self) -> u64 {
        (SystemTime::now() + self.offset())
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs()
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: Duration) {
        let ms = u64::try_from(by.as_millis()).unwrap_or(u64::MAX);
        self.offset_ms.fetch_add(ms, Ordering::SeqCst);
    }

    fn offset(&self) -> Duration {
        Duration::from_millis(self.offset_ms.load(Ordering::SeqCst))
    }
}
