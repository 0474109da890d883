//! What cannot be checked is an error that says what and where — never a panic.

use feishu_validate::{Error, Validator};

fn workspace() -> &'static Validator {
    Validator::workspace()
}

#[test]
fn an_unknown_operation_lists_the_known_ones() {
    let error = workspace()
        .validate("list_apps", 200, b"{}")
        .expect_err("unknown operation");
    let Error::UnknownOperation { operation, known } = &error else {
        panic!("wrong error: {error:?}")
    };
    assert_eq!(operation, "list_apps");
    assert_eq!(known.len(), workspace().operations().count());
    let text = error.to_string();
    assert!(text.contains("`list_apps`"), "{text}");
    assert!(text.contains("list_under_audit_apps"), "{text}");
    assert!(text.contains("get_tenant_access_token"), "{text}");
}

#[test]
fn a_status_the_operation_does_not_document() {
    let error = workspace()
        .validate("get_app_version", 302, b"{}")
        .expect_err("302 is not documented");
    let Error::UndocumentedStatus {
        status, documented, ..
    } = &error
    else {
        panic!("wrong error: {error:?}")
    };
    assert_eq!(*status, 302);
    assert_eq!(documented, &["200", "4XX", "5XX"]);
    assert!(error.to_string().contains("200, 4XX, 5XX"), "{error}");
}

#[test]
fn a_status_that_is_not_an_http_status() {
    for status in [0, 99, 600, u16::MAX] {
        let error = workspace()
            .validate("get_app_version", status, b"{}")
            .expect_err("not a status");
        assert!(
            matches!(error, Error::InvalidStatus { .. }),
            "{status}: {error:?}"
        );
    }
}

#[test]
fn the_status_selects_exact_code_then_range() {
    // 200 is exact; 404 and 429 fall in 4XX; 502 in 5XX: all bodies below conform.
    let error_body = br#"{"code": 99991400, "msg": "request trigger frequency limit"}"#;
    for status in [404, 429, 502] {
        let report = workspace()
            .validate("list_under_audit_apps", status, error_body)
            .expect("documented");
        assert!(report.is_clean(), "{status}: {report:?}");
    }
    let report = workspace()
        .validate("list_under_audit_apps", 201, error_body)
        .expect_err("201 has neither exact code nor range");
    assert!(matches!(report, Error::UndocumentedStatus { .. }));
}

#[test]
fn a_body_that_is_not_json_says_where() {
    let body = b"{\n  \"code\": 0,\n  msg: \"success\"\n}";
    let error = workspace()
        .validate("patch_app_version", 200, body)
        .expect_err("not JSON");
    let Error::NotJson {
        line,
        column,
        message,
    } = &error
    else {
        panic!("wrong error: {error:?}")
    };
    assert_eq!((*line, *column), (3, 3));
    assert!(message.contains("key must be a string"), "{message}");
    assert!(error.to_string().contains("line 3, column 3"), "{error}");
}

#[test]
fn an_empty_body_is_not_json() {
    let error = workspace()
        .validate("patch_app_version", 200, b"")
        .expect_err("empty");
    assert!(matches!(error, Error::NotJson { line: 1, .. }), "{error:?}");
}

#[test]
fn bytes_that_are_not_utf8_are_not_json() {
    let error = workspace()
        .validate("patch_app_version", 200, b"{\"msg\": \"\xff\xfe\"}")
        .expect_err("bad UTF-8");
    assert!(matches!(error, Error::NotJson { .. }), "{error:?}");
}

#[test]
fn trailing_garbage_is_not_json() {
    let error = workspace()
        .validate("patch_app_version", 200, b"{\"code\":0,\"msg\":\"ok\"} {}")
        .expect_err("two documents");
    assert!(matches!(error, Error::NotJson { .. }), "{error:?}");
}

#[test]
fn very_deep_nesting_is_an_error_not_a_stack_overflow() {
    let body = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let error = workspace()
        .validate("patch_app_version", 200, body.as_bytes())
        .expect_err("too deep");
    assert!(error.to_string().contains("recursion limit"), "{error}");
}

#[test]
fn a_spec_that_is_not_yaml_says_where() {
    let error =
        Validator::from_spec_str("openapi: 3.0.3\npaths: {\n  /a: [\n").expect_err("broken");
    let Error::SpecParse { line, column, .. } = &error else {
        panic!("wrong error: {error:?}")
    };
    assert!(line.is_some() && column.is_some(), "{error:?}");
    assert!(error.to_string().contains("at line"), "{error}");
}

#[test]
fn a_document_that_is_not_openapi_3_0() {
    for text in [
        "just text",
        "swagger: '2.0'\n",
        "openapi: 3.1.0\n",
        "[1, 2]",
    ] {
        let error = Validator::from_spec_str(text).expect_err("not OpenAPI 3.0");
        assert!(
            matches!(error, Error::SpecParse { .. }),
            "{text}: {error:?}"
        );
    }
}

const BROKEN_REF: &str = r##"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      operationId: a
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Missing'
"##;

#[test]
fn a_broken_ref_names_the_missing_target() {
    let error = Validator::from_spec_str(BROKEN_REF).expect_err("broken $ref");
    let Error::SpecInvalid { pointer, message } = &error else {
        panic!("wrong error: {error:?}")
    };
    assert_eq!(
        pointer,
        "/paths/~1a/get/responses/200/content/application~1json/schema"
    );
    assert!(
        message.contains("#/components/schemas/Missing"),
        "{message}"
    );
    assert!(message.contains("points at nothing"), "{message}");
}

#[test]
fn an_external_ref_is_refused_not_fetched() {
    let text = BROKEN_REF.replace(
        "'#/components/schemas/Missing'",
        "'https://example.com/s.json'",
    );
    let error = Validator::from_spec_str(&text).expect_err("external $ref");
    assert!(error.to_string().contains("not internal"), "{error}");
}

#[test]
fn a_duplicate_operation_id_is_refused() {
    let text = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a: {get: {operationId: same, responses: {'200': {description: ok}}}}
  /b: {get: {operationId: same, responses: {'200': {description: ok}}}}
"#;
    let error = Validator::from_spec_str(text).expect_err("duplicate");
    assert!(
        error.to_string().contains("`same` is used twice"),
        "{error}"
    );
}

#[test]
fn a_schema_that_does_not_compile_is_refused() {
    let text = BROKEN_REF.replace(
        "$ref: '#/components/schemas/Missing'",
        "{type: string, pattern: '(unclosed'}",
    );
    let error = Validator::from_spec_str(&text).expect_err("bad pattern");
    assert!(matches!(error, Error::SpecInvalid { .. }), "{error:?}");
}

#[test]
fn a_response_without_a_json_schema_cannot_be_checked() {
    let text = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a: {delete: {operationId: a, responses: {'204': {description: gone}}}}
"#;
    let validator = Validator::from_spec_str(text).expect("valid spec");
    let error = validator.validate("a", 204, b"{}").expect_err("no schema");
    assert!(matches!(error, Error::NoJsonSchema { .. }), "{error:?}");
    assert!(error.to_string().contains("`204`"), "{error}");
}
