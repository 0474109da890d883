//! The `{code, msg, error}` envelope every Feishu answer shares.

use crate::types::{
    ErrorDetail, ErrorResponse, GetAppVersionResponse, GetContactsRangeSuggestResponse,
    ListContactsRangeConfigurationResponse, ListUnderAuditAppsResponse, PatchAppVersionResponse,
    TenantAccessTokenResponse,
};

/// Read access to the envelope of an answer, success or error.
pub(crate) trait Envelope {
    fn code(&self) -> i64;
    fn msg(&self) -> &str;
    fn error(&self) -> Option<&ErrorDetail>;
}

/// The answers that carry an optional `error` object beside `code` and `msg`.
macro_rules! envelope_with_error {
    ($($answer:ty),* $(,)?) => {$(
        impl Envelope for $answer {
            fn code(&self) -> i64 {
                self.code
            }
            fn msg(&self) -> &str {
                &self.msg
            }
            fn error(&self) -> Option<&ErrorDetail> {
                self.error.as_ref()
            }
        }
    )*};
}

envelope_with_error!(
    ErrorResponse,
    ListUnderAuditAppsResponse,
    GetAppVersionResponse,
    PatchAppVersionResponse,
    GetContactsRangeSuggestResponse,
    ListContactsRangeConfigurationResponse,
);

/// The token endpoint's answer has no `error` object in the docs.
impl Envelope for TenantAccessTokenResponse {
    fn code(&self) -> i64 {
        self.code
    }
    fn msg(&self) -> &str {
        &self.msg
    }
    fn error(&self) -> Option<&ErrorDetail> {
        None
    }
}
