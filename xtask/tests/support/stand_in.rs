//! A local stand-in for Feishu's doc portal: serves recorded answers per `fullPath`, in order
//! (the last one repeats), and counts what it was asked. Plain `std::net`, one thread per
//! connection, `Connection: close`.

use std::collections::HashMap;
use std::io::{BufRead as _, BufReader, Write as _};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex};

/// One recorded answer.
#[derive(Clone, Debug)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: String,
    /// Declare this many more bytes than are sent, then close: a cut-off body.
    pub(crate) missing_bytes: usize,
    /// Hold the answer this long (a request that hangs).
    pub(crate) delay: std::time::Duration,
}

impl Answer {
    /// The portal's success answer for a page.
    pub(crate) fn page(title: &str, update_time: i64, content: &str) -> Answer {
        let body = serde_json::json!({
            "code": 0,
            "msg": "success",
            "data": {"id": "7", "fullPath": "/x", "title": title, "name": title,
                     "updateTime": update_time, "content": content}
        });
        Answer::raw(200, &body.to_string())
    }

    pub(crate) fn raw(status: u16, body: &str) -> Answer {
        Answer {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.into(),
            missing_bytes: 0,
            delay: std::time::Duration::ZERO,
        }
    }

    pub(crate) fn rate_limited() -> Answer {
        let mut answer = Answer::raw(
            429,
            r#"{"code":99991400,"msg":"request trigger frequency limit"}"#,
        );
        answer
            .headers
            .push(("x-ogw-ratelimit-reset".into(), "0".into()));
        answer
    }
}

#[derive(Default)]
struct State {
    answers: HashMap<String, Vec<Answer>>,
    asked: Vec<(String, Option<String>)>,
    in_flight: usize,
    most_in_flight: usize,
    /// Hold every request until this many are in flight at once (then let all through),
    /// or until [`GATE_DEADLINE`] passes: proves concurrency without timing guesses.
    gate: Option<usize>,
}

/// How long a gated request waits for the others at most.
const GATE_DEADLINE: std::time::Duration = std::time::Duration::from_secs(5);

/// The running stand-in.
pub(crate) struct StandIn {
    pub(crate) base_url: String,
    state: Arc<(Mutex<State>, Condvar)>,
}

impl StandIn {
    /// Serves `answers` (`fullPath` → answers in order) on a free local port.
    pub(crate) fn start(answers: Vec<(&str, Vec<Answer>)>) -> StandIn {
        Self::start_gated(answers, None)
    }

    /// Like [`StandIn::start`]; requests wait until `gate` of them are in flight at once.
    pub(crate) fn start_gated(answers: Vec<(&str, Vec<Answer>)>, gate: Option<usize>) -> StandIn {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new((
            Mutex::new(State {
                answers: answers
                    .into_iter()
                    .map(|(path, list)| (path.to_string(), list))
                    .collect(),
                gate,
                ..State::default()
            }),
            Condvar::new(),
        ));
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = Arc::clone(&shared);
                std::thread::spawn(move || serve(stream, &state));
            }
        });
        StandIn { base_url, state }
    }

    /// How many times `full_path` was asked for.
    pub(crate) fn times_asked(&self, full_path: &str) -> usize {
        let state = self.state.0.lock().unwrap();
        state
            .asked
            .iter()
            .filter(|(path, _)| path == full_path)
            .count()
    }

    /// The `Cookie` headers sent.
    pub(crate) fn cookies(&self) -> Vec<Option<String>> {
        let state = self.state.0.lock().unwrap();
        state
            .asked
            .iter()
            .map(|(_, cookie)| cookie.clone())
            .collect()
    }

    /// The most requests that were in flight at once.
    pub(crate) fn most_in_flight(&self) -> usize {
        self.state.0.lock().unwrap().most_in_flight
    }
}

fn serve(stream: TcpStream, shared: &(Mutex<State>, Condvar)) {
    let (state, arrived) = shared;
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut cookie = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("cookie")
        {
            cookie = Some(value.trim().to_string());
        }
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or_default();
    let full_path = target
        .strip_prefix("/document_portal/v1/document/get_detail?fullPath=")
        .map(decode);
    let answer = {
        let mut state = state.lock().unwrap();
        state.in_flight += 1;
        state.most_in_flight = state.most_in_flight.max(state.in_flight);
        arrived.notify_all();
        if let Some(gate) = state.gate {
            let (mut held, _) = arrived
                .wait_timeout_while(state, GATE_DEADLINE, |s| {
                    s.gate.is_some() && s.in_flight < gate
                })
                .unwrap();
            // Once the gate was reached, it stays open.
            if held.in_flight >= gate {
                held.gate = None;
                arrived.notify_all();
            }
            state = held;
        }
        let key = full_path.clone().unwrap_or_default();
        state.asked.push((key.clone(), cookie));
        match (full_path, state.answers.get_mut(&key)) {
            (Some(_), Some(list)) if list.len() > 1 => list.remove(0),
            (Some(_), Some(list)) if !list.is_empty() => list[0].clone(),
            // A page the portal does not have: Feishu's envelope without data.
            (Some(_), _) => Answer::raw(200, r#"{"code":0,"msg":"success","data":{}}"#),
            (None, _) => Answer::raw(404, "<html><body>404 Not Found</body></html>"),
        }
    };
    std::thread::sleep(answer.delay);
    state.lock().unwrap().in_flight -= 1;
    let mut out = stream;
    let mut head = format!(
        "HTTP/1.1 {} Answer\r\nconnection: close\r\ncontent-length: {}\r\n",
        answer.status,
        answer.body.len() + answer.missing_bytes
    );
    for (name, value) in &answer.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = out.write_all(head.as_bytes());
    let _ = out.write_all(answer.body.as_bytes());
    let _ = out.flush();
}

fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%'
            && let Some(byte) = value
                .get(index + 1..index + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            index += 3;
            continue;
        }
        out.push(bytes[index]);
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A page file's header and body (the portal's `content` is the body).
pub(crate) fn split_page(text: &str) -> (&str, &str) {
    let close = if text.starts_with("<!--") {
        "\n-->\n"
    } else {
        "\n---\n"
    };
    let at = text.find(close).unwrap() + close.len();
    text.split_at(at)
}
