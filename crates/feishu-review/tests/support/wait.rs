//! Waiting on real conditions, with a deadline.

use std::path::Path;
use std::time::{Duration, Instant};

use super::DEADLINE;
use super::journal::outcome_lines;
use super::running::Running;

/// Polls `condition` every millisecond until it holds; fails the test past [`DEADLINE`].
///
/// A millisecond, not more: a test that kills a run while PATCHes are in flight has to see
/// them before they are answered.
pub(crate) fn wait_until(what: &str, mut condition: impl FnMut() -> bool) {
    let started = Instant::now();
    while !condition() {
        assert!(
            started.elapsed() < DEADLINE,
            "{what}: not after {DEADLINE:?}"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// Waits until the journal at `path` has at least `lines` outcome lines (see
/// [`outcome_lines`]); fails the test, with the CLI's stderr, if `running` ends first.
pub(crate) fn wait_for_lines(path: &Path, lines: usize, running: &mut Running) {
    wait_until(&format!("{lines} journal outcome lines"), || {
        let now = outcome_lines(path).len();
        if now < lines
            && let Some(status) = running.try_wait()
        {
            panic!(
                "the CLI ended ({status}) with {now} of {lines} journal lines: {}",
                running.stderr_so_far()
            );
        }
        now >= lines
    });
}
