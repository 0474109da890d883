//! `cargo xtask docs add PAGE...`: a Feishu page becomes a spec operation.
//!
//! Each page, in any format Feishu serves (markdown tables, HTML `md-dt` tables, the plain-text
//! scrape, the older pipe-led tables with `∟` nesting), is read into a `draft::Draft`; the draft
//! becomes the operation's spec entry and the components it needs (`operation`), reusing the
//! spec's own components of the same shape; it is inserted into the spec by insertion only
//! (every existing line stays byte for byte), and the page is stored under `spec/docs/` with a
//! row in its README. Regenerating the client and checking the new pages is the caller's next
//! step (`xtask` does both).

mod cell_doc;
mod draft;
mod errors;
mod naming;
mod operation;
mod schemas;
mod shape;
mod store;
mod yaml;

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use serde_json::Value;

use crate::facts::page::{self, Format};
use crate::fix::yaml_edit::YamlText;
use crate::pages::{DOCS_DIR, SPEC_PATH};
use crate::spec_doc::SpecDoc;

/// What `docs add` works on.
#[derive(Clone, Debug)]
pub struct AddConfig {
    /// The workspace root (pages are stored in its `spec/docs/`).
    pub root: PathBuf,
    /// The spec to add to.
    pub spec: PathBuf,
    /// The page files.
    pub pages: Vec<PathBuf>,
    /// The operationId to use instead of the rule's (one page only).
    pub operation_id: Option<String>,
    /// Write nothing; report what would be inserted.
    pub dry_run: bool,
}

impl AddConfig {
    /// The workspace's spec, adding `pages`.
    #[must_use]
    pub fn workspace(root: &Path, pages: Vec<PathBuf>) -> AddConfig {
        AddConfig {
            root: root.to_path_buf(),
            spec: root.join(SPEC_PATH),
            pages,
            operation_id: None,
            dry_run: false,
        }
    }
}

/// Something in a page a human should look at: where, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// The page, as named on the command line.
    pub page: String,
    /// The page line.
    pub line: usize,
    /// What was drafted and why it needs a look.
    pub message: String,
}

impl Note {
    pub(crate) fn new(page: &str, line: usize, message: impl Into<String>) -> Note {
        Note {
            page: page.to_string(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.page, self.line, self.message)
    }
}

/// What happened to one page.
#[derive(Clone, Debug)]
pub enum Outcome {
    /// The operation was drafted into the spec.
    Added {
        /// The page as given.
        page: String,
        /// Its operationId.
        operation_id: String,
        /// `GET /open-apis/…`.
        operation: String,
        /// Where the page's copy is (relative to the root).
        stored: String,
        /// The components the draft added.
        schemas: Vec<String>,
    },
    /// A folder's `README.md`, which is not a page.
    Skipped {
        /// The file as given.
        page: String,
    },
    /// The spec already has the page's operation: nothing changed.
    Exists {
        /// The page as given.
        page: String,
        /// The spec's operationId for it.
        operation_id: String,
        /// `GET /open-apis/…`.
        operation: String,
    },
}

/// What `docs add` did.
#[derive(Clone, Debug, Default)]
pub struct AddReport {
    /// One outcome per page, in order.
    pub outcomes: Vec<Outcome>,
    /// What a human should look at.
    pub notes: Vec<Note>,
    /// The YAML inserted (or, with `dry_run`, that would be), per page.
    pub inserted: Vec<String>,
    /// The stored copies of the added pages (absolute), for checking them next.
    pub stored: Vec<PathBuf>,
}

/// Adds each page's operation to the spec.
///
/// Every page is read first: when one cannot be read, nothing is written.
///
/// # Errors
///
/// A page that cannot be read or is in no known format, an unreadable spec, or a draft that
/// does not read back as YAML (a bug: nothing is written then either).
pub fn add(config: &AddConfig) -> anyhow::Result<AddReport> {
    let named = config
        .pages
        .iter()
        .filter(|path| path.file_name().is_none_or(|name| name != "README.md"))
        .count();
    if config.operation_id.is_some() && named != 1 {
        bail!("--operation-id names one operation: give exactly one page");
    }
    let mut report = AddReport::default();
    // `spec/docs/README.md` and its like describe a folder of pages; `docs add folder/*` skips them.
    let (readmes, page_paths): (Vec<&PathBuf>, Vec<&PathBuf>) = config
        .pages
        .iter()
        .partition(|path| path.file_name().is_some_and(|name| name == "README.md"));
    for readme in readmes {
        report.outcomes.push(Outcome::Skipped {
            page: readme.display().to_string(),
        });
    }
    let pages = page_paths
        .into_iter()
        .map(|path| ReadPage::read(path))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut spec_text = std::fs::read_to_string(&config.spec)
        .with_context(|| format!("reading the spec {}", config.spec.display()))?;
    let docs_dir = config.root.join(DOCS_DIR);
    let mut store = store::Store::open(&docs_dir)?;
    for page in &pages {
        let spec = SpecDoc::from_text(spec_text.clone(), &config.spec)?;
        let root = spec.root();
        let operation = format!("{} {}", page.draft.method, page.draft.path);
        if let Some(existing) = spec.operation(&page.draft.method, &page.draft.path) {
            report.outcomes.push(Outcome::Exists {
                page: page.draft.file.clone(),
                operation_id: existing.id,
                operation,
            });
            continue;
        }
        let operation_id = operation_id(config, &page.draft, root, &mut report.notes);
        let drafted = operation::draft_operation(root, &page.draft, &operation_id);
        let (text, inserted) = insert(&spec_text, &page.draft, &drafted)?;
        check_reads_back(&text)?;
        spec_text = text;
        let stored = store.place(&page.text, &page.draft, page.format)?;
        report.notes.extend(drafted.notes);
        report.inserted.push(inserted);
        report.stored.push(docs_dir.join(&stored));
        report.outcomes.push(Outcome::Added {
            page: page.draft.file.clone(),
            operation_id,
            operation,
            stored: format!("{DOCS_DIR}/{stored}"),
            schemas: drafted.schemas.iter().map(|s| s.name.clone()).collect(),
        });
    }
    if !config.dry_run && !report.stored.is_empty() {
        store.write()?;
        crate::write::write_atomically(&config.spec, &spec_text)?;
    }
    Ok(report)
}

/// A page file read and drafted.
struct ReadPage {
    text: String,
    format: Format,
    draft: draft::Draft,
}

impl ReadPage {
    fn read(path: &Path) -> anyhow::Result<ReadPage> {
        let display = path.display().to_string();
        let bytes =
            std::fs::read(path).with_context(|| format!("{display}: cannot read the page"))?;
        let text = String::from_utf8(bytes).map_err(|error| {
            let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            anyhow::anyhow!("{display}:{line}: the page is not UTF-8 text")
        })?;
        let (parsed, layout) = page::parse_with_layout(&text, &display)?;
        let draft = draft::Draft::read(&parsed, &layout, &text);
        Ok(ReadPage {
            format: parsed.format,
            text,
            draft,
        })
    }
}

/// The operationId: `--operation-id`, else the naming rule; made unique with a finding when the
/// spec already uses it.
fn operation_id(
    config: &AddConfig,
    draft: &draft::Draft,
    root: &Value,
    notes: &mut Vec<Note>,
) -> String {
    let wanted = config
        .operation_id
        .clone()
        .unwrap_or_else(|| naming::operation_id(&draft.method, &draft.path, draft.is_paged()));
    let taken = |id: &str| {
        root.get("paths")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|paths| paths.values())
            .filter_map(Value::as_object)
            .flat_map(|item| item.values())
            .any(|op| op.get("operationId").and_then(Value::as_str) == Some(id))
    };
    if !taken(&wanted) {
        return wanted;
    }
    let unique = (2..)
        .map(|n| format!("{wanted}_{n}"))
        .find(|id| !taken(id))
        .unwrap_or_default();
    notes.push(Note::new(
        &draft.file,
        draft.line,
        format!(
            "operationId `{wanted}` is taken by another operation; drafted as `{unique}` \
             (choose one with --operation-id)"
        ),
    ));
    unique
}

