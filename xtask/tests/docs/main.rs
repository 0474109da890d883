//! `cargo xtask docs check|diff`, tested on the real pages and on pages and specs made here
//! from them (one test binary: links once).

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
