//! The error-code table, from the `x-feishu-error-codes` extensions of the spec.
//!
//! At the root the extension lists the platform codes every operation can return; on an
//! operation, that operation's documented business codes. Each entry: `code`, `name` (the Rust
//! variant), `http_status`, `message` (Feishu's msg) and `hint` (the doc's troubleshooting advice).

use std::collections::BTreeMap;

use anyhow::{Context as _, bail};
use openapiv3::OpenAPI;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde::Deserialize;

const EXTENSION: &str = "x-feishu-error-codes";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    code: i64,
    name: String,
    http_status: u16,
    message: String,
    hint: String,
}

fn entries(value: Option<&serde_json::Value>, at: &str) -> anyhow::Result<Vec<Entry>> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    let entries: Vec<Entry> = serde_json::from_value(value.clone()).with_context(|| {
        format!("{at}: `{EXTENSION}` must be a list of {{code, name, http_status, message, hint}}")
    })?;
    let mut seen = BTreeMap::new();
    for entry in &entries {
        if seen.insert(entry.code, ()).is_some() {
            bail!("{at}: `{EXTENSION}` lists code {} twice", entry.code);
        }
        if syn::parse_str::<syn::Ident>(&entry.name).is_err() {
            bail!(
                "{at}: error code name `{}` is not a Rust identifier",
                entry.name
            );
        }
    }
    Ok(entries)
}

/// Each operation's documented codes, by operationId, sorted.
type OperationTables = Vec<(String, Vec<Entry>)>;

/// The source of `generated_error_codes.rs`.
pub(crate) fn generate(spec: &OpenAPI) -> anyhow::Result<TokenStream> {
    let common = entries(spec.extensions.get(EXTENSION), "the spec root")?;
    let operations = operation_tables(spec)?;
    let names = variant_names(&common, &operations)?;
    Ok(emit(&common, &operations, &names))
}

fn operation_tables(spec: &OpenAPI) -> anyhow::Result<OperationTables> {
    let mut operations = Vec::new();
    for (path, method, operation) in spec.operations() {
        let id = operation
            .operation_id
            .clone()
            .with_context(|| format!("{method} {path} has no operationId"))?;
        let at = format!("operation {id}");
        operations.push((id, entries(operation.extensions.get(EXTENSION), &at)?));
    }
    operations.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(operations)
}

/// One variant per code. A code every entry names alike keeps that name and the message of its
/// first entry. Feishu reuses numbers across operations with different meanings; a code whose
/// entries carry different names (`docs add` names each meaning from its own message) gets the
/// neutral name `Code<number>`, which is true for every operation, and a doc listing each
/// operation's meaning; `error_code_doc(operation, code)` gives the operation's own. A name
/// must still belong to one code only.
fn variant_names(
    common: &[Entry],
    operations: &OperationTables,
) -> anyhow::Result<BTreeMap<i64, (String, String)>> {
    let mut by_code: BTreeMap<i64, Vec<(&str, &Entry)>> = BTreeMap::new();
    for entry in common {
        by_code
            .entry(entry.code)
            .or_default()
            .push(("every operation", entry));
    }
    for (operation, entries) in operations {
        for entry in entries {
            by_code
                .entry(entry.code)
                .or_default()
                .push((operation, entry));
        }
    }
    let mut names = BTreeMap::new();
    for (code, entries) in by_code {
        let first = entries[0].1;
        let named_alike = entries.iter().all(|(_, entry)| entry.name == first.name);
        let variant = if named_alike {
            (first.name.clone(), first.message.clone())
        } else {
            let meanings: Vec<String> = entries
                .iter()
                .map(|(operation, entry)| format!("{operation}: {}", entry.message))
                .collect();
            (
                format!("Code{code}"),
                format!(
                    "means different things by operation ({}); see `error_code_doc`",
                    meanings.join("; ")
                ),
            )
        };
        names.insert(code, variant);
    }
    let mut by_name = BTreeMap::new();
    for (code, (name, _)) in &names {
        if let Some(other) = by_name.insert(name.clone(), *code) {
            bail!("error code name `{name}` is used for both {other} and {code}");
        }
    }
    Ok(names)
}

