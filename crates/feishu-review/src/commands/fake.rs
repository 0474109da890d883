//! `feishu-review fake`: serve a fake Feishu until stopped: the review endpoints stateful,
//! every other operation of the embedded spec answered from its example (see `feishu_fake`).
//!
//! Prints `listening on http://HOST:PORT` as the first line of stdout (flushed), then serves
//! until SIGINT or SIGTERM, finishing the requests in flight.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use feishu_fake::{AppCredential, Config, Faults, Fixtures, RateLimit};

/// Options of `feishu-review fake`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Address to listen on; loopback unless you ask for another.
    #[arg(long, default_value = "127.0.0.1:0")]
    addr: SocketAddr,
    /// App id that may get tokens (with --app-secret).
    // Same ids as the global connection options, so clap does not add those to this command
    // (their long names would clash) and a value given before `fake` still reaches it.
    #[arg(
        long = "app-id",
        id = "connection_app_id",
        value_name = "APP_ID",
        default_value = feishu_fake::DEFAULT_APP_ID,
        requires = "connection_app_secret"
    )]
    app_id: String,
    /// Secret of that app (default: `feishu_fake::DEFAULT_APP_SECRET`).
    #[arg(
        long = "app-secret",
        id = "connection_app_secret",
        value_name = "SECRET",
        hide_default_value = true,
        default_value = feishu_fake::DEFAULT_APP_SECRET
    )]
    app_secret: String,
    /// Seed of the generated tenant: the same seed gives the same apps.
    #[arg(long, default_value_t = feishu_fake::DEFAULT_SEED)]
    seed: u64,
    /// Load the tenant from this JSON fixtures file instead of generating it.
    #[arg(long)]
    fixtures: Option<PathBuf>,
    /// Lifetime of a tenant access token, in seconds.
    #[arg(long, default_value_t = feishu_fake::DEFAULT_TOKEN_TTL.as_secs())]
    token_ttl: u64,
    /// Lifetime of a page token, in seconds.
    #[arg(long, default_value_t = feishu_fake::DEFAULT_PAGE_TOKEN_TTL.as_secs())]
    page_token_ttl: u64,
    /// Fault: milliseconds added to every application answer.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Fault: allow this many application requests per window, then answer 429 / 99991400.
    #[arg(long)]
    rate_limit: Option<u32>,
    /// Length of the rate-limit window, in seconds.
    #[arg(long, default_value_t = 1)]
    rate_limit_window: u64,
    /// Fault: fraction (0..=1) of application requests answered 500 / 2200.
    #[arg(long, default_value_t = 0.0)]
    error_rate: f64,
    /// Fault: fraction (0..=1) of application answers with drift (undocumented members and
    /// enum values); each names what it added in the `x-fake-drift` header.
    #[arg(long, value_name = "RATE", default_value_t = 0.0)]
    drift: f64,
    /// Fault: this operation (an operationId of the spec, e.g. get_contacts_range_suggest)
    /// always answers 500 / 2200. Repeatable.
    #[arg(long = "fail-route", value_name = "OPERATION_ID")]
    fail_routes: Vec<String>,
}

/// Runs `feishu-review fake`.
pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let config = config(args)?;
    crate::async_runtime()?.block_on(serve(config))?;
    Ok(ExitCode::SUCCESS)
}

fn config(args: Args) -> anyhow::Result<Config> {
    let fixtures = args
        .fixtures
        .as_deref()
        .map(Fixtures::from_path)
        .transpose()?;
    Ok(Config {
        addr: args.addr,
        credentials: vec![AppCredential::new(args.app_id, args.app_secret)],
        seed: args.seed,
        fixtures,
        token_ttl: Duration::from_secs(args.token_ttl),
        page_token_ttl: Duration::from_secs(args.page_token_ttl),
        faults: Faults {
            latency: Duration::from_millis(args.latency_ms),
            rate_limit: args.rate_limit.map(|limit| RateLimit {
                limit,
                window: Duration::from_secs(args.rate_limit_window),
            }),
            server_error_rate: args.error_rate,
            drift_rate: args.drift,
            fail_routes: args.fail_routes,
            seed: args.seed,
        },
        ..Config::default()
    })
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let fake = feishu_fake::start(config).await?;
    // Watch the signals before announcing the address: whoever reads the line may stop us at
    // once, and a signal that arrives before the handlers exist would kill the process.
    let mut stop = crate::signals::Signals::new()?;
    {
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "listening on {}", fake.base_url())?;
        stdout.flush()?;
    }
    let state = fake.state();
    crate::stdout::errln!(
        "fake Feishu: app id {}, {} apps pending review; stop with Ctrl-C",
        fake.credential().app_id,
        state.tenant().pending_count()
    );
    if !fake.addr().ip().is_loopback() {
        crate::stdout::errln!("warning: listening on {}, not loopback", fake.addr());
    }
    stop.next().await;
    fake.shutdown().await?;
    Ok(())
}
