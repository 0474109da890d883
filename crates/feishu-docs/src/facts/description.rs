//! Facts a description cell states: enum values, a default, validation limits.
//!
//! The three formats write them alike once markup is gone: `**可选值有**：` then `- key：meaning`
//! lines (or `<md-enum-item key="…">`, or bare `key:meaning` lines in the scrape),
//! `**默认值**：`20``, and `**数据校验规则**：` then `- 最大值：`50``.

use crate::facts::model::{Attr, Fact};
use crate::formats::layout::{Cell, clean};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Text,
    Enum,
    Rules,
    /// The next line is a value of a label whose value is on its own line.
    Value(Option<Attr>),
}

/// The facts of `subject`'s description cell. `bare_enums` reads `key:meaning` lines as enum
/// values without a `可选值有` label (the scrape drops the label).
pub(crate) fn describe(subject: &str, cell: &Cell, bare_enums: bool) -> Vec<Fact> {
    let mut facts = Vec::new();
    let mut mode = if bare_enums { Mode::Enum } else { Mode::Text };
    for (line, raw) in &cell.lines {
        if let Some(key) = enum_item_key(raw) {
            facts.push(Fact::new(subject, Attr::Enum, key, *line));
            continue;
        }
        let text = clean(raw).replace(['`', '*'], "");
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        if let Mode::Value(attr) = mode {
            if let Some(attr) = attr {
                facts.push(Fact::new(subject, attr, unquote(text), *line));
            }
            mode = if bare_enums { Mode::Enum } else { Mode::Text };
            continue;
        }
        if let Some((label, value)) = split_label(text) {
            match label {
                "可选值有" => mode = Mode::Enum,
                "数据校验规则" => mode = Mode::Rules,
                "默认值" | "示例值" => {
                    let attr = (label == "默认值").then_some(Attr::Default);
                    match (attr, value.is_empty()) {
                        (_, true) => mode = Mode::Value(attr),
                        (Some(attr), false) => {
                            facts.push(Fact::new(subject, attr, unquote(value), *line))
                        }
                        (None, false) => {}
                    }
                }
                "取值范围" if mode == Mode::Rules => {
                    // `取值范围：`1` ～ `100``: both ends of the range.
                    let ends = numbers(value);
                    if let [min, max] = ends.as_slice() {
                        facts.push(Fact::new(subject, Attr::Min, min.clone(), *line));
                        facts.push(Fact::new(subject, Attr::Max, max.clone(), *line));
                    }
                }
                _ => match (mode, rule_attr(label)) {
                    (Mode::Rules, Some(attr)) => {
                        facts.push(Fact::new(subject, attr, leading_number(value), *line))
                    }
                    (Mode::Enum, _) if is_key(label) => {
                        facts.push(Fact::new(subject, Attr::Enum, label, *line))
                    }
                    _ if raw.trim_start().starts_with("**") => mode = Mode::Text,
                    _ => {}
                },
            }
        } else if raw.trim_start().starts_with("**") {
            mode = Mode::Text;
        }
    }
    facts
}

/// `label：value` or `label:value`, a leading `- ` dropped.
pub(crate) fn split_label(text: &str) -> Option<(&str, &str)> {
    let text = text.strip_prefix("- ").unwrap_or(text).trim();
    let at = text.find(['：', ':'])?;
    let separator = text[at..].chars().next()?.len_utf8();
    Some((text[..at].trim(), text[at + separator..].trim()))
}

pub(crate) fn enum_item_key(raw: &str) -> Option<String> {
    let start = raw.find("<md-enum-item key=\"")? + "<md-enum-item key=\"".len();
    let end = raw[start..].find('"')? + start;
    Some(raw[start..end].to_string())
}

fn rule_attr(label: &str) -> Option<Attr> {
    match label {
        "最大值" => Some(Attr::Max),
        "最小值" => Some(Attr::Min),
        "最大长度" => Some(Attr::MaxLength),
        "最小长度" => Some(Attr::MinLength),
        _ => None,
    }
}

pub(crate) fn is_key(label: &str) -> bool {
    !label.is_empty()
        && label
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Every number in `text`, in order (`1 ～ 100` → `["1", "100"]`).
fn numbers(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '-' || c == '.'))
        .filter(|part| part.chars().any(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

fn leading_number(value: &str) -> String {
    value
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '.'))
        .collect()
}

pub(crate) fn unquote(value: &str) -> String {
    value.trim().trim_matches('"').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(facts: &[Fact]) -> Vec<String> {
        facts.iter().map(|f| format!("{}@{}", f, f.line)).collect()
    }

    #[test]
    fn markdown_enum_default_and_rules() {
        let facts = describe(
            "query.page_size",
            &Cell::from_text(
                "分页大小  \n**示例值**：10  \n**可选值有**：  \n- 1：一  \n**默认值**：`20`  \n**数据校验规则**：  \n- 最大值：`50`\n- 最小长度：`1` 字符",
            ),
            false,
        );
        assert_eq!(
            names(&facts),
            [
                "query.page_size: enum=1@4",
                "query.page_size: default=20@5",
                "query.page_size: max=50@7",
                "query.page_size: min_length=1@8"
            ]
        );
    }

    #[test]
    fn a_range_gives_both_limits() {
        let facts = describe(
            "query.page_size",
            &Cell::from_text(
                "分页大小  \n**默认值**：`50`  \n**数据校验规则**：  \n- 取值范围：`1` ～ `100`",
            ),
            false,
        );
        assert_eq!(
            names(&facts),
            [
                "query.page_size: default=50@2",
                "query.page_size: min=1@4",
                "query.page_size: max=100@4"
            ]
        );
    }

    #[test]
    fn scrape_values_on_their_own_line() {
        let facts = describe(
            "query.user_id_type",
            &Cell::from_text(
                "示例值:\nzh_cn\nunion_id:标识一个用户\nuser_id:租户内\n默认值:open_id",
            ),
            true,
        );
        assert_eq!(
            names(&facts),
            [
                "query.user_id_type: enum=union_id@3",
                "query.user_id_type: enum=user_id@4",
                "query.user_id_type: default=open_id@5"
            ]
        );
    }

    #[test]
    fn links_after_an_enum_do_not_become_values() {
        let facts = describe(
            "query.x",
            &Cell::from_text(
                "**可选值有**：\n- open_id：身份。[了解更多：如何获取](https://x)\n**当值为 `user_id`，字段权限要求**：\n获取用户 user ID(contact:user.employee_id:readonly)",
            ),
            false,
        );
        assert_eq!(names(&facts), ["query.x: enum=open_id@2"]);
    }
}