fn emit(
    common: &[Entry],
    operations: &OperationTables,
    names: &BTreeMap<i64, (String, String)>,
) -> TokenStream {
    let variants: Vec<_> = names
        .values()
        .map(|(name, _)| format_ident!("{name}"))
        .collect();
    let codes: Vec<_> = names
        .keys()
        .map(|code| Literal::i64_unsuffixed(*code))
        .collect();
    let variant_docs = names
        .iter()
        .map(|(code, (_, message))| format!("`{code}`: {message}"));
    let common_docs = common.iter().map(|entry| doc_tokens(entry, names));
    let operation_tables = operations.iter().map(|(id, entries)| {
        let docs = entries.iter().map(|entry| doc_tokens(entry, names));
        quote!((#id, &[#(#docs),*]))
    });

    quote! {
        //! Feishu error codes as the spec documents them (`x-feishu-error-codes`).

        /// A Feishu error code the spec documents.
        ///
        /// Each variant's discriminant is its numeric code (`ErrorCode::RateLimited as i64 ==
        /// 99991400`), and the order is the numeric code's, so a code the docs add later
        /// changes no existing discriminant and no existing comparison.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        #[repr(i64)]
        pub enum ErrorCode {
            #(#[doc = #variant_docs] #variants = #codes,)*
        }

        impl PartialOrd for ErrorCode {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for ErrorCode {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                self.code().cmp(&other.code())
            }
        }

        impl ErrorCode {
            /// Every documented code, in numeric order.
            pub const ALL: &'static [Self] = &[#(Self::#variants),*];

            /// The numeric code as Feishu sends it in `code`.
            pub fn code(self) -> i64 {
                match self {
                    #(Self::#variants => #codes,)*
                }
            }

            /// The documented code with this number, if any.
            pub fn from_code(code: i64) -> Option<Self> {
                match code {
                    #(#codes => Some(Self::#variants),)*
                    _ => None,
                }
            }

            /// How the docs describe this code whatever the operation: the platform-wide
            /// entry, else the first operation's. Use [`error_code_doc`] when the operation
            /// is known.
            pub fn doc(self) -> Option<&'static ErrorCodeDoc> {
                COMMON_ERROR_CODES
                    .iter()
                    .chain(OPERATION_ERROR_CODES.iter().flat_map(|(_, docs)| docs.iter()))
                    .find(|doc| doc.code == self)
            }
        }

        /// How the docs describe one error code for one operation.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct ErrorCodeDoc {
            /// The code.
            pub code: ErrorCode,
            /// The HTTP status Feishu answers with.
            pub http_status: u16,
            /// Feishu's `msg` for this code.
            pub message: &'static str,
            /// The doc's troubleshooting advice.
            pub hint: &'static str,
        }

        /// The platform codes every operation can return.
        pub const COMMON_ERROR_CODES: &[ErrorCodeDoc] = &[#(#common_docs),*];

        /// Each operation's documented business codes, by operationId.
        pub const OPERATION_ERROR_CODES: &[(&str, &[ErrorCodeDoc])] = &[#(#operation_tables),*];

        /// How `operation_id` documents `code`: the operation's own entry first, then the
        /// platform-wide one. `None` when neither documents it.
        pub fn error_code_doc(operation_id: &str, code: i64) -> Option<&'static ErrorCodeDoc> {
            OPERATION_ERROR_CODES
                .iter()
                .filter(|(id, _)| *id == operation_id)
                .flat_map(|(_, docs)| docs.iter())
                .chain(COMMON_ERROR_CODES.iter())
                .find(|doc| doc.code.code() == code)
        }
    }
}

fn doc_tokens(entry: &Entry, names: &BTreeMap<i64, (String, String)>) -> TokenStream {
    let name = names
        .get(&entry.code)
        .map_or(entry.name.as_str(), |(name, _)| name);
    let variant = format_ident!("{name}");
    let Entry {
        http_status,
        message,
        hint,
        ..
    } = entry;
    quote! {
        ErrorCodeDoc {
            code: ErrorCode::#variant,
            http_status: #http_status,
            message: #message,
            hint: #hint,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(codes_a: &str, codes_b: &str) -> OpenAPI {
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /a:\n    get:\n      operationId: get_a\n      responses: {{}}\n      x-feishu-error-codes: {codes_a}\n  /b:\n    get:\n      operationId: get_b\n      responses: {{}}\n      x-feishu-error-codes: {codes_b}\n"
        );
        serde_yaml_ng::from_str(&text).unwrap()
    }

    #[test]
    fn a_number_with_two_meanings_gets_a_name_true_for_both() {
        let source = generate(&spec(
            "[{code: 211004, name: VersionGone, http_status: 400, message: version gone, hint: ''}]",
            "[{code: 211004, name: AppIsFrozen, http_status: 400, message: app is frozen, hint: ''}, {code: 1, name: One, http_status: 400, message: one, hint: ''}]",
        ))
        .unwrap()
        .to_string();
        assert!(source.contains("Code211004 = 211004"), "{source}");
        assert!(!source.contains("VersionGone") && !source.contains("AppIsFrozen"));
        assert!(source.contains("message : \"version gone\""));
        assert!(source.contains("message : \"app is frozen\""));
        assert!(source.contains("One = 1"));
    }

    #[test]
    fn a_number_named_alike_everywhere_keeps_its_name() {
        let entry =
            "[{code: 210506, name: NoSuchApp, http_status: 400, message: no such app, hint: ''}]";
        let source = generate(&spec(entry, entry)).unwrap().to_string();
        assert!(source.contains("NoSuchApp = 210506"), "{source}");
        assert!(!source.contains("Code210506"));
    }
}
