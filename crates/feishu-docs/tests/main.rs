//! The library's tests, one binary (it links once): `check` on the repository's pages and on
//! pages made from the frozen ones (`tests/fixtures/frozen/`) with one edit, newer pages
//! against an older spec, and `diff` between two versions of a page. The command line over it
//! (`cargo xtask docs …`) is tested as a process in `xtask/tests/`.

mod add;
mod check;
mod diff;
mod newer_pages;
mod support;
