//! Valid answer bodies of every operation, built from the fake's seeded tenant, and the
//! generated type that decodes each.

use feishu_application::drift::{DriftKind, DriftWalk};
use feishu_application::types::{
    ErrorResponse, GetAppVersionResponse, ListUnderAuditAppsResponse, PatchAppVersionResponse,
    TenantAccessTokenResponse,
};
use std::sync::LazyLock;

use feishu_validate::Validator;
use proptest::test_runner::TestCaseError;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// One documented answer: operation, status, a valid body, and its decoder.
pub(crate) struct Body {
    pub(crate) operation: &'static str,
    pub(crate) status: u16,
    pub(crate) value: Value,
    /// Decodes into the generated type and re-encodes; `Err` with serde's message.
    roundtrip: fn(&Value) -> Result<Value, String>,
    /// Decodes into the generated type and lists its drift by the client's generated walk.
    drift: fn(&Value) -> Result<Vec<Found>, String>,
}

/// One drift found: its pointer and kind.
pub(crate) type Found = (String, DriftKind);

fn drift_of<T: DeserializeOwned + DriftWalk>(value: &Value) -> Result<Vec<Found>, String> {
    let decoded: T = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    Ok(decoded
        .drift()
        .into_iter()
        .map(|found| (found.pointer, found.kind))
        .collect())
}

fn roundtrip<T: DeserializeOwned + Serialize>(value: &Value) -> Result<Value, String> {
    let decoded: T = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    serde_json::to_value(decoded).map_err(|e| e.to_string())
}

impl Body {
    /// Every operation's success answer and an error answer (built once).
    pub(crate) fn all() -> &'static [Body] {
        static ALL: LazyLock<Vec<Body>> = LazyLock::new(Body::build);
        &ALL
    }

    fn build() -> Vec<Body> {
        let tenant = feishu_fake::seed::generate(feishu_fake::DEFAULT_SEED);
        let apps: Vec<_> = tenant.apps.iter().take(3).map(|a| &a.application).collect();
        let version = tenant
            .apps
            .iter()
            .flat_map(|a| &a.versions)
            .max_by_key(|v| serde_json::to_string(v).map(|s| s.len()).unwrap_or(0))
            .expect("the seeded tenant has versions");
        let error = json!({"code": 99992402, "msg": "field validation failed",
            "error": {"log_id": "20250101000000ABCDEF", "troubleshooter": "https://x"}});
        vec![
            Body {
                operation: "list_under_audit_apps",
                status: 200,
                value: json!({"code": 0, "msg": "success",
                    "data": {"items": apps, "has_more": true, "page_token": "pt"}}),
                roundtrip: roundtrip::<ListUnderAuditAppsResponse>,
                drift: drift_of::<ListUnderAuditAppsResponse>,
            },
            Body {
                operation: "get_app_version",
                status: 200,
                value: json!({"code": 0, "msg": "success", "data": {"app_version": version}}),
                roundtrip: roundtrip::<GetAppVersionResponse>,
                drift: drift_of::<GetAppVersionResponse>,
            },
            Body {
                operation: "patch_app_version",
                status: 200,
                value: json!({"code": 0, "msg": "success", "data": {}}),
                roundtrip: roundtrip::<PatchAppVersionResponse>,
                drift: drift_of::<PatchAppVersionResponse>,
            },
            Body {
                operation: "get_tenant_access_token",
                status: 200,
                value: json!({"code": 0, "msg": "ok", "tenant_access_token": "t-x", "expire": 7200}),
                roundtrip: roundtrip::<TenantAccessTokenResponse>,
                drift: drift_of::<TenantAccessTokenResponse>,
            },
            Body {
                operation: "list_under_audit_apps",
                status: 400,
                value: error,
                roundtrip: roundtrip::<ErrorResponse>,
                drift: drift_of::<ErrorResponse>,
            },
        ]
    }

    /// Decodes (and re-encodes) `value` with the generated type.
    pub(crate) fn decode(&self, value: &Value) -> Result<Value, String> {
        (self.roundtrip)(value)
    }

    /// The drift the client's generated walk finds in `value`, sorted.
    pub(crate) fn client_drift(&self, value: &Value) -> Result<Vec<Found>, String> {
        let mut drift = (self.drift)(value)?;
        drift.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(drift)
    }

    /// Decodes raw bytes with the generated type.
    pub(crate) fn decode_bytes(&self, bytes: &[u8]) -> Result<Value, String> {
        let value: Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        self.decode(&value)
    }
}

/// A body the validator calls valid decodes; a body that decodes re-encodes into a valid one.
pub(crate) fn assert_agree(body: &Body, mutated: &Value) -> Result<(), TestCaseError> {
    let validator = Validator::workspace();
    let report = validator
        .validate_value(body.operation, body.status, mutated)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let decoded = body.decode(mutated);
    if report.is_valid()
        && let Err(error) = &decoded
    {
        return Err(TestCaseError::fail(format!(
            "{} {}: the validator accepts a body the types refuse ({error}):\n{mutated}",
            body.operation, body.status
        )));
    }
    if let Ok(reencoded) = &decoded {
        let again = validator
            .validate_value(body.operation, body.status, reencoded)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        if !again.is_valid() {
            return Err(TestCaseError::fail(format!(
                "{} {}: the types decode a body whose re-encoding breaks the spec: {:?}\nbody: {mutated}\nre-encoded: {reencoded}",
                body.operation, body.status, again.violations
            )));
        }
    }
    Ok(())
}
