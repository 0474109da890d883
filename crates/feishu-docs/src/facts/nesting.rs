//! Where a body or response field sits: `data.items[].owner.type`.
//!
//! HTML tables say it with `level="N"`. Markdown tables are flat, so the nesting is inferred:
//! a row whose type is an object or an array of objects (`items | application[]`) opens a
//! group, and each later row belongs to the innermost open group where the page's own JSON
//! example has that name (closing the groups inside it). A row the example does not show stays
//! in the innermost open group and is marked ambiguous: `check` then matches its name anywhere
//! under the operation's response.

use serde_json::Value;

use crate::facts::model::{is_container, normalize_type};
use crate::formats::json_example::values_at;
use crate::formats::layout::Row;

/// A field row reduced to what nesting needs.
pub(crate) struct FieldRow {
    pub(crate) level: Option<usize>,
    pub(crate) name: String,
    /// Normalised type.
    pub(crate) ty: String,
}

impl FieldRow {
    /// A table row's level, name (first cell) and normalised type (second cell).
    pub(crate) fn of(row: &Row) -> FieldRow {
        FieldRow {
            level: row.level,
            name: row
                .cells
                .first()
                .map(|cell| cell.text())
                .unwrap_or_default(),
            ty: row
                .cells
                .get(1)
                .map(|cell| normalize_type(&cell.text()))
                .unwrap_or_default(),
        }
    }
}

/// A field's place: its dotted path and whether the page left it ambiguous.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Place {
    pub(crate) path: String,
    pub(crate) ambiguous: bool,
}

/// The place of each row, in order.
pub(crate) fn places(rows: &[FieldRow], example: Option<&Value>) -> Vec<Place> {
    if rows.iter().all(|row| row.level.is_some()) {
        by_level(rows)
    } else {
        by_example(rows, example)
    }
}

fn child_prefix(path: &str, ty: &str) -> String {
    if ty.starts_with("array<") {
        format!("{path}[]")
    } else {
        path.to_string()
    }
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

fn by_level(rows: &[FieldRow]) -> Vec<Place> {
    let mut open: Vec<(usize, String)> = Vec::new();
    rows.iter()
        .map(|row| {
            let level = row.level.unwrap_or(0);
            while open.last().is_some_and(|(at, _)| *at >= level) {
                open.pop();
            }
            let prefix = open.last().map_or("", |(_, prefix)| prefix.as_str());
            let path = join(prefix, &row.name);
            if is_container(&row.ty) {
                open.push((level, child_prefix(&path, &row.ty)));
            }
            Place {
                path,
                ambiguous: false,
            }
        })
        .collect()
}

fn by_example(rows: &[FieldRow], example: Option<&Value>) -> Vec<Place> {
    let mut open: Vec<String> = vec![String::new()];
    rows.iter()
        .map(|row| {
            let found = example.and_then(|example| {
                (0..open.len())
                    .rev()
                    .find(|&depth| has_member(example, &open[depth], &row.name))
            });
            if let Some(depth) = found {
                open.truncate(depth + 1);
            }
            let prefix = open.last().cloned().unwrap_or_default();
            let path = join(&prefix, &row.name);
            if is_container(&row.ty) {
                open.push(child_prefix(&path, &row.ty));
            }
            Place {
                path,
                ambiguous: found.is_none(),
            }
        })
        .collect()
}

/// True when some value at `prefix` (`data.items[]`) in `example` has a member `name`.
fn has_member(example: &Value, prefix: &str, name: &str) -> bool {
    values_at(example, prefix).iter().any(|value| {
        value
            .as_object()
            .is_some_and(|object| object.contains_key(name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, ty: &str) -> FieldRow {
        FieldRow {
            level: None,
            name: name.into(),
            ty: ty.into(),
        }
    }

    #[test]
    fn the_example_closes_groups() {
        let example = serde_json::json!({"data": {"items": [{"scopes": [{"level": 1}], "back_home_url": "u"}], "has_more": true}});
        let rows = [
            row("data", "object"),
            row("items", "array<object>"),
            row("scopes", "array<object>"),
            row("level", "integer"),
            row("back_home_url", "string"),
            row("added_later", "string"),
            row("has_more", "boolean"),
        ];
        let paths: Vec<(String, bool)> = places(&rows, Some(&example))
            .into_iter()
            .map(|p| (p.path, p.ambiguous))
            .collect();
        assert_eq!(
            paths,
            [
                ("data".to_string(), false),
                ("data.items".to_string(), false),
                ("data.items[].scopes".to_string(), false),
                ("data.items[].scopes[].level".to_string(), false),
                ("data.items[].back_home_url".to_string(), false),
                ("data.items[].added_later".to_string(), true),
                ("data.has_more".to_string(), false),
            ]
        );
    }

    #[test]
    fn levels_give_the_nesting() {
        let mut rows = [
            row("data", "object"),
            row("app_version", "object"),
            row("scopes", "array<object>"),
            row("level", "integer"),
            row("status", "integer"),
        ];
        for (row, level) in rows.iter_mut().zip([0, 1, 2, 3, 2]) {
            row.level = Some(level);
        }
        let paths: Vec<String> = places(&rows, None).into_iter().map(|p| p.path).collect();
        assert_eq!(
            paths,
            [
                "data",
                "data.app_version",
                "data.app_version.scopes",
                "data.app_version.scopes[].level",
                "data.app_version.status"
            ]
        );
    }
}
