//! Format-preserving edits of the spec's YAML: a node is found by its JSON pointer from the
//! lines' indentation, and an edit replaces or inserts whole lines (or one scalar or flow
//! list item in a line), so every other byte of the file stays as it was.
//!
//! Why not a YAML library: serde_yaml_ng (and every serde YAML crate) drops comments, blank
//! lines, quoting and flow style when it writes; the lossless YAML editors for Rust are
//! either unmaintained or early (no release with a stable edit API). The spec is written in
//! one plain style (block mappings and sequences, flow lists for enums, no anchors), which
//! is all this editor has to read; every edit is verified by re-parsing the whole file.

use feishu_wire::pointer::Pointer;

/// Where a node of the YAML text is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Node {
    /// The line of its key (or of its `-` for a sequence item), 0-based.
    pub(crate) line: usize,
    /// The column where its value's text starts on that line (after `key: ` or `- `).
    pub(crate) value_col: usize,
    /// The value's text on that line (empty when the value is a block below).
    pub(crate) inline: String,
    /// The indentation of its children (block value), when it has a block.
    pub(crate) child_indent: Option<usize>,
    /// The first line of its children (its own line for a `- key: value` item).
    pub(crate) children_from: usize,
    /// One past the last line of its block (its key line + 1 when it has none).
    pub(crate) end: usize,
}

/// The YAML text as lines (the trailing newline is kept on writing).
#[derive(Clone, Debug)]
pub(crate) struct YamlText {
    lines: Vec<String>,
}

impl YamlText {
    pub(crate) fn new(text: &str) -> YamlText {
        YamlText {
            lines: text.lines().map(str::to_string).collect(),
        }
    }

    pub(crate) fn text(&self) -> String {
        let mut text = self.lines.join("\n");
        text.push('\n');
        text
    }

    /// The node at a JSON pointer (RFC 6901: `~1` is `/`, `~0` is `~`).
    pub(crate) fn locate(&self, pointer: &str) -> Option<Node> {
        let mut node = Node {
            line: 0,
            value_col: 0,
            inline: String::new(),
            child_indent: self.child_indent_of(0, self.lines.len()),
            children_from: 0,
            end: self.lines.len(),
        };
        for segment in Pointer::parse(pointer).ok()? {
            node = self.child(
                node.children_from,
                node.end,
                node.child_indent?,
                &segment.ok()?,
            )?;
        }
        Some(node)
    }

    /// The child `segment` (a key, or an index in a sequence) among the lines `start..end`
    /// whose entries sit at `at` columns.
    fn child(&self, start: usize, end: usize, at: usize, segment: &str) -> Option<Node> {
        let mut index = 0usize;
        for l in start..end {
            let line = &self.lines[l];
            if !is_content(line) {
                continue;
            }
            // An entry at column `at`: plain, or the first key of a sequence item (`- key:`).
            let first_of_item = indent(line) + 2 == at && line.trim_start().starts_with("- ");
            if indent(line) != at && !first_of_item {
                continue;
            }
            let content = &line[at..];
            if !first_of_item
                && let Some(rest) = content
                    .strip_prefix("- ")
                    .or((content == "-").then_some(""))
            {
                // A sequence item at this level.
                if segment.parse::<usize>().ok() != Some(index) {
                    index += 1;
                    continue;
                }
                let end = self.block_end(l + 1, end, at);
                let is_mapping = key_of(rest).is_some();
                return Some(Node {
                    line: l,
                    value_col: at + 2,
                    inline: if is_mapping {
                        String::new()
                    } else {
                        rest.trim().to_string()
                    },
                    child_indent: if is_mapping {
                        Some(at + 2)
                    } else {
                        self.child_indent_of(l + 1, end)
                    },
                    children_from: if is_mapping { l } else { l + 1 },
                    end,
                });
            }
            let Some((key, after)) = key_of(content) else {
                continue;
            };
            if key != segment {
                continue;
            }
            let value_col = line.len() - after.trim_start().len();
            let inline = strip_comment(after.trim()).to_string();
            let end = self.block_end(l + 1, end, at);
            return Some(Node {
                line: l,
                value_col,
                child_indent: if inline.is_empty() {
                    self.child_indent_of(l + 1, end)
                } else {
                    None
                },
                inline,
                children_from: l + 1,
                end,
            });
        }
        None
    }

    fn child_indent_of(&self, from: usize, to: usize) -> Option<usize> {
        (from..to)
            .find(|&l| is_content(&self.lines[l]))
            .map(|l| indent(&self.lines[l]))
    }

