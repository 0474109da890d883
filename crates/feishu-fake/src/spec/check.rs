//! What a parameter's value must be, from its schema: the rules a query or path string can
//! break (type, enum, bounds, length). Patterns, formats and array or object parameters are
//! not checked: no Feishu parameter of the spec uses them.

use openapiv3::{IntegerType, NumberType, SchemaKind, StringType, Type};
use serde_json::Value;

/// The checkable part of a parameter's schema.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ValueCheck {
    /// Anything goes (an array, an object, a schema the fake does not read).
    Any,
    /// `true` or `false`.
    Boolean,
    /// An integer within bounds, one of `allowed` when that is not empty.
    Integer(IntegerType),
    /// A number within bounds, one of `allowed` when that is not empty.
    Number(NumberType),
    /// A string within length bounds, one of `allowed` when that is not empty.
    String(StringType),
}

impl ValueCheck {
    /// The check of a resolved schema.
    pub(crate) fn of(kind: &SchemaKind) -> Self {
        match kind {
            SchemaKind::Type(Type::Boolean(_)) => Self::Boolean,
            SchemaKind::Type(Type::Integer(integer)) => Self::Integer(integer.clone()),
            SchemaKind::Type(Type::Number(number)) => Self::Number(number.clone()),
            SchemaKind::Type(Type::String(string)) => Self::String(string.clone()),
            _ => Self::Any,
        }
    }

    /// Checks `raw`, the value of parameter `name`; the error names both.
    pub(crate) fn check(&self, name: &str, raw: &str) -> Result<(), String> {
        match self {
            Self::Any => Ok(()),
            Self::Boolean => match raw {
                "true" | "false" => Ok(()),
                _ => Err(format!("{name} {raw:?} is not a boolean (true or false)")),
            },
            Self::Integer(integer) => check_integer(integer, name, raw),
            Self::Number(number) => check_number(number, name, raw),
            Self::String(string) => check_string(string, name, raw),
        }
    }

    /// Checks a JSON value (a body member); `what` names it in the error.
    pub(crate) fn check_json(&self, what: &str, value: &Value) -> Result<(), String> {
        let expected = match self {
            Self::Any => return Ok(()),
            Self::Boolean => "a boolean",
            Self::Integer(_) => "an integer",
            Self::Number(_) => "a number",
            Self::String(_) => "a string",
        };
        match (self, value) {
            (Self::Boolean, Value::Bool(_)) => Ok(()),
            (Self::Integer(_), Value::Number(n)) if n.is_i64() || n.is_u64() => {
                self.check(what, &n.to_string())
            }
            (Self::Number(_), Value::Number(n)) => self.check(what, &n.to_string()),
            (Self::String(_), Value::String(text)) => self.check(what, text),
            _ => Err(format!("{what} must be {expected}")),
        }
    }
}

fn check_integer(integer: &IntegerType, name: &str, raw: &str) -> Result<(), String> {
    let value: i64 = raw
        .parse()
        .map_err(|_| format!("{name} {raw:?} is not an integer"))?;
    let allowed: Vec<i64> = integer.enumeration.iter().flatten().copied().collect();
    if !allowed.is_empty() && !allowed.contains(&value) {
        return Err(format!("{name} {value} is not one of {}", list(&allowed)));
    }
    let low = integer
        .minimum
        .is_some_and(|min| value < min || (integer.exclusive_minimum && value == min));
    let high = integer
        .maximum
        .is_some_and(|max| value > max || (integer.exclusive_maximum && value == max));
    if low || high {
        return Err(format!(
            "{name} {value} is out of range{}",
            bounds(integer.minimum, integer.maximum)
        ));
    }
    Ok(())
}

fn check_number(number: &NumberType, name: &str, raw: &str) -> Result<(), String> {
    let value: f64 = raw
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| format!("{name} {raw:?} is not a number"))?;
    let allowed: Vec<f64> = number.enumeration.iter().flatten().copied().collect();
    if !allowed.is_empty() && !allowed.contains(&value) {
        return Err(format!("{name} {value} is not one of {}", list(&allowed)));
    }
    let low = number
        .minimum
        .is_some_and(|min| value < min || (number.exclusive_minimum && value == min));
    let high = number
        .maximum
        .is_some_and(|max| value > max || (number.exclusive_maximum && value == max));
    if low || high {
        return Err(format!(
            "{name} {value} is out of range{}",
            bounds(number.minimum, number.maximum)
        ));
    }
    Ok(())
}

fn check_string(string: &StringType, name: &str, raw: &str) -> Result<(), String> {
    let allowed: Vec<&str> = string
        .enumeration
        .iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if !allowed.is_empty() && !allowed.contains(&raw) {
        return Err(format!(
            "{name} {raw:?} is not one of {}",
            allowed.join(", ")
        ));
    }
    let length = raw.chars().count();
    if string.min_length.is_some_and(|min| length < min)
        || string.max_length.is_some_and(|max| length > max)
    {
        return Err(format!(
            "{name} has {length} characters{}",
            bounds(string.min_length, string.max_length)
        ));
    }
    Ok(())
}

fn list<T: std::fmt::Display>(values: &[T]) -> String {
    values
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn bounds<T: std::fmt::Display>(min: Option<T>, max: Option<T>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!(" (allowed: {min} to {max})"),
        (Some(min), None) => format!(" (allowed: at least {min})"),
        (None, Some(max)) => format!(" (allowed: at most {max})"),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_parsed_and_bounded() {
        let check = ValueCheck::Integer(IntegerType {
            minimum: Some(1),
            maximum: Some(50),
            ..IntegerType::default()
        });
        assert_eq!(check.check("page_size", "50"), Ok(()));
        let error = check.check("page_size", "51").unwrap_err();
        assert_eq!(error, "page_size 51 is out of range (allowed: 1 to 50)");
        let error = check.check("page_size", "ten").unwrap_err();
        assert_eq!(error, "page_size \"ten\" is not an integer");
        let exclusive = ValueCheck::Integer(IntegerType {
            minimum: Some(0),
            exclusive_minimum: true,
            ..IntegerType::default()
        });
        assert!(exclusive.check("n", "0").is_err());
    }

    #[test]
    fn enums_and_lengths_of_strings_are_checked() {
        let check = ValueCheck::String(StringType {
            enumeration: vec![Some("zh_cn".into()), Some("en_us".into())],
            ..StringType::default()
        });
        assert_eq!(check.check("lang", "en_us"), Ok(()));
        assert_eq!(
            check.check("lang", "fr_fr").unwrap_err(),
            "lang \"fr_fr\" is not one of zh_cn, en_us"
        );
        let short = ValueCheck::String(StringType {
            max_length: Some(2),
            ..StringType::default()
        });
        assert!(short.check("s", "审审").is_ok());
        assert!(short.check("s", "abc").is_err());
    }

    #[test]
    fn booleans_and_numbers() {
        assert!(ValueCheck::Boolean.check("b", "yes").is_err());
        assert!(ValueCheck::Boolean.check("b", "true").is_ok());
        let number = ValueCheck::Number(NumberType {
            maximum: Some(1.0),
            ..NumberType::default()
        });
        assert!(number.check("r", "0.5").is_ok());
        assert!(number.check("r", "NaN").is_err());
        assert!(number.check("r", "1.5").is_err());
        assert_eq!(ValueCheck::Any.check("x", "anything"), Ok(()));
    }
}
