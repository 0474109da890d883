//! A page read for drafting: its operation's parameters, request and response fields as
//! trees, its examples and its error codes, each with the page line it comes from.

use serde_json::Value;

use super::Note;
use super::cell_doc::{self, CellDoc};
use super::yaml::Yaml;
use crate::facts::from_layout::row_facts;
use crate::facts::model::Attr;
use crate::facts::nesting::{FieldRow, places};
use crate::facts::page::{Format, Page};
use crate::formats::json_example::json_type;
use crate::formats::layout::{ExampleKind, Layout, Row, Section, clean};

/// A page's operation, as the page states it.
#[derive(Clone, Debug)]
pub(crate) struct Draft {
    /// The page's file, as named in findings.
    pub(crate) file: String,
    /// `GET`, `PATCH`, ….
    pub(crate) method: String,
    /// The path, `{param}` style.
    pub(crate) path: String,
    /// The line naming the method.
    pub(crate) line: usize,
    /// The page's title.
    pub(crate) title: Option<String>,
    /// The page's first paragraph.
    pub(crate) intro: Option<String>,
    /// The page's source URL.
    pub(crate) source_url: Option<String>,
    /// The page's last update, `YYYY-MM-DD`.
    pub(crate) updated: Option<String>,
    /// Path and query parameters, in page order.
    pub(crate) params: Vec<Param>,
    /// The request body's fields.
    pub(crate) body: Vec<Field>,
    /// The response body's fields (`code`, `msg`, `data` and what `data` holds).
    pub(crate) response: Vec<Field>,
    /// The request body example, in the page's member order.
    pub(crate) request_example: Option<Yaml>,
    /// The response body example.
    pub(crate) response_example: Option<Yaml>,
    /// The documented error codes.
    pub(crate) errors: Vec<ErrorRow>,
    /// What could not be read, for a human.
    pub(crate) notes: Vec<Note>,
}

/// A path or query parameter.
#[derive(Clone, Debug)]
pub(crate) struct Param {
    /// `path` or `query`.
    pub(crate) location: &'static str,
    /// Its name, type, description and values.
    pub(crate) field: Field,
}

/// A parameter or a body field, with the fields it holds.
#[derive(Clone, Debug, Default)]
pub(crate) struct Field {
    pub(crate) name: String,
    pub(crate) line: usize,
    /// The type normalised (`integer`, `array<object>`, …).
    pub(crate) ty: String,
    /// The type as the page writes it (`application.app_contacts_range`, `app_scope[]`).
    pub(crate) page_type: String,
    pub(crate) required: Option<bool>,
    pub(crate) doc: CellDoc,
    /// The documented values, in page order.
    pub(crate) enum_values: Vec<String>,
    pub(crate) default: Option<String>,
    pub(crate) minimum: Option<String>,
    pub(crate) maximum: Option<String>,
    pub(crate) min_length: Option<String>,
    pub(crate) max_length: Option<String>,
    pub(crate) children: Vec<Field>,
}

impl Field {
    /// The meaning the page gives `value`, or an empty string.
    pub(crate) fn meaning(&self, value: &str) -> String {
        self.doc
            .enum_values
            .iter()
            .find(|(key, _)| key == value)
            .map_or_else(String::new, |(_, meaning)| meaning.clone())
    }
}

/// One row of the error table.
#[derive(Clone, Debug)]
pub(crate) struct ErrorRow {
    pub(crate) code: i64,
    pub(crate) http_status: u16,
    pub(crate) message: String,
    pub(crate) hint: String,
    pub(crate) line: usize,
}

impl Draft {
    /// Reads a page already parsed into `page` (header, facts) and `layout` (rows, examples).
    pub(crate) fn read(page: &Page, layout: &Layout, text: &str) -> Draft {
        let bare_enums = page.format == Format::Scrape;
        let mut notes = Vec::new();
        let examples = Examples::read(page, layout, &mut notes);
        let params = layout
            .rows
            .iter()
            .filter_map(|row| {
                let location = match row.section {
                    Section::Path => "path",
                    Section::Query => "query",
                    _ => return None,
                };
                let name = row.cells.first()?.text();
                let field = field(&format!("{location}.{name}"), &name, row, bare_enums);
                Some(Param { location, field })
            })
            .collect();
        let body = tree(
            layout,
            Section::Body,
            "body",
            examples.request.as_ref(),
            bare_enums,
            &mut notes,
            &page.file,
        );
        let response = tree(
            layout,
            Section::Response,
            "response",
            examples.response.as_ref(),
            bare_enums,
            &mut notes,
            &page.file,
        );
        let body = or_from_example(body, examples.request.as_ref());
        let response = or_from_example(response, examples.response.as_ref());
        Draft {
            file: page.file.clone(),
            method: page.method.to_ascii_uppercase(),
            path: page.path.clone(),
            line: page.line,
            title: page.title.clone(),
            intro: intro(text, page.title.as_deref()),
            source_url: page.source_url.clone(),
            updated: page.updated.clone(),
            params,
            body,
            response,
            request_example: examples.request_yaml,
            response_example: examples.response_yaml,
            errors: error_rows(layout, &page.file, &mut notes),
            notes,
        }
    }

