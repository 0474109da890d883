//! `patch_app_version`: approve, reject (with a reason), or set another review status.

use std::future::IntoFuture;

use futures::future::BoxFuture;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::generated_client::{Client as RawClient, Error as RawError, ResponseValue};
use crate::ids::{AppId, OpenId, VersionId};
use crate::operations::require_text;
use crate::transport::Operation;
use crate::types::{
    ErrorResponse, PatchAppVersionRequest, PatchAppVersionResponse, PatchVersionStatus, UserIdType,
};

/// The review status to give a version. A rejection cannot be built without a reason.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StatusChange {
    /// Approve: the version can go live.
    Approve,
    /// Reject: the developer sees the reason and may submit again.
    Reject {
        /// Why; must not be empty.
        reason: String,
    },
    /// Put the version back under review.
    UnderReview,
    /// Mark the version as not submitted.
    NotSubmitted,
}

/// A `patch_app_version` request; see [`Client::update_version_status`]. Await it, or call
/// `send`.
#[derive(Clone, Debug)]
#[must_use]
pub struct UpdateVersionStatus {
    client: Client,
    call: PatchCall,
}

#[derive(Clone, Debug)]
struct PatchCall {
    app_id: AppId,
    version_id: VersionId,
    operator_id: OpenId,
    user_id_type: UserIdType,
    reject_reason: Option<String>,
    body: PatchAppVersionRequest,
}

impl Operation for PatchCall {
    type Answer = PatchAppVersionResponse;
    const ID: &'static str = "patch_app_version";

    // Setting a status is idempotent (the same request twice leaves the same state), so the
    // retry policy applies to PATCH like to the reads.
    fn send<'a>(
        &'a self,
        raw: &'a RawClient,
    ) -> impl Future<Output = Result<ResponseValue<Self::Answer>, RawError<ErrorResponse>>> + Send + 'a
    {
        raw.patch_app_version(
            self.app_id.as_str(),
            self.version_id.as_str(),
            self.operator_id.as_str(),
            self.reject_reason.as_deref(),
            &self.user_id_type,
            &self.body,
        )
    }
}

impl Client {
    /// Approves a version; `operator_id` is the reviewer's open_id.
    ///
    /// ```no_run
    /// # // no_run: needs a server; the end-to-end tests run this against the fake.
    /// # async fn demo(client: feishu_application::Client) -> feishu_application::Result<()> {
    /// client.approve("cli_a1", "oav_1", "ou_reviewer").await?;
    /// # Ok(()) }
    /// ```
    pub fn approve(
        &self,
        app_id: impl Into<AppId>,
        version_id: impl Into<VersionId>,
        operator_id: impl Into<OpenId>,
    ) -> UpdateVersionStatus {
        self.update_version_status(app_id, version_id, operator_id, StatusChange::Approve)
    }

    /// Rejects a version with a reason the developer will see.
    ///
    /// ```no_run
    /// # // no_run: needs a server; the end-to-end tests run this against the fake.
    /// # async fn demo(client: feishu_application::Client) -> feishu_application::Result<()> {
    /// client.reject("cli_a1", "oav_1", "ou_reviewer", "asks for contact:user.phone").await?;
    /// # Ok(()) }
    /// ```
    pub fn reject(
        &self,
        app_id: impl Into<AppId>,
        version_id: impl Into<VersionId>,
        operator_id: impl Into<OpenId>,
        reason: impl Into<String>,
    ) -> UpdateVersionStatus {
        let change = StatusChange::Reject {
            reason: reason.into(),
        };
        self.update_version_status(app_id, version_id, operator_id, change)
    }

    /// Sets a version's review status.
    pub fn update_version_status(
        &self,
        app_id: impl Into<AppId>,
        version_id: impl Into<VersionId>,
        operator_id: impl Into<OpenId>,
        change: StatusChange,
    ) -> UpdateVersionStatus {
        let (status, reject_reason) = match change {
            StatusChange::Approve => (PatchVersionStatus::Approved, None),
            StatusChange::Reject { reason } => (PatchVersionStatus::Rejected, Some(reason)),
            StatusChange::UnderReview => (PatchVersionStatus::UnderReview, None),
            StatusChange::NotSubmitted => (PatchVersionStatus::NotSubmitted, None),
        };
        UpdateVersionStatus {
            client: self.clone(),
            call: PatchCall {
                app_id: app_id.into(),
                version_id: version_id.into(),
                operator_id: operator_id.into(),
                user_id_type: UserIdType::OpenId,
                reject_reason,
                body: PatchAppVersionRequest {
                    status: Some(status),
                },
            },
        }
    }
}

impl UpdateVersionStatus {
    /// The kind of id `operator_id` is (default open_id).
    pub fn user_id_type(mut self, user_id_type: UserIdType) -> Self {
        self.call.user_id_type = user_id_type;
        self
    }

    /// Sends the request. A rejection with an empty reason fails before sending.
    pub async fn send(self) -> Result<()> {
        let call = &self.call;
        require_text(
            PatchCall::ID,
            &[
                ("app_id", call.app_id.as_str()),
                ("version_id", call.version_id.as_str()),
                ("operator_id", call.operator_id.as_str()),
            ],
        )?;
        if call
            .reject_reason
            .as_deref()
            .is_some_and(|reason| reason.trim().is_empty())
        {
            return Err(Error::InvalidArgument {
                operation: PatchCall::ID,
                message: "a rejection needs a non-empty reason".into(),
            });
        }
        self.client.execute(call).await.map(drop)
    }
}

impl IntoFuture for UpdateVersionStatus {
    type Output = Result<()>;
    type IntoFuture = BoxFuture<'static, Result<()>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
