//! Request parsing shared by the routes: the bearer token, query parameters, JSON bodies.
//! Every failure is an [`ErrorAnswer`] that names what was wrong.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequestParts, Query};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderMap, request::Parts};
use feishu_application::error_codes::ErrorCode;
use feishu_application::types::{Lang, UserIdType};
use serde_json::{Map, Value};

use crate::error_answer::ErrorAnswer;
use crate::state::AppState;
use crate::tokens::TokenProblem;

/// The app whose live tenant access token the request carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Caller(pub String);

impl FromRequestParts<AppState> for Caller {
    type Rejection = ErrorAnswer;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ErrorAnswer> {
        let Some(value) = parts.headers.get(AUTHORIZATION) else {
            return Err(ErrorAnswer::documented(ErrorCode::TenantAccessTokenInvalid).with_detail(
                "missing Authorization header; send `Authorization: Bearer <tenant_access_token>`",
            ));
        };
        let malformed = || {
            ErrorAnswer::documented(ErrorCode::TenantAccessTokenMalformed)
                .with_detail("Authorization must be `Bearer t-…`")
        };
        let value = value.to_str().map_err(|_| malformed())?;
        let (scheme, token) = value.trim().split_once(' ').ok_or_else(malformed)?;
        let token = token.trim();
        if !scheme.eq_ignore_ascii_case("bearer") || !token.starts_with("t-") {
            return Err(malformed());
        }
        let now = state.clock().now();
        let checked = state.tokens().check(token, now);
        match checked {
            Ok(app_id) => Ok(Self(app_id)),
            Err(TokenProblem::Unknown) => {
                Err(ErrorAnswer::documented(ErrorCode::TenantAccessTokenInvalid)
                    .with_detail("the tenant_access_token was not issued by this server"))
            }
            Err(TokenProblem::Expired) => Err(ErrorAnswer::documented(
                ErrorCode::TenantAccessTokenInvalidAlt,
            )
            .with_detail("the tenant_access_token has expired; fetch a new one")),
        }
    }
}

/// The query parameters, in order, duplicates kept (so they can be refused).
#[derive(Clone, Debug, Default)]
pub(crate) struct Params(Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ErrorAnswer;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ErrorAnswer> {
        Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
            .map(|Query(pairs)| Self(pairs))
            .map_err(|e| ErrorAnswer::field(format!("the query string is not valid: {e}")))
    }
}

impl Params {
    /// The value of a parameter given at most once.
    pub(crate) fn one(&self, name: &str) -> Result<Option<&str>, ErrorAnswer> {
        let mut values = self.0.iter().filter(|(k, _)| k == name);
        let first = values.next().map(|(_, v)| v.as_str());
        if values.next().is_some() {
            return Err(ErrorAnswer::field(format!("{name} must be given once")));
        }
        Ok(first)
    }

    /// The value of a required, non-empty parameter.
    pub(crate) fn required(&self, name: &str) -> Result<&str, ErrorAnswer> {
        match self.one(name)? {
            Some(value) if !value.is_empty() => Ok(value),
            _ => Err(ErrorAnswer::field(format!("{name} is required"))),
        }
    }

    /// `lang`, required.
    pub(crate) fn lang(&self) -> Result<Lang, ErrorAnswer> {
        let raw = self.required("lang")?;
        Lang::from_value(raw).ok_or_else(|| {
            ErrorAnswer::field(format!("lang {raw:?} is not one of {}", Lang::EXPECTED))
        })
    }

    /// `user_id_type`; `open_id` when absent and not `required`.
    pub(crate) fn user_id_type(&self, required: bool) -> Result<UserIdType, ErrorAnswer> {
        let raw = if required {
            self.required("user_id_type")?
        } else {
            match self.one("user_id_type")? {
                None => return Ok(UserIdType::OpenId),
                Some(raw) => raw,
            }
        };
        UserIdType::from_value(raw).ok_or_else(|| {
            ErrorAnswer::field(format!(
                "user_id_type {raw:?} is not one of {}",
                UserIdType::EXPECTED
            ))
        })
    }
}

/// The request body as a JSON object.
pub(crate) fn json_object(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Map<String, Value>, ErrorAnswer> {
    if let Some(content_type) = headers.get(CONTENT_TYPE) {
        let ok = content_type.to_str().is_ok_and(|c| {
            c.trim()
                .to_ascii_lowercase()
                .starts_with("application/json")
        });
        if !ok {
            return Err(ErrorAnswer::field("Content-Type must be application/json"));
        }
    }
    let body = body.map_err(|e| {
        ErrorAnswer::field(format!("request body could not be read: {}", e.body_text()))
    })?;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ErrorAnswer::field("request body is required"));
    }
    match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(ErrorAnswer::field("request body must be a JSON object")),
        Err(e) => Err(ErrorAnswer::field(format!(
            "request body is not valid JSON: {e}"
        ))),
    }
}

/// A string member of a body object, required.
pub(crate) fn string_member<'a>(
    body: &'a Map<String, Value>,
    name: &str,
) -> Result<&'a str, ErrorAnswer> {
    match body.get(name) {
        None | Some(Value::Null) => Err(ErrorAnswer::field(format!("{name} is required"))),
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(ErrorAnswer::field(format!(
            "{name} must be a string, not {}",
            kind(other)
        ))),
    }
}

/// The JSON kind of a value, for messages.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
