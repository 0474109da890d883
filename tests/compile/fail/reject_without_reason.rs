// A rejection cannot be built without a reason, neither through `reject` nor the enum.
use feishu_application::{Client, StatusChange};

fn check(client: &Client) {
    let _ = client.reject("cli_a", "oav_1", "ou_reviewer");
    let _ = StatusChange::Reject {};
}

fn main() {}
