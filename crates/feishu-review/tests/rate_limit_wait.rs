//! A rate limit that never ends (issue 29): every command says once on stderr that it waits,
//! when a call has waited (or is about to have waited) more than 5 s for Feishu's window to
//! reset; `--max-wait SECONDS` bounds the whole wait, and running out of it is exit 1 naming
//! the rate limit (99991400). Feishu is a stub here that answers every call 429 / 99991400
//! with `x-ogw-ratelimit-reset`; `--token` spares the token call.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::{CLI_ENV, Running, finish, stderr, wait_until};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

const APP: &str = "cli_a1b2c3d4e5f60718";
const VERSION: &str = "oav_0123456789abcdef0123456789abcdef";

/// What the CLI says about the wait, with the default budget.
const WAITING: &str =
    "feishu-review: Feishu is rate-limiting this app (99991400); waiting up to 60 s";

/// A Feishu that rate-limits every call, the window resetting in `reset_secs`; its base URL,
/// served as long as the runtime lives.
fn always_limited(runtime: &tokio::runtime::Runtime, reset_secs: u64) -> String {
    let app = axum::Router::new().fallback(move || async move {
        let mut answer: Response = (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"code":99991400,"msg":"request trigger frequency limit"}"#,
        )
            .into_response();
        answer.headers_mut().insert(
            feishu_application::headers::RATE_LIMIT_RESET,
            HeaderValue::from(reset_secs),
        );
        answer
    });
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    runtime.spawn(async move { axum::serve(listener, app).await });
    url
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap()
}

/// `feishu-review --base-url URL --token t-test ARGS`, none of the machine's `FEISHU_*`.
fn cli(url: &str, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_feishu-review"));
    for var in CLI_ENV {
        command.env_remove(var);
    }
    command
        .args(["--base-url", url, "--token", "t-test"])
        .args(args);
    command
}

#[test]
fn show_and_pending_say_once_that_they_wait_out_the_rate_limit() {
    let runtime = runtime();
    // A reset further away than the 5 s a call waits silently: said at the first wait.
    let url = always_limited(&runtime, 6);
    for args in [&["show", APP, VERSION][..], &["pending"]] {
        let mut running = Running::spawn(cli(&url, args));
        wait_until(&format!("{args:?} says it waits"), || {
            assert!(!running.ended(), "{}", running.stderr_so_far());
            running.stderr_so_far().contains(WAITING)
        });
        running.kill();
        let said = running.stderr_so_far();
        assert_eq!(said.matches("rate-limiting").count(), 1, "{said}");
        assert!(!said.contains("error:"), "{said}");
    }
}

#[test]
fn a_short_wait_is_silent_and_max_wait_2_fails_within_it_naming_the_rate_limit() {
    let runtime = runtime();
    let url = always_limited(&runtime, 1);
    let started = Instant::now();
    let output = finish(Running::spawn(cli(
        &url,
        &["--max-wait", "2", "show", APP, VERSION],
    )));
    let took = started.elapsed();
    eprintln!("--max-wait 2: {} after {took:?}", output.status);
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert_eq!(said.lines().count(), 1, "one line: {said}");
    assert!(
        said.starts_with("error: ") && said.contains("99991400"),
        "{said}"
    );
    assert!(
        !said.contains("rate-limiting"),
        "waits of 1 s are silent: {said}"
    );
    // It waited out at least one window, and gave up well before the default 60 s.
    assert!(took >= Duration::from_secs(1), "{took:?}");
    assert!(took < Duration::from_secs(10), "{took:?}");
}

#[test]
fn max_wait_must_be_a_positive_number_of_seconds() {
    for bad in ["0", "-1", "soon"] {
        let flag = format!("--max-wait={bad}");
        let output = cli("http://127.0.0.1:9", &[&flag, "pending"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&output).contains("--max-wait"),
            "{}",
            stderr(&output)
        );
    }
}
