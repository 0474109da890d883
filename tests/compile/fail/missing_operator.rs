// Approving needs the reviewer's operator id.
use feishu_application::Client;

fn check(client: &Client) {
    let _ = client.approve("cli_a", "oav_1");
}

fn main() {}
