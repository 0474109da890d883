//! What a client is configured with: where requests go and which credentials it uses.

use crate::ids::AppId;
use crate::secret::Secret;

/// Where the Open Platform lives.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BaseUrl {
    /// `https://open.feishu.cn`
    Feishu,
    /// `https://open.larksuite.com`
    Lark,
    /// Any other base URL: a fake, a proxy.
    Custom(String),
}

impl BaseUrl {
    /// The URL, without a trailing slash.
    pub fn as_str(&self) -> &str {
        match self {
            BaseUrl::Feishu => "https://open.feishu.cn",
            BaseUrl::Lark => "https://open.larksuite.com",
            BaseUrl::Custom(url) => url.trim_end_matches('/'),
        }
    }
}

impl From<&str> for BaseUrl {
    fn from(url: &str) -> Self {
        BaseUrl::Custom(url.to_owned())
    }
}

impl From<String> for BaseUrl {
    fn from(url: String) -> Self {
        BaseUrl::Custom(url)
    }
}

/// How the client authenticates. Built with [`Credentials::app`] or
/// [`Credentials::tenant_access_token`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Credentials {
    /// A self-built app's id and secret: the client gets, caches and refreshes the tenant
    /// access token itself.
    #[non_exhaustive]
    App {
        /// The app id, `cli_…`.
        app_id: AppId,
        /// The app secret.
        app_secret: Secret,
    },
    /// A tenant access token obtained elsewhere; never refreshed.
    TenantAccessToken(Secret),
}

impl Credentials {
    /// App credentials.
    ///
    /// ```
    /// let credentials = feishu_application::Credentials::app("cli_a1", "s3cret");
    /// assert!(!format!("{credentials:?}").contains("s3cret"));
    /// ```
    pub fn app(app_id: impl Into<AppId>, app_secret: impl Into<Secret>) -> Self {
        Credentials::App {
            app_id: app_id.into(),
            app_secret: app_secret.into(),
        }
    }

    /// A fixed tenant access token.
    pub fn tenant_access_token(token: impl Into<Secret>) -> Self {
        Credentials::TenantAccessToken(token.into())
    }
}
