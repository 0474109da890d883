//! The checked-in generated files must match what the spec generates today.
//!
//! Like rust-analyzer's `ensure_file_contents`: a plain test regenerates in memory, so
//! `cargo test --workspace` fails on a stale file even without `cargo xtask generate --check`.

use std::path::Path;

use xtask::{Mode, Outcome, SPEC_PATH, generate, generate_in_memory, workspace_root};

#[test]
fn generated_files_match_the_spec() {
    match generate(&workspace_root(), Mode::Check).expect("the spec generates") {
        Outcome::UpToDate => {}
        Outcome::Stale(report) => panic!("{report}"),
        Outcome::Written(paths) => panic!("check mode wrote {paths:?}"),
    }
}

#[test]
fn generation_is_deterministic() {
    let first = generate_in_memory(&workspace_root()).unwrap();
    let second = generate_in_memory(&workspace_root()).unwrap();
    assert_eq!(first, second);
}

/// A copy of the workspace's spec and generated files in a temporary folder, so a test can
/// edit the spec without touching the real one.
fn scratch_workspace() -> tempfile::TempDir {
    let scratch = tempfile::tempdir().unwrap();
    let root = workspace_root();
    let mut paths = vec![Path::new(SPEC_PATH).to_path_buf()];
    paths.extend(
        generate_in_memory(&root)
            .unwrap()
            .into_iter()
            .map(|file| file.path),
    );
    for path in paths {
        let target = scratch.path().join(&path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(root.join(&path), target).unwrap();
    }
    scratch
}

#[test]
fn editing_the_spec_makes_check_fail_with_a_diff_until_regenerated() {
    let scratch = scratch_workspace();
    let spec_path = scratch.path().join(SPEC_PATH);
    let spec = std::fs::read_to_string(&spec_path).unwrap();
    let edited = spec.replace(
        "description: The scope's internationalised description.",
        "description: The scope's description, as the docs now word it.",
    );
    assert_ne!(spec, edited, "the edit must hit the spec");
    std::fs::write(&spec_path, edited).unwrap();

    let Outcome::Stale(report) = generate(scratch.path(), Mode::Check).unwrap() else {
        panic!("an edited spec must make the check fail");
    };
    assert!(
        report.contains("-        ///The scope's internationalised description."),
        "{report}"
    );
    assert!(report.contains("+        ///The scope's description, as the docs now word it."));
    assert!(
        report.contains("cargo xtask generate"),
        "the report says how to fix it"
    );

    let Outcome::Written(paths) = generate(scratch.path(), Mode::Write).unwrap() else {
        panic!("write mode must rewrite the stale file");
    };
    assert_eq!(paths.len(), 1, "only the client file changes: {paths:?}");
    assert!(matches!(
        generate(scratch.path(), Mode::Check).unwrap(),
        Outcome::UpToDate
    ));
}

#[test]
fn a_broken_spec_is_a_clear_error_naming_file_and_line() {
    let scratch = scratch_workspace();
    let spec_path = scratch.path().join(SPEC_PATH);
    let spec = std::fs::read_to_string(&spec_path).unwrap();
    std::fs::write(&spec_path, spec.replacen("paths:\n", "paths: [\n", 1)).unwrap();
    let message = format!("{:#}", generate(scratch.path(), Mode::Check).unwrap_err());
    assert!(message.contains("feishu-application-v6.yaml:"), "{message}");
    assert!(message.contains("not a valid OpenAPI"), "{message}");
}

#[test]
fn an_enum_without_variant_names_is_a_clear_error() {
    let scratch = scratch_workspace();
    let spec_path = scratch.path().join(SPEC_PATH);
    let spec = std::fs::read_to_string(&spec_path).unwrap();
    let edited = spec.replacen("      x-enum-varnames: [Free, Paid]\n", "", 1);
    assert_ne!(spec, edited);
    std::fs::write(&spec_path, edited).unwrap();
    let message = format!("{:#}", generate(scratch.path(), Mode::Check).unwrap_err());
    assert!(
        message.contains("components/schemas/PaymentType"),
        "{message}"
    );
    assert!(message.contains("x-enum-varnames"), "{message}");
}
