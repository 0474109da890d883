//! What a description cell says in words, for the drafted spec: the description itself, the
//! example value and each enum value's meaning. The facts (default, limits, the enum values
//! themselves) come from `description_facts`, which `docs check` shares; this reads only what
//! a fact does not carry.

use crate::facts::description::{enum_item_key, is_key, split_label, unquote};
use crate::formats::layout::{Cell, clean};

/// A description cell, read for drafting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct CellDoc {
    /// The description proper: the cell's text before its first labelled part.
    pub(crate) text: String,
    /// The `示例值` value.
    pub(crate) example: Option<String>,
    /// Each enum value with its meaning, in page order.
    pub(crate) enum_values: Vec<(String, String)>,
}

/// What the line being read belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Text,
    Example,
    Enum,
    Other,
}

/// Reads a description cell. `bare_enums`: the older scrape lists `key:meaning` lines with no
/// `可选值有` label.
pub(crate) fn read(cell: &Cell, bare_enums: bool) -> CellDoc {
    let mut doc = CellDoc::default();
    let mut text = Vec::new();
    let mut part = Part::Text;
    let mut open_item: Option<(String, String)> = None;
    for (_, raw) in &cell.lines {
        if let Some((key, meaning)) = open_item.as_mut() {
            meaning.push_str(raw.split("</md-enum-item>").next().unwrap_or(""));
            if raw.contains("</md-enum-item>") {
                doc.enum_values
                    .push((std::mem::take(key), clean(&std::mem::take(meaning))));
                open_item = None;
            }
            continue;
        }
        if let Some(key) = enum_item_key(raw) {
            let after = raw.split_once('>').map_or("", |(_, rest)| rest);
            let meaning = after.split("</md-enum-item>").next().unwrap_or("");
            if raw.contains("</md-enum-item>") {
                doc.enum_values.push((key, clean(meaning)));
            } else {
                open_item = Some((key, meaning.to_string()));
            }
            part = Part::Enum;
            continue;
        }
        let cleaned = clean(raw).replace(['`', '*'], "");
        let line = cleaned.trim();
        if line.is_empty() {
            continue;
        }
        if part == Part::Example {
            doc.example = Some(unquote(line));
            part = Part::Other;
            continue;
        }
        match split_label(line) {
            Some(("示例值", value)) => {
                if value.is_empty() {
                    part = Part::Example;
                } else {
                    doc.example = Some(unquote(value));
                    part = Part::Other;
                }
            }
            Some(("可选值有", _)) => part = Part::Enum,
            Some((label, meaning))
                if (part == Part::Enum || (bare_enums && part != Part::Text)) && is_key(label) =>
            {
                doc.enum_values
                    .push((label.to_string(), meaning.to_string()));
            }
            Some((label, _)) if is_label(label) => part = Part::Other,
            _ if raw.trim_start().starts_with("**") => part = Part::Other,
            _ if part == Part::Text => text.push(line.to_string()),
            _ => {}
        }
        if bare_enums && part == Part::Text && !text.is_empty() {
            // The scrape's description is one line; what follows are values and labels.
            part = Part::Other;
        }
    }
    doc.text = text.join(" ");
    doc
}

/// The labels Feishu's cells use for their structured parts.
fn is_label(label: &str) -> bool {
    matches!(
        label,
        "默认值" | "数据校验规则" | "注意事项" | "注意" | "字段权限要求" | "最大值" | "最小值"
    ) || label.starts_with("当值为")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_give_text_example_and_enum_meanings() {
        let doc = read(
            &Cell::from_text(
                "返回值的部门ID的类型  \n**示例值**：department_id  \n**可选值有**：  \n- department_id：以自定义department_id来标识部门  \n- open_department_id：以open_department_id来标识部门  \n**默认值**：`open_department_id`",
            ),
            false,
        );
        assert_eq!(doc.text, "返回值的部门ID的类型");
        assert_eq!(doc.example.as_deref(), Some("department_id"));
        assert_eq!(
            doc.enum_values,
            [
                (
                    "department_id".into(),
                    "以自定义department_id来标识部门".into()
                ),
                (
                    "open_department_id".into(),
                    "以open_department_id来标识部门".into()
                ),
            ]
        );
    }

    #[test]
    fn html_enum_items_may_span_lines() {
        let doc = read(
            &Cell::from_text(
                "语言\n**示例值**：\"zh_cn\"\n**可选值有**：\n<md-enum>\n<md-enum-item key=\"zh_cn\" >中文</md-enum-item>\n<md-enum-item key=\"en_us\" >英\n文</md-enum-item>\n</md-enum>",
            ),
            false,
        );
        assert_eq!(doc.text, "语言");
        assert_eq!(doc.example.as_deref(), Some("zh_cn"));
        assert_eq!(
            doc.enum_values,
            [
                ("zh_cn".into(), "中文".into()),
                ("en_us".into(), "英文".into())
            ]
        );
    }

    #[test]
    fn scrape_cells_list_bare_values() {
        let doc = read(
            &Cell::from_text(
                "用户 ID 类型\n示例值:\nopen_id\nunion_id:标识一个用户\nuser_id:租户内\n默认值:open_id",
            ),
            true,
        );
        assert_eq!(doc.text, "用户 ID 类型");
        assert_eq!(doc.example.as_deref(), Some("open_id"));
        assert_eq!(
            doc.enum_values,
            [
                ("union_id".into(), "标识一个用户".into()),
                ("user_id".into(), "租户内".into())
            ]
        );
    }
}
