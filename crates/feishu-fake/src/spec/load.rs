//! From an OpenAPI document to the operations the fake answers: each operation's route,
//! whether it needs a tenant token, its parameters and its `200` example.

use std::sync::Arc;

use axum::http::Method;
use openapiv3::{
    Components, Content, Example, MediaType, OpenAPI, Parameter as OpenApiParameter, ParameterData,
    ParameterSchemaOrContent, PathItem, ReferenceOr, RequestBody, Responses, Schema, SchemaKind,
    StatusCode,
};
use serde_json::Value;

use super::check::ValueCheck;
use feishu_wire::path_template::PathTemplate;

/// One operation of the spec, ready to be answered.
#[derive(Debug)]
pub(crate) struct Operation {
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) id: String,
    pub(crate) template: PathTemplate,
    /// Whether a tenant access token is needed (the operation's `security`, else the root's).
    pub(crate) secured: bool,
    pub(crate) parameters: Vec<Parameter>,
    /// The request body, when the operation documents one.
    pub(crate) body: Option<Body>,
    /// The `200` JSON example, or why the spec has none.
    pub(crate) example: Result<Value, String>,
}

/// An operation's request body: whether it is required and its JSON schema.
#[derive(Debug)]
pub(crate) struct Body {
    pub(crate) required: bool,
    schema: Option<ReferenceOr<Schema>>,
    components: Arc<Components>,
}

impl Body {
    /// Checks a body against the schema (see [`super::body`]).
    pub(crate) fn check(&self, value: &Value) -> Result<(), String> {
        match &self.schema {
            Some(schema) => super::body::check(&self.components, schema, "", value),
            None => Ok(()),
        }
    }
}

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Location {
    Path,
    Query,
    Header,
    Cookie,
}

/// One parameter of an operation.
#[derive(Debug)]
pub(crate) struct Parameter {
    pub(crate) name: String,
    pub(crate) location: Location,
    pub(crate) required: bool,
    /// The documented example, as text (strings as they are, other values as JSON).
    pub(crate) example: Option<String>,
    pub(crate) check: ValueCheck,
}

/// Every operation of `document`, in the spec's order.
pub(crate) fn operations(document: &OpenAPI) -> Result<Vec<Operation>, String> {
    let components = Arc::new(document.components.clone().unwrap_or_default());
    let mut operations = Vec::new();
    for (path, item) in document.paths.iter() {
        let ReferenceOr::Item(item) = item else {
            return Err(format!(
                "path {path:?} is a $ref, which the fake does not follow"
            ));
        };
        for (method, operation) in item.iter() {
            operations.push(one(document, &components, path, item, method, operation)?);
        }
    }
    Ok(operations)
}

/// One operation; errors name it (`get_app_version (GET /open-apis/…)`).
fn one(
    document: &OpenAPI,
    components: &Arc<Components>,
    path: &str,
    item: &PathItem,
    method: &str,
    operation: &openapiv3::Operation,
) -> Result<Operation, String> {
    let at = format!("{} {path}", method.to_ascii_uppercase());
    let id = operation
        .operation_id
        .clone()
        .ok_or_else(|| format!("{at} has no operationId"))?;
    let at = format!("{id} ({at})");
    let method = Method::from_bytes(method.to_ascii_uppercase().as_bytes())
        .map_err(|e| format!("{at}: {e}"))?;
    let security = operation.security.as_ref().or(document.security.as_ref());
    let body = match &operation.request_body {
        None => None,
        Some(body) => {
            let body = request_body(components, body).map_err(|e| format!("{at}: {e}"))?;
            Some(Body {
                required: body.required,
                schema: json_media(&body.content).and_then(|m| m.schema.clone()),
                components: Arc::clone(components),
            })
        }
    };
    Ok(Operation {
        method,
        path: path.to_owned(),
        template: PathTemplate::parse(path)?,
        // No requirement, or an empty one among them, means the token is optional.
        secured: security.is_some_and(|all| !all.is_empty() && all.iter().all(|r| !r.is_empty())),
        parameters: parameters(components, item, &operation.parameters)
            .map_err(|e| format!("{at}: {e}"))?,
        body,
        example: example(components, &operation.responses).map_err(|e| format!("{at}: {e}")),
        id,
    })
}

/// The path item's parameters, overridden by the operation's of the same name and location.
fn parameters(
    components: &Components,
    item: &PathItem,
    own: &[ReferenceOr<OpenApiParameter>],
) -> Result<Vec<Parameter>, String> {
    let mut all: Vec<Parameter> = Vec::new();
    for parameter in item.parameters.iter().chain(own) {
        let parameter = parameter_of(components, parameter)?;
        all.retain(|p| {
            (p.name.as_str(), p.location) != (parameter.name.as_str(), parameter.location)
        });
        all.push(parameter);
    }
    Ok(all)
}

