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

/// The value of `pub const NAME: u32 = VALUE;` in generated spec facts.
fn constant(facts: &str, name: &str) -> u32 {
    let start = format!("pub const {name}: u32 = ");
    let line = facts
        .lines()
        .find_map(|l| l.strip_prefix(start.as_str()))
        .unwrap();
    line.trim_end_matches(';').parse().unwrap()
}

/// The page_size schema's lines (minimum, maximum, default) as the spec writes them today.
fn limit_lines(facts: &str) -> String {
    format!(
        "            minimum: {}\n            maximum: {}\n            default: {}\n",
        constant(facts, "MIN_PAGE_SIZE"),
        constant(facts, "MAX_PAGE_SIZE"),
        constant(facts, "DEFAULT_PAGE_SIZE")
    )
}

#[test]
fn raising_the_page_size_maximum_in_the_spec_moves_the_generated_constant() {
    let spec = std::fs::read_to_string(workspace_root().join(SPEC_PATH)).unwrap();
    let today = spec_facts_for(&spec);
    let max = constant(&today, "MAX_PAGE_SIZE");
    let limit = limit_lines(&today);
    assert_eq!(
        spec.matches(&limit).count(),
        1,
        "the page_size schema moved in the spec"
    );
    let raised = spec.replace(
        &limit,
        &limit.replace(&format!("maximum: {max}"), &format!("maximum: {}", max * 2)),
    );
    let facts = spec_facts_for(&raised);
    assert_eq!(constant(&facts, "MAX_PAGE_SIZE"), max * 2, "{facts}");
    assert_eq!(
        constant(&facts, "DEFAULT_PAGE_SIZE"),
        constant(&today, "DEFAULT_PAGE_SIZE")
    );
}

#[test]
fn a_default_outside_the_range_is_refused_with_the_parameter_named() {
    let spec = std::fs::read_to_string(workspace_root().join(SPEC_PATH)).unwrap();
    let today = spec_facts_for(&spec);
    let limit = limit_lines(&today);
    let outside = constant(&today, "MAX_PAGE_SIZE") + 1;
    let default = format!("default: {}", constant(&today, "DEFAULT_PAGE_SIZE"));
    let broken = spec.replace(
        &limit,
        &limit.replace(&default, &format!("default: {outside}")),
    );
    let scratch = tempfile::tempdir().unwrap();
    let target = scratch.path().join(SPEC_PATH);
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::write(&target, broken).unwrap();
    let error = generate_in_memory(scratch.path()).unwrap_err().to_string();
    assert!(
        error.contains("page_size") && error.contains(&outside.to_string()),
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
