//! Every package declares its integration tests (`autotests = false`, one `[[test]]` binary a
//! package), so a file dropped into a `tests/` folder is compiled only once a test root names
//! it with `mod`. Two branches merged this session each added test files that silently never
//! ran; this test names any such file.

use std::path::{Path, PathBuf};

/// The packages whose `tests/` folder holds integration tests.
fn packages() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut packages: Vec<PathBuf> = std::fs::read_dir(root.join("crates"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    packages.push(root.join("xtask"));
    packages.sort();
    packages
}

/// The `path = "…"` of each `[[test]]` in a manifest.
fn test_roots(manifest: &str) -> Vec<String> {
    let mut roots = Vec::new();
    let mut in_test = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_test = line == "[[test]]";
        } else if in_test && let Some(path) = line.strip_prefix("path = ") {
            roots.push(path.trim_matches('"').to_string());
        }
    }
    roots
}

#[test]
fn every_file_in_a_tests_folder_is_a_module_of_a_test_binary() {
    let mut unnamed = Vec::new();
    let mut checked = 0;
    for package in packages() {
        let Ok(entries) = std::fs::read_dir(package.join("tests")) else {
            continue;
        };
        let manifest = std::fs::read_to_string(package.join("Cargo.toml")).unwrap();
        let roots = test_roots(&manifest);
        let declared: String = roots
            .iter()
            .filter_map(|root| std::fs::read_to_string(package.join(root)).ok())
            .collect();
        for entry in entries {
            let path = entry.unwrap().path();
            let Some(name) = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".rs"))
            else {
                continue;
            };
            let relative = format!("tests/{name}.rs");
            if roots.contains(&relative) {
                continue;
            }
            checked += 1;
            let named = declared.lines().any(|line| {
                line.trim().trim_start_matches("pub(crate) ") == format!("mod {name};")
            });
            if !named {
                unnamed.push(path.display().to_string());
            }
        }
    }
    assert!(checked > 40, "the walk found the test files ({checked})");
    assert!(
        unnamed.is_empty(),
        "not a module of any [[test]] root, so never compiled: {unnamed:?}"
    );
}
