//! `feishu-review validate`: check saved response bodies against the spec — violations and
//! drift — for a human (text) or a machine (`--format json`, the contract in DESIGN.md).
//!
//! Exit codes: 0 every file conforms (drift allowed unless `--strict`), 1 a violation (or drift
//! under `--strict`), 2 something could not be checked (unreadable file, not JSON, unknown
//! operation, bad status). A file that cannot be checked is named on stderr and left out of the
//! JSON array.

use std::cmp::Ordering;
use std::io::Read;
use std::process::ExitCode;

use feishu_validate::{Report, Validator};
use serde_json::json;

use crate::stdout::out;

/// Options of `feishu-review validate`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit codes:
  0  every file conforms (drift is allowed unless --strict)
  1  a file has a violation (or drift, under --strict)
  2  a file could not be checked (unreadable, not JSON, unknown operation, bad status)
     or the command line is wrong

A closed stdout (as with `| head`) drops the rest of the report, not the exit code.")]
pub(crate) struct Args {
    /// The operationId whose response the files hold, e.g. `list_under_audit_apps`.
    #[arg(long, value_name = "OPID")]
    operation: String,
    /// The HTTP status the response came with: it selects the response schema (exact code,
    /// then `4XX`/`5XX`, then `default`).
    #[arg(long, value_name = "CODE", default_value_t = 200)]
    status: u16,
    /// Fail on drift too (undocumented members, unknown enum values), not only on violations.
    #[arg(long)]
    strict: bool,
    /// `text` for people (findings grouped by place, documented beside found) or `json`.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Files holding one response body each; `-` reads standard input.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<String>,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// The verdict on one file that could be checked.
struct Checked {
    file: String,
    report: Report,
    passed: bool,
}

/// Runs `feishu-review validate`.
pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let validator = Validator::workspace();
    let response = match validator.response_key(&args.operation, args.status) {
        Ok(key) => key,
        Err(error) => {
            crate::stdout::errln!("error: {error}");
            return Ok(ExitCode::from(2));
        }
    };
    let mut stdin: Option<Vec<u8>> = None;
    let mut checked = Vec::new();
    let mut unchecked = 0;
    for file in &args.files {
        let checking = |bytes: &[u8]| {
            validator
                .validate(&args.operation, args.status, bytes)
                .map_err(|e| e.to_string())
        };
        let verdict = if file == "-" {
            read_stdin(&mut stdin).and_then(checking)
        } else {
            // Read with the file's exact size, checked, and dropped before the next file.
            std::fs::read(file)
                .map_err(|e| format!("cannot read the file: {e}"))
                .and_then(|bytes| checking(&bytes))
        };
        match verdict {
            Ok(report) => {
                let passed = report.is_valid() && (!args.strict || report.is_clean());
                checked.push(Checked {
                    file: file.clone(),
                    report,
                    passed,
                });
            }
            Err(message) => {
                crate::stdout::errln!("error: {}: {message}", display_name(file));
                unchecked += 1;
            }
        }
    }
    let output = match args.format {
        Format::Json => json_output(&args, &checked)?,
        Format::Text => text_output(&args, response, &checked, unchecked),
    };
    // A closed stdout drops the report but keeps the verdict.
    out!("{output}")?;
    Ok(ExitCode::from(if unchecked > 0 {
        2
    } else if checked.iter().all(|c| c.passed) {
        0
    } else {
        1
    }))
}

/// The bytes of standard input, read once however often `-` is named, and lent rather than
/// copied (a copy would double the memory a large body costs).
fn read_stdin(stdin: &mut Option<Vec<u8>>) -> Result<&[u8], String> {
    if stdin.is_none() {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        *stdin = Some(bytes);
    }
    Ok(stdin.as_deref().unwrap_or_default())
}

fn display_name(file: &str) -> &str {
    if file == "-" { "<stdin>" } else { file }
}

