//! The names `docs add` gives: the operationId, component and enum-variant names, and error
//! code names. Each rule is deterministic, so the same page always drafts the same operation.

/// The operationId of `method path`, by one rule:
///
/// * the thing is the path's last segment that is not a `{parameter}`, in snake_case (the one
///   before it when the last only names an action: `list`, `get`, `batch_get`, `query`,
///   `search`, `create`, `update`, `delete`); when the path ends in a parameter, the thing is
///   one of that collection, so a trailing `s` is dropped
///   (`/apps/{app_id}/app_versions/{version_id}` → `app_version`);
/// * the verb is the method's: `list_` for a GET that pages (`paged`), else `get_`; `create_` for
///   POST, `update_` for PUT, `patch_` for PATCH, `delete_` for DELETE.
///
/// ```text
/// GET   /open-apis/application/v6/applications/{app_id}/contacts_range_configuration (paged)
///       → list_contacts_range_configuration
/// PATCH /open-apis/application/v6/applications/{app_id}/app_versions/{version_id}
///       → patch_app_version
/// ```
pub(crate) fn operation_id(method: &str, path: &str, paged: bool) -> String {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let ends_in_parameter = segments.last().is_some_and(|s| is_parameter(s));
    // A last segment that only names an action (`…/app_admin_user/list`) leaves the thing to
    // the segment before it.
    let mut names = segments
        .iter()
        .rev()
        .filter(|segment| !is_parameter(segment));
    let thing = match (names.next(), names.next()) {
        (Some(last), Some(before)) if ACTIONS.contains(last) => snake_case(before),
        (Some(last), _) => snake_case(last),
        (None, _) => String::new(),
    };
    let thing = match thing.strip_suffix('s') {
        Some(one) if ends_in_parameter && !one.is_empty() => one.to_string(),
        _ => thing,
    };
    let verb = match method.to_ascii_uppercase().as_str() {
        "GET" if paged => "list",
        "GET" => "get",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" => "delete",
        other => return format!("{}_{thing}", other.to_ascii_lowercase()),
    };
    format!("{verb}_{thing}")
}

/// Path segments that say what is done, not to what.
const ACTIONS: &[&str] = &[
    "list",
    "get",
    "batch_get",
    "query",
    "search",
    "create",
    "update",
    "delete",
];

fn is_parameter(segment: &str) -> bool {
    segment.starts_with('{') || segment.starts_with(':')
}

/// `contactsRange`, `contacts-range` and `Contacts Range` → `contacts_range`.
pub(crate) fn snake_case(text: &str) -> String {
    let mut out = String::new();
    let mut previous_lower = false;
    for c in text.chars() {
        if c.is_ascii_uppercase() {
            if previous_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            previous_lower = false;
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
            previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        } else {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            previous_lower = false;
        }
    }
    out.trim_end_matches('_').to_string()
}

/// `app_contacts_range`, `application.app_contacts_range` (the last dotted part) and
/// `list_contacts_range_configuration` → `AppContactsRange`, `ListContactsRangeConfiguration`.
/// A name starting with a digit gets a `Value` prefix, so it is always a Rust identifier.
pub(crate) fn pascal_case(text: &str) -> String {
    let last = text.rsplit('.').next().unwrap_or(text);
    let mut out = String::new();
    for word in snake_case(last).split('_').filter(|w| !w.is_empty()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "Value");
    }
    out
}

/// The component a page type names: `application.app_contacts_range` → `AppContactsRange`,
/// `app_scope[]` → `AppScope`; `None` for primitive types and the placeholder `-`.
pub(crate) fn type_component(page_type: &str) -> Option<String> {
    let cleaned = page_type.replace('\\', "");
    let cleaned = cleaned.trim().trim_end_matches("[]");
    let primitive = matches!(
        cleaned.to_ascii_lowercase().as_str(),
        "" | "-"
            | "int"
            | "int32"
            | "int64"
            | "integer"
            | "long"
            | "float"
            | "double"
            | "number"
            | "bool"
            | "boolean"
            | "string"
            | "object"
            | "map"
            | "list"
            | "array"
    );
    let identifier = cleaned
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.'));
    (!primitive && identifier).then(|| pascal_case(cleaned))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_ids_follow_the_method_and_the_path() {
        let versions = "/open-apis/application/v6/applications/{app_id}/app_versions/{version_id}";
        assert_eq!(operation_id("GET", versions, false), "get_app_version");
        assert_eq!(operation_id("PATCH", versions, false), "patch_app_version");
        assert_eq!(
            operation_id(
                "GET",
                "/open-apis/application/v6/applications/{app_id}/contacts_range_configuration",
                true
            ),
            "list_contacts_range_configuration"
        );
        assert_eq!(
            operation_id(
                "GET",
                "/open-apis/application/v6/applications/{app_id}/app_versions/{version_id}/contacts_range_suggest",
                false
            ),
            "get_contacts_range_suggest"
        );
        assert_eq!(
            operation_id(
                "POST",
                "/open-apis/auth/v3/tenant_access_token/internal",
                false
            ),
            "create_internal"
        );
        assert_eq!(operation_id("PUT", "/a/things/{id}", false), "update_thing");
        assert_eq!(operation_id("DELETE", "/a/{id}", false), "delete_a");
        assert_eq!(
            operation_id("GET", "/open-apis/user/v4/app_admin_user/list", true),
            "list_app_admin_user"
        );
    }

    #[test]
    fn names_are_rust_identifiers() {
        assert_eq!(
            pascal_case("application.app_contacts_range"),
            "AppContactsRange"
        );
        assert_eq!(pascal_case("equal_to_availability"), "EqualToAvailability");
        assert_eq!(pascal_case("4"), "Value4");
        assert_eq!(
            type_component(r"app_scope\[\]").as_deref(),
            Some("AppScope")
        );
        assert_eq!(type_component(r"\-"), None);
        assert_eq!(type_component("string[]"), None);
        assert_eq!(snake_case("underAuditList"), "under_audit_list");
    }
}
