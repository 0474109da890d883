//! Compile-fail tests of `feishu-application` (see `compile_fail.rs`); the library is empty.
