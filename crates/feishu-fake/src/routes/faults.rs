//! Fault injection for the application endpoints: latency, a rate limit, server errors, and
//! operations that always fail.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use feishu_application::error_codes::ErrorCode;

use crate::error_answer::ErrorAnswer;
use crate::state::AppState;

/// Middleware: applies the configured faults, then runs the handler.
pub(crate) async fn inject(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let faults = &state.config().faults;
    if !faults.latency.is_zero() {
        tokio::time::sleep(faults.latency).await;
    }
    if let Some(limit) = faults.rate_limit {
        let now = state.clock().now();
        let taken = state.faults().take(limit.limit, limit.window, now);
        if let Err(reset) = taken {
            return ErrorAnswer::rate_limited(limit.limit, reset).into_response();
        }
    }
    if let Some(operation) = super::operation_of(&request)
        && faults.fail_routes.contains(&operation)
    {
        return ErrorAnswer::documented(ErrorCode::InternalError)
            .with_detail(format!("injected fault: {operation} fails"))
            .into_response();
    }
    if faults.server_error_rate > 0.0 && state.faults().roll(faults.server_error_rate) {
        return ErrorAnswer::documented(ErrorCode::InternalError)
            .with_detail("injected fault")
            .into_response();
    }
    next.run(request).await
}
