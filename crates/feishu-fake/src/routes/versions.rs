//! `GET` and `PATCH /open-apis/application/v6/applications/{app_id}/app_versions/{version_id}`.

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::get;
use axum::{Json, Router};
use feishu_application::error_codes::ErrorCode;
use feishu_application::types::{
    GetAppVersionData, GetAppVersionResponse, PatchAppVersionData, PatchAppVersionResponse,
    PatchVersionStatus,
};
use serde_json::Value;

use crate::error_answer::ErrorAnswer;
use crate::extract::{Caller, Params, json_object, kind};
use crate::state::AppState;
use crate::tenant::View;

pub(super) fn router() -> Router<AppState> {
    Router::new().route(
        "/open-apis/application/v6/applications/{app_id}/app_versions/{version_id}",
        get(get_app_version).patch(patch_app_version),
    )
}

async fn get_app_version(
    State(state): State<AppState>,
    Caller(caller): Caller,
    params: Params,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Json<GetAppVersionResponse>, ErrorAnswer> {
    let (app_id, version_id) = ids(path)?;
    let lang = params.lang()?;
    let user_id_type = params.user_id_type(false)?;
    let view = View {
        lang: &lang,
        user_id_type: &user_id_type,
    };
    let version = state
        .tenant()
        .version(&caller, &app_id, &version_id, view)?;
    Ok(Json(
        GetAppVersionResponse::default()
            .with_code(0)
            .with_msg("success")
            .with_data(GetAppVersionData::default().with_app_version(version)),
    ))
}

async fn patch_app_version(
    State(state): State<AppState>,
    Caller(caller): Caller,
    params: Params,
    path: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<PatchAppVersionResponse>, ErrorAnswer> {
    let (app_id, version_id) = ids(path)?;
    let user_id_type = params.user_id_type(true)?;
    let operator_id = params.required("operator_id")?;
    let reject_reason = params.one("reject_reason")?.unwrap_or_default();
    let body = json_object(&headers, body)?;
    let status = match body.get("status") {
        None | Some(Value::Null) => return Err(ErrorAnswer::field("status is required")),
        Some(Value::Number(n)) => n
            .as_i64()
            .and_then(PatchVersionStatus::from_value)
            .ok_or_else(|| {
                ErrorAnswer::field(format!(
                    "status {n} is not one of {}",
                    PatchVersionStatus::EXPECTED
                ))
            })?,
        Some(other) => {
            return Err(ErrorAnswer::field(format!(
                "status must be an integer, not {}",
                kind(other)
            )));
        }
    };
    if status == PatchVersionStatus::Rejected && reject_reason.trim().is_empty() {
        return Err(ErrorAnswer::field(
            "reject_reason is required when status is 2 (rejected)",
        ));
    }
    let now = state.clock().unix_secs();
    // One lock for the whole read-modify-write: concurrent decisions never lose an update.
    let mut tenant = state.tenant();
    if !tenant.has_user(operator_id, &user_id_type) {
        return Err(
            ErrorAnswer::documented(ErrorCode::NoSuchUserId).with_detail(format!(
                "operator_id {operator_id:?} is not a {user_id_type} of this tenant"
            )),
        );
    }
    tenant.set_status(&caller, &app_id, &version_id, status, now)?;
    drop(tenant);
    Ok(Json(
        PatchAppVersionResponse::default()
            .with_code(0)
            .with_msg("success")
            .with_data(PatchAppVersionData::default()),
    ))
}

fn ids(
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<(String, String), ErrorAnswer> {
    path.map(|Path(ids)| ids).map_err(|e| {
        ErrorAnswer::field(format!(
            "app_id / version_id in the path are not valid: {}",
            e.body_text()
        ))
    })
}