    /// True when the answer comes in pages: a `page_token` parameter or a `has_more` field.
    pub(crate) fn is_paged(&self) -> bool {
        fn has_more(fields: &[Field]) -> bool {
            fields
                .iter()
                .any(|field| field.name == "has_more" || has_more(&field.children))
        }
        self.params
            .iter()
            .any(|param| param.field.name == "page_token")
            || has_more(&self.response)
    }
}

/// The page's JSON examples, parsed twice: as values (to place flat fields) and as YAML in the
/// page's order (to write).
struct Examples {
    request: Option<Value>,
    response: Option<Value>,
    request_yaml: Option<Yaml>,
    response_yaml: Option<Yaml>,
}

impl Examples {
    fn read(page: &Page, layout: &Layout, notes: &mut Vec<Note>) -> Examples {
        let mut examples = Examples {
            request: None,
            response: None,
            request_yaml: None,
            response_yaml: None,
        };
        for example in &layout.examples {
            let (value, yaml) = match example.kind {
                ExampleKind::Request => (&mut examples.request, &mut examples.request_yaml),
                ExampleKind::Response => (&mut examples.response, &mut examples.response_yaml),
            };
            if value.is_some() {
                continue;
            }
            match (
                serde_json::from_str::<Value>(&example.text),
                serde_json::from_str::<Yaml>(&example.text),
            ) {
                (Ok(parsed), Ok(tree)) => {
                    *value = Some(parsed);
                    *yaml = Some(tree);
                }
                (Err(error), _) | (_, Err(error)) => notes.push(Note::new(
                    &page.file,
                    example.line + error.line().saturating_sub(1),
                    format!(
                        "the {} example is not JSON ({error}); it is left out of the spec",
                        example.kind.as_str()
                    ),
                )),
            }
        }
        examples
    }
}

/// One field of a row: its facts (type, required, values, limits) and its words.
fn field(subject: &str, name: &str, row: &Row, bare_enums: bool) -> Field {
    let mut field = Field {
        name: name.to_string(),
        line: row
            .cells
            .first()
            .map_or(row.line, |cell| cell.first_line(row.line)),
        page_type: row.cells.get(1).map(|cell| cell.text()).unwrap_or_default(),
        ..Field::default()
    };
    for fact in row_facts(subject, row, bare_enums) {
        let value = Some(fact.value.clone());
        match fact.attr {
            Attr::Type => field.ty = fact.value,
            Attr::Required => field.required = Some(fact.value == "true"),
            Attr::Enum => {
                if !field.enum_values.contains(&fact.value) {
                    field.enum_values.push(fact.value);
                }
            }
            Attr::Default => field.default = value,
            Attr::Min => field.minimum = value,
            Attr::Max => field.maximum = value,
            Attr::MinLength => field.min_length = value,
            Attr::MaxLength => field.max_length = value,
            Attr::SourceUrl | Attr::Updated | Attr::Http | Attr::Message => {}
        }
    }
    if let [.., description] = row.cells.as_slice()
        && row.cells.len() > 2
    {
        field.doc = cell_doc::read(description, bare_enums);
    }
    field
}

/// The fields of a body section as a tree: nesting from the rows' levels, or from the example
/// where the table is flat.
fn tree(
    layout: &Layout,
    section: Section,
    prefix: &str,
    example: Option<&Value>,
    bare_enums: bool,
    notes: &mut Vec<Note>,
    file: &str,
) -> Vec<Field> {
    let rows: Vec<&Row> = layout
        .rows
        .iter()
        .filter(|row| row.section == section)
        .collect();
    let field_rows: Vec<FieldRow> = rows.iter().map(|row| FieldRow::of(row)).collect();
    let mut roots = Vec::new();
    for ((row, place), field_row) in rows
        .iter()
        .zip(places(&field_rows, example))
        .zip(&field_rows)
    {
        let own = field(
            &format!("{prefix}.{}", place.path),
            &field_row.name,
            row,
            bare_enums,
        );
        if place.ambiguous {
            notes.push(Note::new(
                file,
                own.line,
                format!(
                    "{prefix} field `{}`: the table is flat and the example does not show where it \
                     belongs; drafted at `{}`",
                    field_row.name, place.path
                ),
            ));
        }
        if !insert(&mut roots, &place.path, own) {
            notes.push(Note::new(
                file,
                row.line,
                format!(
                    "{prefix} field `{}`: its parent is not in the table",
                    place.path
                ),
            ));
        }
    }
    roots
}

