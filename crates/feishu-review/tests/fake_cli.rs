//! `feishu-review fake` as a real process: first stdout line, a request, then stop.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;

use crate::support::{Running, cli, finish, wait_until};

/// `feishu-review fake ARGS` started, and its base URL (its first stdout line).
fn spawn(args: &[&str]) -> (Running, String) {
    spawn_raw(&[&["fake"], args].concat())
}

/// `feishu-review ARGS` started, and the base URL of the fake it serves.
fn spawn_raw(args: &[&str]) -> (Running, String) {
    let mut running = Running::cli(args);
    let url = running.listening_url();
    (running, url)
}

#[tokio::test]
async fn prints_its_loopback_address_first_and_serves_the_api() {
    let (mut fake, url) = spawn(&[
        "--app-id",
        "cli_00000000000000ab",
        "--app-secret",
        "cli-test",
        "--seed",
        "9",
    ]);
    let http = reqwest::Client::new();
    let answer: serde_json::Value = http
        .post(format!(
            "{url}/open-apis/auth/v3/tenant_access_token/internal"
        ))
        .json(&serde_json::json!({"app_id": "cli_00000000000000ab", "app_secret": "cli-test"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(answer["code"], 0, "{answer}");
    let token = answer["tenant_access_token"].as_str().unwrap();
    let list: serde_json::Value = http
        .get(format!(
            "{url}/open-apis/application/v6/applications/underauditlist?lang=en_us"
        ))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["code"], 0);
    assert_eq!(list["data"]["items"].as_array().unwrap().len(), 20);
    assert_eq!(fake.try_wait(), None, "still serving");
}

#[tokio::test]
async fn credentials_given_before_the_subcommand_reach_the_fake() {
    let (_fake, url) = spawn_raw(&[
        "--app-id",
        "cli_00000000000000cd",
        "--app-secret",
        "early",
        "fake",
    ]);
    let answer: serde_json::Value = reqwest::Client::new()
        .post(format!(
            "{url}/open-apis/auth/v3/tenant_access_token/internal"
        ))
        .json(&serde_json::json!({"app_id": "cli_00000000000000cd", "app_secret": "early"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(answer["code"], 0, "{answer}");
}

#[cfg(unix)]
#[test]
fn stops_cleanly_on_sigterm() {
    let (fake, _url) = spawn(&[]);
    fake.signal("TERM");
    let exit = finish(fake);
    assert!(exit.status.success(), "{exit:?}");
}

#[test]
fn an_unusable_fixtures_file_is_an_error_exit() {
    let output = cli(&["fake", "--fixtures", "/nonexistent/fixtures.json"])
        .output()
        .unwrap();
    let code = output.status.code();
    assert!(
        code.is_some_and(|c| c != 0 && c != 101),
        "{code:?}: an error exit, not a panic"
    );
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("/nonexistent/fixtures.json"));
}

/// A token request in flight on a new connection to `addr`: its head is sent with
/// `expect: 100-continue`, and the fake's `100 Continue` shows the fake has begun it and waits
/// for its body, of which only the first bytes are sent. Returns the connection and the rest of
/// the body.
fn request_in_flight(addr: &str) -> (TcpStream, &'static [u8]) {
    let body: &'static [u8] = br#"{"app_id":"cli_00000000000000ab","app_secret":"not-the-secret"}"#;
    let mut client = TcpStream::connect(addr).unwrap();
    client
        .set_read_timeout(Some(crate::support::DEADLINE))
        .unwrap();
    let head = format!(
        "POST /open-apis/auth/v3/tenant_access_token/internal HTTP/1.1\r\nhost: x\r\n\
         content-type: application/json\r\ncontent-length: {}\r\n\
         expect: 100-continue\r\n\r\n",
        body.len()
    );
    client.write_all(head.as_bytes()).unwrap();
    let mut interim = Vec::new();
    while !interim.ends_with(b"\r\n\r\n") {
        let mut byte = [0u8; 1];
        let n = client.read(&mut byte).unwrap();
        assert!(n > 0, "the fake closed the connection: {interim:?}");
        interim.push(byte[0]);
    }
    assert!(
        interim.starts_with(b"HTTP/1.1 100 Continue"),
        "{:?}",
        String::from_utf8_lossy(&interim)
    );
    let (first, rest) = body.split_at(10);
    client.write_all(first).unwrap();
    (client, rest)
}

/// SIGTERM while a request is in flight: the fake stops taking connections but finishes the
/// request it holds, answers it, and only then exits.
#[cfg(unix)]
#[test]
fn sigterm_lets_the_request_in_flight_finish_before_the_fake_exits() {
    let (mut fake, url) = spawn(&[]);
    let addr = url.trim_start_matches("http://").to_owned();
    let (mut client, rest) = request_in_flight(&addr);
    fake.signal("TERM");
    wait_until("the fake refuses new connections after SIGTERM", || {
        TcpStream::connect(&addr).is_err()
    });
    assert_eq!(
        fake.try_wait(),
        None,
        "the fake waits for the request in flight: {}",
        fake.stderr_so_far()
    );
    client.write_all(rest).unwrap();
    let mut answer = String::new();
    client.read_to_string(&mut answer).unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 ") && answer.contains(r#""code":"#),
        "the request in flight is answered after the signal: {answer:?}"
    );
    let exit = finish(fake);
    assert!(exit.status.success(), "{exit:?}");
    let stderr = String::from_utf8_lossy(&exit.stderr);
    assert!(
        !stderr.contains("still in flight"),
        "finished, not cut off by the grace period: {stderr}"
    );
}

/// A client that never finishes its request can't keep the fake alive: SIGTERM ends the
/// process after the grace period, with a warning that says the request was still in flight.
#[cfg(unix)]
#[test]
fn sigterm_ends_the_fake_after_the_grace_when_a_request_never_finishes() {
    let (fake, url) = spawn(&[]);
    let addr = url.trim_start_matches("http://").to_owned();
    let (client, _rest) = request_in_flight(&addr);
    fake.signal("TERM");
    let exit = finish(fake);
    assert!(exit.status.success(), "{exit:?}");
    let stderr = String::from_utf8_lossy(&exit.stderr);
    assert!(
        stderr.contains("requests still in flight; stopping anyway"),
        "{stderr}"
    );
    drop(client);
}
