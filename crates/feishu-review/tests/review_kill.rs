//! The write-ahead journal under SIGKILL: `review --apply --concurrency 8` is killed at
//! random moments while PATCHes are in flight, then a last run finishes. Between the CLI and
//! the fake sits a relay that counts every PATCH and, when one arrives, checks that the
//! version's latest journal line is already its intent (`"outcome":"sent"`): the line was on
//! disk before the request was sent.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::{Tenant, finish, journal_lines, stderr, verify, wait_until};
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use feishu_fake::{Config, Faults};
use serde_json::Value;

const KILLS: usize = 6;

/// What the relay saw.
#[derive(Default)]
struct Seen {
    /// PATCHes per version.
    patches: Mutex<HashMap<String, usize>>,
    /// PATCHes arrived and not yet answered.
    in_flight: AtomicUsize,
    /// PATCHes that arrived before their intent was in the journal.
    early: Mutex<Vec<String>>,
}

#[derive(Clone)]
struct Relay {
    upstream: String,
    journal: std::path::PathBuf,
    http: reqwest::Client,
    seen: Arc<Seen>,
}

/// The version a PATCH is about, from `/open-apis/application/v6/applications/{app}/app_versions/{version}`.
fn patched_version(request: &Request) -> Option<String> {
    let path = request.uri().path();
    let (_, version) = path.rsplit_once("/app_versions/")?;
    Some(version.to_owned())
}

/// Whether the latest whole line the journal has about `version` is its intent.
fn intent_is_on_disk(journal: &std::path::Path, version: &str) -> bool {
    journal_lines(journal)
        .iter()
        .rev()
        .find(|line| line["version_id"] == version)
        .is_some_and(|line| line["outcome"] == "sent")
}

/// Relays one request. The work runs in a task of its own: a request that arrived reaches the
/// fake even when the CLI is killed and drops the connection, as it would reach Feishu.
async fn relay(State(relay): State<Relay>, request: Request) -> Response {
    tokio::spawn(relay_whole(relay, request))
        .await
        .unwrap_or_else(|_| {
            Response::builder()
                .status(StatusCode::INTERNAL_SERVER_ERROR)
                .body(Body::empty())
                .unwrap()
        })
}

async fn relay_whole(relay: Relay, request: Request) -> Response {
    let patched = match request.method() == Method::PATCH {
        true => patched_version(&request),
        false => None,
    };
    if let Some(version) = &patched {
        relay.seen.in_flight.fetch_add(1, Ordering::SeqCst);
        *relay
            .seen
            .patches
            .lock()
            .unwrap()
            .entry(version.clone())
            .or_default() += 1;
        if !intent_is_on_disk(&relay.journal, version) {
            relay.seen.early.lock().unwrap().push(version.clone());
        }
    }
    let response = forward(&relay, request).await;
    if patched.is_some() {
        relay.seen.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
    response
}

async fn forward(relay: &Relay, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let body = to_bytes(body, 1 << 24).await.unwrap();
    let mut headers = parts.headers.clone();
    headers.remove(axum::http::header::HOST);
    let answer = relay
        .http
        .request(parts.method, format!("{}{path}", relay.upstream))
        .headers(headers)
        .body(body)
        .send()
        .await;
    let Ok(answer) = answer else {
        return Response::builder()
            .status(StatusCode::BAD_GATEWAY)
            .body(Body::empty())
            .unwrap();
    };
    let mut response = Response::builder().status(answer.status());
    for (name, value) in answer.headers() {
        if name != axum::http::header::CONTENT_LENGTH
            && name != axum::http::header::TRANSFER_ENCODING
        {
            response = response.header(name, value);
        }
    }
    response
        .body(Body::from(answer.bytes().await.unwrap_or_default()))
        .unwrap()
}

/// A small generator of kill moments; its seed is printed so a failure can be replayed.
struct Moments(u64);

/// The variable that replays a run: `REVIEW_KILL_SEED=N cargo test --test review_kill`.
const SEED_VAR: &str = "REVIEW_KILL_SEED";

/// The seed of the kill moments: `REVIEW_KILL_SEED` when set (to replay a failure), else
/// the clock's nanoseconds; never 0, which xorshift would keep.
fn seed() -> u64 {
    let seed = match std::env::var(SEED_VAR) {
        Ok(text) => text
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{SEED_VAR}={text:?} is not a number")),
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64,
    };
    seed | 1
}

impl Moments {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below as u64) as usize
    }
}

