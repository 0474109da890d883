//! One harness for the tests of `review --apply` and its write-ahead journal: a fake tenant
//! served by this test process, the CLI as a real process against it, waiting on what the
//! journal or the fake shows, and the journal read back.

// Each test binary that includes this module uses a part of it: the rest, helpers and their
// re-exports below alike, is unused there.
#![allow(dead_code, unused_imports)]

mod journal;
mod running;
mod tenant;
mod wait;

use std::time::Duration;

pub(crate) use journal::{journal_lines, outcome_lines, verify, whole_json_lines};
pub(crate) use running::{Running, finish, stderr};
pub(crate) use tenant::{CLI_ENV, Tenant};
pub(crate) use wait::{wait_for_lines, wait_until};

/// Longest wait for a condition; far above what any of them takes.
pub(crate) const DEADLINE: Duration = Duration::from_secs(120);
