//! `GET /open-apis/application/v6/applications/underauditlist`.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use feishu_application::error_codes::ErrorCode;
use feishu_application::spec_facts::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MIN_PAGE_SIZE};
use feishu_application::types::{ListUnderAuditAppsData, ListUnderAuditAppsResponse};

use crate::error_answer::ErrorAnswer;
use crate::extract::{Caller, Params};
use crate::state::AppState;
use crate::tenant::View;

pub(super) fn router() -> Router<AppState> {
    Router::new().route(
        "/open-apis/application/v6/applications/underauditlist",
        get(list_under_audit_apps),
    )
}

async fn list_under_audit_apps(
    State(state): State<AppState>,
    Caller(caller): Caller,
    params: Params,
) -> Result<Response, ErrorAnswer> {
    let lang = params.lang()?;
    let page_size = page_size(params.one("page_size")?)?;
    let user_id_type = params.user_id_type(false)?;
    let now = state.clock().now();
    let after = match params.one("page_token")? {
        None | Some("") => None,
        Some(token) => Some(state.pages().resolve(token, &caller, now)?),
    };
    let view = View {
        lang: &lang,
        user_id_type: &user_id_type,
    };
    let page = state.tenant().pending_page(after, page_size, view);
    let page_token = match (page.has_more, page.last) {
        (true, Some(last)) => {
            let ttl = state.config().page_token_ttl;
            Some(
                state
                    .pages()
                    .issue(&caller, last, now, ttl, || state.fresh_id("new-", 32)),
            )
        }
        _ => None,
    };
    let mut data = ListUnderAuditAppsData::default()
        .with_items(page.items)
        .with_has_more(page.has_more);
    data.page_token = page_token;
    let answer = ListUnderAuditAppsResponse::default()
        .with_code(0)
        .with_msg("success")
        .with_data(data);
    // One `Vec` for the whole page: `axum::Json` writes it piece by piece into a 128-byte
    // `BytesMut` that grows as it goes, a fifth of the fake's CPU on pages of 50 apps.
    let body = serde_json::to_vec(&answer)
        .map_err(|e| ErrorAnswer::http(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok(([(CONTENT_TYPE, "application/json")], body).into_response())
}

fn page_size(raw: Option<&str>) -> Result<usize, ErrorAnswer> {
    let Some(raw) = raw else {
        return Ok(DEFAULT_PAGE_SIZE as usize);
    };
    let size: i64 = raw
        .parse()
        .map_err(|_| ErrorAnswer::field(format!("page_size {raw:?} is not an integer")))?;
    match u32::try_from(size) {
        Ok(size @ MIN_PAGE_SIZE..=MAX_PAGE_SIZE) => Ok(size as usize),
        _ => Err(ErrorAnswer::documented(ErrorCode::PageSizeOutOfRange)
            .with_detail(format!("page_size is {size}"))),
    }
}
