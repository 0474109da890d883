//! `cargo xtask docs check|diff|fetch|sync` and `check --fix`, tested on the frozen pages and
//! spec (`xtask/tests/fixtures/`) and on pages and specs made here from them; two tests check
//! the repository's own pages (one test binary: links once).

#[path = "../common/mod.rs"]
mod common;

mod add;
mod changelog;
mod check;
mod cli;
mod diff;
mod fetch;
mod fix;
mod newer_pages;
mod scratch_repo;
mod stand_in;
mod support;
mod sync;
