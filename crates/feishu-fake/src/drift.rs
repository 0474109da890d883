//! The drift fault: what Feishu does before its docs catch up. A seeded fraction of successful
//! application answers gets undocumented members at a few depths and undocumented enum values
//! (a scope level, an i18n key, where the answer has a scope and an i18n entry); the answer is
//! otherwise left as it was, so it still conforms to the spec apart from the drift.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::header::CONTENT_LENGTH;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use crate::error_answer::ErrorAnswer;
use crate::state::AppState;

/// The header naming, comma-separated, the RFC 6901 pointers of what the drift fault added to
/// an answer. Real Feishu never sends it: it tells a test exactly what to expect.
pub const DRIFT_HEADER: &str = "x-fake-drift";
/// The undocumented scope level the drift fault writes (documented: 0 to 3).
pub const DRIFT_SCOPE_LEVEL: i64 = 9;
/// The undocumented i18n key the drift fault writes (Arabic, which the docs do not list).
pub const DRIFT_I18N_KEY: &str = "ar_sa";

/// Middleware: runs the handler, then adds drift to a seeded fraction of its `200` answers.
pub(crate) async fn inject(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let rate = state.config().faults.drift_rate;
    if rate <= 0.0 {
        return next.run(request).await;
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let Some(pick) = state.faults().drift_pick(rate) else {
        return response;
    };
    let (mut parts, body) = response.into_parts();
    let bytes = match to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(error) => {
            return ErrorAnswer::http(StatusCode::INTERNAL_SERVER_ERROR, error.to_string())
                .into_response();
        }
    };
    let Ok(mut answer) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let added = add(&mut answer, pick);
    let Ok(drifted) = serde_json::to_vec(&answer) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    parts.headers.remove(CONTENT_LENGTH);
    if let Ok(value) = HeaderValue::from_str(&added.join(",")) {
        parts.headers.insert(DRIFT_HEADER, value);
    }
    Response::from_parts(parts, Body::from(drifted))
}

/// Adds drift to an answer (`{code, msg, data}`), `pick` choosing the listed app that gets
/// it; returns the pointers of what it added.
fn add(answer: &mut Value, pick: u64) -> Vec<String> {
    let mut added = Vec::new();
    let Some(root) = answer.as_object_mut() else {
        return added;
    };
    insert(root, "", "undocumented_root", json!("drift"), &mut added);
    let Some(data) = root.get_mut("data").and_then(Value::as_object_mut) else {
        return added;
    };
    insert(data, "/data", "undocumented_data", json!(true), &mut added);
    let (target, pointer) = if let Some(version) = data.get_mut("app_version") {
        (version, "/data/app_version".to_owned())
    } else if let Some(Value::Array(items)) = data.get_mut("items")
        && !items.is_empty()
    {
        let index = usize::try_from(pick % items.len() as u64).unwrap_or(0);
        (&mut items[index], format!("/data/items/{index}"))
    } else {
        return added;
    };
    if let Some(app) = target.as_object_mut() {
        add_to_app(app, &pointer, &mut added);
    }
    added
}

/// Drift in one app or version: a member, and in its first scope and i18n entry an
/// undocumented level / key (the scope also gets a member, one level deeper).
fn add_to_app(app: &mut Map<String, Value>, pointer: &str, added: &mut Vec<String>) {
    insert(app, pointer, "undocumented_app", json!(1), added);
    if let Some(scope) = first_object(app, "scopes") {
        let at = format!("{pointer}/scopes/0");
        insert(scope, &at, "level", json!(DRIFT_SCOPE_LEVEL), added);
        insert(
            scope,
            &at,
            "undocumented_scope",
            json!({"kind": "new"}),
            added,
        );
    }
    if let Some(i18n) = first_object(app, "i18n") {
        let at = format!("{pointer}/i18n/0");
        insert(i18n, &at, "i18n_key", json!(DRIFT_I18N_KEY), added);
    }
}

fn first_object<'a>(
    app: &'a mut Map<String, Value>,
    key: &str,
) -> Option<&'a mut Map<String, Value>> {
    app.get_mut(key)?
        .as_array_mut()?
        .first_mut()?
        .as_object_mut()
}

fn insert(
    object: &mut Map<String, Value>,
    pointer: &str,
    key: &str,
    value: Value,
    added: &mut Vec<String>,
) {
    object.insert(key.to_owned(), value);
    added.push(format!("{pointer}/{key}"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_gets_drift_in_the_picked_app_and_its_first_scope_and_i18n_entry() {
        let mut answer = json!({"code": 0, "msg": "success", "data": {"items": [
            {"app_id": "a"},
            {"app_id": "b", "scopes": [{"level": 1}], "i18n": [{"i18n_key": "zh_cn"}]}
        ]}});
        let added = add(&mut answer, 3);
        assert_eq!(
            added,
            [
                "/undocumented_root",
                "/data/undocumented_data",
                "/data/items/1/undocumented_app",
                "/data/items/1/scopes/0/level",
                "/data/items/1/scopes/0/undocumented_scope",
                "/data/items/1/i18n/0/i18n_key",
            ]
        );
        for pointer in &added {
            assert!(answer.pointer(pointer).is_some(), "{pointer}");
        }
        assert_eq!(answer["data"]["items"][0], json!({"app_id": "a"}));
    }

    #[test]
    fn a_version_without_scopes_gets_members_only() {
        let mut answer = json!({"code": 0, "data": {"app_version": {"version_id": "v"}}});
        assert_eq!(
            add(&mut answer, 0),
            [
                "/undocumented_root",
                "/data/undocumented_data",
                "/data/app_version/undocumented_app"
            ]
        );
    }

    #[test]
    fn an_empty_listing_gets_the_outer_members() {
        let mut answer = json!({"code": 0, "data": {"items": []}});
        assert_eq!(
            add(&mut answer, 0),
            ["/undocumented_root", "/data/undocumented_data"]
        );
    }
}
