//! Markdown pages: `###` sections holding pipe tables whose description cells run over
//! several lines, and fenced JSON examples.
//!
//! A line parser rather than a CommonMark parser: Feishu's cells continue on the next lines
//! (hard breaks inside a table cell), which CommonMark ends the table on; reading the lines
//! as Feishu writes them keeps every fact with its own line number.

use crate::formats::layout::{
    Cell, ExampleReader, Heading, Layout, Row, Section, find_method_and_url, heading,
};

/// Reads a markdown page's lines.
pub(crate) fn read(lines: &[&str]) -> Layout {
    let mut layout = Layout::default();
    find_method_and_url(lines, &mut layout);
    let mut state = State::default();
    for (index, line) in lines.iter().enumerate() {
        state.line(index + 1, line, &mut layout);
    }
    state.finish_row(&mut layout);
    layout
}

#[derive(Default)]
struct State {
    opened: Option<Heading>,
    columns: usize,
    in_table: bool,
    row: Option<Row>,
    fence: ExampleReader,
}

impl State {
    fn line(&mut self, number: usize, line: &str, layout: &mut Layout) {
        if self
            .fence
            .read(number, line, ("```", "```"), self.opened, layout)
        {
            return;
        }
        if let Some(title) = line.strip_prefix('#') {
            self.finish_row(layout);
            self.in_table = false;
            self.opened = Some(heading(title.trim_start_matches('#')));
            return;
        }
        let Some(Heading::Table(section)) = self.opened else {
            return;
        };
        self.table_line(section, number, line, layout);
    }

    fn table_line(&mut self, section: Section, number: usize, line: &str, layout: &mut Layout) {
        if line.trim().is_empty() {
            self.finish_row(layout);
            self.in_table = false;
            return;
        }
        let cells = split_row(line);
        if !self.in_table {
            if is_separator(line) {
                self.in_table = true;
            } else {
                self.columns = cells.len();
            }
            return;
        }
        if cells.len() == self.columns && self.columns > 1 {
            self.finish_row(layout);
            let cells = cells
                .into_iter()
                .map(|text| Cell {
                    lines: vec![(number, text)],
                })
                .collect();
            self.row = Some(Row {
                section,
                line: number,
                level: None,
                cells,
            });
        } else if let Some(last) = self.row.as_mut().and_then(|row| row.cells.last_mut()) {
            last.lines.push((number, line.to_string()));
        }
    }

    fn finish_row(&mut self, layout: &mut Layout) {
        if let Some(row) = self.row.take() {
            layout.rows.push(row);
        }
    }
}

/// The cells of a pipe-table line (an outer `|` on either side is optional); the older
/// pipe-led tables split the same way.
pub(crate) fn split_row(line: &str) -> Vec<String> {
    let trimmed = line.trim();
    let trimmed = trimmed.strip_prefix('|').unwrap_or(trimmed);
    let trimmed = trimmed.strip_suffix('|').unwrap_or(trimmed);
    trimmed
        .split('|')
        .map(|cell| cell.trim().to_string())
        .collect()
}

/// A table's `---|---` line.
pub(crate) fn is_separator(line: &str) -> bool {
    let cells = split_row(line);
    cells.len() > 1
        && cells
            .iter()
            .all(|cell| !cell.is_empty() && cell.chars().all(|c| matches!(c, '-' | ':' | ' ')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_lines_stay_in_the_last_cell() {
        let page = "### 查询参数\n\n名称 | 类型 | 必填 | 描述\n--- | --- | --- | ---\nlang | string | 是 | 语言  \n**可选值有**：  \n- zh_cn：中文\npage_size | int | 否 | 大小\n";
        let lines: Vec<&str> = page.lines().collect();
        let layout = read(&lines);
        assert_eq!(layout.rows.len(), 2);
        assert_eq!(layout.rows[0].line, 5);
        assert_eq!(layout.rows[0].cells[3].lines.len(), 3);
        assert_eq!(layout.rows[1].cells[0].text(), "page_size");
    }
}
