//! A body with a finding is reported from a tree without its clean array items: the report
//! on a list of 1,000 apps with one bad app holds less than the body's size again (0.47x
//! when written: the `null` stand-ins' own findings, dropped, and their pointers), where the
//! list's `Value` tree holds 5.4x.
//!
//! Measured with dhat's heap statistics (its global allocator) as the peak of live bytes
//! while checking, in the `heap` test binary (tests/heap.rs): the statistics are global to the process,
//! so the body is written as text into a buffer allocated once, and no larger peak comes
//! before the one measured.

use crate::support::fixture;
use feishu_validate::Validator;
use serde_json::{Value, json};

const APPS: usize = 1_000;

/// A list of `APPS` apps as JSON text, built without a tree of the whole list; the app at
/// `bad` has a string status (a violation).
fn list_with_one_bad_app(bad: usize) -> Vec<u8> {
    let example = fixture("list_under_audit_apps.200.json");
    let app = &example["data"]["items"][0];
    let id = app["app_id"].as_str().expect("a string id");
    let good = serde_json::to_string(app).expect("serializable");
    let mut broken = app.clone();
    broken["status"] = json!("one");
    let broken = serde_json::to_string(&broken).expect("serializable");
    let mut body = Vec::with_capacity(APPS * (broken.len() + 1) + 100);
    body.extend_from_slice(br#"{"code":0,"msg":"success","data":{"has_more":false,"items":["#);
    for i in 0..APPS {
        if i > 0 {
            body.push(b',');
        }
        let text = if i == bad { &broken } else { &good };
        body.extend_from_slice(text.replace(id, &format!("cli_{i:016x}")).as_bytes());
    }
    body.extend_from_slice(b"]}}");
    body
}

/// How far the live heap rose above its current size while `check` ran.
fn peak_rise(check: impl FnOnce()) -> u64 {
    let before = dhat::HeapStats::get();
    check();
    let after = dhat::HeapStats::get();
    (after.max_bytes as u64).saturating_sub(before.curr_bytes as u64)
}

pub(crate) fn a_list_with_one_bad_app_is_reported_without_the_whole_tree() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let validator = Validator::workspace();
    let body = list_with_one_bad_app(APPS / 2);
    let size = body.len() as u64;

    let sparse = peak_rise(|| {
        let report = validator
            .validate("list_under_audit_apps", 200, &body)
            .expect("checkable");
        assert_eq!(report.violations.len(), 1, "{report:?}");
        assert_eq!(report.violations[0].pointer, "/data/items/500/status");
    });
    let whole = peak_rise(|| {
        let tree: Value = serde_json::from_slice(&body).expect("JSON");
        let report = validator
            .validate_value("list_under_audit_apps", 200, &tree)
            .expect("checkable");
        assert_eq!(report.violations.len(), 1, "{report:?}");
    });
    eprintln!("body {size} B, sparse report +{sparse} B, whole tree +{whole} B");
    assert!(
        sparse < size,
        "the report on {size} bytes held {sparse} bytes more at its peak"
    );
    assert!(
        whole > 3 * size,
        "the Value tree of {size} bytes held only {whole} bytes"
    );
}
