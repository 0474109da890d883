//! `cargo xtask docs check --fix`: applies to the spec every finding the page lets us derive
//! (enum values, fields, parameters, error codes, limits, defaults, required flags, the page's
//! date and URL), as minimal line edits (see `yaml_edit`), and says why each other finding
//! was left for a human.
//!
//! It works in rounds: a new field's own facts (its required flag, its limits) only become
//! findings once the field exists. Each round's edits are verified by re-parsing the whole
//! file before it is written; the final `check` decides what is left. A second run finds
//! nothing to apply, so `--fix` is idempotent.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow};
use serde::Serialize;

use crate::check::report::Finding;
use crate::check::{CheckConfig, check};
use crate::facts::page::{Page, load};
use crate::fix::derive::{Context, Edit, derive};
use crate::fix::page::PageText;
use crate::fix::yaml_edit::YamlText;
use crate::spec_doc::SpecDoc;
use crate::write::write_atomically;

/// Rounds at most (a field, then its flags; one more to see nothing is left).
const ROUNDS: usize = 4;

/// A finding `--fix` applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Applied {
    /// The page's file.
    pub page: String,
    /// The page line.
    pub line: usize,
    /// The fact, as `docs check` names it.
    pub fact: String,
    /// Where in the spec.
    pub spec_pointer: Option<String>,
    /// The YAML lines the edit wrote, one string.
    pub edit: String,
}

/// A finding `--fix` left, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Left {
    /// The finding.
    #[serde(flatten)]
    pub finding: Finding,
    /// Why it was not applied.
    pub reason: String,
}

/// What `--fix` did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FixReport {
    /// The findings applied, in order.
    pub applied: Vec<Applied>,
    /// The findings left after the last round.
    pub left: Vec<Left>,
    /// The spec's text before the first edit (to restore it when generating fails).
    #[serde(skip)]
    pub original_spec: String,
}

/// A finding's identity across rounds: page, line, fact.
type Key = (String, usize, String);

/// Applies every derivable finding of `config`'s pages to `config.spec`.
///
/// # Errors
///
/// What makes `docs check` fail, an unwritable spec, or an edit whose result no longer
/// parses (then nothing of that round is written).
pub fn fix(config: &CheckConfig) -> anyhow::Result<FixReport> {
    let original_spec = std::fs::read_to_string(&config.spec)
        .with_context(|| format!("reading the spec {}", config.spec.display()))?;
    let mut round = Round {
        report: FixReport {
            original_spec,
            ..FixReport::default()
        },
        pages: Pages::default(),
        reasons: HashMap::new(),
    };
    for _ in 0..ROUNDS {
        if !round.run(config)? {
            break;
        }
    }
    let Round {
        mut report,
        mut reasons,
        ..
    } = round;
    report.left = check(config)?
        .into_iter()
        .map(|finding| {
            let reason = reasons.remove(&key_of(&finding)).unwrap_or_else(|| {
                "found after the last round: run --fix again or edit by hand".into()
            });
            Left { finding, reason }
        })
        .collect();
    Ok(report)
}

fn key_of(finding: &Finding) -> Key {
    (finding.page.clone(), finding.line, finding.fact.clone())
}

/// The state `fix` keeps across rounds.
struct Round {
    report: FixReport,
    pages: Pages,
    reasons: HashMap<Key, String>,
}

