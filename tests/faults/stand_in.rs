//! A stand-in Feishu on loopback that misbehaves on purpose, at the TCP level where wiremock
//! can't: silence, trickles, resets, closes, bodies cut short.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// What the stand-in does with one request.
#[derive(Clone, Debug)]
pub(crate) enum Reply {
    /// A whole answer with this status, extra headers and body.
    Answer(u16, Vec<(&'static str, String)>, String),
    /// Reads the request and never answers.
    Silence,
    /// The head, then the body one byte at a time, `Duration` apart.
    Trickle(String, Duration),
    /// Resets the connection (RST) instead of answering.
    Reset,
    /// Closes the connection without a byte.
    Close,
    /// A head announcing the whole body, then only its first `usize` bytes, then close.
    CutShort(String, usize),
}

impl Reply {
    /// HTTP 200 with a JSON body.
    pub(crate) fn json(body: serde_json::Value) -> Self {
        Reply::Answer(200, Vec::new(), body.to_string())
    }
}

/// One request as the stand-in read it.
#[derive(Clone, Debug)]
pub(crate) struct Request {
    /// Path and query.
    pub(crate) target: String,
    /// How many requests came before this one on the same path (query left out).
    pub(crate) nth: usize,
}

type Script = Arc<dyn Fn(&Request) -> Reply + Send + Sync>;

/// A running stand-in; dropping it stops accepting.
pub(crate) struct StandIn {
    pub(crate) base_url: String,
    counts: Arc<Counts>,
    task: JoinHandle<()>,
}

#[derive(Default)]
struct Counts {
    token: AtomicUsize,
    other: AtomicUsize,
}

const TOKEN_PATH: &str = "/open-apis/auth/v3/tenant_access_token/internal";

impl StandIn {
    /// Serves `script` on a fresh loopback port.
    pub(crate) async fn start(script: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let counts = Arc::new(Counts::default());
        let script: Script = Arc::new(script);
        let task = tokio::spawn(accept(listener, script, counts.clone()));
        Self {
            base_url,
            counts,
            task,
        }
    }

    /// Requests to the token endpoint.
    pub(crate) fn token_requests(&self) -> usize {
        self.counts.token.load(Ordering::SeqCst)
    }

    /// Requests to any other endpoint.
    pub(crate) fn requests(&self) -> usize {
        self.counts.other.load(Ordering::SeqCst)
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn accept(listener: TcpListener, script: Script, counts: Arc<Counts>) {
    while let Ok((stream, _)) = listener.accept().await {
        tokio::spawn(serve(stream, script.clone(), counts.clone()));
    }
}

async fn serve(mut stream: TcpStream, script: Script, counts: Arc<Counts>) {
    let Some(target) = read_request(&mut stream).await else {
        return;
    };
    let counter = if target.split('?').next() == Some(TOKEN_PATH) {
        &counts.token
    } else {
        &counts.other
    };
    let nth = counter.fetch_add(1, Ordering::SeqCst);
    let reply = script(&Request { target, nth });
    // Errors writing are the client's doing (it gave up): nothing to report.
    let _ = play(&mut stream, reply).await;
}

async fn play(stream: &mut TcpStream, reply: Reply) -> std::io::Result<()> {
    match reply {
        Reply::Answer(status, headers, body) => {
            stream
                .write_all(&head(status, &headers, body.len()))
                .await?;
            stream.write_all(body.as_bytes()).await?;
            stream.shutdown().await
        }
        Reply::Silence => {
            // Hold the connection open until the client goes away.
            let mut byte = [0u8; 1];
            while stream.read(&mut byte).await? > 0 {}
            Ok(())
        }
        Reply::Trickle(body, every) => {
            stream.write_all(&head(200, &[], body.len())).await?;
            for byte in body.as_bytes() {
                tokio::time::sleep(every).await;
                stream.write_all(&[*byte]).await?;
            }
            Ok(())
        }
        Reply::Reset => stream.set_zero_linger(),
        Reply::Close => stream.shutdown().await,
        Reply::CutShort(body, sent) => {
            stream.write_all(&head(200, &[], body.len())).await?;
            stream.write_all(&body.as_bytes()[..sent]).await?;
            stream.shutdown().await
        }
    }
}

fn head(status: u16, headers: &[(&str, String)], length: usize) -> Vec<u8> {
    let mut head =
        format!("HTTP/1.1 {status} X\r\ncontent-length: {length}\r\nconnection: close\r\n");
    if !headers.iter().any(|(name, _)| *name == "content-type") {
        head.push_str("content-type: application/json\r\n");
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    head.into_bytes()
}

/// Reads one request (head and `content-length` body); returns its target.
async fn read_request(stream: &mut TcpStream) -> Option<String> {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        bytes.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&bytes[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    while bytes.len() < head_end + length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        bytes.extend_from_slice(&chunk[..n]);
    }
    head.split_whitespace().nth(1).map(str::to_owned)
}
