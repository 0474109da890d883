//! What the CLI says when Feishu rate-limits it: once a call has waited (or is about to have
//! waited) more than [`SAY_AFTER`] for rate-limit windows to reset, one line on stderr, and
//! never again in the run. `review`'s progress bar, when one is drawn, prints it above itself.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use feishu_application::RateLimitWait;
use feishu_application::error_codes::ErrorCode;

/// How long a call waits silently.
pub(crate) const SAY_AFTER: Duration = Duration::from_secs(5);

static SAID: AtomicBool = AtomicBool::new(false);

/// The progress bar drawn now, if any: the notice goes above it instead of through it.
static BAR: Mutex<Option<indicatif::ProgressBar>> = Mutex::new(None);

/// The `on_rate_limit_wait` callback of the CLI's client.
pub(crate) fn on_wait(wait: &RateLimitWait) {
    if wait.waited + wait.wait <= SAY_AFTER || SAID.swap(true, Ordering::Relaxed) {
        return;
    }
    let line = line(wait);
    let bar = BAR.lock().unwrap_or_else(PoisonError::into_inner);
    match bar.as_ref().filter(|bar| !bar.is_hidden()) {
        Some(bar) => bar.println(line),
        None => crate::stdout::errln!("{line}"),
    }
}

/// Draws the notice above `bar` while it is shown; `None` when it is gone.
pub(crate) fn above(bar: Option<indicatif::ProgressBar>) {
    *BAR.lock().unwrap_or_else(PoisonError::into_inner) = bar;
}

fn line(wait: &RateLimitWait) -> String {
    let code = wait.code.unwrap_or(ErrorCode::RateLimited.code());
    format!(
        "feishu-review: Feishu is rate-limiting this app ({code}); waiting up to {} s \
         (--max-wait)",
        seconds(wait.budget)
    )
}

/// Whole seconds, or with the fraction given.
fn seconds(duration: Duration) -> String {
    match duration.subsec_millis() {
        0 => duration.as_secs().to_string(),
        _ => format!("{:.1}", duration.as_secs_f64()),
    }
}
