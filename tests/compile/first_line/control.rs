// Compiles: the client library found for the `first_line/` cases is usable.
use feishu_application::{AppId, Client, OpenId, VersionId};

pub fn check(client: &Client, app: AppId, version: VersionId, reviewer: OpenId) {
    let _ = client.approve(app, version, reviewer);
}
