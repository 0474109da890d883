// The crate-level example of feishu-application, which is `no_run` there: it must compile.
use feishu_application::{BaseUrl, Client, Credentials, types::Lang};
use futures::TryStreamExt as _;

async fn review() -> feishu_application::Result<()> {
    let client = Client::builder(Credentials::app("cli_a1b2c3", "app-secret"))
        .base_url(BaseUrl::Feishu)
        .build()?;
    let pending: Vec<_> = client.list_under_audit_apps(Lang::EnUs).items().try_collect().await?;
    for app in &pending {
        let (Some(app_id), Some(version_id)) = (&app.app_id, &app.unaudit_version_id) else {
            continue;
        };
        let version = client.get_app_version(app_id, version_id, Lang::EnUs).await?;
        if version.scopes.len() <= 3 {
            client.approve(app_id, version_id, "ou_reviewer_open_id").await?;
        } else {
            client.reject(app_id, version_id, "ou_reviewer_open_id", "too many scopes").await?;
        }
    }
    Ok(())
}

fn main() {
    let _ = review;
}
