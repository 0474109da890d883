//! Approving and rejecting through the typed client: the fake's state changes, the pending
//! list shrinks, and a rejection without a reason never reaches the server.

use feishu_application::types::{Lang, VersionStatus};
use feishu_application::{Error, RetryPolicy};
use feishu_fake::{Config, DEFAULT_OPERATOR_OPEN_ID, seed};
use futures::TryStreamExt as _;

use super::support::typed;

#[tokio::test]
async fn approve_and_reject_change_the_version_and_shrink_the_list() {
    let fake = feishu_fake::start(Config::default()).await.unwrap();
    let client = typed(&fake, RetryPolicy::none());
    let pending: Vec<_> = client
        .list_under_audit_apps(Lang::EnUs)
        .items()
        .map_ok(|app| (app.app_id.unwrap(), app.unaudit_version_id.unwrap()))
        .try_collect()
        .await
        .unwrap();
    let (approved, rejected) = (&pending[0], &pending[1]);

    client
        .approve(&approved.0, &approved.1, DEFAULT_OPERATOR_OPEN_ID)
        .await
        .unwrap();
    client
        .reject(
            &rejected.0,
            &rejected.1,
            DEFAULT_OPERATOR_OPEN_ID,
            "asks for more scopes than it uses",
        )
        .await
        .unwrap();

    for ((app_id, version_id), status) in [
        (approved, VersionStatus::Approved),
        (rejected, VersionStatus::Rejected),
    ] {
        let version = client
            .get_app_version(app_id, version_id, Lang::EnUs)
            .await
            .unwrap();
        assert_eq!(version.status, Some(status), "{app_id}");
    }
    let left: Vec<_> = client
        .list_under_audit_apps(Lang::EnUs)
        .page_size(50)
        .items()
        .map_ok(|app| app.app_id.unwrap())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(left.len(), seed::PENDING_APPS - 2);
    assert!(!left.contains(&approved.0) && !left.contains(&rejected.0));
}

#[tokio::test]
async fn a_rejection_without_a_reason_is_refused_before_sending() {
    let fake = feishu_fake::start(Config::default()).await.unwrap();
    let client = typed(&fake, RetryPolicy::none());
    let first = client
        .list_under_audit_apps(Lang::EnUs)
        .page_size(1)
        .send()
        .await
        .unwrap();
    let app = &first.items[0];
    let (app_id, version_id) = (
        app.app_id.as_deref().unwrap(),
        app.unaudit_version_id.as_deref().unwrap(),
    );

    let error = client
        .reject(app_id, version_id, DEFAULT_OPERATOR_OPEN_ID, "  ")
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidArgument { .. }), "{error:?}");
    let version = client
        .get_app_version(app_id, version_id, Lang::EnUs)
        .await
        .unwrap();
    assert_eq!(version.status, Some(VersionStatus::UnderReview));
}
