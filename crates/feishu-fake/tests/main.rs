//! The integration tests of `feishu-fake`: the fake served over HTTP.
//!
//! One test binary, so the dependency graph is linked once instead of once per file. Each
//! file is a module named like the file; the helpers they share live in `support`.

mod support;

mod admin;
mod auth;
mod conformance;
mod contacts_range;
mod drift;
mod every_operation;
mod faults;
mod fixtures;
mod hostile_clients;
mod list;
mod patch;
mod versions;
