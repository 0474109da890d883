// `lang` is an enum: a string does not do, not even a valid one.
use feishu_application::Client;

fn check(client: &Client) {
    let _ = client.get_app_version("cli_a", "oav_1", "zh_cn");
}

fn main() {}
