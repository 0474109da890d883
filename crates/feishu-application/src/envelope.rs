//! The `{code, msg, error}` envelope every Feishu answer shares.

use crate::types::{
    ErrorDetail, ErrorResponse, GetAppVersionResponse, ListUnderAuditAppsResponse,
    PatchAppVersionResponse, TenantAccessTokenResponse,
};

/// Read access to the envelope of an answer, success or error.
pub(crate) trait Envelope {
    fn code(&self) -> i64;
    fn msg(&self) -> &str;
    fn error(&self) -> Option<&ErrorDetail>;
}

macro_rules! envelope {
    ($($answer:ty => $error:expr),* $(,)?) => {$(
        impl Envelope for $answer {
            fn code(&self) -> i64 {
                self.code
            }
            fn msg(&self) -> &str {
                &self.msg
            }
            fn error(&self) -> Option<&ErrorDetail> {
                let detail: fn(&Self) -> Option<&ErrorDetail> = $error;
                detail(self)
            }
        }
    )*};
}

envelope! {
    ErrorResponse => |answer| answer.error.as_ref(),
    ListUnderAuditAppsResponse => |answer| answer.error.as_ref(),
    GetAppVersionResponse => |answer| answer.error.as_ref(),
    PatchAppVersionResponse => |answer| answer.error.as_ref(),
    TenantAccessTokenResponse => |_| None,
}
