//! Rust names for what a page names: an enum value's variant and an error code's, by the rules
//! progenitor and the generator follow. `check --fix` and `docs add` both name by these, so a
//! value or code gets the same name whichever drafted it.

/// A Rust variant name for an enum value: `web_app` → `WebApp`, `4` → `Value4`; made unique.
pub(crate) fn variant_name(value: &str, taken: &[&str]) -> String {
    let mut name: String = value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("Value{name}");
    }
    if name == "Undocumented" || name == "Self_" || syn::parse_str::<syn::Ident>(&name).is_err() {
        name = format!("{name}Value");
    }
    let mut unique = name.clone();
    let mut n = 2;
    while taken.contains(&unique.as_str()) {
        unique = format!("{name}{n}");
        n += 1;
    }
    unique
}

/// An error code's name from its message: its first five ASCII words (`page_size out of
/// range, should be …` → `PageSizeOutOfRange`); `None` when it has none (a Chinese message).
pub(crate) fn error_code_name(message: &str) -> Option<String> {
    let words: Vec<&str> = message
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .take(5)
        .collect();
    (!words.is_empty()).then(|| variant_name(&words.join("_"), &[]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_are_identifiers_and_unique() {
        assert_eq!(
            variant_name("equal_to_availability", &[]),
            "EqualToAvailability"
        );
        assert_eq!(variant_name("4", &[]), "Value4");
        assert_eq!(variant_name("undocumented", &[]), "UndocumentedValue");
        assert_eq!(variant_name("web-app", &["WebApp"]), "WebApp2");
    }

    #[test]
    fn error_names_take_five_english_words() {
        assert_eq!(
            error_code_name("no such app in tenant").as_deref(),
            Some("NoSuchAppInTenant")
        );
        assert_eq!(
            error_code_name("page_size out of range, should be between 1 and 50").as_deref(),
            Some("PageSizeOutOfRange")
        );
        assert_eq!(error_code_name("应用不存在"), None);
    }
}
