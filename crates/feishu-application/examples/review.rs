//! Review every pending app version: approve the small ones, reject the rest.
//!
//! `FEISHU_APP_ID=cli_… FEISHU_APP_SECRET=… cargo run -p feishu-application --example review`
use feishu_application::{BaseUrl, Client, Credentials, types::Lang};
use futures::TryStreamExt as _;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (app_id, app_secret) = (
        std::env::var("FEISHU_APP_ID")?,
        std::env::var("FEISHU_APP_SECRET")?,
    );
    let client = Client::builder(Credentials::app(app_id, app_secret))
        .base_url(BaseUrl::Feishu)
        .build()?;
    let pending: Vec<_> = client
        .list_under_audit_apps(Lang::EnUs)
        .items()
        .try_collect()
        .await?;
    for app in &pending {
        let (Some(app_id), Some(version_id)) = (&app.app_id, &app.unaudit_version_id) else {
            continue;
        };
        let version = client
            .get_app_version(app_id, version_id, Lang::EnUs)
            .await?;
        if version.scopes.len() <= 3 {
            client
                .approve(app_id, version_id, "ou_reviewer_open_id")
                .await?;
        } else {
            client
                .reject(app_id, version_id, "ou_reviewer_open_id", "too many scopes")
                .await?;
        }
    }
    Ok(())
}
