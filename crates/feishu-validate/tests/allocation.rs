//! The fast path allocates in proportion to a body's depth, not its size: a clean list of
//! 1,000 apps costs `Validator::validate` the same allocations as a list of 10.
//!
//! Counted with dhat's heap statistics (its global allocator), in the `heap` test binary
//! (tests/heap.rs), since the statistics are global to the process.

use crate::support::pending_list;
use feishu_validate::Validator;
use serde_json::Value;

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

pub(crate) fn a_clean_body_costs_allocations_by_depth_not_by_size() {
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
