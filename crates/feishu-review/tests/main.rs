//! The integration tests of `feishu-review`: the CLI run as a process (support::Running).
//!
//! One test binary, so the dependency graph is linked once instead of once per file. Each
//! file is a module named like the file; the helpers they share live in `support`.

mod support;

mod drift_notice;
mod fake_cli;
mod pipes_and_logs;
mod proxy;
mod rate_limit_wait;
mod review_changes;
mod review_contacts_range;
mod review_journal;
mod review_kill;
mod review_one_writer;
mod review_reconcile;
mod review_unusable_journal;
mod typed_ids;
mod validate_exit_codes;
mod validate_output;
mod workflow;
