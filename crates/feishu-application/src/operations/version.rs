//! `get_app_version`.

use std::future::IntoFuture;

use futures::future::BoxFuture;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::generated_client::{Client as RawClient, Error as RawError, ResponseValue};
use crate::ids::{AppId, VersionId};
use crate::operations::require_text;
use crate::transport::Operation;
use crate::types::{AppVersion, ErrorResponse, GetAppVersionResponse, Lang, UserIdType};

/// A `get_app_version` request; see [`Client::get_app_version`]. Await it, or call `send`.
#[derive(Clone, Debug)]
#[must_use]
pub struct GetAppVersion {
    client: Client,
    call: GetCall,
}

#[derive(Clone, Debug)]
struct GetCall {
    app_id: AppId,
    version_id: VersionId,
    lang: Lang,
    user_id_type: Option<UserIdType>,
}

impl Operation for GetCall {
    type Answer = GetAppVersionResponse;
    const ID: &'static str = "get_app_version";

    fn send<'a>(
        &'a self,
        raw: &'a RawClient,
    ) -> impl Future<Output = Result<ResponseValue<Self::Answer>, RawError<ErrorResponse>>> + Send + 'a
    {
        raw.get_app_version(
            self.app_id.as_str(),
            self.version_id.as_str(),
            &self.lang,
            self.user_id_type.as_ref(),
        )
    }
}

impl Client {
    /// Gets one version of an app: its scopes, abilities, events and suggested visibility.
    /// `app_id` may be `me` for the calling app.
    ///
    /// ```no_run
    /// # // no_run: needs a server; the end-to-end tests run this against the fake.
    /// # async fn demo(client: feishu_application::Client) -> feishu_application::Result<()> {
    /// use feishu_application::types::Lang;
    /// let version = client.get_app_version("cli_a1", "oav_1", Lang::ZhCn).await?;
    /// println!("{} scopes", version.scopes.len());
    /// # Ok(()) }
    /// ```
    pub fn get_app_version(
        &self,
        app_id: impl Into<AppId>,
        version_id: impl Into<VersionId>,
        lang: Lang,
    ) -> GetAppVersion {
        GetAppVersion {
            client: self.clone(),
            call: GetCall {
                app_id: app_id.into(),
                version_id: version_id.into(),
                lang,
                user_id_type: None,
            },
        }
    }
}

impl GetAppVersion {
    /// The kind of user ids in the answer (default open_id).
    pub fn user_id_type(mut self, user_id_type: UserIdType) -> Self {
        self.call.user_id_type = Some(user_id_type);
        self
    }

    /// Sends the request.
    pub async fn send(self) -> Result<AppVersion> {
        let call = &self.call;
        require_text(
            GetCall::ID,
            &[
                ("app_id", call.app_id.as_str()),
                ("version_id", call.version_id.as_str()),
            ],
        )?;
        let answer = self.client.execute(&self.call).await?;
        answer
            .data
            .and_then(|data| data.app_version)
            .ok_or_else(|| Error::Decode {
                operation: GetCall::ID,
                status: 200,
                reason: "the answer has code 0 but no data.app_version".into(),
                excerpt: String::new(),
            })
    }
}

impl IntoFuture for GetAppVersion {
    type Output = Result<AppVersion>;
    type IntoFuture = BoxFuture<'static, Result<AppVersion>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
