//! Reading the spec: YAML → `openapiv3::OpenAPI`, with errors that name the file and line.

use std::path::Path;

use anyhow::{Context as _, bail};
use openapiv3::OpenAPI;

/// Reads and parses the spec at `path`.
///
/// A YAML or structure error names the file, the line and column, and what is wrong.
pub fn load_spec(path: &Path) -> anyhow::Result<OpenAPI> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    parse_spec(&text, &path.display().to_string())
}

/// Parses spec text; `origin` names it in errors.
pub(crate) fn parse_spec(text: &str, origin: &str) -> anyhow::Result<OpenAPI> {
    let spec: OpenAPI = serde_yaml_ng::from_str(text).map_err(|error| match error.location() {
        Some(at) => anyhow::anyhow!(
            "{origin}:{}:{}: not a valid OpenAPI 3.0 document: {error}",
            at.line(),
            at.column()
        ),
        None => anyhow::anyhow!("{origin}: not a valid OpenAPI 3.0 document: {error}"),
    })?;
    if !spec.openapi.starts_with("3.0.") {
        bail!(
            "{origin}: `openapi: {}` is not supported; progenitor reads OpenAPI 3.0.x only",
            spec.openapi
        );
    }
    Ok(spec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_error_names_origin_and_line() {
        let error = parse_spec("openapi: 3.0.3\ninfo: [unclosed\n", "spec.yaml").unwrap_err();
        let message = error.to_string();
        assert!(message.starts_with("spec.yaml:"), "{message}");
        assert!(message.contains("not a valid OpenAPI"), "{message}");
    }

    #[test]
    fn structure_error_names_line() {
        let text = "openapi: 3.0.3\ninfo:\n  title: t\n  version: v\npaths:\n  /x: 5\n";
        let message = parse_spec(text, "spec.yaml").unwrap_err().to_string();
        assert!(message.starts_with("spec.yaml:6:"), "{message}");
    }

    #[test]
    fn openapi_3_1_is_refused() {
        let text = "openapi: 3.1.0\ninfo:\n  title: t\n  version: v\npaths: {}\n";
        let message = parse_spec(text, "spec.yaml").unwrap_err().to_string();
        assert!(message.contains("3.0.x only"), "{message}");
    }
}