impl Round {
    /// One round: check, derive and apply each finding's edits, write the spec once.
    /// `Ok(false)` when nothing changed.
    fn run(&mut self, config: &CheckConfig) -> anyhow::Result<bool> {
        let findings = check(config)?;
        let spec = SpecDoc::load(&config.spec)?;
        let mut yaml = YamlText::new(&spec.text);
        let mut written: HashSet<String> = HashSet::new();
        let mut changed = false;
        for finding in &findings {
            let key = key_of(finding);
            if self
                .report
                .applied
                .iter()
                .any(|a| (&a.page, a.line, &a.fact) == (&finding.page, finding.line, &finding.fact))
            {
                let why = "applied, but the check still finds it: edit it by hand";
                self.reasons.insert(key, why.into());
                continue;
            }
            let edits = match self.derive(finding, &spec, &config.root) {
                Ok(edits) => edits,
                Err(why) => {
                    self.reasons.insert(key, why);
                    continue;
                }
            };
            let fresh: Vec<&Edit> = edits
                .iter()
                .filter(|e| !written.contains(&format!("{e:?}")))
                .collect();
            let mut trial = yaml.clone();
            if let Some(failed) = fresh.iter().find(|edit| apply(&mut trial, edit).is_none()) {
                let why = format!(
                    "the spec's YAML at {} is in a form --fix does not edit",
                    pointer_of(failed)
                );
                self.reasons.insert(key, why);
                continue;
            }
            yaml = trial;
            written.extend(fresh.iter().map(|e| format!("{e:?}")));
            changed |= !fresh.is_empty();
            self.report.applied.push(Applied {
                page: finding.page.clone(),
                line: finding.line,
                fact: finding.fact.clone(),
                spec_pointer: finding.spec_pointer.clone(),
                edit: edits.iter().map(describe).collect::<Vec<_>>().join("; "),
            });
        }
        if changed {
            let text = yaml.text();
            serde_yaml_ng::from_str::<serde_json::Value>(&text).map_err(|error| {
                anyhow!(
                    "the fixed spec would not parse ({error}); nothing of this round was written"
                )
            })?;
            write_atomically(&config.spec, &text)?;
        }
        Ok(changed)
    }

    fn derive(
        &mut self,
        finding: &Finding,
        spec: &SpecDoc,
        root: &Path,
    ) -> Result<Vec<Edit>, String> {
        let (page, text) = self.pages.get(&finding.page, root)?;
        let operation = spec
            .operation(&page.method, &page.path)
            .ok_or_else(|| "the page's operation is not in the spec".to_string())?;
        let fact = page
            .facts
            .iter()
            .find(|fact| fact.line == finding.line && fact.to_string() == finding.fact)
            .ok_or_else(|| "the finding's fact is not on the page".to_string())?;
        derive(
            finding,
            &Context {
                spec,
                operation: &operation,
                fact,
                page: text,
            },
        )
    }
}

fn apply(yaml: &mut YamlText, edit: &Edit) -> Option<()> {
    match edit {
        Edit::Set { pointer, scalar } => yaml.set_scalar(pointer, scalar),
        Edit::Insert {
            pointer,
            key,
            value,
        } => yaml.insert_key(pointer, key, value),
        Edit::Append { pointer, item } => yaml.append_item(pointer, item),
    }
}

fn pointer_of(edit: &Edit) -> &str {
    match edit {
        Edit::Set { pointer, .. } | Edit::Insert { pointer, .. } | Edit::Append { pointer, .. } => {
            pointer
        }
    }
}

/// `set P = v`, `add k under P`, `append v to P`.
fn describe(edit: &Edit) -> String {
    match edit {
        Edit::Set { pointer, scalar } => format!("set {pointer} = {scalar}"),
        Edit::Insert {
            pointer,
            key,
            value,
        } => {
            format!("add `{key}: {}` under {pointer}", value.join(" ").trim())
        }
        Edit::Append { pointer, item } => format!("append `{}` to {pointer}", item.join(", ")),
    }
}

/// The pages findings name, read once.
#[derive(Default)]
struct Pages {
    read: HashMap<String, (Page, PageText)>,
}

impl Pages {
    fn get(&mut self, name: &str, root: &Path) -> Result<&(Page, PageText), String> {
        if !self.read.contains_key(name) {
            let under_root = root.join(name);
            let path = if under_root.is_file() {
                under_root
            } else {
                PathBuf::from(name)
            };
            let text = std::fs::read_to_string(&path)
                .map_err(|error| format!("cannot read the page: {error}"))?;
            let page = load(&path, name).map_err(|error| format!("{error:#}"))?;
            self.read
                .insert(name.to_string(), (page, PageText::new(&text)));
        }
        Ok(&self.read[name])
    }
}
