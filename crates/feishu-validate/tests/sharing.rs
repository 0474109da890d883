//! One validator, compiled once, shared by many threads.

use std::sync::Arc;

use feishu_validate::Validator;

const BODY: &[u8] = br#"{"code": 0, "msg": "success", "data": {"app_version": {"status": 7}}}"#;

#[test]
fn the_validator_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Validator>();
    assert_send_sync::<feishu_validate::Report>();
    assert_send_sync::<feishu_validate::Error>();
}

#[test]
fn threads_share_one_workspace_validator() {
    let validator = Validator::workspace();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|_| scope.spawn(|| validator.validate("get_app_version", 200, BODY)))
            .collect();
        for handle in handles {
            let report = handle.join().expect("no panic").expect("checkable");
            assert!(report.is_valid());
            assert_eq!(report.drift.len(), 1);
        }
    });
}

#[test]
fn an_owned_validator_moves_between_threads() {
    let spec = include_str!("../../../spec/feishu-application-v6.yaml");
    let validator = Arc::new(Validator::from_spec_str(spec).expect("usable"));
    let shared = Arc::clone(&validator);
    let report = std::thread::spawn(move || shared.validate("get_app_version", 200, BODY))
        .join()
        .expect("no panic")
        .expect("checkable");
    assert_eq!(
        report,
        validator
            .validate("get_app_version", 200, BODY)
            .expect("checkable")
    );
}
