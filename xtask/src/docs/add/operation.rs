//! A drafted operation: its spec entry (parameters, body, answer, examples, error codes) and
//! the components it adds.

use serde_json::Value;

use super::Note;
use super::draft::{Draft, Param};
use super::errors;
use super::schemas::{NewSchema, Schemas, primitive, typed};
use super::shape::Shape;
use super::yaml::Yaml;

/// What `docs add` inserts for one page.
#[derive(Clone, Debug)]
pub(crate) struct Drafted {
    /// The operation's entry under its path and method.
    pub(crate) operation: Yaml,
    /// The components it adds, in the order they were drafted.
    pub(crate) schemas: Vec<NewSchema>,
    /// What a human should look at.
    pub(crate) notes: Vec<Note>,
}

/// Drafts `draft` as operation `operation_id` against the spec `root`.
pub(crate) fn draft_operation(root: &Value, draft: &Draft, operation_id: &str) -> Drafted {
    let mut schemas = Schemas::new(root, operation_id, &draft.file);
    let mut notes = draft.notes.clone();
    let mut entries = header(root, draft, operation_id);
    let parameters: Vec<Yaml> = draft
        .params
        .iter()
        .map(|param| parameter(root, &mut schemas, param))
        .collect();
    if !parameters.is_empty() {
        entries.push(("parameters".into(), Yaml::Seq(parameters)));
    }
    if !draft.body.is_empty() || draft.request_example.is_some() {
        let name = format!("{}Request", schemas.operation());
        let about = format!("The body of {operation_id}.");
        let schema = schemas.object_component(&name, &about, &draft.body, draft.line);
        entries.push((
            "requestBody".into(),
            Yaml::Map(vec![
                ("required".into(), Yaml::Scalar("true".into())),
                (
                    "content".into(),
                    json_content(schema, draft.request_example.clone()),
                ),
            ]),
        ));
    }
    entries.push((
        "responses".into(),
        responses(root, &mut schemas, draft, operation_id),
    ));
    let codes = errors::entries(root, &draft.errors, &draft.file, &mut notes);
    if !codes.is_empty() {
        entries.push(("x-feishu-error-codes".into(), Yaml::Seq(codes)));
    }
    notes.append(&mut schemas.notes);
    Drafted {
        operation: Yaml::Map(entries),
        schemas: schemas.added,
        notes,
    }
}

/// `operationId`, the page's URL and date, the tag, summary and description.
fn header(root: &Value, draft: &Draft, operation_id: &str) -> Vec<(String, Yaml)> {
    let mut entries = vec![("operationId".to_string(), Yaml::str(operation_id))];
    if let Some(url) = &draft.source_url {
        entries.push((
            "externalDocs".into(),
            Yaml::Map(vec![
                (
                    "description".into(),
                    Yaml::str(
                        "The Feishu page this operation is written from (a copy is in spec/docs/).",
                    ),
                ),
                ("url".into(), Yaml::str(url)),
            ]),
        ));
    }
    if let Some(updated) = &draft.updated {
        entries.push((
            "x-feishu-doc-updated".into(),
            Yaml::Scalar(format!("'{updated}'")),
        ));
    }
    if let Some(tag) = tag(root, &draft.path) {
        entries.push(("tags".into(), Yaml::flow(&[tag])));
    }
    let summary = draft
        .title
        .clone()
        .unwrap_or_else(|| format!("{} {}", draft.method, draft.path));
    entries.push(("summary".into(), Yaml::str(&summary)));
    if let Some(intro) = &draft.intro {
        entries.push(("description".into(), Yaml::str(intro)));
    }
    entries
}

/// `200` with the envelope and the page's example; `4XX` and `5XX` as the spec's `Error`.
fn responses(root: &Value, schemas: &mut Schemas<'_>, draft: &Draft, operation_id: &str) -> Yaml {
    let answer = schemas.envelope(operation_id, &draft.response, draft.line);
    let mut responses = vec![(
        "200".to_string(),
        Yaml::Map(vec![
            (
                "description".into(),
                Yaml::str(&format!("The answer of {operation_id}.")),
            ),
            (
                "content".into(),
                json_content(answer, draft.response_example.clone()),
            ),
        ]),
    )];
    if root.pointer("/components/responses/Error").is_some() {
        for class in ["4XX", "5XX"] {
            responses.push((class.into(), Yaml::reference("responses", "Error")));
        }
    }
    Yaml::Map(responses)
}

/// `content: application/json: {schema, example}`.
fn json_content(schema: Yaml, example: Option<Yaml>) -> Yaml {
    let mut media = vec![("schema".to_string(), schema)];
    if let Some(example) = example {
        media.push(("example".into(), example));
    }
    Yaml::Map(vec![("application/json".into(), Yaml::Map(media))])
}

/// The spec's tag named by the path's first segment after `/open-apis/`, if it has one.
fn tag(root: &Value, path: &str) -> Option<String> {
    let first = path.strip_prefix("/open-apis/")?.split('/').next()?;
    root.get("tags")?
        .as_array()?
        .iter()
        .any(|tag| tag.get("name").and_then(Value::as_str) == Some(first))
        .then(|| first.to_string())
}

/// A parameter: the spec's shared one (`components/parameters`) when it has one of that name,
/// place, required flag and shape; else its own entry.
fn parameter(root: &Value, schemas: &mut Schemas<'_>, param: &Param) -> Yaml {
    let field = &param.field;
    let shape = Shape::of_field(field);
    let required = param.location == "path" || field.required == Some(true);
    let shared = root
        .pointer("/components/parameters")
        .and_then(Value::as_object)
        .and_then(|shared| {
            shared.iter().find(|(_, candidate)| {
                candidate.get("name").and_then(Value::as_str) == Some(field.name.as_str())
                    && candidate.get("in").and_then(Value::as_str) == Some(param.location)
                    && candidate.get("required").and_then(Value::as_bool) == Some(required)
                    && candidate
                        .get("schema")
                        .is_some_and(|schema| Shape::of_spec(root, schema) == shape)
            })
        });
    if let Some((name, _)) = shared {
        return Yaml::reference("parameters", name);
    }
    let mut entries = vec![
        ("name".to_string(), Yaml::str(&field.name)),
        ("in".to_string(), Yaml::str(param.location)),
        ("required".to_string(), Yaml::Scalar(required.to_string())),
    ];
    if !field.doc.text.is_empty() {
        entries.push(("description".into(), Yaml::str(&field.doc.text)));
    }
    let schema = if field.enum_values.is_empty() {
        let mut own = primitive(field);
        own.retain(|(key, _)| key != "description");
        Yaml::Map(own)
    } else {
        let parent = schemas.operation().to_string();
        schemas.enumeration(field, &parent)
    };
    entries.push(("schema".into(), schema));
    if let Some(example) = &field.doc.example {
        entries.push(("example".into(), typed(&field.ty, example)));
    }
    Yaml::Map(entries)
}
