//! What `check --fix` reads from a page besides its facts: an enum value's meaning, a table
//! row's cells (a field's page type and description, an error code's message and hint).

use crate::formats::layout::clean;

/// A page's lines.
pub(crate) struct PageText {
    lines: Vec<String>,
}

impl PageText {
    pub(crate) fn new(text: &str) -> PageText {
        PageText {
            lines: text.lines().map(str::to_string).collect(),
        }
    }

    fn line(&self, number: usize) -> &str {
        number
            .checked_sub(1)
            .and_then(|index| self.lines.get(index))
            .map_or("", String::as_str)
    }

    /// The meaning the page gives the enum value `value` on line `number`
    /// (`- 1：启用状态`, `<md-enum-item key="1">启用状态</md-enum-item>`).
    pub(crate) fn enum_description(&self, number: usize, value: &str) -> String {
        let raw = self.line(number);
        let text = clean(&unlink(raw));
        let text = text.trim_start_matches(['-', ' ']).trim();
        if raw.contains("<md-enum-item") {
            return text.to_string();
        }
        let text = text.replace('`', "");
        let rest = text.strip_prefix(value).unwrap_or(&text);
        rest.trim_start_matches(['：', ':', ' ']).trim().to_string()
    }

    /// The cells of the table row with line `number`, each as its first line of text:
    /// a markdown row (`a | b | c`) or an HTML `<md-dt-tr>` / `<md-tr>` row.
    pub(crate) fn row_cells(&self, number: usize) -> Vec<String> {
        let raw = self.line(number);
        if !raw.contains("<md-") && raw.contains('|') {
            return raw.split('|').map(|cell| clean(&unlink(cell))).collect();
        }
        let index = number.saturating_sub(1);
        let Some(start) = (0..=index.min(self.lines.len().saturating_sub(1)))
            .rev()
            .find(|&i| self.lines[i].contains("<md-dt-tr") || self.lines[i].contains("<md-tr"))
        else {
            return Vec::new();
        };
        let mut cells: Vec<Vec<String>> = Vec::new();
        for line in &self.lines[start + 1..] {
            if line.contains("</md-dt-tr>") || line.contains("</md-tr>") {
                break;
            }
            if line.contains("<md-dt-td") || line.contains("<md-td") {
                cells.push(Vec::new());
            }
            if let Some(cell) = cells.last_mut() {
                let text = clean(&unlink(line));
                if !text.is_empty() {
                    cell.push(text);
                }
            }
        }
        cells
            .into_iter()
            .map(|cell| cell.into_iter().next().unwrap_or_default())
            .collect()
    }
}

/// Markdown links `[text](url)` reduced to their text.
fn unlink(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](").map(|at| open + at) else {
            break;
        };
        let Some(end) = rest[close..].find(')').map(|at| close + at) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..close]);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_meanings_and_row_cells_are_read_from_both_formats() {
        let page = PageText::new(
            "- 1：启用状态  \n<md-enum-item key=\"ja_jp\" >日文</md-enum-item>\n\
             create_source | string | 应用创建来源(目前仅Base应用返回)  \n\
             <md-tr>\n  <md-td>400</md-td>\n  <md-td>210503</md-td>\n  <md-td>invalid app_id</md-td>\n  <md-td>请检查 [app_id](/x) 是否合法</md-td>\n</md-tr>\n",
        );
        assert_eq!(page.enum_description(1, "1"), "启用状态");
        assert_eq!(page.enum_description(2, "ja_jp"), "日文");
        assert_eq!(
            page.row_cells(3),
            [
                "create_source",
                "string",
                "应用创建来源(目前仅Base应用返回)"
            ]
        );
        assert_eq!(
            page.row_cells(6),
            ["400", "210503", "invalid app_id", "请检查 app_id 是否合法"]
        );
    }
}