/// The DESIGN.md contract: one object per checked file.
fn json_output(args: &Args, checked: &[Checked]) -> anyhow::Result<String> {
    let files: Vec<_> = checked
        .iter()
        .map(|c| {
            json!({
                "file": c.file,
                "operation": args.operation,
                "status": args.status,
                "valid": c.passed,
                "violations": c.report.violations,
                "drift": c.report.drift,
            })
        })
        .collect();
    Ok(format!("{}\n", serde_json::to_string_pretty(&files)?))
}

/// Findings of one file grouped by pointer, each with what the spec documents beside what
/// was found, so the spec edit (or the bug) is obvious.
fn text_output(args: &Args, response: &str, checked: &[Checked], unchecked: usize) -> String {
    let mut out = String::new();
    for c in checked {
        let report = &c.report;
        let verdict = match (report.violations.len(), report.drift.len()) {
            (0, 0) => "ok".to_owned(),
            (0, d) if args.strict => {
                format!("FAILED under --strict: {}", count(d, "drift", "drift"))
            }
            (0, d) => format!("valid, with {}", count(d, "drift", "drift")),
            (v, 0) => format!("INVALID: {}", count(v, "violation", "violations")),
            (v, d) => format!(
                "INVALID: {}, {}",
                count(v, "violation", "violations"),
                count(d, "drift", "drift")
            ),
        };
        out.push_str(&format!(
            "{}: {verdict} ({} {}, response {response})\n",
            display_name(&c.file),
            args.operation,
            args.status
        ));
        for (pointer, findings) in grouped(report) {
            let place = if pointer.is_empty() {
                "(the body)"
            } else {
                pointer
            };
            out.push_str(&format!("  {place}\n"));
            for finding in findings {
                out.push_str(&format!("    {}: {}\n", finding.label, finding.message));
                out.push_str(&format!("      documented: {}\n", finding.documented));
                out.push_str(&format!("      found:      {}\n", finding.found));
            }
        }
    }
    if checked.len() + unchecked > 1 {
        let passed = checked.iter().filter(|c| c.passed).count();
        out.push_str(&format!(
            "{} files: {passed} passed, {} failed, {unchecked} could not be checked\n",
            checked.len() + unchecked,
            checked.len() - passed
        ));
    }
    out
}

/// One finding, violation or drift, as the text output shows it.
struct Finding<'r> {
    label: String,
    message: &'r str,
    documented: &'r str,
    found: &'r str,
}

/// Findings grouped by pointer, in body order (`/items/2` before `/items/10`).
fn grouped(report: &Report) -> Vec<(&str, Vec<Finding<'_>>)> {
    let mut groups: Vec<(&str, Vec<Finding<'_>>)> = Vec::new();
    let violations = report.violations.iter().map(|v| {
        let label = format!("violation ({})", v.keyword);
        (
            &v.pointer,
            Finding {
                label,
                message: &v.message,
                documented: &v.documented,
                found: &v.found,
            },
        )
    });
    let drift = report.drift.iter().map(|d| {
        let label = format!("drift ({})", d.kind);
        (
            &d.pointer,
            Finding {
                label,
                message: &d.message,
                documented: &d.documented,
                found: &d.found,
            },
        )
    });
    for (pointer, finding) in violations.chain(drift) {
        match groups.iter_mut().find(|(p, _)| p == pointer) {
            Some((_, findings)) => findings.push(finding),
            None => groups.push((pointer, vec![finding])),
        }
    }
    groups.sort_by(|a, b| body_order(a.0, b.0));
    groups
}

/// Pointer order with numeric segments compared as numbers.
fn body_order(a: &str, b: &str) -> Ordering {
    let mut a = a.split('/');
    let mut b = b.split('/');
    loop {
        match (a.next(), b.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let order = match (x.parse::<u64>(), y.parse::<u64>()) {
                    (Ok(m), Ok(n)) => m.cmp(&n),
                    _ => x.cmp(y),
                };
                if order != Ordering::Equal {
                    return order;
                }
            }
        }
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
