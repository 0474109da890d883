//! A consumer of `feishu-application`, written as a team that reviews apps would write one:
//! it builds response values for its tests through the supported route (`Default` + `with_*`
//! setters, or clone and assign), matches open enums with a `_` arm, and sends requests with
//! documented values only. `xtask/tests/api_diff.rs` builds it against a client regenerated
//! from an edited spec: a minor change must never break it.

use feishu_application::error_codes::ErrorCode;
use feishu_application::types::{
    AppScope, AppVersion, Application, CreateSource, GetAppVersionResponse, PatchVersionStatus,
    ScopeLevel, VersionStatus,
};

/// What a reviewer thinks of one scope level.
pub fn level_words(level: Option<&ScopeLevel>) -> &'static str {
    match level {
        Some(ScopeLevel::Normal) => "normal",
        Some(ScopeLevel::Advanced) => "advanced",
        Some(ScopeLevel::SuperSensitive) => "super-sensitive",
        Some(ScopeLevel::Undocumented(_)) => "undocumented",
        // `Unknown`, and levels the docs add in a later minor release.
        _ => "unknown",
    }
}

/// Whether a version waits for review.
pub fn is_pending(version: &AppVersion) -> bool {
    matches!(version.status, Some(VersionStatus::UnderReview))
}

/// Where an app comes from, in words.
pub fn source_words(app: &Application) -> String {
    match &app.create_source {
        Some(CreateSource::DeveloperConsole) => "developer console".to_owned(),
        Some(CreateSource::Base) => "Base".to_owned(),
        Some(other) => other.value().to_owned(),
        None => "not said".to_owned(),
    }
}

/// What to do about an error code.
pub fn retry_later(code: i64) -> bool {
    match ErrorCode::from_code(code) {
        Some(ErrorCode::RateLimited | ErrorCode::InternalError) => true,
        Some(_) | None => false,
    }
}

/// The decision a reviewer sends: request enums are closed, so naming a value is enough.
pub fn approve() -> PatchVersionStatus {
    PatchVersionStatus::Approved
}

/// A version as a test of the consumer builds it.
pub fn sample_version() -> AppVersion {
    AppVersion::default()
        .with_app_id("cli_a1b2c3d4e5f60718")
        .with_version_id("oav_1")
        .with_status(VersionStatus::UnderReview)
        .with_scopes([AppScope::default()
            .with_scope("contact:user.base:readonly")
            .with_level(ScopeLevel::Normal)])
}

/// An answer as a test of the consumer builds it: clone a value and assign its fields.
pub fn sample_answer() -> GetAppVersionResponse {
    let mut answer = GetAppVersionResponse::default()
        .with_code(0)
        .with_msg("success");
    let mut data = answer.data.clone().unwrap_or_default();
    data.app_version = Some(sample_version());
    answer.data = Some(data);
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_is_pending_and_normal() {
        let answer = sample_answer();
        let version = answer.data.and_then(|d| d.app_version).unwrap();
        assert!(is_pending(&version));
        assert_eq!(level_words(version.scopes[0].level.as_ref()), "normal");
        assert!(retry_later(99_991_400));
        assert_eq!(approve().value(), 1);
    }
}
