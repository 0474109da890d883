// Response types are #[non_exhaustive]: a field Feishu adds later must not break consumers,
// so a struct literal of one does not compile outside the client crate. Build it with
// `Default` and the `with_*` setters instead.
use feishu_application::types::AppScope;

fn main() {
    let _scope = AppScope {
        description: None,
        level: None,
        scope: Some("contact:user.base:readonly".to_owned()),
        token_types: Vec::new(),
        extra: Default::default(),
    };
}