/// The table's fields, or, where the page has no table (the older scrape), the example's
/// members with their JSON types: the example is then all the page says of the shape.
fn or_from_example(fields: Vec<Field>, example: Option<&Value>) -> Vec<Field> {
    match example {
        Some(Value::Object(members)) if fields.is_empty() => members
            .iter()
            .map(|(name, value)| from_example(name, value))
            .collect(),
        _ => fields,
    }
}

fn from_example(name: &str, value: &Value) -> Field {
    let mut field = Field {
        name: name.to_string(),
        // An empty array shows no item type: strings are what Feishu's id lists hold.
        ty: match json_type(value).as_deref() {
            None => "string".into(),
            Some("array") => "array<string>".into(),
            Some(ty) => ty.to_string(),
        },
        ..Field::default()
    };
    // An array's items may each show some members: the element holds them all.
    let objects: Vec<&serde_json::Map<String, Value>> = match value {
        Value::Object(members) => vec![members],
        Value::Array(items) => items.iter().filter_map(Value::as_object).collect(),
        _ => Vec::new(),
    };
    for members in objects {
        for (child, value) in members {
            if !field.children.iter().any(|known| known.name == *child) {
                field.children.push(from_example(child, value));
            }
        }
    }
    field
}

/// Puts `field` under the field its dotted `path` names (`data.items[].name` under `items`).
fn insert(roots: &mut Vec<Field>, path: &str, field: Field) -> bool {
    let segments: Vec<&str> = path.split('.').map(|s| s.trim_end_matches("[]")).collect();
    let mut level = roots;
    for name in &segments[..segments.len().saturating_sub(1)] {
        let Some(at) = level.iter().rposition(|field| field.name == *name) else {
            return false;
        };
        level = &mut level[at].children;
    }
    level.push(field);
    true
}

fn error_rows(layout: &Layout, file: &str, notes: &mut Vec<Note>) -> Vec<ErrorRow> {
    let mut errors: Vec<ErrorRow> = Vec::new();
    for row in layout
        .rows
        .iter()
        .filter(|row| row.section == Section::Errors)
    {
        let [http, code, message, rest @ ..] = row.cells.as_slice() else {
            continue;
        };
        let line = code.first_line(row.line);
        let (Ok(number), Ok(status)) = (code.text().parse::<i64>(), http.text().parse::<u16>())
        else {
            notes.push(Note::new(
                file,
                line,
                format!(
                    "error row `{} | {}` has no numeric HTTP status and code; left out",
                    http.text(),
                    code.text()
                ),
            ));
            continue;
        };
        if errors.iter().any(|error| error.code == number) {
            notes.push(Note::new(
                file,
                line,
                format!("error code {number} is listed twice; the first row is kept"),
            ));
            continue;
        }
        errors.push(ErrorRow {
            code: number,
            http_status: status,
            message: message.text(),
            hint: rest.first().map(|cell| cell.text()).unwrap_or_default(),
            line,
        });
    }
    errors
}

/// The first paragraph under the page's `# title`, without the portal's "try it" link.
fn intro(text: &str, title: Option<&str>) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|line| {
            line.strip_prefix("# ")
                .is_some_and(|heading| title.is_none_or(|title| heading.trim() == title.trim()))
        })
        .map_or(0, |at| at + 1);
    let mut paragraph = Vec::new();
    for line in &lines[start..] {
        let trimmed = line.trim();
        if trimmed.starts_with('#') || trimmed.starts_with(":::") || trimmed.starts_with('|') {
            break;
        }
        if trimmed.is_empty() || trimmed.starts_with("最后更新于") {
            if paragraph.is_empty() {
                continue;
            }
            break;
        }
        let cleaned = clean(trimmed.split("{尝试一下}").next().unwrap_or(trimmed));
        if !cleaned.is_empty() {
            paragraph.push(cleaned);
        }
    }
    (!paragraph.is_empty()).then(|| paragraph.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_intro_is_the_paragraph_under_the_title() {
        let text = "---\ntitle: T\n---\n最后更新于 2023-07-21\n\n# T\n\n该接口用于获取。\n第二行\n\n**注意事项**：x\n";
        assert_eq!(
            intro(text, Some("T")).as_deref(),
            Some("该接口用于获取。 第二行")
        );
        let html = "# 获取\n\n根据应用 ID 获取{尝试一下}(url=/api)\n\n:::html\n";
        assert_eq!(
            intro(html, Some("获取")).as_deref(),
            Some("根据应用 ID 获取")
        );
    }

    #[test]
    fn fields_nest_under_their_parents() {
        let mut roots = Vec::new();
        for path in ["data", "data.items", "data.items[].name", "has_more"] {
            let name = path.rsplit('.').next().unwrap().to_string();
            assert!(insert(
                &mut roots,
                path,
                Field {
                    name,
                    ..Field::default()
                }
            ));
        }
        assert!(!insert(&mut roots, "nowhere.x", Field::default()));
        assert_eq!(roots.len(), 2);
        assert_eq!(roots[0].children[0].children[0].name, "name");
    }
}
