//! The older plain-text scrape: method and path on lines of their own, an error pipe table,
//! the response example as bare JSON, and parameters as one line per name, type, `必需`/`可选`
//! and description.

use crate::formats::layout::{Cell, Example, ExampleKind, Layout, Row, Section, api_path, method};

/// Reads a plain-text scrape's lines; `None` when they hold no method followed by a path.
pub(crate) fn read(lines: &[&str]) -> Option<Layout> {
    let mut layout = Layout::default();
    let at = lines.windows(2).position(|pair| {
        method(pair[0]).is_some_and(|m| m == pair[0].trim())
            && pair[1].trim().starts_with("/open-apis/")
    })?;
    layout.method = Some((at + 1, lines[at].trim().to_string()));
    layout.path = api_path(lines[at + 1]).map(|path| (at + 2, path));
    error_rows(lines, &mut layout);
    response_example(lines, &mut layout);
    parameters(lines, &mut layout);
    Some(layout)
}

fn error_rows(lines: &[&str], layout: &mut Layout) {
    for (index, line) in lines.iter().enumerate() {
        let cells: Vec<&str> = line
            .trim()
            .trim_end_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        let is_error_row = cells.len() >= 3
            && cells[0].len() == 3
            && cells[0].chars().all(|c| c.is_ascii_digit())
            && cells[1].chars().all(|c| c.is_ascii_digit());
        if is_error_row {
            let cells = cells
                .iter()
                .map(|text| Cell {
                    lines: vec![(index + 1, (*text).to_string())],
                })
                .collect();
            layout.rows.push(Row {
                section: Section::Errors,
                line: index + 1,
                level: None,
                cells,
            });
        }
    }
}

/// The first JSON object after the `响应示例` label.
fn response_example(lines: &[&str], layout: &mut Layout) {
    let Some(label) = lines.iter().position(|line| line.contains("响应示例")) else {
        return;
    };
    let Some(start) =
        (label..lines.len()).find(|&index| lines[index].trim_start().starts_with('{'))
    else {
        return;
    };
    let rest = lines[start..].join("\n");
    let mut stream = serde_json::Deserializer::from_str(&rest).into_iter::<serde_json::Value>();
    let end = match stream.next() {
        Some(Ok(_)) => stream.byte_offset(),
        // Keep the broken text: checking it reports where the JSON breaks.
        _ => rest.len(),
    };
    layout.examples.push(Example {
        kind: ExampleKind::Response,
        line: start + 1,
        text: rest[..end].to_string(),
    });
}

/// `Query 参数` / `Header 參数` / `Path 参数` blocks: name, type, `必需`|`可选`, description lines.
fn parameters(lines: &[&str], layout: &mut Layout) {
    let mut section = None;
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index].trim();
        if let Some(found) = parameter_section(line) {
            section = found;
            index += 1;
            continue;
        }
        let starts_parameter = index + 2 < lines.len()
            && is_name(line)
            && matches!(lines[index + 2].trim(), "必需" | "可选");
        match section {
            Some(section) if starts_parameter => {
                let mut cells: Vec<Cell> = (0..3)
                    .map(|offset| Cell {
                        lines: vec![(index + offset + 1, lines[index + offset].trim().to_string())],
                    })
                    .collect();
                cells[2].lines[0].1 = if lines[index + 2].trim() == "必需" {
                    "是"
                } else {
                    "否"
                }
                .into();
                let mut description = Cell::default();
                index += 3;
                while index < lines.len() && !starts_next(lines, index) {
                    description
                        .lines
                        .push((index + 1, lines[index].to_string()));
                    index += 1;
                }
                cells.push(description);
                layout.rows.push(Row {
                    section,
                    line: cells[0].lines[0].0,
                    level: None,
                    cells,
                });
            }
            _ => index += 1,
        }
    }
}

/// `Some(Some(section))` for a parameter block label, `Some(None)` for the label that ends them.
fn parameter_section(line: &str) -> Option<Option<Section>> {
    match line {
        "Query 参数" => Some(Some(Section::Query)),
        "Header 参数" => Some(Some(Section::Header)),
        "Path 参数" => Some(Some(Section::Path)),
        "Body 参数" => Some(Some(Section::Body)),
        "返回响应" => Some(None),
        _ => None,
    }
}

fn starts_next(lines: &[&str], index: usize) -> bool {
    let line = lines[index].trim();
    parameter_section(line).is_some()
        || (index + 2 < lines.len()
            && is_name(line)
            && matches!(lines[index + 2].trim(), "必需" | "可选"))
}

fn is_name(line: &str) -> bool {
    !line.is_empty()
        && line
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
}
