// A version id where the app id belongs (and the other way round) does not compile.
use feishu_application::{AppId, Client, OpenId, VersionId};

fn check(client: &Client, app: AppId, version: VersionId, reviewer: OpenId) {
    let _ = client.approve(version, app, reviewer);
}

fn main() {}
