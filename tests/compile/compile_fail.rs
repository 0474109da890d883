//! Compile-time guarantees of the client, proven with trybuild: a call missing a required
//! parameter, a string where an enum belongs, and a rejection without a reason do not compile.
//! (The README / crate-level example is `crates/feishu-application/examples/review.rs`, which
//! `cargo test` compiles.)

#[test]
fn compile_guarantees() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("fail/*.rs");
}
