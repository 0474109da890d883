//! One full pagination of a large pending list from the in-process fake: our client
//! (`list_under_audit_apps(..).page_size(50).items()`) beside the same requests made with
//! bare reqwest + `serde_json::from_slice` into the same generated types.
//!
//! Each iteration is one user's whole listing: a token request, then every page of 50 apps.
//! Both share one `reqwest::Client` (connection pool), so the difference is our client layer
//! (token cache, progenitor call, envelope check, retry bookkeeping, tracing span). Target:
//! our client ≤ 1.15x bare reqwest.
//!
//! Run: `cargo bench -p feishu-workspace-tests --bench pagination`.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use feishu_fake::Config;

/// Apps pending review in the bench tenant (200 pages of 50).
const PENDING: usize = 10_000;

fn full_pagination(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let fake = runtime
        .block_on(feishu_fake::start(Config {
            fixtures: Some(common::tenant_with_pending(PENDING)),
            ..Config::default()
        }))
        .expect("fake starts");
    let base_url = fake.base_url();
    let (app_id, app_secret) = (feishu_fake::DEFAULT_APP_ID, feishu_fake::DEFAULT_APP_SECRET);
    let http = reqwest::Client::new();

    // Both ways see the whole list.
    let ours = runtime.block_on(common::list_with_client(&common::client(
        &base_url,
        app_id,
        app_secret,
        Some(http.clone()),
    )));
    let bare = runtime.block_on(common::list_with_bare_reqwest(
        &http, &base_url, app_id, app_secret,
    ));
    assert_eq!(ours.len(), PENDING);
    assert_eq!(ours, bare);

    let mut group = c.benchmark_group(format!("pagination_{PENDING}"));
    group.throughput(Throughput::Elements(PENDING as u64));
    group.bench_function("feishu_application", |b| {
        b.iter(|| {
            runtime.block_on(async {
                // A new client per listing, so the token request is paid as in `bare_reqwest`.
                let client = common::client(&base_url, app_id, app_secret, Some(http.clone()));
                black_box(common::list_with_client(&client).await)
            })
        });
    });
    group.bench_function("bare_reqwest", |b| {
        b.iter(|| {
            runtime.block_on(async {
                black_box(
                    common::list_with_bare_reqwest(&http, &base_url, app_id, app_secret).await,
                )
            })
        });
    });
    group.finish();
    drop(fake);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(10);
    targets = full_pagination
}
criterion_main!(benches);
