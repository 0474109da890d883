//! The HTTP surface: one router per resource, merged into [`app`].

mod apps;
mod contacts_range;
mod faults;
mod generic;
mod token;
mod versions;

use axum::Router;
use axum::extract::{MatchedPath, Request};
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use feishu_application::headers;
use feishu_application::spec_facts::ROUTES;

use crate::drift;
use crate::logid;
use crate::state::AppState;

/// The fake's whole HTTP API over `state`.
///
/// The stateful routes come first; every other operation of the spec is routed from the
/// spec by the fallbacks ([`generic`]), so a new operation needs no code here. Faults (when
/// configured) apply to the application endpoints and the spec's other operations, not to
/// the token endpoint, so a client can always get a token. Every answer carries
/// `X-Tt-Logid`; unknown paths and methods get the error envelope too.
pub fn app(state: AppState) -> Router {
    let application = apps::router()
        .merge(versions::router())
        .merge(contacts_range::router())
        .route_layer(middleware::from_fn_with_state(state.clone(), drift::inject))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            faults::inject,
        ))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            count_operation,
        ));
    Router::new()
        .merge(token::router())
        .merge(application)
        .fallback(generic::handler(&state, generic::Miss::NotFound))
        .method_not_allowed_fallback(generic::handler(&state, generic::Miss::MethodNotAllowed))
        .layer(middleware::from_fn(log_id))
        .layer(middleware::from_fn_with_state(state.clone(), count_request))
        .with_state(state)
}

/// Counts the request as begun as soon as its head is in, before its body is read.
async fn count_request(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    state.begin_request();
    next.run(request).await
}

/// The operationId of a request: a stateful route's path template and method looked up in
/// the spec's route table (the fake's routes are written as the spec's templates), or the
/// operation the spec-routed fallback matched ([`generic`]).
pub(crate) fn operation_of(request: &Request) -> Option<String> {
    if let Some(template) = request.extensions().get::<MatchedPath>() {
        let method = request.method().as_str();
        return ROUTES
            .iter()
            .find(|(m, path, _)| *m == method && *path == template.as_str())
            .map(|(_, _, operation)| (*operation).to_owned());
    }
    generic::operation_id(request)
}

/// Counts a request under its operation (see [`AppState::operation_requests`]).
async fn count_operation(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if let Some(operation) = operation_of(&request) {
        state.count_operation(operation, request.uri().path());
    }
    next.run(request).await
}

/// Adds `X-Tt-Logid` to answers that do not have one yet (errors set their own).
async fn log_id(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if !response.headers().contains_key(headers::LOG_ID)
        && let Ok(value) = HeaderValue::from_str(&logid::next())
    {
        response.headers_mut().insert(headers::LOG_ID, value);
    }
    response.into_response()
}
