//! xtask's tests, one binary (it links once): `generate` (fresh files, spec facts), `api diff`
//! on scratch copies of the frozen spec (`tests/fixtures/frozen/`), and `cargo xtask docs …`
//! run as a process (exit codes, output, the spec edits of `check --fix`, `fetch` and `sync`
//! against a local stand-in of Feishu's portal). The docs library's own tests are in
//! `crates/feishu-docs/tests/`.

mod api_diff;
mod docs;
mod features;
mod flags;
mod freshness;
mod spec_facts;
mod support;