/// Serves the relay in front of `tenant`'s fake; returns its base URL.
fn start_relay(tenant: &Tenant, seen: &Arc<Seen>) -> String {
    let state = Relay {
        upstream: tenant.fake.base_url(),
        journal: tenant.journal(),
        http: reqwest::Client::new(),
        seen: Arc::clone(seen),
    };
    let listener = tenant
        .runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let app = axum::Router::new().fallback(relay).with_state(state);
    tenant
        .runtime
        .spawn(async move { axum::serve(listener, app).await });
    url
}

#[test]
fn sigkills_mid_apply_lose_no_decision_and_patch_no_version_twice() {
    let tenant = Tenant::start(Config {
        fixtures: Some(feishu_fake::seed::with_pending(400)),
        faults: Faults {
            latency: Duration::from_millis(25),
            ..Faults::default()
        },
        ..Config::default()
    });
    let seen = Arc::new(Seen::default());
    let relay_url = start_relay(&tenant, &seen);
    let seed = seed();
    // Printed with the test's output when it fails; every assertion names it too.
    eprintln!("kill moments seed: {seed} (replay: {SEED_VAR}={seed})");
    let replay = format!("replay with {SEED_VAR}={seed}");
    let mut moments = Moments(seed);
    let patched = || seen.patches.lock().unwrap().values().sum::<usize>();
    let args = ["review", "--apply", "--concurrency", "8"];
    let mut in_flight_at_kills = Vec::new();
    for kill in 0..KILLS {
        let before = patched();
        let wanted = before + 1 + moments.next(12);
        let mut running = tenant.spawn_at(&relay_url, &args);
        wait_until("PATCHes in flight", || {
            if let Some(status) = running.try_wait() {
                panic!("run {kill} ended ({status}) before its kill; {replay}");
            }
            patched() >= wanted && seen.in_flight.load(Ordering::SeqCst) > 0
        });
        let in_flight = seen.in_flight.load(Ordering::SeqCst);
        running.kill();
        in_flight_at_kills.push(in_flight);
    }

    let last = finish(tenant.spawn_at(&relay_url, &["--json", "review", "--apply"]));
    assert!(last.status.success(), "{}; {replay}", stderr(&last));

    let early = seen.early.lock().unwrap().clone();
    assert!(
        early.is_empty(),
        "PATCHed before the intent was on disk: {early:?}; {replay}"
    );
    let patches = seen.patches.lock().unwrap().clone();
    let twice: Vec<_> = patches.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "PATCHed twice: {twice:?}; {replay}");
    assert_eq!(
        tenant.patch_counts(),
        patches,
        "the fake saw what the relay saw; {replay}"
    );

    let lines = journal_lines(&tenant.journal());
    let answered: HashMap<&str, &Value> = lines
        .iter()
        .filter(|line| line["outcome"] != "sent")
        .map(|line| (line["version_id"].as_str().unwrap(), line))
        .collect();
    for version in patches.keys() {
        let line = answered
            .get(version.as_str())
            .unwrap_or_else(|| panic!("{version} was PATCHed and has no outcome line; {replay}"));
        assert_eq!(line["outcome"], "ok", "{line}; {replay}");
    }
    let reconciled = lines.iter().filter(|l| l["reconciled"] == true).count();
    // Each kill came with a PATCH in flight (the relay had it, the CLI not its answer), and
    // the relay still delivered it: the next run found it decided and journaled it as
    // reconciled, instead of sending it again.
    assert!(
        reconciled > 0,
        "{KILLS} kills with {in_flight_at_kills:?} PATCHes in flight, none reconciled; {replay}"
    );
    let output = verify(&tenant.journal());
    assert!(output.status.success(), "{}; {replay}", stderr(&output));
    assert!(
        tenant.fake.state().tenant().pending_count() < 400,
        "the runs decided something"
    );
    eprintln!(
        "{KILLS} kills with {in_flight_at_kills:?} PATCHes in flight; {} versions PATCHed, \
         each once; {} journal lines, {reconciled} reconciled",
        patches.len(),
        lines.len()
    );
}
