//! The fast path allocates in proportion to a body's depth, not its size: a clean list of
//! 1,000 apps costs `Validator::validate` the same allocations as a list of 10 (names with
//! escapes included: `serde_json` unescapes them into one reused buffer).
//!
//! Counted with dhat's heap statistics (its global allocator), in a test binary of its own;
//! one test, since the statistics are global to the process.

use feishu_validate::Validator;
use serde_json::{Value, json};

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// A pending list of `count` copies of the doc example's app, each with its own ids.
fn pending_list(count: usize) -> Vec<u8> {
    let example: Value =
        serde_json::from_slice(include_bytes!("fixtures/list_under_audit_apps.200.json"))
            .expect("fixture is JSON");
    let template = &example["data"]["items"][0];
    let items: Vec<Value> = (0..count)
        .map(|i| {
            let mut app = template.clone();
            app["app_id"] = json!(format!("cli_{i:016x}"));
            app["app_name"] = json!(format!("应用 \\u {i}"));
            app
        })
        .collect();
    let body = json!({"code": 0, "msg": "success", "data": {"items": items, "has_more": false}});
    serde_json::to_vec(&body).expect("serializable")
}

/// Allocation blocks and bytes (all allocated, freed or not) that checking `body` costs.
fn cost(validator: &Validator, operation: &str, body: &[u8]) -> (u64, u64) {
    let before = dhat::HeapStats::get();
    let report = validator.validate(operation, 200, body).expect("checkable");
    let after = dhat::HeapStats::get();
    assert!(report.is_clean(), "{report:?}");
    drop(report);
    (
        after.total_blocks - before.total_blocks,
        after.total_bytes - before.total_bytes,
    )
}

#[test]
fn a_clean_body_costs_allocations_by_depth_not_by_size() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let validator = Validator::workspace();
    let small = pending_list(10);
    let large = pending_list(1_000);
    // Warm up: the validator is built on first use.
    cost(validator, "list_under_audit_apps", &small);

    let (small_blocks, _) = cost(validator, "list_under_audit_apps", &small);
    let (large_blocks, large_bytes) = cost(validator, "list_under_audit_apps", &large);
    assert_eq!(
        small_blocks, large_blocks,
        "allocations grew with the body: {small_blocks} for 10 apps, {large_blocks} for 1,000"
    );
    assert!(
        large_bytes < 4096,
        "checking {} bytes allocated {large_bytes} bytes in all",
        large.len()
    );

    // For contrast, the `Value` path on the same bytes allocates per value.
    let before = dhat::HeapStats::get();
    let tree: Value = serde_json::from_slice(&large).expect("JSON");
    let report = validator
        .validate_value("list_under_audit_apps", 200, &tree)
        .expect("checkable");
    let tree_blocks = dhat::HeapStats::get().total_blocks - before.total_blocks;
    assert!(report.is_clean());
    assert!(
        tree_blocks > 10_000,
        "the Value path allocated only {tree_blocks} blocks"
    );
}
