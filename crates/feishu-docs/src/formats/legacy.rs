//! The older pages' format: pipe-led tables (`|参数|类型|必须|说明|`, or only `|参数|说明|` with
//! the type left to the example), nesting by `&emsp;∟` whose depth may jump (a row belongs to
//! the nearest shallower row above it), one `请求参数` section holding the query (GET, DELETE)
//! or the body (other methods), and a `响应示例` heading.
//!
//! Rows come out as the other formats' rows do — cells in the order name, type, [required],
//! description, with a `level` — so facts, nesting and drafting need nothing of their own.

use serde_json::Value;

use crate::formats::json_example::{json_type, values_at};
use crate::formats::layout::{
    Cell, ExampleKind, ExampleReader, Heading, Layout, Row, Section, find_method_and_url,
};
use crate::formats::markdown::{is_separator, split_row};

/// True when the page has a pipe-led table headed `参数`: the older format.
pub(crate) fn is_legacy(lines: &[&str]) -> bool {
    lines.iter().any(|line| {
        let trimmed = line.trim();
        trimmed.starts_with('|')
            && split_row(trimmed)
                .first()
                .is_some_and(|first| first == "参数")
    })
}

/// Reads an older page's lines.
pub(crate) fn read(lines: &[&str]) -> Layout {
    let mut layout = Layout::default();
    find_method_and_url(lines, &mut layout);
    let method = layout
        .method
        .as_ref()
        .map(|(_, method)| method.clone())
        .unwrap_or_default();
    let mut state = State {
        body_method: !matches!(method.as_str(), "GET" | "DELETE" | ""),
        ..State::default()
    };
    for (index, line) in lines.iter().enumerate() {
        state.line(index + 1, line, &mut layout);
    }
    for section in [Section::Body, Section::Response] {
        let kind = if section == Section::Body {
            ExampleKind::Request
        } else {
            ExampleKind::Response
        };
        let example = layout
            .examples
            .iter()
            .find(|example| example.kind == kind)
            .and_then(|example| serde_json::from_str::<Value>(&example.text).ok());
        type_from_example(&mut layout.rows, section, example.as_ref());
    }
    layout
}

/// Which cell of a row holds what, from the table's header.
#[derive(Clone, Copy, Debug, Default)]
struct Columns {
    name: usize,
    ty: Option<usize>,
    required: Option<usize>,
    description: Option<usize>,
    count: usize,
}

impl Columns {
    fn from_header(cells: &[String]) -> Columns {
        let find = |names: &[&str]| cells.iter().position(|cell| names.contains(&cell.as_str()));
        Columns {
            name: find(&["参数", "名称", "参数名"]).unwrap_or(0),
            ty: find(&["类型"]),
            required: find(&["必须", "必填", "是否必填", "是否必须"]),
            description: find(&["说明", "描述"]),
            count: cells.len(),
        }
    }
}

#[derive(Default)]
struct State {
    body_method: bool,
    opened: Option<Heading>,
    columns: Option<Columns>,
    in_table: bool,
    example: ExampleReader,
}

impl State {
    fn line(&mut self, number: usize, line: &str, layout: &mut Layout) {
        if self
            .example
            .read(number, line, ("```", "```"), self.opened, layout)
        {
            return;
        }
        let trimmed = line.trim();
        if let Some(title) = trimmed.strip_prefix('#') {
            self.in_table = false;
            self.columns = None;
            self.opened = Some(self.heading(title.trim_start_matches('#').trim()));
            return;
        }
        let Some(Heading::Table(section)) = self.opened else {
            return;
        };
        if !trimmed.starts_with('|') {
            self.in_table = false;
            return;
        }
        let cells = split_row(trimmed);
        if !self.in_table {
            if is_separator(trimmed) {
                self.in_table = true;
            } else {
                self.columns = Some(Columns::from_header(&cells));
            }
            return;
        }
        let Some(columns) = self.columns else {
            return;
        };
        if section == Section::Errors {
            layout.rows.push(plain_row(section, number, &cells));
        } else if let Some(row) = field_row(section, number, &cells, columns) {
            layout.rows.push(row);
        }
    }

    fn heading(&self, text: &str) -> Heading {
        let has = |word: &str| text.contains(word);
        if has("示例") {
            return if has("响应") || has("返回") {
                Heading::Example(ExampleKind::Response)
            } else {
                Heading::Example(ExampleKind::Request)
            };
        }
        let section = if has("请求头") {
            Section::Header
        } else if has("路径参数") {
            Section::Path
        } else if has("查询参数") {
            Section::Query
        } else if has("请求参数") {
            if self.body_method {
                Section::Body
            } else {
                Section::Query
            }
        } else if has("请求体") {
            Section::Body
        } else if has("响应体") || has("响应参数") || has("返回参数") {
            Section::Response
        } else if has("错误码") {
            Section::Errors
        } else {
            return Heading::Other;
        };
        Heading::Table(section)
    }
}

