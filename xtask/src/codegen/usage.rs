//! Which component schemas requests use and which responses use.
//!
//! The answer decides how a schema is generated: response types keep what the spec does not
//! document (open enums, unknown object members), request types accept only documented values.

use std::collections::BTreeSet;

use anyhow::{Context as _, bail};
use openapiv3::OpenAPI;
use serde_json::Value;

const SCHEMA_PREFIX: &str = "#/components/schemas/";

/// Component schema names reachable from requests and from responses.
#[derive(Debug, Default)]
pub(crate) struct SchemaUsage {
    pub(crate) request: BTreeSet<String>,
    pub(crate) response: BTreeSet<String>,
}

impl SchemaUsage {
    pub(crate) fn of(spec: &OpenAPI) -> anyhow::Result<Self> {
        let components =
            serde_json::to_value(&spec.components).context("serialising components")?;
        let mut request_roots = Vec::new();
        let mut response_roots = Vec::new();
        for (path, item) in spec.paths.paths.iter() {
            let item = item
                .as_item()
                .with_context(|| format!("path {path}: a $ref'd path item is not supported"))?;
            for parameter in &item.parameters {
                request_roots.push(serde_json::to_value(parameter)?);
            }
            for (_, operation) in item.iter() {
                for parameter in &operation.parameters {
                    request_roots.push(serde_json::to_value(parameter)?);
                }
                if let Some(body) = &operation.request_body {
                    request_roots.push(serde_json::to_value(body)?);
                }
                response_roots.push(serde_json::to_value(&operation.responses)?);
            }
        }
        let usage = Self {
            request: reachable_schemas(&request_roots, &components)?,
            response: reachable_schemas(&response_roots, &components)?,
        };
        if let Some(both) = usage.request.intersection(&usage.response).next() {
            bail!(
                "schema `{both}` is used by a request and by a response; split it in two: \
                 requests take only documented values, responses keep undocumented ones"
            );
        }
        Ok(usage)
    }

    pub(crate) fn is_response(&self, schema: &str) -> bool {
        self.response.contains(schema)
    }

    pub(crate) fn is_request(&self, schema: &str) -> bool {
        self.request.contains(schema)
    }
}

/// Follows `$ref`s from `roots` through `components` and returns the schema names reached.
fn reachable_schemas(roots: &[Value], components: &Value) -> anyhow::Result<BTreeSet<String>> {
    let mut pending = Vec::new();
    roots
        .iter()
        .for_each(|root| collect_refs(root, &mut pending));
    let mut seen_refs = BTreeSet::new();
    let mut schemas = BTreeSet::new();
    while let Some(reference) = pending.pop() {
        if !seen_refs.insert(reference.clone()) {
            continue;
        }
        let target = reference
            .strip_prefix("#/components/")
            .and_then(|pointer| components.pointer(&format!("/{pointer}")))
            .with_context(|| format!("`$ref: {reference}` points at nothing"))?;
        if let Some(name) = reference.strip_prefix(SCHEMA_PREFIX) {
            schemas.insert(name.to_string());
        }
        collect_refs(target, &mut pending);
    }
    Ok(schemas)
}

fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                out.push(reference.clone());
            }
            map.values().for_each(|member| collect_refs(member, out));
        }
        Value::Array(items) => items.iter().for_each(|item| collect_refs(item, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::parse_spec;

    const SPEC: &str = r##"
openapi: 3.0.3
info: { title: t, version: v }
paths:
  /x:
    post:
      operationId: op
      parameters:
        - { name: q, in: query, schema: { $ref: '#/components/schemas/Query' } }
      requestBody:
        content:
          application/json: { schema: { $ref: '#/components/schemas/Body' } }
      responses:
        '200':
          description: ok
          content:
            application/json: { schema: { $ref: '#/components/schemas/Answer' } }
components:
  schemas:
    Query: { type: string, enum: [a] }
    Body: { type: object, properties: { b: { type: integer } } }
    Answer: { type: object, properties: { inner: { $ref: '#/components/schemas/Inner' } } }
    Inner: { type: object }
"##;

    #[test]
    fn splits_request_and_response_schemas_transitively() {
        let usage = SchemaUsage::of(&parse_spec(SPEC, "t").unwrap()).unwrap();
        assert_eq!(
            usage.request,
            BTreeSet::from(["Body".into(), "Query".into()])
        );
        assert_eq!(
            usage.response,
            BTreeSet::from(["Answer".into(), "Inner".into()])
        );
    }

    #[test]
    fn a_schema_used_both_ways_is_refused() {
        let spec = SPEC.replace("schemas/Inner' }", "schemas/Body' }");
        let error = SchemaUsage::of(&parse_spec(&spec, "t").unwrap()).unwrap_err();
        assert!(error.to_string().contains("schema `Body`"), "{error}");
    }

    #[test]
    fn a_dangling_ref_is_refused() {
        let spec = SPEC.replace("schemas/Inner' }", "schemas/Missing' }");
        let error = SchemaUsage::of(&parse_spec(&spec, "t").unwrap()).unwrap_err();
        assert!(error.to_string().contains("Missing"), "{error}");
    }
}
