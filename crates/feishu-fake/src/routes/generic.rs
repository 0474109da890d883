//! Every operation of the spec without a stateful handler, routed from the spec: a request
//! no route took is looked up in [`crate::Spec`], checked (token, parameters, body) and
//! answered with its operation's `200` example. Unknown paths get 404, unknown methods 405,
//! both in Feishu's envelope and without faults.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::header::ALLOW;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, any};
use axum::{Extension, Json};
use serde_json::Value;

use crate::drift;
use crate::error_answer::ErrorAnswer;
use crate::extract::{Caller, Params, json_object};
use crate::spec::{Location, Lookup, Operation, substitute};
use crate::state::AppState;

use super::faults;

/// What a request that matches no spec operation gets.
#[derive(Clone, Copy, Debug)]
pub(super) enum Miss {
    /// 404: no route took the path.
    NotFound,
    /// 405: a stateful route took the path but not the method.
    MethodNotAllowed,
}

/// The handler of every spec operation without a stateful one, behind the same fault and
/// drift layers as the application routes; the lookup runs first, so a request that matches
/// no operation gets `miss` and never a fault.
pub(super) fn handler(state: &AppState, miss: Miss) -> MethodRouter<AppState> {
    any(answer)
        .layer(middleware::from_fn_with_state(state.clone(), drift::inject))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            faults::inject,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            super::count_operation,
        ))
        .layer(middleware::from_fn_with_state(
            (state.clone(), miss),
            lookup,
        ))
}

/// The operationId the lookup matched, once it ran.
pub(super) fn operation_id(request: &Request) -> Option<String> {
    let matched = request.extensions().get::<Matched>()?;
    Some(matched.operation.id.clone())
}

/// The operation a request matched and its path parameters (name, decoded value).
#[derive(Clone)]
struct Matched {
    operation: std::sync::Arc<Operation>,
    path: Vec<(String, String)>,
}

async fn lookup(
    State((state, miss)): State<(AppState, Miss)>,
    mut request: Request,
    next: Next,
) -> Response {
    match state.spec().find(request.method(), request.uri().path()) {
        Lookup::Found(operation, path) => {
            request.extensions_mut().insert(Matched { operation, path });
            next.run(request).await
        }
        Lookup::MethodNotAllowed(allow) => {
            let mut response = method_not_allowed().into_response();
            // axum fills in `Allow` only from its own routes; the spec may document more.
            if let Ok(allow) = HeaderValue::from_str(&allow) {
                response.headers_mut().insert(ALLOW, allow);
            }
            response
        }
        Lookup::NotFound => match miss {
            Miss::NotFound => not_found().into_response(),
            Miss::MethodNotAllowed => method_not_allowed().into_response(),
        },
        Lookup::BadPath(why) => ErrorAnswer::field(why).into_response(),
    }
}

fn not_found() -> ErrorAnswer {
    ErrorAnswer::http(StatusCode::NOT_FOUND, "404 page not found")
}

fn method_not_allowed() -> ErrorAnswer {
    ErrorAnswer::http(StatusCode::METHOD_NOT_ALLOWED, "method not allowed")
}

async fn answer(
    State(state): State<AppState>,
    Extension(matched): Extension<Matched>,
    request: Request,
) -> Result<Response, ErrorAnswer> {
    let operation = &matched.operation;
    let (mut parts, body) = request.into_parts();
    if operation.secured {
        Caller::from_request_parts(&mut parts, &state).await?;
    }
    check_parameters(operation, &matched.path, &mut parts).await?;
    if let Some(documented) = &operation.body {
        let headers = parts.headers.clone();
        let body = Bytes::from_request(Request::from_parts(parts, body), &state).await;
        let empty = body
            .as_ref()
            .is_ok_and(|b| b.iter().all(u8::is_ascii_whitespace));
        if documented.required || !empty {
            let body = Value::Object(json_object(&headers, body)?);
            documented.check(&body).map_err(ErrorAnswer::field)?;
        }
    }
    let example = operation.example.as_ref().map_err(|why| {
        ErrorAnswer::http(
            StatusCode::NOT_IMPLEMENTED,
            format!("the fake has no answer for {why}; add a 200 JSON example to the spec"),
        )
    })?;
    let replacements: Vec<(&str, &str)> = operation
        .parameters
        .iter()
        .filter(|p| p.location == Location::Path)
        .filter_map(|p| {
            let requested = matched.path.iter().find(|(name, _)| *name == p.name)?;
            Some((p.example.as_deref()?, requested.1.as_str()))
        })
        .collect();
    Ok(Json(substitute(example, &replacements)).into_response())
}

/// Checks the path, query and header parameters the operation documents: each required one
/// is there, each one there fits its schema. Cookies are not looked at.
async fn check_parameters(
    operation: &Operation,
    path: &[(String, String)],
    parts: &mut Parts,
) -> Result<(), ErrorAnswer> {
    let query = Params::from_request_parts(parts, &()).await?;
    for parameter in &operation.parameters {
        let name = parameter.name.as_str();
        let value = match parameter.location {
            Location::Path => path
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str()),
            Location::Query => query.one(name)?,
            Location::Header => header(&parts.headers, name)?,
            Location::Cookie => continue,
        };
        match value {
            None | Some("") if parameter.required => {
                return Err(ErrorAnswer::field(format!("{name} is required")));
            }
            None => {}
            Some(value) => parameter
                .check
                .check(name, value)
                .map_err(ErrorAnswer::field)?,
        }
    }
    Ok(())
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Result<Option<&'a str>, ErrorAnswer> {
    headers
        .get(name)
        .map(|value| {
            value
                .to_str()
                .map_err(|_| ErrorAnswer::field(format!("header {name} is not visible ASCII")))
        })
        .transpose()
}
