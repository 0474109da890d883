//! The mutable part of fault injection: the seeded generator and the rate-limit window. The
//! middleware that applies faults is `routes::faults`.

use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The mutable part of fault injection: the seeded generator and the rate-limit window.
#[derive(Debug)]
pub(crate) struct FaultState {
    rng: ChaCha8Rng,
    /// Apart from `rng`, so switching drift on leaves the server-error pattern of a seed as is.
    drift_rng: ChaCha8Rng,
    window_start: Option<Instant>,
    used: u32,
    /// Requests the rate limit refused so far.
    refused: u64,
}

impl FaultState {
    /// A fresh state whose random choices follow `seed`.
    pub(crate) fn new(seed: u64) -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(seed),
            drift_rng: ChaCha8Rng::seed_from_u64(seed ^ 0xd21f_7d21_f7d2_1f7d),
            window_start: None,
            used: 0,
            refused: 0,
        }
    }

    /// Whether the next answer drifts (with probability `rate`), and if so a random number
    /// that picks where.
    pub(crate) fn drift_pick(&mut self, rate: f64) -> Option<u64> {
        let roll: f64 = self.drift_rng.random();
        (roll < rate).then(|| self.drift_rng.random())
    }

    /// How many requests the rate limit has refused.
    pub(crate) fn refused(&self) -> u64 {
        self.refused
    }

    /// Takes one request from the window; `Err(seconds until reset)` when none is left.
    pub(crate) fn take(&mut self, limit: u32, window: Duration, now: Instant) -> Result<(), u64> {
        let start = match self.window_start {
            Some(start) if now < start + window => start,
            _ => {
                self.window_start = Some(now);
                self.used = 0;
                now
            }
        };
        if self.used >= limit {
            self.refused += 1;
            let left = (start + window).saturating_duration_since(now);
            return Err(left.as_secs() + u64::from(left.subsec_nanos() > 0));
        }
        self.used += 1;
        Ok(())
    }

    /// Whether the next request is one of the `rate` fraction answered with a server error.
    pub(crate) fn roll(&mut self, rate: f64) -> bool {
        self.rng.random::<f64>() < rate
    }
}