    /// One past the last content line after `from` (and before `limit`) indented more
    /// than `at`; the first line at or left of `at` ends the block.
    fn block_end(&self, from: usize, limit: usize, at: usize) -> usize {
        let mut end = from;
        for l in from..limit {
            let line = &self.lines[l];
            if !is_content(line) {
                continue;
            }
            if indent(line) <= at {
                break;
            }
            end = l + 1;
        }
        end
    }

    /// Replaces the inline value at `pointer` with `scalar` (already YAML text).
    pub(crate) fn set_scalar(&mut self, pointer: &str, scalar: &str) -> Option<()> {
        let node = self.locate(pointer)?;
        if node.inline.is_empty() {
            return None;
        }
        let line = &mut self.lines[node.line];
        let after = line[node.value_col + node.inline.len()..].to_string();
        *line = format!("{}{scalar}{after}", &line[..node.value_col]);
        Some(())
    }

    /// Adds `key: value` (`value` already YAML text: one line, or several lines indented
    /// relative to the key) as the last entry of the mapping at `pointer`.
    pub(crate) fn insert_key(&mut self, pointer: &str, key: &str, value: &[String]) -> Option<()> {
        self.insert_entry(pointer, key, value, false)
    }

    /// [`YamlText::insert_key`], with a blank line before the new entry when `spaced` (as the
    /// spec separates its paths). Empty lines of `value` stay empty.
    pub(crate) fn insert_entry(
        &mut self,
        pointer: &str,
        key: &str,
        value: &[String],
        spaced: bool,
    ) -> Option<()> {
        let node = self.locate(pointer)?;
        let at = node.child_indent?;
        let pad = " ".repeat(at);
        let mut new = Vec::new();
        if spaced {
            new.push(String::new());
        }
        match value {
            [one] if !one.starts_with(' ') => new.push(format!("{pad}{key}: {one}")),
            lines => {
                new.push(format!("{pad}{key}:"));
                new.extend(lines.iter().map(|line| {
                    if line.is_empty() {
                        String::new()
                    } else {
                        format!("{pad}{line}")
                    }
                }));
            }
        }
        let at_line = node.end.max(node.line + 1);
        self.lines.splice(at_line..at_line, new);
        Some(())
    }

    /// Appends `item` (one line of YAML, or a mapping as `key: value` lines) to the sequence
    /// at `pointer`: into a flow list `[a, b]`, or as a new `- ` entry of a block list.
    pub(crate) fn append_item(&mut self, pointer: &str, item: &[String]) -> Option<()> {
        let node = self.locate(pointer)?;
        if let Some(inner) = node
            .inline
            .strip_prefix('[')
            .and_then(|s| s.strip_suffix(']'))
        {
            let [one] = item else { return None };
            let list = if inner.trim().is_empty() {
                format!("[{one}]")
            } else {
                format!("[{inner}, {one}]")
            };
            return self.set_scalar(pointer, &list);
        }
        if !node.inline.is_empty() {
            return None;
        }
        let at = node.child_indent?;
        let pad = " ".repeat(at);
        let new: Vec<String> = item
            .iter()
            .enumerate()
            .map(|(index, line)| {
                if index == 0 {
                    format!("{pad}- {line}")
                } else {
                    format!("{pad}  {line}")
                }
            })
            .collect();
        self.lines.splice(node.end..node.end, new);
        Some(())
    }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_content(line: &str) -> bool {
    let trimmed = line.trim();
    !trimmed.is_empty() && !trimmed.starts_with('#')
}

/// `key` and the text after `key:` when `content` starts with a mapping key.
fn key_of(content: &str) -> Option<(String, &str)> {
    let (key, rest) = if let Some(quoted) = content.strip_prefix('\'') {
        let close = quoted.find('\'')?;
        (quoted[..close].to_string(), &quoted[close + 1..])
    } else if let Some(quoted) = content.strip_prefix('"') {
        let close = quoted.find('"')?;
        (quoted[..close].to_string(), &quoted[close + 1..])
    } else {
        let colon = content
            .char_indices()
            .find(|&(i, c)| c == ':' && content[i + 1..].chars().next().is_none_or(|n| n == ' '))?
            .0;
        (content[..colon].to_string(), &content[colon..])
    };
    let after = rest.strip_prefix(':')?;
    (after.is_empty() || after.starts_with(' ')).then_some((key, after))
}

/// A line's value without a trailing ` # comment` (outside quotes).
fn strip_comment(value: &str) -> &str {
    let mut quote = None;
    for (i, c) in value.char_indices() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if value[..i].ends_with(' ') => return value[..i].trim_end(),
            _ => {}
        }
    }
    value
}

