//! Validation throughput beside the cost of parsing the same bytes into `serde_json::Value`.
//!
//! For each body, three figures: `parse` (`serde_json::from_slice` alone), `check` (checking an
//! already parsed body: violations and drift) and `parse+check` (`Validator::validate` on the
//! bytes, what a caller pays). The target is `check` at most 2x `parse`.
//!
//! Run: `cargo bench -p feishu-validate` (add `-- --measurement-time 3` to shorten).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use feishu_validate::Validator;
use serde_json::{Value, json};

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

/// A pending list of `count` apps, each the doc example's app with its own ids and names.
fn pending_list(count: usize) -> Vec<u8> {
    let example: Value = serde_json::from_slice(EXAMPLES[0].2).expect("fixture is JSON");
    let template = &example["data"]["items"][0];
    let items: Vec<Value> = (0..count)
        .map(|i| {
            let mut app = template.clone();
            app["app_id"] = json!(format!("cli_{i:016x}"));
            app["app_name"] = json!(format!("应用 {i}"));
            app["unaudit_version_id"] = json!(format!("oav_{i:032x}"));
            app["status"] = json!(i % 4);
            app["scene_type"] = json!(i % 3);
            app
        })
        .collect();
    let body = json!({
        "code": 0,
        "msg": "success",
        "data": {"items": items, "has_more": true, "page_token": "new-xxxxxxxxxxx"}
    });
    serde_json::to_vec(&body).expect("serializable")
}

fn bench_body(c: &mut Criterion, name: &str, operation: &str, bytes: &[u8]) {
    let validator = Validator::workspace();
    let parsed: Value = serde_json::from_slice(bytes).expect("JSON");
    let report = validator
        .validate_value(operation, 200, &parsed)
        .expect("checkable");
    assert!(report.is_clean(), "{name} must be clean: {report:?}");

    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("parse", |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(bytes)).expect("JSON"));
    });
    group.bench_function("check", |b| {
        b.iter(|| {
            validator
                .validate_value(operation, 200, black_box(&parsed))
                .expect("checkable")
        });
    });
    group.bench_function("parse+check", |b| {
        b.iter(|| {
            validator
                .validate(operation, 200, black_box(bytes))
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
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50);
    targets = doc_examples, thousand_pending_apps
}
criterion_main!(benches);
