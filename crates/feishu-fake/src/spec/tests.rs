use axum::http::Method;

use super::*;

const HEAD: &str =
    "openapi: 3.0.3\ninfo: {title: t, version: v}\nsecurity:\n  - token: []\npaths:\n";

fn spec(paths: &str) -> Result<Spec> {
    Spec::parse(&format!("{HEAD}{paths}"))
}

const ANSWER: &str = "      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              example: {code: 0}\n";

#[test]
fn the_workspace_spec_parses_with_the_stateful_operations() {
    let spec = Spec::workspace().unwrap();
    let ids: Vec<&str> = spec.operation_ids().collect();
    for id in [
        "get_tenant_access_token",
        "list_under_audit_apps",
        "get_app_version",
        "patch_app_version",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    let token = spec
        .operations
        .iter()
        .find(|o| o.id == "get_tenant_access_token")
        .unwrap();
    assert!(!token.secured, "security: [] needs no token");
    assert!(token.body.as_ref().is_some_and(|b| b.required));
}

#[test]
fn a_literal_segment_wins_over_a_parameter_whatever_the_spec_order() {
    let spec = spec(&format!(
        "  /apps/{{app_id}}:\n    get:\n      operationId: get_app\n{ANSWER}  /apps/pending:\n    get:\n      operationId: list_pending\n{ANSWER}"
    ))
    .unwrap();
    let Lookup::Found(operation, values) = spec.find(&Method::GET, "/apps/pending") else {
        panic!("found nothing");
    };
    assert_eq!(operation.id, "list_pending");
    assert!(values.is_empty());
    let Lookup::Found(operation, values) = spec.find(&Method::GET, "/apps/cli_1") else {
        panic!("found nothing");
    };
    assert_eq!(operation.id, "get_app");
    assert_eq!(values, [("app_id".to_owned(), "cli_1".to_owned())]);
    assert!(matches!(
        spec.find(&Method::DELETE, "/apps/cli_1"),
        Lookup::MethodNotAllowed(allow) if allow == "GET,HEAD"
    ));
    assert!(matches!(
        spec.find(&Method::HEAD, "/apps/cli_1"),
        Lookup::Found(..)
    ));
    assert!(matches!(
        spec.find(&Method::GET, "/apps/cli_1/x"),
        Lookup::NotFound
    ));
    assert!(matches!(
        spec.find(&Method::GET, "/apps/%ff"),
        Lookup::BadPath(_)
    ));
}

#[test]
fn two_operations_answering_the_same_requests_are_an_error() {
    let error = spec(&format!(
        "  /apps/{{a}}:\n    get:\n      operationId: one\n{ANSWER}  /apps/{{b}}:\n    get:\n      operationId: two\n{ANSWER}"
    ))
    .unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("one (GET /apps/{a}) and two (GET /apps/{b})"),
        "{message}"
    );
}

#[test]
fn an_operation_without_an_example_says_why_and_a_bad_ref_is_an_error() {
    let spec = spec(
        "  /apps:\n    get:\n      operationId: list\n      responses:\n        '200':\n          description: ok\n",
    )
    .unwrap();
    let error = spec.operations[0].example.as_ref().unwrap_err();
    assert!(
        error.contains("list (GET /apps)") && error.contains("no JSON content"),
        "{error}"
    );
    assert!(spec.operations[0].secured, "the root's security applies");

    let error = Spec::parse(&format!(
        "{HEAD}  /apps:\n    get:\n      operationId: list\n      parameters:\n        - $ref: '#/components/parameters/Nope'\n{ANSWER}"
    ))
    .unwrap_err();
    assert!(error.to_string().contains("names nothing"), "{error}");
    assert!(Spec::parse("not: [an, openapi").is_err());
}
