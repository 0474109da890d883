// The generated client takes required parameters positionally: operator_id cannot be left out.
use feishu_application::raw::Client;
use feishu_application::types::{PatchAppVersionRequest, UserIdType};

async fn call(raw: &Client, body: &PatchAppVersionRequest) {
    let _ = raw.patch_app_version("cli_a", "oav_1", &UserIdType::OpenId, body).await;
}

fn main() {}