/// Inserts the operation (under its path, which may exist with other methods) and its
/// components at the ends of their mappings. Returns the new text and the inserted YAML.
fn insert(
    spec_text: &str,
    draft: &draft::Draft,
    drafted: &operation::Drafted,
) -> anyhow::Result<(String, String)> {
    let mut yaml = YamlText::new(spec_text);
    let method = draft.method.to_ascii_lowercase();
    let path_pointer = format!(
        "/paths/{}",
        feishu_wire::pointer::escape_segment(&draft.path)
    );
    let mut shown = Vec::new();
    let operation_lines = drafted.operation.lines();
    if yaml.locate(&path_pointer).is_some() {
        yaml.insert_key(&path_pointer, &method, &indented(&operation_lines))
            .context("the spec's path item cannot take another method")?;
        shown.push(format!("{}:", draft.path));
        shown.push(format!("  {method}:"));
        shown.extend(operation_lines.iter().map(|line| format!("    {line}")));
    } else {
        let item = yaml::Yaml::Map(vec![(method.clone(), drafted.operation.clone())]).lines();
        yaml.insert_entry("/paths", &draft.path, &indented(&item), true)
            .context("the spec has no `paths` mapping to add to")?;
        shown.push(format!("{}:", draft.path));
        shown.extend(item.iter().map(|line| format!("  {line}")));
    }
    for schema in &drafted.schemas {
        let lines = schema.yaml.lines();
        yaml.insert_key("/components/schemas", &schema.name, &indented(&lines))
            .context("the spec has no `components/schemas` mapping to add to")?;
        shown.push(format!("{}:", schema.name));
        shown.extend(lines.iter().map(|line| format!("  {line}")));
    }
    Ok((yaml.text(), shown.join("\n") + "\n"))
}

/// Block lines as the value of a key: two columns in.
fn indented(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!("  {line}")
            }
        })
        .collect()
}

/// The edited spec must still be an OpenAPI document.
fn check_reads_back(text: &str) -> anyhow::Result<()> {
    serde_yaml_ng::from_str::<openapiv3::OpenAPI>(text)
        .context("the drafted spec does not read back as OpenAPI (a bug in docs add)")?;
    Ok(())
}
