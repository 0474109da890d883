//! What the three page formats have in common once read: the operation's method and path,
//! table rows per section (cells with their page lines) and JSON examples.

/// The tables of a page that carry facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Section {
    Header,
    Path,
    Query,
    Body,
    Response,
    Errors,
}

impl Section {
    /// The subject prefix of a parameter section's facts.
    pub(crate) fn param_prefix(self) -> Option<&'static str> {
        match self {
            Section::Header => Some("header"),
            Section::Path => Some("path"),
            Section::Query => Some("query"),
            Section::Body | Section::Response | Section::Errors => None,
        }
    }
}

/// Request or response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExampleKind {
    /// A request body example.
    Request,
    /// A response body example.
    Response,
}

impl ExampleKind {
    /// `request` or `response`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ExampleKind::Request => "request",
            ExampleKind::Response => "response",
        }
    }
}

/// What a `###` heading opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Heading {
    Table(Section),
    Example(ExampleKind),
    Other,
}

/// Maps a heading's text (without the `#`s) to what it opens.
pub(crate) fn heading(text: &str) -> Heading {
    match text.trim() {
        "请求头" => Heading::Table(Section::Header),
        "路径参数" => Heading::Table(Section::Path),
        "查询参数" => Heading::Table(Section::Query),
        "请求体" => Heading::Table(Section::Body),
        "响应体" => Heading::Table(Section::Response),
        "错误码" => Heading::Table(Section::Errors),
        "请求体示例" => Heading::Example(ExampleKind::Request),
        "响应体示例" => Heading::Example(ExampleKind::Response),
        _ => Heading::Other,
    }
}

/// One table cell: its text by page line (raw, markup included).
#[derive(Clone, Debug, Default)]
pub(crate) struct Cell {
    pub(crate) lines: Vec<(usize, String)>,
}

impl Cell {
    /// A cell whose lines are `text`'s, numbered from 1 (tests build cells this way).
    #[cfg(test)]
    pub(crate) fn from_text(text: &str) -> Cell {
        Cell {
            lines: text
                .lines()
                .enumerate()
                .map(|(i, l)| (i + 1, l.to_string()))
                .collect(),
        }
    }

    /// The cell's text without markup, lines joined by spaces.
    pub(crate) fn text(&self) -> String {
        let parts: Vec<String> = self
            .lines
            .iter()
            .map(|(_, line)| clean(line))
            .filter(|line| !line.is_empty())
            .collect();
        parts.join(" ")
    }

    /// The line of the cell's first non-blank text, or `fallback`.
    pub(crate) fn first_line(&self, fallback: usize) -> usize {
        self.lines
            .iter()
            .find(|(_, line)| !clean(line).is_empty())
            .map_or(fallback, |(number, _)| *number)
    }
}

/// One table row.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    pub(crate) section: Section,
    pub(crate) line: usize,
    /// The HTML tables' `level="N"`; `None` for flat markdown tables.
    pub(crate) level: Option<usize>,
    pub(crate) cells: Vec<Cell>,
}

/// A JSON example as it stands on the page.
#[derive(Clone, Debug)]
pub struct Example {
    /// Request or response.
    pub kind: ExampleKind,
    /// The page line the JSON starts on.
    pub line: usize,
    /// The JSON text.
    pub text: String,
}

/// Reads the JSON examples of a page: the lines between an opening and a closing marker
/// (a code fence, `<md-code-json>`), kept when the section is an example heading.
#[derive(Default)]
pub(crate) struct ExampleReader {
    open: Option<(usize, String)>,
}

impl ExampleReader {
    /// Takes line `number` when it opens, continues or closes an example; false otherwise.
    pub(crate) fn read(
        &mut self,
        number: usize,
        line: &str,
        (opens, closes): (&str, &str),
        section: Option<Heading>,
        layout: &mut Layout,
    ) -> bool {
        let trimmed = line.trim_start();
        match &mut self.open {
            Some((start, text)) if trimmed.starts_with(closes) => {
                if let Some(Heading::Example(kind)) = section {
                    layout.examples.push(Example {
                        kind,
                        line: *start,
                        text: std::mem::take(text),
                    });
                }
                self.open = None;
            }
            Some((_, text)) => {
                text.push_str(line);
                text.push('\n');
            }
            None if trimmed.starts_with(opens) => self.open = Some((number + 1, String::new())),
            None => return false,
        }
        true
    }
}

/// A page read into rows and examples, before facts are drawn from it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Layout {
    pub(crate) method: Option<(usize, String)>,
    pub(crate) path: Option<(usize, String)>,
    pub(crate) rows: Vec<Row>,
    pub(crate) examples: Vec<Example>,
}

/// Strips HTML tags and markdown escapes, and trims.
pub(crate) fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("\\[", "[")
        .replace("\\]", "]")
        .replace("\\-", "-")
        .replace("\\_", "_")
        .trim()
        .to_string()
}

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/// Finds the `HTTP URL` and `HTTP Method` of a markdown or HTML page's request table: the
/// value is on the label's line or one of the next three.
pub(crate) fn find_method_and_url(lines: &[&str], layout: &mut Layout) {
    for (index, line) in lines.iter().enumerate() {
        if line.contains("HTTP URL") && layout.path.is_none() {
            layout.path = lines[index..lines.len().min(index + 4)]
                .iter()
                .enumerate()
                .find_map(|(offset, text)| api_path(text).map(|path| (index + offset + 1, path)));
        }
        if line.contains("HTTP Method") && layout.method.is_none() {
            layout.method = lines[index..lines.len().min(index + 4)]
                .iter()
                .enumerate()
                .find_map(|(offset, text)| method(text).map(|m| (index + offset + 1, m)));
        }
    }
}

/// The `/open-apis/...` path in a line, with `:param` turned into `{param}`.
pub(crate) fn api_path(text: &str) -> Option<String> {
    let start = text.find("/open-apis/")?;
    let raw: String = text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '<' | '|' | '\'' | '"' | '?'))
        .collect();
    let segments: Vec<String> = raw
        .split('/')
        .map(|segment| match segment.strip_prefix(':') {
            Some(name) => format!("{{{name}}}"),
            None => segment.to_string(),
        })
        .collect();
    Some(segments.join("/"))
}

/// An HTTP method standing alone as a word in a line.
pub(crate) fn method(text: &str) -> Option<String> {
    clean(text)
        .split(|c: char| !c.is_ascii_alphabetic())
        .find(|word| METHODS.contains(word))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_take_braces() {
        let line = "HTTP URL | https://open.feishu.cn/open-apis/application/v6/applications/:app_id/app_versions/:version_id";
        assert_eq!(
            api_path(line).unwrap(),
            "/open-apis/application/v6/applications/{app_id}/app_versions/{version_id}"
        );
    }

    #[test]
    fn clean_strips_tags_and_escapes() {
        assert_eq!(
            clean(r#"	<md-text type="field-type" >app_scope\[\]</md-text>"#),
            "app_scope[]"
        );
    }
}
