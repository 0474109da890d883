//! Where the workflow commands send their requests: a real tenant, or the embedded fake.

use std::time::Duration;

use anyhow::{Context as _, bail};
use feishu_application::{BaseUrl, Client, Credentials, RetryPolicy};
use feishu_fake::FakeHandle;

/// The global connection options (DESIGN.md fixes their names and env vars).
#[derive(Clone, Debug, clap::Args)]
pub(crate) struct ConnectionArgs {
    /// Base URL of the Open Platform: <https://open.feishu.cn> (default) or <https://open.larksuite.com>.
    #[arg(
        long = "base-url",
        id = "connection_base_url",
        value_name = "URL",
        env = "FEISHU_BASE_URL",
        global = true
    )]
    pub base_url: Option<String>,
    /// App id of a self-built app (with --app-secret).
    // Explicit ids: a subcommand's own `app_id` argument must not be mistaken for this one.
    #[arg(
        long = "app-id",
        id = "connection_app_id",
        value_name = "APP_ID",
        env = "FEISHU_APP_ID",
        global = true,
        requires = "connection_app_secret"
    )]
    pub app_id: Option<String>,
    /// App secret of that app.
    #[arg(
        long = "app-secret",
        id = "connection_app_secret",
        value_name = "SECRET",
        env = "FEISHU_APP_SECRET",
        global = true,
        hide_env_values = true,
        requires = "connection_app_id"
    )]
    pub app_secret: Option<String>,
    /// A tenant access token, instead of app credentials.
    #[arg(
        long = "token",
        id = "connection_token",
        value_name = "TOKEN",
        env = "FEISHU_TENANT_ACCESS_TOKEN",
        global = true,
        hide_env_values = true,
        conflicts_with_all = ["connection_app_id", "connection_app_secret"]
    )]
    pub token: Option<String>,
    /// Seconds one request may take, answer included (fractions allowed, e.g. 0.5). A request
    /// that times out is retried like other transient faults.
    #[arg(
        long = "timeout",
        id = "connection_timeout",
        value_name = "SECONDS",
        global = true,
        default_value = "30",
        value_parser = parse_timeout
    )]
    pub(crate) timeout: Duration,
    /// Seconds a call may spend in all, waiting out Feishu's rate limit (99991400) and
    /// retrying faults included (fractions allowed). Past it the call fails, naming the rate
    /// limit. A wait of more than 5 s is said once on stderr.
    #[arg(
        long = "max-wait",
        id = "connection_max_wait",
        value_name = "SECONDS",
        global = true,
        default_value = "60",
        value_parser = parse_timeout
    )]
    pub(crate) max_wait: Duration,
}

/// A positive, finite number of seconds.
fn parse_timeout(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    if seconds.is_nan() || seconds <= 0.0 {
        return Err(format!("{text} must be more than 0 seconds"));
    }
    Duration::try_from_secs_f64(seconds).map_err(|_| format!("{text} seconds is too long"))
}

/// A client, and the embedded fake it talks to when no tenant was given.
pub(crate) struct Connection {
    /// The client.
    pub client: Client,
    /// The embedded fake; it serves as long as this value lives.
    pub fake: Option<FakeHandle>,
}

impl Connection {
    /// The reviewer to act as when none was given: the embedded fake's member.
    pub(crate) fn default_operator(&self) -> Option<&'static str> {
        self.fake
            .as_ref()
            .map(|_| feishu_fake::DEFAULT_OPERATOR_OPEN_ID)
    }
}

impl ConnectionArgs {
    /// Whether these options name no tenant at all, so that [`Self::connect`] starts the
    /// embedded fake: the one place that decides it.
    pub(crate) fn names_no_tenant(&self) -> bool {
        self.base_url.is_none()
            && self.app_id.is_none()
            && self.app_secret.is_none()
            && self.token.is_none()
    }

    /// Connects. With no base URL and no credentials, starts the embedded fake and says so on
    /// stderr; a real Feishu is only called with credentials.
    pub(crate) async fn connect(&self) -> anyhow::Result<Connection> {
        if self.names_no_tenant() {
            return self.connect_to_the_embedded_fake().await;
        }
        let credentials = match (&self.app_id, &self.app_secret, &self.token) {
            (Some(id), Some(secret), None) => Some(Credentials::app(id, secret.as_str())),
            (None, None, Some(token)) => Some(Credentials::tenant_access_token(token.as_str())),
            (None, None, None) => None,
            _ => bail!("give either --app-id with --app-secret, or --token"),
        };
        let (base_url, credentials) = match (&self.base_url, credentials) {
            (Some(url), Some(credentials)) => (BaseUrl::from(url.as_str()), credentials),
            (None, Some(credentials)) => (BaseUrl::Feishu, credentials),
            (None, None) => bail!("give --base-url with credentials, or credentials alone"),
            (Some(url), None) => bail!(
                "--base-url {url} needs credentials: --app-id and --app-secret \
                 (or FEISHU_APP_ID / FEISHU_APP_SECRET), or --token"
            ),
        };
        let client = self.client(base_url, credentials)?;
        Ok(Connection { client, fake: None })
    }

    /// Starts the embedded fake, says so on stderr, and connects to it as its own app.
    async fn connect_to_the_embedded_fake(&self) -> anyhow::Result<Connection> {
        let fake = feishu_fake::start(feishu_fake::Config::default())
            .await
            .context("starting the embedded fake Feishu")?;
        crate::stdout::errln!(
            "feishu-review: no --base-url or credentials given: using the embedded fake \
             Feishu at {} (a seeded demo tenant; nothing real is touched)",
            fake.base_url()
        );
        let credentials =
            Credentials::app(feishu_fake::DEFAULT_APP_ID, feishu_fake::DEFAULT_APP_SECRET);
        let client = self.client(BaseUrl::Custom(fake.base_url()), credentials)?;
        Ok(Connection {
            client,
            fake: Some(fake),
        })
    }

    fn client(&self, base_url: BaseUrl, credentials: Credentials) -> anyhow::Result<Client> {
        Ok(Client::builder(credentials)
            .base_url(base_url)
            .timeout(self.timeout)
            .retry_policy(RetryPolicy::default().max_elapsed(self.max_wait))
            .on_drift(crate::drift_notice::on_drift)
            .on_rate_limit_wait(crate::rate_limit_notice::on_wait)
            .build()?)
    }
}