/// A field row: cells reordered to name, type, [required], description; the level from `∟`.
fn field_row(section: Section, number: usize, cells: &[String], columns: Columns) -> Option<Row> {
    if cells.len() != columns.count {
        return None;
    }
    let raw_name = cells.get(columns.name)?;
    let (level, name) = nesting(raw_name);
    if name.is_empty() {
        return None;
    }
    let cell = |text: &str| Cell {
        lines: vec![(number, text.to_string())],
    };
    let mut out = vec![cell(&name)];
    // A two-column table leaves the type to the example; it is filled in after the example is read.
    out.push(cell(
        columns
            .ty
            .and_then(|at| cells.get(at))
            .map_or("", String::as_str),
    ));
    if let Some(required) = columns.required.and_then(|at| cells.get(at)) {
        out.push(cell(required));
    }
    let description = columns
        .description
        .and_then(|at| cells.get(at))
        .map_or("", String::as_str);
    out.push(Cell {
        lines: description
            .split("<br>")
            .flat_map(|part| part.split("<br/>"))
            .flat_map(|part| part.split("<br />"))
            .map(|part| (number, part.to_string()))
            .collect(),
    });
    Some(Row {
        section,
        line: number,
        level: Some(level),
        cells: out,
    })
}

fn plain_row(section: Section, number: usize, cells: &[String]) -> Row {
    Row {
        section,
        line: number,
        level: None,
        cells: cells
            .iter()
            .map(|text| Cell {
                lines: vec![(number, text.clone())],
            })
            .collect(),
    }
}

/// `&emsp;&emsp;∟name` → (2, "name"): the depth is the count of em spaces before the `∟`.
fn nesting(cell: &str) -> (usize, String) {
    let Some((indent, name)) = cell.split_once('∟') else {
        return (0, cell.trim().to_string());
    };
    let depth = indent.matches("&emsp;").count()
        + indent.chars().filter(|c| *c == '\u{2003}').count()
        + indent.matches("&nbsp;&nbsp;").count();
    (depth.max(1), name.trim().to_string())
}

/// Gives a row without a type the type of its value in the example (`-` when the example does
/// not show it; a row with deeper rows under it is an object).
fn type_from_example(rows: &mut [Row], section: Section, example: Option<&Value>) {
    let indices: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].section == section)
        .collect();
    let mut open: Vec<(usize, String)> = Vec::new();
    for (position, &index) in indices.iter().enumerate() {
        let level = rows[index].level.unwrap_or(0);
        while open.last().is_some_and(|(at, _)| *at >= level) {
            open.pop();
        }
        let prefix = open
            .last()
            .map_or(String::new(), |(_, prefix)| prefix.clone());
        let name = rows[index].cells[0].text();
        let found = example.and_then(|example| {
            values_at(example, &prefix)
                .into_iter()
                .find_map(|value| value.get(&name))
                .and_then(json_type)
        });
        let has_children = indices
            .get(position + 1)
            .is_some_and(|&next| rows[next].level.unwrap_or(0) > level);
        let path = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        let ty_cell = &mut rows[index].cells[1];
        if ty_cell.text().is_empty() {
            let page_type = match found.as_deref() {
                Some(found) => page_type(found),
                None if has_children => "object".to_string(),
                None => "-".to_string(),
            };
            ty_cell.lines = vec![(rows[index].line, page_type)];
        }
        let ty = rows[index].cells[1].text();
        if has_children || (ty.ends_with("[]") && ty.starts_with("object")) {
            let child = if ty.ends_with("[]") {
                format!("{path}[]")
            } else {
                path
            };
            open.push((level, child));
        }
    }
}

/// A normalised JSON type as a page would write it: `array<object>` → `object[]`.
fn page_type(normalized: &str) -> String {
    match normalized
        .strip_prefix("array<")
        .and_then(|t| t.strip_suffix('>'))
    {
        Some(element) => format!("{}[]", page_type(element)),
        None if normalized == "array" => "string[]".into(),
        None if normalized == "integer" => "int".into(),
        None if normalized == "number" => "float".into(),
        None => normalized.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_em_spaces_and_jumps_are_allowed() {
        assert_eq!(nesting("&emsp;∟app_id"), (1, "app_id".into()));
        assert_eq!(nesting("&emsp;&emsp;&emsp;∟name"), (3, "name".into()));
        assert_eq!(nesting("\u{2003}\u{2003}∟x"), (2, "x".into()));
        assert_eq!(nesting("code"), (0, "code".into()));
        assert_eq!(nesting("∟bare"), (1, "bare".into()));
    }

    #[test]
    fn two_column_tables_take_types_from_the_example() {
        let page = "\
| HTTP URL | https://open.feishu.cn/open-apis/x/v1/things |
| HTTP Method | GET |

### 响应体
|参数|说明|
|--|--|
|code|返回码|
|data|-|
|&emsp;∟items|列表|
|&emsp;&emsp;&emsp;∟name|名字|
|&emsp;∟has_more|更多|

### 响应示例
```json
{\"code\": 0, \"data\": {\"items\": [{\"name\": \"a\"}], \"has_more\": false}}
```
";
        let lines: Vec<&str> = page.lines().collect();
        assert!(is_legacy(&lines));
        let layout = read(&lines);
        let types: Vec<(String, String, Option<usize>)> = layout
            .rows
            .iter()
            .map(|row| (row.cells[0].text(), row.cells[1].text(), row.level))
            .collect();
        assert_eq!(
            types,
            [
                ("code".into(), "int".into(), Some(0)),
                ("data".into(), "object".into(), Some(0)),
                ("items".into(), "object[]".into(), Some(1)),
                ("name".into(), "string".into(), Some(3)),
                ("has_more".into(), "boolean".into(), Some(1)),
            ]
        );
        assert_eq!(layout.method.map(|(_, m)| m).as_deref(), Some("GET"));
    }
}