fn parameter_of(
    components: &Components,
    parameter: &ReferenceOr<OpenApiParameter>,
) -> Result<Parameter, String> {
    let parameter = resolve(parameter, "#/components/parameters/", |name| {
        components.parameters.get(name)
    })?;
    let (data, location) = match parameter {
        OpenApiParameter::Path { parameter_data, .. } => (parameter_data, Location::Path),
        OpenApiParameter::Query { parameter_data, .. } => (parameter_data, Location::Query),
        OpenApiParameter::Header { parameter_data, .. } => (parameter_data, Location::Header),
        OpenApiParameter::Cookie { parameter_data, .. } => (parameter_data, Location::Cookie),
    };
    let schema = match &data.format {
        ParameterSchemaOrContent::Schema(schema) => Some(schema_of(components, schema)?),
        ParameterSchemaOrContent::Content(_) => None,
    };
    Ok(Parameter {
        name: data.name.clone(),
        location,
        required: data.required,
        example: parameter_example(components, data, schema)?,
        check: schema.map_or(ValueCheck::Any, |s| ValueCheck::of(&s.schema_kind)),
    })
}

/// The parameter's `example`, else its first `examples` entry, else its schema's `example`.
fn parameter_example(
    components: &Components,
    data: &ParameterData,
    schema: Option<&Schema>,
) -> Result<Option<String>, String> {
    let value = match &data.example {
        Some(value) => Some(value.clone()),
        None => match data.examples.values().next() {
            Some(example) => example_value(components, example)?,
            None => schema.and_then(|s| s.schema_data.example.clone()),
        },
    };
    Ok(value.map(|value| match value {
        Value::String(text) => text,
        other => other.to_string(),
    }))
}

/// A schema with `$ref`s followed, and a one-element `allOf` (the spec's way of putting a
/// description beside a `$ref`) seen through.
fn schema_of<'a>(
    components: &'a Components,
    schema: &'a ReferenceOr<Schema>,
) -> Result<&'a Schema, String> {
    let mut schema = resolve(schema, "#/components/schemas/", |n| {
        components.schemas.get(n)
    })?;
    for _ in 0..MAX_REF_DEPTH {
        match &schema.schema_kind {
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                schema = resolve(&all_of[0], "#/components/schemas/", |n| {
                    components.schemas.get(n)
                })?;
            }
            _ => return Ok(schema),
        }
    }
    Err("an allOf chain is too deep".into())
}

fn request_body<'a>(
    components: &'a Components,
    body: &'a ReferenceOr<RequestBody>,
) -> Result<&'a RequestBody, String> {
    resolve(body, "#/components/requestBodies/", |name| {
        components.request_bodies.get(name)
    })
}

/// The `200` response's JSON example: the media type's `example`, else its first `examples`
/// entry (in the spec's order).
fn example(components: &Components, responses: &Responses) -> Result<Value, String> {
    let response = responses
        .responses
        .get(&StatusCode::Code(200))
        .ok_or("the spec documents no 200 response")?;
    let response = resolve(response, "#/components/responses/", |name| {
        components.responses.get(name)
    })?;
    let media = json_media(&response.content).ok_or("its 200 response has no JSON content")?;
    if let Some(example) = &media.example {
        return Ok(example.clone());
    }
    match media.examples.values().next() {
        Some(example) => example_value(components, example)?
            .ok_or_else(|| "its first 200 example has no value".to_owned()),
        None => Err("its 200 response has no example".into()),
    }
}

/// The JSON media type of a content map: `application/json`, else the first `…json…` one.
fn json_media(content: &Content) -> Option<&MediaType> {
    content.get("application/json").or_else(|| {
        content
            .iter()
            .find(|(media, _)| media.to_ascii_lowercase().contains("json"))
            .map(|(_, media)| media)
    })
}

fn example_value(
    components: &Components,
    example: &ReferenceOr<Example>,
) -> Result<Option<Value>, String> {
    let example = resolve(example, "#/components/examples/", |name| {
        components.examples.get(name)
    })?;
    Ok(example.value.clone())
}

/// How deep `$ref` chains (and nested body schemas) are followed.
pub(crate) const MAX_REF_DEPTH: usize = 32;

/// Follows `$ref`s that name a component under `prefix`.
pub(crate) fn resolve<'a, T>(
    mut item: &'a ReferenceOr<T>,
    prefix: &str,
    lookup: impl Fn(&str) -> Option<&'a ReferenceOr<T>>,
) -> Result<&'a T, String> {
    for _ in 0..MAX_REF_DEPTH {
        match item {
            ReferenceOr::Item(found) => return Ok(found),
            ReferenceOr::Reference { reference } => {
                let name = reference
                    .strip_prefix(prefix)
                    .ok_or_else(|| format!("$ref {reference:?} does not point under {prefix}"))?;
                let name = feishu_wire::pointer::unescape_segment(name)
                    .map_err(|error| format!("$ref {reference:?}: {error}"))?;
                item = lookup(&name).ok_or_else(|| format!("$ref {reference:?} names nothing"))?;
            }
        }
    }
    Err(format!(
        "a $ref chain under {prefix} is more than {MAX_REF_DEPTH} deep (a cycle?)"
    ))
}
