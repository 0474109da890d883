//! Clients that misbehave: an over-long URI, a request left half-sent at shutdown.

use std::time::Duration;

use crate::support::{Env, LIST, TOKEN};
use feishu_fake::SHUTDOWN_GRACE;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

/// Sends `request` on a fresh connection and reads the answer until the server closes.
async fn raw(fake: &Env, request: &[u8]) -> String {
    let mut stream = tokio::net::TcpStream::connect(fake.fake.addr())
        .await
        .unwrap();
    stream.write_all(request).await.unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).await.unwrap();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The JSON body of a raw answer.
fn body(answer: &str) -> serde_json::Value {
    let (_, body) = answer.split_once("\r\n\r\n").unwrap();
    serde_json::from_str(body).unwrap()
}

#[tokio::test]
async fn an_over_long_uri_gets_the_json_envelope() {
    let fake = Env::default().await;
    // Past hyper's 65534-byte URI limit (reqwest refuses to build such a URL).
    let query = "x".repeat(100 * 1024);
    let request = format!("GET {LIST}?lang=en_us&junk={query} HTTP/1.1\r\nhost: x\r\n\r\n");
    let answer = raw(&fake, request.as_bytes()).await;
    assert!(
        answer.starts_with("HTTP/1.1 414 URI Too Long\r\n"),
        "{answer}"
    );
    assert!(
        answer.contains("content-type: application/json\r\n"),
        "{answer}"
    );
    let json = body(&answer);
    assert_eq!(json["code"], 414, "{json}");
    assert!(
        json["msg"].as_str().unwrap().contains("URI is longer"),
        "{json}"
    );
    let log_id = json["error"]["log_id"].as_str().unwrap();
    assert!(
        answer.contains(&format!("x-tt-logid: {log_id}\r\n")),
        "{answer}"
    );
}

#[tokio::test]
async fn a_malformed_request_line_gets_the_json_envelope() {
    let fake = Env::default().await;
    let answer = raw(&fake, b"GET\x01 / HTTP/1.1\r\n\r\n").await;
    assert!(
        answer.starts_with("HTTP/1.1 400 Bad Request\r\n"),
        "{answer}"
    );
    assert_eq!(body(&answer)["code"], 400, "{answer}");
}

#[tokio::test]
async fn answers_of_the_handlers_are_left_alone() {
    let fake = Env::default().await;
    let answer = fake.get(&format!("{LIST}?page_size=5")).await;
    answer.assert_error(400, 99992402);
}

#[tokio::test(start_paused = true)]
async fn shutdown_ends_within_the_grace_period_while_a_client_holds_a_half_sent_request() {
    let fake = Env::default().await;
    let begun = fake.fake.state().requests_begun_so_far();
    let mut stream = tokio::net::TcpStream::connect(fake.fake.addr())
        .await
        .unwrap();
    // A token request whose body never arrives in full: the handler waits for the rest.
    let head = format!(
        "POST {TOKEN} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(b"{\"app_id\":").await.unwrap();
    // Stop only once the fake is working on the request, or the test proves nothing.
    tokio::time::timeout(
        Duration::from_secs(5),
        fake.fake.state().requests_begun(begun + 1),
    )
    .await
    .expect("the fake picks up the half-sent request");
    let started = tokio::time::Instant::now();
    fake.fake.shutdown().await.unwrap();
    let waited = started.elapsed();
    assert!(
        waited >= SHUTDOWN_GRACE,
        "the request was in flight: {waited:?}"
    );
    assert!(
        waited < SHUTDOWN_GRACE + Duration::from_secs(1),
        "{waited:?}"
    );
    drop(stream);
}
