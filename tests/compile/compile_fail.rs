//! Compile-time guarantees of the client, proven with trybuild: a call missing a required
//! parameter, a string where an enum belongs, a rejection without a reason, a struct literal of a
//! (`#[non_exhaustive]`) response type, an exhaustive match on an open enum and swapped typed ids
//! do not compile.
//! (The README / crate-level example is `crates/feishu-application/examples/review.rs`, which
//! `cargo test` compiles.)

#[test]
fn compile_guarantees() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("fail/*.rs");
}
