//! `cargo xtask docs check|diff|facts|fetch|sync` and `check --fix` as a process, on the
//! frozen pages and spec (`tests/fixtures/frozen/`), on scratch copies made from them and,
//! once, on the repository's own pages.

mod add;
mod changelog;
mod cli;
mod diff;
mod fetch;
mod fix;
mod sync;
