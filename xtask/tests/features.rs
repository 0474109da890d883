//! `cargo xtask generate` compiles neither the HTTP client nor jsonschema: the alias builds
//! xtask without its `docs` feature, and that build's dependency tree has neither.

use std::process::Command;

use xtask::workspace_root;

/// The crates `cargo tree` lists for xtask's normal dependencies with `features`.
fn tree(features: &[&str]) -> String {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(workspace_root())
        .args([
            "tree",
            "-q",
            "--offline",
            "-p",
            "xtask",
            "-e",
            "normal",
            "--prefix",
            "none",
        ])
        .args(features)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn has(tree: &str, krate: &str) -> bool {
    tree.lines()
        .any(|line| line.starts_with(&format!("{krate} v")))
}

#[test]
fn the_alias_builds_without_the_docs_feature() {
    let config = std::fs::read_to_string(workspace_root().join(".cargo/config.toml")).unwrap();
    assert!(
        config.contains("xtask = \"run --package xtask --no-default-features --\""),
        "{config}"
    );
}

#[test]
fn generate_s_build_has_no_http_client_and_no_jsonschema() {
    let light = tree(&["--no-default-features"]);
    for krate in ["reqwest", "jsonschema", "feishu-validate"] {
        assert!(
            !has(&light, krate),
            "{krate} in the build of `cargo xtask generate`"
        );
    }
    // The check means something: the docs build has them.
    let full = tree(&["--features", "docs"]);
    for krate in ["reqwest", "jsonschema", "feishu-validate"] {
        assert!(has(&full, krate), "{krate} missing from the docs build");
    }
}
