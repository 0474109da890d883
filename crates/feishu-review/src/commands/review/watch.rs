//! `review --watch DURATION`: a pass over the pending list every DURATION, deciding only what
//! was not decided before; transient errors are logged and waited out, a journal that cannot
//! be written ends it (exit 1); SIGTERM stops it.

use std::process::ExitCode;
use std::time::Duration;

use super::Session;

/// The first wait after a failed pass; it doubles with each failure in a row, up to DURATION.
const FIRST_BACKOFF: Duration = Duration::from_secs(1);

/// Passes until a stop is asked for; exit 0 then.
pub(super) async fn run(session: &mut Session, every: Duration) -> anyhow::Result<ExitCode> {
    let mut failures = 0u32;
    let mut stop = session.stop.clone();
    while !stop.asked() {
        let wait = match session.pass().await {
            Ok(pass) => {
                failures = 0;
                if !pass.reviewed.is_empty() {
                    pass.print(session.dry_run(), session.json, true)?;
                }
                every
            }
            // The journal cannot be written: no pass can be carried out safely.
            Err(error) if crate::journal::is_write_failure(&error) => return Err(error),
            Err(error) => {
                failures += 1;
                let wait = backoff(failures, every);
                crate::stdout::errln!(
                    "warning: {}: review pass failed: {error:#}; trying again in {}",
                    crate::journal::now(),
                    humantime::format_duration(wait)
                );
                wait
            }
        };
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = stop.wait() => {}
        }
    }
    crate::stdout::errln!("feishu-review: stopped watching");
    Ok(ExitCode::SUCCESS)
}

/// The wait after `failures` failed passes in a row: 1 s, 2 s, 4 s, ... never above `every`.
fn backoff(failures: u32, every: Duration) -> Duration {
    FIRST_BACKOFF
        .saturating_mul(1 << failures.saturating_sub(1).min(16))
        .min(every)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_interval() {
        let every = Duration::from_secs(10);
        let waits: Vec<_> = (1..=6).map(|n| backoff(n, every).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 10, 10]);
        assert_eq!(
            backoff(40, Duration::from_secs(3600)),
            Duration::from_secs(3600)
        );
        assert_eq!(
            backoff(1, Duration::from_millis(200)),
            Duration::from_millis(200)
        );
    }
}
