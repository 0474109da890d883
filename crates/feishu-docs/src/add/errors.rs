//! The `x-feishu-error-codes` entries of a drafted operation, named by the crate's one rule
//! (`error_names`); each name that is not the plain one is a finding.

use serde_json::Value;

use super::Note;
use super::draft::ErrorRow;
use super::yaml::Yaml;
use crate::error_names::ErrorNames;

/// The `x-feishu-error-codes` entries of a drafted operation, and findings about their names.
pub(crate) fn entries(
    root: &Value,
    rows: &[ErrorRow],
    file: &str,
    notes: &mut Vec<Note>,
) -> Vec<Yaml> {
    let mut names = ErrorNames::of_spec(root);
    rows.iter()
        .map(|row| {
            let named = names.name(row.code, &row.message);
            notes.extend(
                named
                    .why
                    .into_iter()
                    .map(|why| Note::new(file, row.line, why)),
            );
            Yaml::Map(vec![
                ("code".into(), Yaml::Scalar(row.code.to_string())),
                ("name".into(), Yaml::str(&named.name)),
                (
                    "http_status".into(),
                    Yaml::Scalar(row.http_status.to_string()),
                ),
                ("message".into(), Yaml::str(&row.message)),
                ("hint".into(), Yaml::str(&row.hint)),
            ])
        })
        .collect()
}
