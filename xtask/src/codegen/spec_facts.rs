//! The spec facts hand-written code relies on, written out as constants so that a spec edit
//! reaches every component: the page-size ranges of `list_under_audit_apps` and
//! `list_contacts_range_configuration` (the client refuses, and the fake answers, by them), the route table (the proxy names operations by it)
//! and the languages the `lang` parameter takes (the CLI's `--lang`).

use anyhow::{Context as _, bail};
use openapiv3::{
    IntegerType, OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, SchemaKind, Type,
};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// The paginated operations and their page-size parameter.
const LIST_OPERATION: &str = "list_under_audit_apps";
const CONTACTS_RANGE_OPERATION: &str = "list_contacts_range_configuration";
const PAGE_SIZE: &str = "page_size";
/// The schema every `lang` parameter refers to.
const LANG_SCHEMA: &str = "Lang";

/// The source of `generated_spec_facts.rs`.
pub(crate) fn generate(spec: &OpenAPI) -> anyhow::Result<TokenStream> {
    let (min, max, default) = page_size(spec, LIST_OPERATION)?;
    let contacts = page_size(spec, CONTACTS_RANGE_OPERATION)?;
    let [c_min, c_max, c_default] =
        [contacts.0, contacts.1, contacts.2].map(Literal::u32_unsuffixed);
    let routes = routes(spec)?.into_iter().map(|(method, path, id)| {
        quote! { (#method, #path, #id) }
    });
    let langs = langs(spec)?;
    let [min, max, default] = [min, max, default].map(Literal::u32_unsuffixed);
    Ok(quote! {
        /// The smallest `page_size` of `list_under_audit_apps` (the spec's `minimum`).
        pub const MIN_PAGE_SIZE: u32 = #min;
        /// The largest `page_size` of `list_under_audit_apps` (the spec's `maximum`).
        pub const MAX_PAGE_SIZE: u32 = #max;
        /// Feishu's `page_size` when none is sent (the spec's `default`).
        pub const DEFAULT_PAGE_SIZE: u32 = #default;
        /// The smallest `page_size` of `list_contacts_range_configuration`.
        pub const CONTACTS_RANGE_MIN_PAGE_SIZE: u32 = #c_min;
        /// The largest `page_size` of `list_contacts_range_configuration`.
        pub const CONTACTS_RANGE_MAX_PAGE_SIZE: u32 = #c_max;
        /// Feishu's `page_size` of `list_contacts_range_configuration` when none is sent.
        pub const CONTACTS_RANGE_DEFAULT_PAGE_SIZE: u32 = #c_default;
        /// Every operation of the spec as (HTTP method, path template, operationId), in the
        /// spec's order.
        pub const ROUTES: &[(&str, &str, &str)] = &[#(#routes),*];
        /// The values the `lang` parameter takes, in the spec's order.
        pub const LANGS: &[&str] = &[#(#langs),*];
    })
}

fn page_size(spec: &OpenAPI, operation: &str) -> anyhow::Result<(u32, u32, u32)> {
    let at = format!("{operation}'s {PAGE_SIZE}");
    let parameter = spec
        .operations()
        .find(|(_, _, op)| op.operation_id.as_deref() == Some(operation))
        .with_context(|| format!("the spec has no operation {operation}"))?
        .2
        .parameters
        .iter()
        .filter_map(|p| p.as_item())
        .find(|p| p.parameter_data_ref().name == PAGE_SIZE)
        .with_context(|| format!("{at}: no such inline parameter"))?;
    let Parameter::Query { parameter_data, .. } = parameter else {
        bail!("{at}: not a query parameter");
    };
    let ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) = &parameter_data.format else {
        bail!("{at}: needs an inline schema");
    };
    let SchemaKind::Type(Type::Integer(IntegerType {
        minimum: Some(min),
        maximum: Some(max),
        ..
    })) = &schema.schema_kind
    else {
        bail!("{at}: needs an integer schema with minimum and maximum");
    };
    let default = schema
        .schema_data
        .default
        .as_ref()
        .and_then(serde_json::Value::as_u64)
        .with_context(|| format!("{at}: needs an integer default"))?;
    let small = |value: i64, what: &str| {
        u32::try_from(value).with_context(|| format!("{at}: {what} {value} is not a u32"))
    };
    let (min, max) = (small(*min, "minimum")?, small(*max, "maximum")?);
    let default = small(i64::try_from(default).unwrap_or(i64::MAX), "default")?;
    if !(min <= default && default <= max) {
        bail!("{at}: default {default} is outside {min}..={max}");
    }
    Ok((min, max, default))
}

fn routes(spec: &OpenAPI) -> anyhow::Result<Vec<(String, String, String)>> {
    spec.operations()
        .map(|(path, method, operation)| {
            let id = operation
                .operation_id
                .clone()
                .with_context(|| format!("{method} {path} has no operationId"))?;
            Ok((method.to_ascii_uppercase(), path.to_owned(), id))
        })
        .collect()
}

fn langs(spec: &OpenAPI) -> anyhow::Result<Vec<String>> {
    let schema = spec
        .components
        .as_ref()
        .and_then(|c| c.schemas.get(LANG_SCHEMA))
        .and_then(ReferenceOr::as_item)
        .with_context(|| format!("the spec has no inline schema {LANG_SCHEMA}"))?;
    let SchemaKind::Type(Type::String(string)) = &schema.schema_kind else {
        bail!("schema {LANG_SCHEMA} is not a string enum");
    };
    let langs: Vec<String> = string.enumeration.iter().flatten().cloned().collect();
    if langs.is_empty() {
        bail!("schema {LANG_SCHEMA} lists no values");
    }
    Ok(langs)
}
