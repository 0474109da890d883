//! The integration tests of `feishu-validate`: reports on bodies checked against the spec.
//!
//! One test binary, so the dependency graph is linked once instead of once per file. Each
//! file is a module named like the file; the helpers they share live in `support`.

mod support;

mod doc_examples;
mod drift;
mod errors;
mod openapi_specifics;
mod secrets;
mod sharing;
mod violations;
