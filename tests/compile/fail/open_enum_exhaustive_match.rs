// Open (response) enums are #[non_exhaustive]: a value the docs add later becomes a new
// variant, so a match on one needs a `_` arm outside the client crate.
use feishu_application::types::ScopeLevel;

fn words(level: ScopeLevel) -> &'static str {
    match level {
        ScopeLevel::Normal => "normal",
        ScopeLevel::Advanced => "advanced",
        ScopeLevel::SuperSensitive => "super-sensitive",
        ScopeLevel::Unknown => "unknown",
        ScopeLevel::Undocumented(_) => "undocumented",
    }
}

fn main() {
    let _ = words(ScopeLevel::Normal);
}
