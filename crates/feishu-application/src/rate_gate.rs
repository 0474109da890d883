//! One rate-limit wait for every call of a client: when Feishu answers one call 429 / 99991400
//! with `x-ogw-ratelimit-reset`, the calls that start (or retry) afterwards wait for the same
//! reset instead of each running into the limit on its own.

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// When the client's rate-limit window resets; shared by all clones of a client.
#[derive(Debug, Default)]
pub(crate) struct RateGate {
    reopens: Mutex<Option<Instant>>,
}

impl RateGate {
    /// Waits until the last window this client was told about has reset (at once when none).
    pub(crate) async fn pass(&self) {
        loop {
            let reopens = *self.lock();
            match reopens {
                Some(at) if at > Instant::now() => tokio::time::sleep_until(at).await,
                // Closed again while we slept: wait for the later reset.
                _ => return,
            }
        }
    }

    /// Feishu said the window resets in `reset`: hold every call until then. A later reset
    /// already known is kept; an earlier one never shortens it.
    pub(crate) fn close_for(&self, reset: Duration) {
        let at = Instant::now() + reset;
        let mut reopens = self.lock();
        if reopens.is_none_or(|known| known < at) {
            *reopens = Some(at);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Instant>> {
        // The data is a plain `Option<Instant>`: never inconsistent, even after a panic.
        self.reopens
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn an_open_gate_lets_calls_through_at_once() {
        let gate = RateGate::default();
        let started = Instant::now();
        gate.pass().await;
        assert_eq!(started.elapsed(), Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn every_waiter_waits_for_the_reset_and_no_longer() {
        let gate = std::sync::Arc::new(RateGate::default());
        let started = Instant::now();
        gate.close_for(Duration::from_secs(5));
        let waiters: Vec<_> = (0..8)
            .map(|_| {
                let gate = std::sync::Arc::clone(&gate);
                tokio::spawn(async move {
                    gate.pass().await;
                    started.elapsed()
                })
            })
            .collect();
        for waiter in waiters {
            assert_eq!(waiter.await.unwrap(), Duration::from_secs(5));
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_shorter_reset_never_shortens_a_known_one_and_a_longer_extends_it() {
        let gate = RateGate::default();
        let started = Instant::now();
        gate.close_for(Duration::from_secs(5));
        gate.close_for(Duration::from_secs(2));
        gate.pass().await;
        assert_eq!(started.elapsed(), Duration::from_secs(5));
        gate.close_for(Duration::from_secs(3));
        gate.close_for(Duration::from_secs(7));
        gate.pass().await;
        assert_eq!(started.elapsed(), Duration::from_secs(12));
    }
}
