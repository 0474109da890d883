//! The spec facts hand-written code uses are generated: a spec edit moves them.

use xtask::{SPEC_PATH, generate_in_memory, workspace_root};

/// The generated spec-facts file for `spec` (the workspace's generated files otherwise).
fn spec_facts_for(spec: &str) -> String {
    let scratch = tempfile::tempdir().unwrap();
    let target = scratch.path().join(SPEC_PATH);
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::write(&target, spec).unwrap();
    generate_in_memory(scratch.path())
        .unwrap()
        .into_iter()
        .find(|file| file.path.ends_with("generated_spec_facts.rs"))
        .expect("generate writes the spec facts")
        .contents
}

#[test]
fn raising_the_page_size_maximum_in_the_spec_moves_the_generated_constant() {
    let spec = std::fs::read_to_string(workspace_root().join(SPEC_PATH)).unwrap();
    let today = spec_facts_for(&spec);
    assert!(
        today.contains("pub const MAX_PAGE_SIZE: u32 = 50;"),
        "{today}"
    );

    let limit = "            minimum: 1\n            maximum: 50\n            default: 20\n";
    assert_eq!(
        spec.matches(limit).count(),
        1,
        "the page_size schema moved in the spec"
    );
    let raised = spec.replace(limit, &limit.replace("maximum: 50", "maximum: 100"));
    let facts = spec_facts_for(&raised);
    assert!(
        facts.contains("pub const MAX_PAGE_SIZE: u32 = 100;"),
        "{facts}"
    );
    assert!(
        facts.contains("pub const DEFAULT_PAGE_SIZE: u32 = 20;"),
        "{facts}"
    );
}

#[test]
fn a_default_outside_the_range_is_refused_with_the_parameter_named() {
    let spec = std::fs::read_to_string(workspace_root().join(SPEC_PATH)).unwrap();
    let broken = spec.replace(
        "            maximum: 50\n            default: 20\n",
        "            maximum: 50\n            default: 80\n",
    );
    let scratch = tempfile::tempdir().unwrap();
    let target = scratch.path().join(SPEC_PATH);
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::write(&target, broken).unwrap();
    let error = generate_in_memory(scratch.path()).unwrap_err().to_string();
    assert!(
        error.contains("page_size") && error.contains("80"),
        "{error}"
    );
}

#[test]
fn the_route_table_names_every_operation_of_the_spec() {
    let facts = spec_facts_for(&std::fs::read_to_string(workspace_root().join(SPEC_PATH)).unwrap());
    for id in [
        "get_tenant_access_token",
        "list_under_audit_apps",
        "get_app_version",
        "patch_app_version",
    ] {
        assert!(facts.contains(&format!("\"{id}\"")), "{id}: {facts}");
    }
}
