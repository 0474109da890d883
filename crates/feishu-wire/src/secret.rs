//! Which members hold secrets, and what replaces them wherever a body is shown or kept:
//! error excerpts, URLs, logs, findings and the proxy's recordings.
//!
//! One rule for every crate: a member is secret when its name (any case) contains `secret` or
//! `password`, or ends in `token` (`tenant_access_token`, `access_token`, `refresh_token`),
//! except `page_token`, which is a cursor. `token_types` is a list of token kinds, not a token.

use serde_json::Value;

pub use crate::secret_text::RedactedText;

/// What a secret value is replaced with, everywhere.
pub const REDACTED: &str = "[redacted]";

/// Whether a member (or query parameter) named `name` holds a secret.
///
/// ```
/// use feishu_wire::secret::is_secret_name;
/// assert!(is_secret_name("app_secret"));
/// assert!(is_secret_name("Tenant_Access_Token"));
/// assert!(is_secret_name("admin_password"));
/// assert!(!is_secret_name("page_token"));
/// assert!(!is_secret_name("token_types"));
/// ```
#[must_use]
pub fn is_secret_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.contains("secret")
        || name.contains("password")
        || (name.ends_with("token") && name != "page_token")
}

/// Whether the last member of the JSON pointer `pointer` holds a secret.
#[must_use]
pub fn is_secret_pointer(pointer: &str) -> bool {
    pointer.rsplit('/').next().is_some_and(is_secret_name)
}

/// Replaces the value of every secret member, at any depth and of any type (a number, an
/// object), with the string [`REDACTED`]; true when one was replaced.
///
/// ```
/// let mut body = serde_json::json!({"app_secret": 1234, "data": [{"access_token": "u-1"}]});
/// assert!(feishu_wire::secret::redact_value(&mut body));
/// assert_eq!(body, serde_json::json!({"app_secret": "[redacted]",
///                                     "data": [{"access_token": "[redacted]"}]}));
/// ```
pub fn redact_value(value: &mut Value) -> bool {
    match value {
        Value::Object(members) => {
            let mut any = false;
            for (name, member) in members.iter_mut() {
                if is_secret_name(name) {
                    *member = Value::String(REDACTED.to_owned());
                    any = true;
                } else {
                    any |= redact_value(member);
                }
            }
            any
        }
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |any, item| redact_value(item) | any),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_rule_names_secrets_passwords_and_tokens_but_not_cursors_or_kinds() {
        for secret in [
            "app_secret",
            "SECRET",
            "password",
            "user_password_hash",
            "access_token",
            "tenant_access_token",
            "refresh_token",
            "token",
        ] {
            assert!(is_secret_name(secret), "{secret}");
        }
        for plain in ["page_token", "token_types", "tokenizer", "name", "has_more"] {
            assert!(!is_secret_name(plain), "{plain}");
        }
    }

    #[test]
    fn values_of_every_type_are_redacted_and_plain_bodies_are_left_alone() {
        let mut value = json!({"code": 0, "tenant_access_token": "t-1", "expire": 7200,
            "data": {"items": [{"app_secret": 12345678, "name": "kept",
                                "password": {"nested": true}}], "page_token": "p"}});
        assert!(redact_value(&mut value));
        assert_eq!(value["tenant_access_token"], REDACTED);
        assert_eq!(value["data"]["items"][0]["app_secret"], REDACTED);
        assert_eq!(value["data"]["items"][0]["password"], REDACTED);
        assert_eq!(value["data"]["items"][0]["name"], "kept");
        assert_eq!(value["data"]["page_token"], "p");
        assert_eq!(value["expire"], 7200);
        assert!(!redact_value(&mut json!({"code": 0, "msg": "ok"})));
    }

    #[test]
    fn a_pointer_is_secret_by_its_last_member() {
        assert!(is_secret_pointer("/data/app_secret"));
        assert!(!is_secret_pointer("/data/page_token"));
        assert!(!is_secret_pointer(""));
    }
}
