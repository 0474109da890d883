//! The one error type of the handlers: it renders Feishu's error envelope
//! (`{"code","msg","error":{"log_id","troubleshooter","message"}}`) with `X-Tt-Logid`.

use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use feishu_application::error_codes::ErrorCode;
use feishu_application::headers;
use feishu_application::types::{ErrorDetail, ErrorResponse};

use crate::logid;

/// An answer in Feishu's error envelope.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorAnswer {
    status: StatusCode,
    code: i64,
    msg: String,
    detail: Option<String>,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl ErrorAnswer {
    /// A documented error code, with its documented HTTP status and message.
    pub fn documented(code: ErrorCode) -> Self {
        let doc = code.doc();
        Self {
            status: StatusCode::from_u16(doc.map_or(400, |d| d.http_status))
                .unwrap_or(StatusCode::BAD_REQUEST),
            code: code.code(),
            msg: doc.map_or("error", |d| d.message).to_owned(),
            detail: None,
            headers: Vec::new(),
        }
    }

    /// Code 99992402 (field validation failed), HTTP 400, naming what was wrong.
    pub fn field(detail: impl Into<String>) -> Self {
        Self::documented(ErrorCode::FieldValidationFailed).with_detail(detail)
    }

    /// HTTP 429 / code 99991400 with the `x-ogw-ratelimit-*` headers.
    pub fn rate_limited(limit: u32, reset_secs: u64) -> Self {
        let mut error = Self::documented(ErrorCode::RateLimited);
        error.headers.push((
            HeaderName::from_static(headers::RATE_LIMIT_LIMIT),
            HeaderValue::from(limit),
        ));
        error.headers.push((
            HeaderName::from_static(headers::RATE_LIMIT_RESET),
            HeaderValue::from(reset_secs),
        ));
        error
    }

    /// An error that is not a Feishu code (unknown path, wrong method): `code` mirrors the status.
    pub fn http(status: StatusCode, msg: impl Into<String>) -> Self {
        Self {
            status,
            code: i64::from(status.as_u16()),
            msg: msg.into(),
            detail: None,
            headers: Vec::new(),
        }
    }

    /// Adds a precise explanation: appended to `msg` and sent as `error.message`.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        let detail = detail.into();
        self.msg = format!("{}: {detail}", self.msg);
        self.detail = Some(detail);
        self
    }

    /// The Feishu code.
    pub fn code(&self) -> i64 {
        self.code
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The `msg` sent.
    pub fn msg(&self) -> &str {
        &self.msg
    }
}

impl ErrorAnswer {
    /// The envelope with `log_id`.
    fn body(self, log_id: &str) -> ErrorResponse {
        let mut error = ErrorDetail::default()
            .with_troubleshooter(logid::troubleshooter(log_id))
            .with_log_id(log_id);
        error.message = self.detail;
        ErrorResponse::default()
            .with_code(self.code)
            .with_msg(self.msg)
            .with_error(error)
    }

    /// The whole answer as HTTP/1.1 bytes, for a connection no handler serves; it asks the
    /// client to close the connection.
    pub(crate) fn into_http1(self) -> Vec<u8> {
        let log_id = logid::next();
        let status = self.status;
        let mut head = format!("HTTP/1.1 {status}\r\ncontent-type: application/json\r\n");
        for (name, value) in &self.headers {
            if let Ok(value) = value.to_str() {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
        }
        let body = serde_json::to_vec(&self.body(&log_id)).unwrap_or_default();
        head.push_str(&format!(
            "{}: {log_id}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
            headers::LOG_ID,
            body.len()
        ));
        [head.into_bytes(), body].concat()
    }
}

impl IntoResponse for ErrorAnswer {
    fn into_response(mut self) -> Response {
        let log_id = logid::next();
        let status = self.status;
        let extra_headers = std::mem::take(&mut self.headers);
        let mut response = (status, axum::Json(self.body(&log_id))).into_response();
        let answer_headers = response.headers_mut();
        if let Ok(value) = HeaderValue::from_str(&log_id) {
            answer_headers.insert(headers::LOG_ID, value);
        }
        for (name, value) in extra_headers {
            answer_headers.insert(name, value);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_codes_take_the_documented_status() {
        let e = ErrorAnswer::documented(ErrorCode::PageSizeOutOfRange);
        assert_eq!(e.status(), StatusCode::BAD_REQUEST);
        assert_eq!(e.code(), 210502);
        assert!(e.msg().contains("page_size"));
        assert_eq!(
            ErrorAnswer::documented(ErrorCode::RateLimited).status(),
            StatusCode::TOO_MANY_REQUESTS
        );
        assert_eq!(
            ErrorAnswer::documented(ErrorCode::InternalError).status(),
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }

    #[test]
    fn field_errors_name_the_field() {
        let e = ErrorAnswer::field("lang is required");
        assert_eq!(e.code(), 99992402);
        assert_eq!(e.msg(), "field validation failed: lang is required");
    }
}
