//! Compile-time guarantees of the client: a call missing a required parameter, a string where
//! an enum belongs, a rejection without a reason, a struct literal of a (`#[non_exhaustive]`)
//! response type, an exhaustive match on an open enum and swapped typed ids do not compile.
//! (The README / crate-level example is `crates/feishu-application/examples/review.rs`, which
//! `cargo test` compiles.)
//!
//! `fail/` holds trybuild cases with rustc's whole output. `first_line/` holds cases whose
//! `.stderr` pins only the first error line: rustc's help below it (for swapped ids, a list
//! of every `From` impl of the id types) changes with the compiler, not with the guarantee.

use std::path::{Path, PathBuf};
use std::process::Command;

#[test]
fn compile_guarantees() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("fail/*.rs");
}

#[test]
fn swapped_ids_do_not_compile() {
    assert_first_error_line("first_line/swapped_ids.rs");
}

/// Compiles `case` against the client and asserts that it fails with the first line of its
/// `.stderr` file as its first error line.
fn assert_first_error_line(case: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let case = dir.join(case);
    let expected = std::fs::read_to_string(case.with_extension("stderr")).unwrap();
    let expected = expected.lines().next().expect("a first line");
    let client = client_library();
    let output = rustc(&client, &case);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{} compiled", case.display());
    let first = stderr.lines().find(|line| line.starts_with("error"));
    assert_eq!(first, Some(expected), "{stderr}");
}

/// The client's library among this test's dependencies: the first (newest first) that a
/// correct use of the client compiles against, since a target directory may hold several
/// builds of it (other features, older checkouts).
fn client_library() -> PathBuf {
    let deps = deps_dir();
    let mut candidates: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(&deps)
        .unwrap()
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let name = path.file_name()?.to_str()?;
            let library = name.starts_with("libfeishu_application-") && name.ends_with(".rlib");
            library.then(|| Some((path.metadata().ok()?.modified().ok()?, path)))?
        })
        .collect();
    candidates.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    let control = Path::new(env!("CARGO_MANIFEST_DIR")).join("first_line/control.rs");
    candidates
        .into_iter()
        .map(|(_, path)| path)
        .find(|path| rustc(path, &control).status.success())
        .unwrap_or_else(|| panic!("no build of feishu-application in {}", deps.display()))
}

/// `target/<profile>/deps`, where this test binary and its dependencies are.
fn deps_dir() -> PathBuf {
    std::env::current_exe()
        .unwrap()
        .parent()
        .expect("the test binary is in deps/")
        .to_owned()
}

/// `rustc` checking `source` (a library, metadata only) against the client `library`.
fn rustc(library: &Path, source: &Path) -> std::process::Output {
    let out = out_dir();
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    Command::new(rustc)
        .args([
            "--edition",
            "2024",
            "--crate-type",
            "lib",
            "--emit=metadata",
        ])
        .arg("--crate-name")
        .arg(source.file_stem().unwrap())
        .arg("-L")
        .arg(format!("dependency={}", deps_dir().display()))
        .arg("--extern")
        .arg(format!("feishu_application={}", library.display()))
        .arg("--out-dir")
        .arg(&out)
        .arg(source)
        .output()
        .expect("rustc runs")
}

/// A fresh folder for rustc's output, under the target directory.
fn out_dir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = deps_dir().join("..").join("first_line").join(format!(
        "{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
