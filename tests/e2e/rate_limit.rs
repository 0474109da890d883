//! The client's shared rate-limit wait against the fake's rate limit, counted on tokio's paused
//! clock: the fake's windows and the client's waits run on the same clock, so every request
//! lands at an exact instant and the refusals follow from the window arithmetic alone.

use std::time::Duration;

use feishu_application::RetryPolicy;
use feishu_application::types::Lang;
use feishu_fake::{Config, FakeHandle, Faults, RateLimit};
use futures::future::join_all;

use super::support::paused_typed;

/// The calls the fake admits a window.
const LIMIT: u32 = 12;

/// The fake's window; the reset it announces is this, rounded up to whole seconds.
const WINDOW: Duration = Duration::from_secs(1);

/// One caller more than a window admits: every reset is a burst that overflows it by one.
const CALLERS: u32 = LIMIT + 1;

/// Each caller's calls.
const CALLS: u32 = LIMIT;

// The calls left once the first caller is done fit in one window (see the test).
const _: () = assert!(CALLS * (CALLERS - LIMIT) <= LIMIT);

/// A caller's own work between two calls: shorter than a window, and never zero, so no call
/// starts at the instant an answer arrives (which of two things at one instant runs first is
/// the scheduler's choice, not the client's behaviour).
const WORK: Duration = Duration::from_millis(100);

/// A current-thread runtime on the paused clock that polls I/O only when no task can run.
///
/// While tokio waits for I/O with the clock paused, it moves the clock to the next timer; by
/// default it also polls I/O every 61 task polls. Then an answer could be read before the
/// other callers of the same burst have sent, and a caller's timer could fire while another's
/// answer is on the way. With I/O polled only when every task waits, a burst is sent whole,
/// answered whole and read whole before the clock moves.
fn paused_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .event_interval(u32::MAX)
        .build()
        .expect("a runtime")
}

/// Opens one connection a caller before the clock matters: a connection opened during a
/// burst takes I/O turns of its own, during which the clock could move (see
/// [`paused_runtime`]). The token endpoint is never rate limited.
async fn open_connections(fake: &FakeHandle, http: &reqwest::Client, n: u32) {
    let credential = fake.credential();
    let body = serde_json::json!({
        "app_id": credential.app_id,
        "app_secret": credential.app_secret,
    });
    let url = format!(
        "{}/open-apis/auth/v3/tenant_access_token/internal",
        fake.base_url()
    );
    let answers = join_all((0..n).map(|_| http.post(&url).json(&body).send())).await;
    for answer in answers {
        let answer = answer.expect("the fake answers");
        assert!(answer.status().is_success(), "{}", answer.status());
        // Read to the end, so the connection goes back to the pool.
        answer.bytes().await.expect("a token answer");
    }
}

/// [`CALLERS`] callers sharing one client, each making [`CALLS`] calls with [`WORK`] between
/// them, against a fake admitting [`LIMIT`] calls a [`WINDOW`]: the requests it refused.
async fn refusals() -> u64 {
    let fake = feishu_fake::start(Config {
        faults: Faults {
            rate_limit: Some(RateLimit {
                limit: LIMIT,
                window: WINDOW,
            }),
            ..Faults::default()
        },
        ..Config::default()
    })
    .await
    .expect("the fake starts");
    let (client, http) = paused_typed(&fake, RetryPolicy::default());
    open_connections(&fake, &http, CALLERS).await;
    let snapshot = fake.state().snapshot();
    let pending = snapshot
        .apps
        .iter()
        .find_map(|app| {
            Some((
                app.application.app_id.clone()?,
                app.application.unaudit_version_id.clone()?,
            ))
        })
        .expect("the seeded tenant has a pending version");
    let callers = (0..CALLERS).map(|_| {
        let client = client.clone();
        let (app_id, version_id) = pending.clone();
        tokio::spawn(async move {
            for _ in 0..CALLS {
                client
                    .get_app_version(&app_id, &version_id, Lang::EnUs)
                    .await?;
                tokio::time::sleep(WORK).await;
            }
            Ok::<(), feishu_application::Error>(())
        })
    });
    for caller in join_all(callers).await {
        caller
            .expect("a caller ran to the end")
            .expect("every call got through the rate limit");
    }
    fake.state().rate_limited()
}

/// With the shared wait, a window is overrun only by the burst at its reset, by exactly the
/// callers the window does not admit.
///
/// At every reset all [`CALLERS`] send at once: the one refused before waits for the reset
/// itself, the others at the client's shared wait. The window admits [`LIMIT`] and refuses one,
/// and that refusal holds every caller's next call (which comes [`WORK`] later) until the next
/// reset. So a caller makes at most one call a window, and all [`CALLERS`] still have calls at
/// each of the first [`CALLS`] resets: each of those windows refuses exactly
/// `CALLERS - LIMIT` = 1. After them `CALLS * (CALLERS - LIMIT)` = 12 calls are left, which one
/// window admits: no more refusals. 12 in all, whichever caller the scheduler has refused.
///
/// Without the shared wait (`RateGate::close_for` given a zero wait), each caller runs into the
/// full window on its own after its work, once a window: 155 refusals, measured.
///
/// This is the count `review --concurrency` relies on; `feishu-review`'s
/// `concurrency_under_a_rate_limit_completes_with_every_decision` runs the CLI once under a
/// rate limit and leaves the count to this test.
#[test]
fn concurrent_callers_overrun_each_window_only_by_the_burst_at_its_reset() {
    let refused = paused_runtime().block_on(refusals());
    assert_eq!(
        refused,
        u64::from(CALLS * (CALLERS - LIMIT)),
        "{CALLERS} callers x {CALLS} calls at {LIMIT} a window"
    );
}
