//! `feishu-review fake` as a real process: first stdout line, a request, then stop.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// Kills the child even when an assertion fails.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn(args: &[&str]) -> (Running, String) {
    spawn_raw(&[&["fake"], args].concat())
}

fn spawn_raw(args: &[&str]) -> (Running, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_feishu-review"))
        .args(args)
        .env_remove("FEISHU_APP_ID")
        .env_remove("FEISHU_APP_SECRET")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("feishu-review starts");
    let stdout = child.stdout.take().unwrap();
    let running = Running(child);
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("a first line");
    (running, line)
}

fn base_url(line: &str) -> &str {
    line.trim_end()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
}

#[tokio::test]
async fn prints_its_loopback_address_first_and_serves_the_api() {
    let (mut fake, line) = spawn(&[
        "--app-id",
        "cli_00000000000000ab",
        "--app-secret",
        "cli-test",
        "--seed",
        "9",
    ]);
    let url = base_url(&line);
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
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
    assert_eq!(fake.0.try_wait().unwrap(), None, "still serving");
}

#[tokio::test]
async fn credentials_given_before_the_subcommand_reach_the_fake() {
    let (_fake, line) = spawn_raw(&[
        "--app-id",
        "cli_00000000000000cd",
        "--app-secret",
        "early",
        "fake",
    ]);
    let url = base_url(&line);
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
#[tokio::test]
async fn stops_cleanly_on_sigterm() {
    let (fake, line) = spawn(&[]);
    base_url(&line);
    let pid = fake.0.id().to_string();
    let status = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(status.success());
    let exit = exit_within(fake, std::time::Duration::from_secs(60))
        .expect("the fake exits after SIGTERM");
    assert!(exit.success(), "{exit:?}");
}

#[test]
fn an_unusable_fixtures_file_is_an_error_exit() {
    let output = Command::new(env!("CARGO_BIN_EXE_feishu-review"))
        .args(["fake", "--fixtures", "/nonexistent/fixtures.json"])
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

#[cfg(unix)]
#[test]
fn stops_on_sigterm_while_a_client_holds_a_half_sent_request() {
    use std::io::Write as _;
    use std::time::Duration;

    let (fake, line) = spawn(&[]);
    let addr = base_url(&line).trim_start_matches("http://").to_owned();
    let mut client = std::net::TcpStream::connect(&addr).unwrap();
    // A whole request and its answer first, so the fake is serving this connection...
    client
        .write_all(b"GET /nowhere HTTP/1.1\r\nhost: x\r\n\r\n")
        .unwrap();
    let mut answer = Vec::new();
    while !answer.ends_with(b"}") {
        let mut chunk = [0u8; 1024];
        let n = std::io::Read::read(&mut client, &mut chunk).unwrap();
        assert!(n > 0, "the fake answers the first request");
        answer.extend_from_slice(&chunk[..n]);
    }
    // ...then a token request whose body never arrives in full.
    client
        .write_all(
            b"POST /open-apis/auth/v3/tenant_access_token/internal HTTP/1.1\r\nhost: x\r\n\
              content-type: application/json\r\ncontent-length: 100\r\n\r\n{\"app_id\":",
        )
        .unwrap();
    let pid = fake.0.id().to_string();
    let status = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(status.success());
    // The fake gives requests in flight a 5 s grace (the in-process test measures it exactly);
    // here it is enough that the process ends, and a fake that waits on the client forever
    // fails this test instead of hanging it.
    let exit = exit_within(fake, Duration::from_secs(60)).expect("the fake exits after SIGTERM");
    assert!(exit.success(), "{exit:?}");
    drop(client);
}

/// Waits for the child to exit, for at most `deadline`; `None` when it is still running (it
/// is then killed).
#[cfg(unix)]
fn exit_within(
    running: Running,
    deadline: std::time::Duration,
) -> Option<std::process::ExitStatus> {
    let pid = running.0.id();
    let (sender, exited) = std::sync::mpsc::channel();
    let waiter = std::thread::spawn(move || {
        let mut running = running;
        let _ = sender.send(running.0.wait());
        running
    });
    match exited.recv_timeout(deadline) {
        Ok(status) => {
            let _ = waiter.join();
            status.ok()
        }
        Err(_) => {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            let _ = waiter.join();
            None
        }
    }
}
