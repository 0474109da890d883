//! Drift: walks a body beside its documented shape and reports unlisted members and enum
//! values outside the documented set (and two violations `jsonschema` cannot see: members that
//! must not appear in this direction, and integers written as decimals).

use serde_json::{Map, Value};

use crate::convert::Direction;
use crate::finding_text;
use crate::json_type::JsonType;
use crate::report::{Drift, DriftKind, Report, Violation};
use crate::shape::{Additional, ShapeId, Shapes};
use feishu_wire::Path;

/// Adds to `report` the drift of `body` against the shape `root` (and the violations of
/// members that are `writeOnly` in a response or `readOnly` in a request).
pub(crate) fn check(
    shapes: &Shapes,
    direction: Direction,
    root: ShapeId,
    body: &Value,
    report: &mut Report,
) {
    let mut walker = Walker {
        shapes,
        direction,
        report,
    };
    walker.value(body, &shapes.get(root).closure, &Path::Root);
}

struct Walker<'a> {
    shapes: &'a Shapes,
    direction: Direction,
    report: &'a mut Report,
}

impl Walker<'_> {
    fn value(&mut self, value: &Value, ids: &[ShapeId], path: &Path<'_>) {
        self.enum_value(value, ids, path);
        match value {
            Value::Number(number) => self.decimal_for_integer(number, value, ids, path),
            Value::Object(members) => self.object(members, ids, path),
            Value::Array(items) => self.array(items, ids, path),
            _ => {}
        }
    }

    /// Drift when some applicable shape has an `enum` and the value is in none of them. A value
    /// of the wrong type (or `null`) is left to the violations.
    fn enum_value(&mut self, value: &Value, ids: &[ShapeId], path: &Path<'_>) {
        let mut documented_sets = 0;
        for &id in ids {
            let shape = self.shapes.get(id);
            let Some(values) = &shape.enum_values else {
                continue;
            };
            if value.is_null() || !type_matches(&shape.types, value) {
                return;
            }
            if values.iter().any(|v| same_value(v, value)) {
                return;
            }
            documented_sets += 1;
        }
        if documented_sets > 0 {
            let pointer = path.pointer();
            let shown = if feishu_wire::secret::is_secret_pointer(&pointer) {
                "a secret value".to_owned()
            } else {
                finding_text::short_json(value)
            };
            let documented = finding_text::shapes(self.shapes, ids);
            self.report.drift.push(Drift {
                found: finding_text::value_at(&pointer, value),
                pointer,
                kind: DriftKind::UnknownEnumValue,
                message: format!(
                    "{shown} is not a documented value of {}",
                    finding_text::enum_owner(self.shapes, ids)
                ),
                documented,
            });
        }
    }

    fn object(&mut self, members: &Map<String, Value>, ids: &[ShapeId], path: &Path<'_>) {
        let declares_members = ids.iter().any(|&id| {
            let shape = self.shapes.get(id);
            shape.properties.is_some() || shape.additional != Additional::Undocumented
        });
        if !declares_members {
            // A free-form object (`type: object` alone): every member is documented.
            return;
        }
        let mut targets: Vec<ShapeId> = Vec::new();
        for (key, member) in members {
            let child = Path::Key(path, key);
            targets.clear();
            let mut documented = false;
            for &id in ids {
                if let Some(&target) = self
                    .shapes
                    .get(id)
                    .properties
                    .as_ref()
                    .and_then(|p| p.get(key))
                {
                    targets.push(target);
                    documented = true;
                }
            }
            if targets.is_empty() {
                for &id in ids {
                    match self.shapes.get(id).additional {
                        Additional::Any => documented = true,
                        Additional::Schema(target) => {
                            targets.push(target);
                            documented = true;
                        }
                        Additional::Undocumented => {}
                    }
                }
            }
            if !documented {
                self.undocumented(key, member, ids, &child);
                continue;
            }
            if targets.iter().any(|&t| self.shapes.get(t).forbidden) {
                self.forbidden(key, member, &child);
            }
            self.descend(member, &targets, &child);
        }
    }

    fn array(&mut self, items: &[Value], ids: &[ShapeId], path: &Path<'_>) {
        let targets: Vec<ShapeId> = ids
            .iter()
            .filter_map(|&id| self.shapes.get(id).items)
            .collect();
        if targets.is_empty() {
            return;
        }
        for (index, item) in items.iter().enumerate() {
            self.descend(item, &targets, &Path::Index(path, index));
        }
    }

    fn descend(&mut self, value: &Value, targets: &[ShapeId], path: &Path<'_>) {
        match targets {
            [] => {}
            [single] => {
                let closure = &self.shapes.get(*single).closure;
                self.value(value, closure, path);
            }
            many => {
                let closure = self.shapes.union_of_closures(many);
                self.value(value, &closure, path);
            }
        }
    }

    fn undocumented(&mut self, key: &str, member: &Value, ids: &[ShapeId], path: &Path<'_>) {
        let pointer = path.pointer();
        self.report.drift.push(Drift {
            found: finding_text::value_at(&pointer, member),
            pointer,
            kind: DriftKind::UndocumentedField,
            message: format!(
                "member \"{key}\" is not documented in {}",
                finding_text::object_owner(self.shapes, ids)
            ),
            documented: finding_text::members(self.shapes, ids),
        });
    }

    /// A violation for a whole number written with a fraction or exponent (`7200.0`, `4e3`)
    /// where every typed shape documents an integer. OpenAPI 3.0 takes `integer` from JSON
    /// Schema Wright-00, "a JSON number without a fraction or exponent part", and the generated
    /// types (`i64`) refuse such a number; `jsonschema` (2020-12) accepts it, so it is caught
    /// here. A number with a real fraction already fails `jsonschema`'s type check.
    fn decimal_for_integer(
        &mut self,
        number: &serde_json::Number,
        value: &Value,
        ids: &[ShapeId],
        path: &Path<'_>,
    ) {
        if number.is_i64() || number.is_u64() || number.as_f64().is_none_or(|f| f.fract() != 0.0) {
            return;
        }
        let mut typed = ids
            .iter()
            .map(|&id| &self.shapes.get(id).types)
            .filter(|types| !types.is_empty())
            .peekable();
        let integer_only = |types: &&Vec<JsonType>| {
            types.contains(&JsonType::Integer) && !types.contains(&JsonType::Number)
        };
        if typed.peek().is_none() || !typed.all(|types| integer_only(&types)) {
            return;
        }
        let pointer = path.pointer();
        self.report.violations.push(Violation {
            found: finding_text::value_at(&pointer, value),
            documented: finding_text::shapes(self.shapes, ids),
            pointer,
            keyword: "type".to_owned(),
            message: format!(
                "{number} is not written as an integer (it has a fraction, an exponent or a \
                 negative zero) where the spec documents an integer"
            ),
        });
    }

    fn forbidden(&mut self, key: &str, member: &Value, path: &Path<'_>) {
        let (flag, place) = match self.direction {
            Direction::Response => ("writeOnly", "a response"),
            Direction::Request => ("readOnly", "a request"),
        };
        let pointer = path.pointer();
        self.report.violations.push(Violation {
            found: finding_text::value_at(&pointer, member),
            pointer,
            keyword: flag.to_owned(),
            message: format!(
                "member \"{key}\" is {flag} in the spec and must not appear in {place}"
            ),
            documented: format!("{flag} member"),
        });
    }
}

/// Whether the value's JSON type is among `types` (an empty list allows any type).
pub(crate) fn type_matches(types: &[JsonType], value: &Value) -> bool {
    JsonType::of(value).is_accepted_by_any(types)
}

/// JSON equality where numbers compare by value (`1` equals `1.0`).
pub(crate) fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            x == y || matches!((x.as_f64(), y.as_f64()), (Some(p), Some(q)) if p == q)
        }
        _ => a == b,
    }
}
