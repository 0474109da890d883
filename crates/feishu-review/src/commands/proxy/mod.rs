//! `feishu-review proxy`: a validating reverse proxy in front of Feishu (or the fake).
//!
//! Prints `listening on http://HOST:PORT` as the first line of stdout, then forwards every
//! request unchanged to `--upstream` and returns the upstream's answer byte for byte. An
//! answer to one of the spec's operations (matched on method and path template) is checked
//! with `feishu-validate`: one report line per answer on stderr (text, or JSON lines with
//! `--format json`). On SIGINT/SIGTERM it finishes the requests in flight, prints a summary
//! per operation on stdout and exits 0.

mod check;
mod forward;
mod record;
mod report;
mod routes;
mod summary;

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use anyhow::Context as _;
use axum::Router;
use axum::body::to_bytes;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;

use check::{Verdict, check};
use forward::{Answer, Failure, Upstream};
use record::Recorder;
use report::AnswerReport;
use routes::Routes;
use summary::Summary;

/// Largest request body the proxy forwards (Feishu's own bodies are a few hundred bytes).
const REQUEST_LIMIT: usize = 16 * 1024 * 1024;

/// Options of `feishu-review proxy`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 stopped by SIGINT/SIGTERM (after the summary), \
    1 could not start (bad --upstream, address in use, --record not writable)."
)]
pub(crate) struct Args {
    /// Where to forward: <https://open.feishu.cn>, <https://open.larksuite.com>, or a fake's URL.
    #[arg(long, value_name = "URL")]
    upstream: String,
    /// Address to listen on; loopback unless you ask for another.
    #[arg(long, default_value = "127.0.0.1:0")]
    addr: SocketAddr,
    /// Save each checked JSON answer as `DIR/<operation>/<seq>-<status>-<log_id>.json` (tokens
    /// and secrets redacted).
    #[arg(long, value_name = "DIR")]
    record: Option<PathBuf>,
    /// Report lines on stderr: `text` for people, `json` for one JSON object per answer.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Answers larger than this many bytes are forwarded without a check (and counted).
    #[arg(long, value_name = "BYTES", default_value_t = 4 * 1024 * 1024)]
    check_limit: usize,
    /// Seconds to wait for the upstream before answering the client 504.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    upstream_timeout: u64,
}

/// Output formats of the report lines and the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// Runs `feishu-review proxy`.
pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    crate::async_runtime()?.block_on(serve(args))?;
    Ok(ExitCode::SUCCESS)
}

/// The state every request shares.
#[derive(Clone)]
struct Proxy {
    inner: Arc<Inner>,
}

struct Inner {
    upstream: Upstream,
    routes: Routes,
    recorder: Option<Recorder>,
    format: Format,
    check_limit: usize,
    seq: AtomicU64,
    summary: Mutex<Summary>,
}

async fn serve(args: Args) -> anyhow::Result<()> {
    let proxy = Proxy::new(&args)?;
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    let addr = listener.local_addr()?;
    // Watch the signals before announcing the address: whoever reads the line may stop us.
    let mut stop = crate::signals::Signals::new()?;
    {
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "listening on http://{addr}")?;
        stdout.flush()?;
    }
    crate::stdout::errln!(
        "proxy: forwarding to {}, checking the spec's operations; stop with Ctrl-C",
        proxy.inner.upstream.base()
    );
    if !addr.ip().is_loopback() {
        crate::stdout::errln!("warning: listening on {addr}, not loopback");
    }
    let app = Router::new().fallback(handle).with_state(proxy.clone());
    axum::serve(listener, app)
        .with_graceful_shutdown(async move { stop.next().await })
        .await
        .context("the proxy stopped serving")?;
    let summary = proxy.summary();
    let text = match proxy.inner.format {
        Format::Text => summary.text(),
        Format::Json => format!("{}\n", summary.json()),
    };
    drop(summary);
    // A closed stdout at the very end loses the summary, nothing else: not worth a panic.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    Ok(())
}

impl Proxy {
    fn new(args: &Args) -> anyhow::Result<Self> {
        let upstream = Upstream::new(&args.upstream, Duration::from_secs(args.upstream_timeout))?;
        let recorder = args.record.as_deref().map(Recorder::new).transpose()?;
        // Compile the spec's schemas now, not on the first answer a client waits for.
        let _ = feishu_validate::Validator::workspace();
        Ok(Self {
            inner: Arc::new(Inner {
                upstream,
                routes: Routes::workspace(),
                recorder,
                format: args.format,
                check_limit: args.check_limit,
                seq: AtomicU64::new(0),
                summary: Mutex::default(),
            }),
        })
    }

    fn summary(&self) -> MutexGuard<'_, Summary> {
        // Counting never panics half-way, so a poisoned lock still holds good counts.
        self.inner
            .summary
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Checks, reports and records an answer of a spec operation.
    fn inspect(&self, operation: &str, answer: &Answer) {
        let (report, parsed) = match check(
            operation,
            answer,
            self.inner.check_limit,
            self.inner.recorder.is_some(),
        ) {
            Verdict::Checked(report, parsed) => (report, parsed),
            Verdict::Unchecked(why) => {
                self.summary().unchecked(operation, why);
                return;
            }
        };
        self.summary().checked(&report);
        crate::stdout::errln!(
            "{}",
            match self.inner.format {
                Format::Text => report.text_line(),
                Format::Json => report.json_line(),
            }
        );
        if let (Some(recorder), Some(parsed)) = (&self.inner.recorder, parsed) {
            self.record(recorder, &report, answer, &parsed);
        }
    }

    fn record(
        &self,
        recorder: &Recorder,
        report: &AnswerReport,
        answer: &Answer,
        parsed: &serde_json::Value,
    ) {
        let seq = self.inner.seq.fetch_add(1, Ordering::Relaxed) + 1;
        let saved = recorder.save(
            seq,
            &report.operation,
            report.status,
            report.log_id.as_deref(),
            &answer.body,
            parsed,
        );
        if let Err(error) = saved {
            self.summary().record_error();
            crate::stdout::errln!(
                "error: cannot record an answer of {}: {error}",
                report.operation
            );
        }
    }
}

/// Every request: forward, answer the client as the upstream answered, check on the way.
async fn handle(State(proxy): State<Proxy>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = match to_bytes(body, REQUEST_LIMIT).await {
        Ok(body) => body,
        Err(error) => {
            let failure = Failure::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("cannot read the request body (limit {REQUEST_LIMIT} bytes): {error}"),
            );
            crate::stdout::errln!(
                "error: {} {}: {}",
                parts.method,
                parts.uri.path(),
                failure.message()
            );
            return failure.response();
        }
    };
    let operation = proxy.inner.routes.find(&parts.method, parts.uri.path());
    let forwarded = proxy
        .inner
        .upstream
        .forward(parts.method.clone(), &parts.uri, &parts.headers, body)
        .await;
    match forwarded {
        Ok(answer) => {
            match operation {
                Some(operation) => proxy.inspect(operation, &answer),
                None => proxy.summary().unmatched(),
            }
            answer.response()
        }
        Err(failure) => {
            proxy.summary().upstream_error();
            crate::stdout::errln!(
                "error: {} {}: {}",
                parts.method,
                parts.uri.path(),
                failure.message()
            );
            failure.response()
        }
    }
}
