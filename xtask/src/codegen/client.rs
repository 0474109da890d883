//! The progenitor client: settings, the response-type adjustments, and panic-free errors.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex};

use anyhow::anyhow;
use openapiv3::{
    AdditionalProperties, AnySchema, OpenAPI, ReferenceOr, Schema, SchemaData, SchemaKind, Type,
};
use proc_macro2::TokenStream;
use progenitor::{GenerationSettings, Generator, InterfaceStyle, TagStyle};

use super::enums::{ENUM_MODULE, EnumSchema};
use super::usage::SchemaUsage;

/// Runs progenitor on `spec` with the workspace's settings.
///
/// * Positional interface: required parameters are function arguments, so a missing one is a
///   compile error rather than a runtime one.
/// * Every enum schema is replaced by the enum `generated_enums.rs` defines (open for responses).
/// * Every object reached from a response gets `additionalProperties: {}` in memory, which
///   typify turns into a flattened `extra` map: members Feishu adds before its docs do are
///   decoded and kept instead of dropped.
/// * `schemars::JsonSchema` and `PartialEq` are derived on every type.
/// * The client carries a `crate::context::CallContext`: the hand-written `ClientHooks` impl
///   adds the bearer token from it and records each answer's status and headers into it.
pub(crate) fn generate(
    spec: &OpenAPI,
    usage: &SchemaUsage,
    enums: &[EnumSchema],
) -> anyhow::Result<TokenStream> {
    let spec = keep_unknown_members(spec.clone(), usage);
    let mut settings = GenerationSettings::default();
    settings
        .with_interface(InterfaceStyle::Positional)
        .with_tag(TagStyle::Merged)
        .with_derive("schemars::JsonSchema")
        .with_derive("PartialEq")
        .with_inner_type(quote::quote!(crate::context::CallContext));
    for schema in enums {
        settings.with_replacement(
            &schema.name,
            format!("{ENUM_MODULE}::{}", schema.name),
            std::iter::empty(),
        );
    }
    run_without_panicking(|| Generator::new(&settings).generate_tokens(&spec))?
        .map_err(|error| anyhow!("progenitor rejected the spec: {error}"))
}

fn keep_unknown_members(mut spec: OpenAPI, usage: &SchemaUsage) -> OpenAPI {
    let Some(components) = spec.components.as_mut() else {
        return spec;
    };
    for (name, schema) in components.schemas.iter_mut() {
        if !usage.is_response(name) {
            continue;
        }
        if let ReferenceOr::Item(Schema {
            schema_kind: SchemaKind::Type(Type::Object(object)),
            ..
        }) = schema
            && object.additional_properties.is_none()
        {
            object.additional_properties = Some(AdditionalProperties::Schema(Box::new(
                ReferenceOr::Item(Schema {
                    schema_data: SchemaData::default(),
                    schema_kind: SchemaKind::Any(AnySchema::default()),
                }),
            )));
        }
    }
    spec
}

/// progenitor reports some spec mistakes by panicking (e.g. two success schemas for one
/// operation); turn that into an error instead of a backtrace, keeping its message.
fn run_without_panicking<T>(generate: impl FnOnce() -> T) -> anyhow::Result<T> {
    let message = Arc::new(Mutex::new(None::<String>));
    let previous_hook = std::panic::take_hook();
    let captured = Arc::clone(&message);
    std::panic::set_hook(Box::new(move |info| {
        let location = info
            .location()
            .map(|l| format!(" (at {l})"))
            .unwrap_or_default();
        let text = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        if let Ok(mut slot) = captured.lock() {
            *slot = Some(format!("{text}{location}"));
        }
    }));
    let result = catch_unwind(AssertUnwindSafe(generate));
    std::panic::set_hook(previous_hook);
    result.map_err(|_| {
        let detail = message
            .lock()
            .ok()
            .and_then(|m| m.clone())
            .unwrap_or_default();
        anyhow!(
            "progenitor could not handle the spec: {detail}\n\
             hint: every operation needs one success schema and one error schema \
             (use the same ErrorResponse for 4XX and 5XX), and an operationId"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::parse_spec;

    #[test]
    fn two_success_schemas_is_an_error_not_a_panic() {
        let spec = parse_spec(
            r##"
openapi: 3.0.3
info: { title: t, version: v }
paths:
  /x:
    get:
      operationId: op
      responses:
        '200':
          description: a
          content: { application/json: { schema: { type: string } } }
        '201':
          description: b
          content: { application/json: { schema: { type: integer } } }
"##,
            "t",
        )
        .unwrap();
        let usage = SchemaUsage::of(&spec).unwrap();
        let error = generate(&spec, &usage, &[]).unwrap_err().to_string();
        assert!(error.contains("progenitor"), "{error}");
    }
}
