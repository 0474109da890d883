//! The generated raw client on the review workflow: list everything pending, read each
//! version, decide some. The raw client neither refreshes tokens nor checks arguments, so the
//! fake's own answers (a rejection without its reason) show here.

use std::collections::HashSet;

use feishu_application::types::{
    Lang, PatchAppVersionRequest, PatchVersionStatus, UserIdType, VersionStatus,
};
use feishu_fake::{Config, DEFAULT_OPERATOR_OPEN_ID, seed};

use feishu_application::raw;

use super::support::{all_pending, envelope, fetch_token, with_token};

fn decision(status: PatchVersionStatus) -> PatchAppVersionRequest {
    PatchAppVersionRequest {
        status: Some(status),
    }
}

#[tokio::test]
async fn list_read_approve_reject_and_watch_the_list_shrink() {
    let fake = feishu_fake::start(Config::default())
        .await
        .expect("the fake starts");
    let client = with_token(&fake, &fetch_token(&fake).await);

    let pending = all_pending(&client, Lang::EnUs, 7).await;
    assert_eq!(pending.len(), seed::PENDING_APPS);
    let ids: HashSet<_> = pending.iter().map(|a| a.app_id.clone().unwrap()).collect();
    assert_eq!(ids.len(), pending.len(), "no app twice across pages");

    let mut work = Vec::new();
    for app in &pending {
        let app_id = app.app_id.as_deref().unwrap();
        let version_id = app
            .unaudit_version_id
            .as_deref()
            .expect("a pending app names its version");
        let answer = client
            .get_app_version(app_id, version_id, &Lang::EnUs, Some(&UserIdType::OpenId))
            .await
            .expect("the version")
            .into_inner();
        let version = answer
            .data
            .and_then(|d| d.app_version)
            .expect("an app_version");
        assert_eq!(version.version_id.as_deref(), Some(version_id));
        assert_eq!(version.status, Some(VersionStatus::UnderReview));
        work.push((app_id.to_owned(), version_id.to_owned()));
    }

    // Approve five.
    for (app_id, version_id) in &work[..5] {
        let answer = client
            .patch_app_version(
                app_id,
                version_id,
                DEFAULT_OPERATOR_OPEN_ID,
                None,
                &UserIdType::OpenId,
                &decision(PatchVersionStatus::Approved),
            )
            .await
            .expect("approved")
            .into_inner();
        assert_eq!(answer.code, 0);
    }
    reject_with_and_without_reason(&client, &work[5]).await;

    let left = all_pending(&client, Lang::ZhCn, 50).await;
    assert_eq!(left.len(), seed::PENDING_APPS - 6);
    let decided: HashSet<_> = work[..6].iter().map(|(a, _)| a.clone()).collect();
    assert!(
        left.iter()
            .all(|a| !decided.contains(a.app_id.as_deref().unwrap()))
    );

    for ((app_id, version_id), status) in [
        (&work[0], VersionStatus::Approved),
        (&work[5], VersionStatus::Rejected),
    ] {
        let answer = client
            .get_app_version(app_id, version_id, &Lang::ZhCn, None)
            .await
            .unwrap()
            .into_inner();
        assert_eq!(
            answer.data.unwrap().app_version.unwrap().status,
            Some(status)
        );
    }
    fake.shutdown().await.expect("a clean stop");
}

/// A rejection needs its reason: the fake refuses one without (99992402), then takes it.
async fn reject_with_and_without_reason(client: &raw::Client, work: &(String, String)) {
    let (app_id, version_id) = work;
    let error = client
        .patch_app_version(
            app_id,
            version_id,
            DEFAULT_OPERATOR_OPEN_ID,
            None,
            &UserIdType::OpenId,
            &decision(PatchVersionStatus::Rejected),
        )
        .await
        .expect_err("no reason, no rejection");
    let (status, body) = envelope(error);
    assert_eq!((status, body.code), (400, 99992402));
    assert!(body.msg.contains("reject_reason"), "{}", body.msg);
    let answer = client
        .patch_app_version(
            app_id,
            version_id,
            DEFAULT_OPERATOR_OPEN_ID,
            Some("asks for more scopes than it uses"),
            &UserIdType::OpenId,
            &decision(PatchVersionStatus::Rejected),
        )
        .await
        .expect("rejected")
        .into_inner();
    assert_eq!(answer.code, 0);
}

#[tokio::test]
async fn me_reads_the_calling_apps_own_version() {
    let fake = feishu_fake::start(Config::default()).await.unwrap();
    let client = with_token(&fake, &fetch_token(&fake).await);
    let own = fake
        .state()
        .snapshot()
        .apps
        .into_iter()
        .find(|a| a.application.app_id.as_deref() == Some(fake.credential().app_id.as_str()))
        .unwrap();
    let version_id = own.versions[0].version_id.clone().unwrap();
    let answer = client
        .get_app_version("me", &version_id, &Lang::JaJp, None)
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        answer.data.unwrap().app_version.unwrap().app_id,
        own.application.app_id
    );
}
