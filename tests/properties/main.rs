//! Properties of the validator and the generated decoders (proptest, fixed seed, bounded
//! cases): nothing panics on any input, and the two agree on mutated valid bodies.

mod bodies;
mod mutate;

use feishu_validate::Validator;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use serde_json::Value;

use bodies::Body;

/// Cases per property: enough to find disagreements, few enough for CI (well under a second
/// each in release, a few seconds in debug).
fn config() -> Config {
    Config {
        cases: 256,
        rng_seed: RngSeed::Fixed(0x00fe_15e0_0013),
        failure_persistence: None,
        ..Config::default()
    }
}

/// Any JSON value, up to a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        // Whole numbers written as floats (`0.0`, `4e18`) are left out: the validator takes
        // them as integers (JSON Schema), the generated types refuse them (serde's i64). The
        // one known disagreement, reported with issue 13, not hidden: the
        // `integral_floats_are_the_known_disagreement` test below pins it.
        any::<f64>()
            .prop_filter("not a whole number", |f| f.fract() != 0.0)
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic_the_validator_or_the_decoders(
        bytes in prop::collection::vec(any::<u8>(), 0..256),
    ) {
        for body in Body::all() {
            let _ = Validator::workspace().validate(body.operation, body.status, &bytes);
            let _ = body.decode_bytes(&bytes);
        }
    }

    #[test]
    fn arbitrary_json_never_panics_the_validator_or_the_decoders(value in any_json()) {
        for body in Body::all() {
            let _ = Validator::workspace().validate_value(body.operation, body.status, &value);
            let _ = body.decode(&value);
        }
    }

    #[test]
    fn validator_and_decoders_agree_on_mutated_valid_bodies(
        which in any::<prop::sample::Index>(),
        mutation in mutate::mutation(any_json()),
    ) {
        let bodies = Body::all();
        let body = &bodies[which.index(bodies.len())];
        let mutated = mutation.apply(&body.value);
        bodies::assert_agree(body, &mutated)?;
    }
}

#[test]
fn the_starting_bodies_are_valid_and_decode() {
    for body in Body::all() {
        let report = Validator::workspace()
            .validate_value(body.operation, body.status, &body.value)
            .unwrap();
        assert!(report.is_clean(), "{}: {report:?}", body.operation);
        body.decode(&body.value).unwrap();
    }
}

/// The validator reads `0.0` as an integer (JSON Schema's rule); serde's `i64` refuses it. Feishu
/// writes integers without a fraction, so this only matters for a hand-made body; when either
/// side changes, this test says so.
#[test]
fn integral_floats_are_the_known_disagreement() {
    let body =
        serde_json::json!({"code": 0, "msg": "ok", "tenant_access_token": "t-x", "expire": 7200.0});
    let report = Validator::workspace()
        .validate_value("get_tenant_access_token", 200, &body)
        .unwrap();
    assert!(report.is_valid(), "{report:?}");
    let decoded =
        serde_json::from_value::<feishu_application::types::TenantAccessTokenResponse>(body);
    assert!(decoded.is_err());
}
