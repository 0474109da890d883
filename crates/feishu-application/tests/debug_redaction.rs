//! The generated request and answer of the token call print `[redacted]` for their secrets
//! (`app_secret`, `tenant_access_token`) in `Debug`: the generator replaces the derived
//! `Debug` of every type with a secret member (the rule of `feishu_wire::secret::is_secret_name`).

use feishu_application::types::{TenantAccessTokenRequest, TenantAccessTokenResponse};

#[test]
fn the_token_request_debug_has_no_app_secret() {
    let request = TenantAccessTokenRequest {
        app_id: "cli_a1b2c3d4e5f60718".to_owned(),
        app_secret: "s3cr3t-app-secret-value".to_owned(),
    };
    let debug = format!("{request:?}");
    assert!(!debug.contains("s3cr3t"), "{debug}");
    assert!(debug.contains("app_secret: [redacted]"), "{debug}");
    assert!(
        debug.contains("cli_a1b2c3d4e5f60718"),
        "non-secret members still show: {debug}"
    );
    let pretty = format!("{request:#?}");
    assert!(!pretty.contains("s3cr3t"), "{pretty}");
}

#[test]
fn the_token_answer_debug_has_no_token() {
    let answer = TenantAccessTokenResponse::default()
        .with_code(0)
        .with_msg("ok")
        .with_tenant_access_token("t-g1044qeGEDXTB6NDJOGV4JQCYDGHRBARFTGT1234")
        .with_expire(7200);
    let debug = format!("{answer:?}");
    assert!(!debug.contains("t-g1044"), "{debug}");
    assert!(debug.contains("tenant_access_token: [redacted]"), "{debug}");
    assert!(debug.contains("expire: Some(7200)"), "{debug}");
}
