//! Secrets out of raw body text: the excerpts errors quote.
//!
//! The scan is textual, so it also works on what is not JSON: a truncated body, a body with a
//! wrong type. The values it removes are also removed from any other text about the same body
//! (a decode error's reason may quote the value it choked on).

use crate::secret::{REDACTED, is_secret_name};

/// The placeholder as a JSON string, as it stands in the text.
const QUOTED_REDACTED: &str = "\"[redacted]\"";

/// A body with its secret values replaced, and the values that were removed.
pub struct RedactedText {
    /// The body as text, every secret value replaced by `"[redacted]"`.
    pub text: String,
    secrets: Vec<String>,
}

impl RedactedText {
    /// Redacts `body` (lossily decoded).
    #[must_use]
    pub fn body(body: &[u8]) -> Self {
        let text = String::from_utf8_lossy(body);
        let mut out = String::with_capacity(text.len());
        let mut secrets = Vec::new();
        let mut rest: &str = &text;
        while let Some(open) = rest.find('"') {
            out.push_str(&rest[..open]);
            let (string, after) = split_string(&rest[open..]);
            out.push_str(string);
            rest = after;
            let after_colon = after.trim_start();
            let Some(value) = after_colon.strip_prefix(':') else {
                continue;
            };
            if !is_secret_quoted(string) {
                continue;
            }
            let value_start = value.len() - value.trim_start().len();
            let (secret, tail) = split_value(&value[value_start..]);
            out.push_str(&after[..after.len() - after_colon.len()]);
            out.push(':');
            out.push_str(&value[..value_start]);
            out.push_str(QUOTED_REDACTED);
            secrets.push(secret.trim_matches('"').to_owned());
            rest = tail;
        }
        out.push_str(rest);
        Self { text: out, secrets }
    }

    /// `text` with every removed value replaced too (values shorter than 4 characters are
    /// left: they can't be secrets and would mangle the text).
    #[must_use]
    pub fn scrub(&self, text: &str) -> String {
        self.secrets
            .iter()
            .filter(|secret| secret.chars().count() >= 4)
            .fold(text.to_owned(), |text, secret| {
                text.replace(secret.as_str(), REDACTED)
            })
    }
}

/// Whether a quoted member name names a secret (escapes in names are rare enough to ignore).
fn is_secret_quoted(quoted: &str) -> bool {
    is_secret_name(quoted.trim_matches('"'))
}

/// Splits a JSON string (starting at its `"`) from what follows; an unterminated string runs
/// to the end.
fn split_string(text: &str) -> (&str, &str) {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return text.split_at(i + 1),
            _ => {}
        }
    }
    (text, "")
}

/// Splits a member's value from what follows: a whole string, or a scalar, object or array
/// up to the next `,`, `}` or `]` at its level.
fn split_value(text: &str) -> (&str, &str) {
    if text.starts_with('"') {
        return split_string(text);
    }
    let mut depth = 0usize;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        match c {
            '"' => {
                rest = split_string(rest).1;
                continue;
            }
            '{' | '[' => depth += 1,
            '}' | ']' if depth == 0 => break,
            ',' if depth == 0 => break,
            '}' | ']' => depth -= 1,
            _ => {}
        }
        rest = &rest[c.len_utf8()..];
    }
    text.split_at(text.len() - rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_and_token_members_are_redacted_whatever_their_type_but_not_cursors() {
        let body = br#"{"code":0,"tenant_access_token":"t-MARK1","expire":"7200","nested":{"App_Secret": 12345678},"page_token":["MARK2",{"a":1}],"msg":"ok"}"#;
        let redacted = RedactedText::body(body);
        assert_eq!(
            redacted.text,
            r#"{"code":0,"tenant_access_token":"[redacted]","expire":"7200","nested":{"App_Secret": "[redacted]"},"page_token":["MARK2",{"a":1}],"msg":"ok"}"#
        );
        assert_eq!(
            redacted.scrub("invalid type: integer `12345678`, near t-MARK1"),
            "invalid type: integer `[redacted]`, near [redacted]"
        );
    }

    #[test]
    fn the_quoted_placeholder_is_the_placeholder() {
        assert_eq!(QUOTED_REDACTED, format!("\"{REDACTED}\""));
    }

    #[test]
    fn truncated_and_escaped_bodies_are_redacted_too() {
        let cut =
            RedactedText::body(br#"{"msg":"a \"token\": here","tenant_access_token":"t-MARK3"#);
        assert_eq!(
            cut.text,
            r#"{"msg":"a \"token\": here","tenant_access_token":"[redacted]""#
        );
        let html = RedactedText::body(b"<html>502 Bad Gateway</html>");
        assert_eq!(html.text, "<html>502 Bad Gateway</html>");
    }
}
