//! Compile-time guarantees of the client, proven with trybuild: a call missing a required
//! parameter, a string where an enum belongs, and a rejection without a reason do not compile;
//! the README / crate-level example does.

#[test]
fn compile_guarantees() {
    let cases = trybuild::TestCases::new();
    cases.pass("compile/pass/*.rs");
    cases.compile_fail("compile/fail/*.rs");
}
