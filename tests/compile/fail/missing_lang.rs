// `lang` is required by list_under_audit_apps.
use feishu_application::Client;

fn check(client: &Client) {
    let _ = client.list_under_audit_apps();
}

fn main() {}
