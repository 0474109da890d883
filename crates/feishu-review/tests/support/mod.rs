//! One harness for every test that runs `feishu-review` as a process: the CLI as a child
//! whose output goes to files ([`Running`]), waiting on its lines or on conditions with a
//! deadline, a fake tenant served by this test process for `review --apply` and its
//! write-ahead journal read back, and `proxy` in front of fakes ([`proxy`]).

// Each test file uses a part of it: helpers and re-exports alike may be unused by all of them
// for a while.
#![allow(dead_code, unused_imports)]

mod journal;
pub(crate) mod proxy;
mod running;
mod tenant;
mod wait;

use std::time::Duration;

pub(crate) use journal::{journal_lines, outcome_lines, verify, whole_json_lines};
pub(crate) use running::{CLI_ENV, Running, Stream, cli, finish, stderr};
pub(crate) use tenant::Tenant;
pub(crate) use wait::{wait_for_lines, wait_until};

/// Longest wait for a condition; far above what any of them takes.
pub(crate) const DEADLINE: Duration = Duration::from_secs(120);
