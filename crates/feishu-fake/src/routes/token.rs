//! `POST /open-apis/auth/v3/tenant_access_token/internal`.

use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::HeaderMap;
use axum::routing::post;
use axum::{Json, Router};
use feishu_application::types::TenantAccessTokenResponse;

use crate::error_answer::ErrorAnswer;
use crate::extract::{json_object, string_member};
use crate::state::AppState;

/// Feishu's code for an app id it does not know.
pub(super) const CODE_INVALID_APP_ID: i64 = 10003;
/// Feishu's code for a wrong app secret.
pub(super) const CODE_INVALID_APP_SECRET: i64 = 10014;

pub(super) fn router() -> Router<AppState> {
    Router::new().route(
        "/open-apis/auth/v3/tenant_access_token/internal",
        post(tenant_access_token),
    )
}

/// Checks the credentials and answers the app's token. Wrong credentials are HTTP 200 with a
/// non-zero `code`, as the spec's 200 response describes; a malformed body is HTTP 400.
async fn tenant_access_token(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<TenantAccessTokenResponse>, ErrorAnswer> {
    let body = json_object(&headers, body)?;
    let app_id = string_member(&body, "app_id")?;
    let app_secret = string_member(&body, "app_secret")?;
    let refused = |code: i64, msg: &str| {
        TenantAccessTokenResponse::default()
            .with_code(code)
            .with_msg(msg)
    };
    let Some(credential) = state.credential(app_id) else {
        return Ok(Json(refused(CODE_INVALID_APP_ID, "invalid param: app_id")));
    };
    if credential.app_secret != app_secret {
        return Ok(Json(refused(CODE_INVALID_APP_SECRET, "app secret invalid")));
    }
    let config = state.config();
    let now = state.clock().now();
    let (token, expire) = state.tokens().issue(
        app_id,
        now,
        config.token_ttl,
        config.token_refresh_window,
        || state.fresh_id("t-", 40),
    );
    Ok(Json(
        TenantAccessTokenResponse::default()
            .with_code(0)
            .with_msg("ok")
            .with_tenant_access_token(token)
            .with_expire(i64::try_from(expire).unwrap_or(i64::MAX)),
    ))
}