/// A string as a YAML scalar: plain when that reads back as the same string, else single
/// quoted. `in_flow`: the scalar goes into a `[a, b]` list.
pub(crate) fn scalar(text: &str, in_flow: bool) -> String {
    let special_start = text.starts_with([
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@',
        '`',
    ]);
    let looks_typed = text.parse::<f64>().is_ok()
        || matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "~" | "yes" | "no" | "on" | "off" | ""
        )
        || text.chars().next().is_some_and(|c| c.is_ascii_digit());
    let flow_unsafe = in_flow && text.contains([',', '[', ']', '{', '}']);
    if special_start
        || looks_typed
        || flow_unsafe
        || text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
        || text != text.trim()
    {
        format!("'{}'", text.replace('\'', "''"))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "\
openapi: 3.0.3
paths:
  /a/{b}:
    get:
      operationId: get_a
      x-updated: '2025-01-01'
      parameters:
        - name: size
          in: query
          schema:
            type: integer
            maximum: 50   # a comment
      x-codes:
        - code: 1
          name: One

components:
  schemas:
    # ---- enums
    Status:
      type: integer
      enum: [0, 1]
      x-enum-descriptions:
        - Zero
        - One
    Other:
      required: [code, msg]
";

    fn edited(edit: impl FnOnce(&mut YamlText) -> Option<()>) -> String {
        let mut yaml = YamlText::new(DOC);
        edit(&mut yaml).expect("the edit applies");
        let text = yaml.text();
        let _: serde_json::Value = serde_yaml_ng::from_str(&text).expect("still YAML");
        text
    }

    #[test]
    fn pointers_find_keys_items_and_quoted_keys() {
        let yaml = YamlText::new(DOC);
        let node = yaml.locate("/paths/~1a~1{b}/get/x-updated").unwrap();
        assert_eq!((node.line, node.inline.as_str()), (5, "'2025-01-01'"));
        let max = yaml
            .locate("/paths/~1a~1{b}/get/parameters/0/schema/maximum")
            .unwrap();
        assert_eq!((max.line, max.inline.as_str()), (11, "50"));
        let name = yaml.locate("/paths/~1a~1{b}/get/x-codes/0/name").unwrap();
        assert_eq!(name.line, 14);
        assert!(yaml.locate("/paths/~1a~1{b}/get/parameters/1").is_none());
        assert!(yaml.locate("/components/schemas/Nope").is_none());
    }

    #[test]
    fn edits_touch_only_their_lines() {
        let text =
            edited(|y| y.set_scalar("/paths/~1a~1{b}/get/parameters/0/schema/maximum", "100"));
        assert_eq!(text, DOC.replace("maximum: 50   #", "maximum: 100   #"));
        let text = edited(|y| {
            y.insert_key(
                "/paths/~1a~1{b}/get/parameters/0/schema",
                "minimum",
                &["1".into()],
            )
        });
        assert_eq!(
            text,
            DOC.replace(
                "   # a comment\n",
                "   # a comment\n            minimum: 1\n"
            )
        );
        let text = edited(|y| y.append_item("/components/schemas/Status/enum", &["2".into()]));
        assert_eq!(text, DOC.replace("[0, 1]", "[0, 1, 2]"));
        let text = edited(|y| {
            y.append_item(
                "/components/schemas/Status/x-enum-descriptions",
                &["Two".into()],
            )
        });
        assert_eq!(
            text,
            DOC.replace("        - One\n", "        - One\n        - Two\n")
        );
        let text = edited(|y| {
            y.append_item(
                "/paths/~1a~1{b}/get/x-codes",
                &["code: 2".into(), "name: Two".into()],
            )
        });
        assert_eq!(
            text,
            DOC.replace(
                "          name: One\n",
                "          name: One\n        - code: 2\n          name: Two\n"
            )
        );
        let text =
            edited(|y| y.insert_key("/components/schemas/Other", "type", &["object".into()]));
        assert_eq!(
            text,
            DOC.replace(
                "      required: [code, msg]\n",
                "      required: [code, msg]\n      type: object\n"
            )
        );
    }

    #[test]
    fn scalars_are_quoted_only_when_needed() {
        assert_eq!(scalar("open_id", false), "open_id");
        assert_eq!(scalar("2025-07-10", false), "'2025-07-10'");
        assert_eq!(scalar("a: b", false), "'a: b'");
        assert_eq!(scalar("it's, fine", true), "'it''s, fine'");
        assert_eq!(scalar("多维表格", true), "多维表格");
    }
}
