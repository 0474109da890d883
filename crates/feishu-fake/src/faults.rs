//! Fault injection for the application endpoints: latency, a rate limit, server errors.

use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use feishu_application::error_codes::ErrorCode;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::api_error::ApiError;
use crate::state::AppState;

/// The mutable part of fault injection: the seeded generator and the rate-limit window.
#[derive(Debug)]
pub struct FaultState {
    rng: ChaCha8Rng,
    window_start: Option<Instant>,
    used: u32,
    /// Requests the rate limit refused so far.
    refused: u64,
}

impl FaultState {
    /// A fresh state whose random choices follow `seed`.
    pub fn new(seed: u64) -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(seed),
            window_start: None,
            used: 0,
            refused: 0,
        }
    }

    /// How many requests the rate limit has refused.
    pub(crate) fn refused(&self) -> u64 {
        self.refused
    }

    /// Takes one request from the window; `Err(seconds until reset)` when none is left.
    fn take(&mut self, limit: u32, window: Duration, now: Instant) -> Result<(), u64> {
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
}

/// Middleware: applies the configured faults, then runs the handler.
pub async fn inject(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let faults = &state.config().faults;
    if !faults.latency.is_zero() {
        tokio::time::sleep(faults.latency).await;
    }
    if let Some(limit) = faults.rate_limit {
        let now = state.clock().now();
        let taken = state.faults().take(limit.limit, limit.window, now);
        if let Err(reset) = taken {
            return ApiError::rate_limited(limit.limit, reset).into_response();
        }
    }
    if faults.server_error_rate > 0.0 {
        let roll: f64 = state.faults().rng.random();
        if roll < faults.server_error_rate {
            return ApiError::documented(ErrorCode::InternalError)
                .with_detail("injected fault")
                .into_response();
        }
    }
    next.run(request).await
}
