//! Validation throughput beside the cost of reading the same bytes.
//!
//! For each body, four figures: `read` (`serde_json::from_slice::<IgnoredAny>`: the bytes
//! parsed and thrown away, the floor of any check), `parse` (`from_slice::<Value>`: a JSON
//! tree built), `validate` (`Validator::validate` on the bytes: the fast path, what a caller
//! pays) and `value_path` (`from_slice::<Value>` + `validate_value`: the check on a tree, the
//! path a body with findings takes for its report). Targets: `validate` at most 1.0x `parse`.
//!
//! Run: `cargo bench -p feishu-validate` (add `-- --measurement-time 1` to shorten).

use std::hint::black_box;
use std::time::Duration;

#[path = "../tests/support/mod.rs"]
mod support;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use feishu_validate::Validator;
use serde::de::IgnoredAny;
use serde_json::Value;
use support::pending_list;

/// The doc examples: (name, operation, bytes).
const EXAMPLES: &[(&str, &str, &[u8])] = &[
    (
        "underauditlist_2025",
        "list_under_audit_apps",
        include_bytes!("../tests/fixtures/list_under_audit_apps.200.json"),
    ),
    (
        "underauditlist_2023",
        "list_under_audit_apps",
        include_bytes!("../tests/fixtures/list_under_audit_apps.200.older_2023.json"),
    ),
    (
        "get_app_version",
        "get_app_version",
        include_bytes!("../tests/fixtures/get_app_version.200.json"),
    ),
    (
        "patch_app_version",
        "patch_app_version",
        include_bytes!("../tests/fixtures/patch_app_version.200.json"),
    ),
];

fn bench_body(c: &mut Criterion, name: &str, operation: &str, bytes: &[u8]) {
    let validator = Validator::workspace();
    let report = validator
        .validate(operation, 200, bytes)
        .expect("checkable");
    assert!(report.is_clean(), "{name} must be clean: {report:?}");

    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("read", |b| {
        b.iter(|| serde_json::from_slice::<IgnoredAny>(black_box(bytes)).expect("JSON"));
    });
    group.bench_function("parse", |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(bytes)).expect("JSON"));
    });
    group.bench_function("validate", |b| {
        b.iter(|| {
            validator
                .validate(operation, 200, black_box(bytes))
                .expect("checkable")
        });
    });
    group.bench_function("value_path", |b| {
        b.iter(|| {
            let value: Value = serde_json::from_slice(black_box(bytes)).expect("JSON");
            validator
                .validate_value(operation, 200, &value)
                .expect("checkable")
        });
    });
    group.finish();
}

fn doc_examples(c: &mut Criterion) {
    for (name, operation, bytes) in EXAMPLES {
        bench_body(c, name, operation, bytes);
    }
}

fn thousand_pending_apps(c: &mut Criterion) {
    let bytes = pending_list(1_000);
    bench_body(c, "pending_list_1000", "list_under_audit_apps", &bytes);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30);
    targets = doc_examples, thousand_pending_apps
}
criterion_main!(benches);
