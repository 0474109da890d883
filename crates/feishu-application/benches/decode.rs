//! Client decode of response bodies beside plain serde decoding of the same bytes.
//!
//! For each body, three figures:
//! * `value` — `serde_json::from_slice::<serde_json::Value>`: untyped, the floor for a parse;
//! * `generated` — `serde_json::from_slice` into the generated response type (open enums,
//!   flattened `extra` maps for undocumented members);
//! * `client` — what the client does with an HTTP answer: the generated client's
//!   `ResponseValue::from_response` on a `reqwest::Response` holding the body (headers kept,
//!   body collected, decoded into the generated type), then the envelope's `code` check.
//!   Building the `reqwest::Response` itself is untimed setup;
//! * `client_with_drift_walk` — `client`, then the generated drift walk the client runs after
//!   every decode (`DriftWalk::drift`): its cost is the difference to `client` (target: ≤ 5%);
//! * `drift_walk` — the walk alone, on an answer decoded once (the difference above, measured
//!   without the decode's noise).
//!
//! Bodies: the docs' examples (shared with feishu-validate's bench), one full page of 50
//! pending apps and a 1,000-app list.
//!
//! Run: `cargo bench -p feishu-application --bench decode`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use feishu_application::drift::DriftWalk;
use feishu_application::raw::ResponseValue;
use feishu_application::types::{
    ErrorResponse, GetAppVersionResponse, ListUnderAuditAppsResponse, PatchAppVersionResponse,
};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

const LIST_2025: &[u8] =
    include_bytes!("../../feishu-validate/tests/fixtures/list_under_audit_apps.200.json");
const LIST_2023: &[u8] = include_bytes!(
    "../../feishu-validate/tests/fixtures/list_under_audit_apps.200.older_2023.json"
);
const GET_VERSION: &[u8] =
    include_bytes!("../../feishu-validate/tests/fixtures/get_app_version.200.json");
const PATCH_VERSION: &[u8] =
    include_bytes!("../../feishu-validate/tests/fixtures/patch_app_version.200.json");

/// A pending list of `count` apps, each the doc example's app with its own ids and names
/// (the same construction as feishu-validate's bench).
fn pending_list(count: usize) -> &'static [u8] {
    let example: Value = serde_json::from_slice(LIST_2025).expect("fixture is JSON");
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
    Vec::leak(serde_json::to_vec(&body).expect("serializable"))
}

/// An HTTP answer holding `body`, as reqwest hands it to the generated client.
fn http_answer(body: &'static [u8]) -> reqwest::Response {
    reqwest::Response::from(
        http::Response::builder()
            .status(200)
            .header("content-type", "application/json; charset=utf-8")
            .header("x-tt-logid", "20250710120000000000000000000000")
            .body(body)
            .expect("response"),
    )
}

/// The client's decode: an HTTP answer through `ResponseValue::from_response`, then the
/// envelope check (a non-zero code is an error even on HTTP 200).
fn client_decode<T: DeserializeOwned>(response: reqwest::Response, code: fn(&T) -> i64) -> T {
    let value =
        futures::executor::block_on(ResponseValue::<T>::from_response::<ErrorResponse>(response))
            .expect("decodes");
    let headers = value.headers().clone();
    let answer = value.into_inner();
    assert_eq!(code(&answer), 0);
    black_box(headers);
    answer
}

fn bench_body<T: DeserializeOwned + DriftWalk>(
    c: &mut Criterion,
    name: &str,
    body: &'static [u8],
    code: fn(&T) -> i64,
) {
    let mut group = c.benchmark_group(format!("decode/{name}"));
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("value", |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(body)).expect("JSON"));
    });
    group.bench_function("generated", |b| {
        b.iter(|| serde_json::from_slice::<T>(black_box(body)).expect("decodes"));
    });
    group.bench_function("client", |b| {
        // Building the `reqwest::Response` is the transport's work, not the decode's: setup.
        b.iter_batched(
            || http_answer(body),
            // Dropped inside the timed routine, as in `value` and `generated`.
            |response| drop(black_box(client_decode::<T>(black_box(response), code))),
            BatchSize::SmallInput,
        );
    });
    group.bench_function("client_with_drift_walk", |b| {
        b.iter_batched(
            || http_answer(body),
            |response| {
                let answer = client_decode::<T>(black_box(response), code);
                let drift = answer.drift();
                assert!(
                    drift.is_empty(),
                    "the bench bodies are documented: {drift:?}"
                );
                drop(black_box(answer));
            },
            BatchSize::SmallInput,
        );
    });
    let answer: T = serde_json::from_slice(body).expect("decodes");
    group.bench_function("drift_walk", |b| b.iter(|| black_box(&answer).drift()));
    group.finish();
}

fn doc_examples(c: &mut Criterion) {
    let list = |a: &ListUnderAuditAppsResponse| a.code;
    bench_body(c, "underauditlist_2025", LIST_2025, list);
    bench_body(c, "underauditlist_2023", LIST_2023, list);
    bench_body(
        c,
        "get_app_version",
        GET_VERSION,
        |a: &GetAppVersionResponse| a.code,
    );
    bench_body(
        c,
        "patch_app_version",
        PATCH_VERSION,
        |a: &PatchAppVersionResponse| a.code,
    );
}

fn pending_lists(c: &mut Criterion) {
    let list = |a: &ListUnderAuditAppsResponse| a.code;
    bench_body(c, "pending_page_50", pending_list(50), list);
    bench_body(c, "pending_list_1000", pending_list(1_000), list);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .sample_size(50);
    targets = doc_examples, pending_lists
}
criterion_main!(benches);
