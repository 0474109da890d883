//! Finds every Schema Object of an OpenAPI 3.0 document and converts it in place.

use serde_json::Value;

use super::Direction;
use super::schema::convert_schema;

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// A copy of the whole document with every Schema Object converted to JSON Schema 2020-12, at
/// the same place: internal `$ref`s keep resolving against the whole document.
pub(crate) fn convert_document(document: &Value, direction: Direction) -> Value {
    let mut converted = document.clone();
    let walker = Walker {
        document,
        direction,
    };
    if let Some(paths) = converted.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut() {
            walker.path_item(item);
        }
    }
    if let Some(components) = converted.get_mut("components") {
        walker.components(components);
    }
    converted
}

struct Walker<'d> {
    document: &'d Value,
    direction: Direction,
}

impl Walker<'_> {
    fn schema(&self, schema: &mut Value) {
        *schema = convert_schema(schema, self.document, self.direction);
    }

    fn components(&self, components: &mut Value) {
        for_each_value(components.get_mut("schemas"), |s| self.schema(s));
        for_each_value(components.get_mut("responses"), |r| self.response(r));
        for_each_value(components.get_mut("parameters"), |p| self.parameter(p));
        for_each_value(components.get_mut("headers"), |h| self.parameter(h));
        for_each_value(components.get_mut("requestBodies"), |b| {
            self.content_owner(b)
        });
        for_each_value(components.get_mut("callbacks"), |c| self.callback(c));
    }

    fn path_item(&self, item: &mut Value) {
        if is_reference(item) {
            return;
        }
        for_each_item(item.get_mut("parameters"), |p| self.parameter(p));
        for method in METHODS {
            if let Some(operation) = item.get_mut(*method) {
                self.operation(operation);
            }
        }
    }

    fn operation(&self, operation: &mut Value) {
        for_each_item(operation.get_mut("parameters"), |p| self.parameter(p));
        if let Some(body) = operation.get_mut("requestBody") {
            self.content_owner(body);
        }
        for_each_value(operation.get_mut("responses"), |r| self.response(r));
        for_each_value(operation.get_mut("callbacks"), |c| self.callback(c));
    }

    fn callback(&self, callback: &mut Value) {
        if !is_reference(callback) {
            for_each_value(Some(callback), |item| self.path_item(item));
        }
    }

    fn response(&self, response: &mut Value) {
        if is_reference(response) {
            return;
        }
        for_each_value(response.get_mut("headers"), |h| self.parameter(h));
        self.content_owner(response);
    }

    /// A parameter or a header: a `schema`, or a `content` map.
    fn parameter(&self, parameter: &mut Value) {
        if is_reference(parameter) {
            return;
        }
        if let Some(schema) = parameter.get_mut("schema") {
            self.schema(schema);
        }
        self.content_owner(parameter);
    }

    /// Anything with a `content` map of media types (a response, a request body, a parameter).
    fn content_owner(&self, owner: &mut Value) {
        if is_reference(owner) {
            return;
        }
        for_each_value(owner.get_mut("content"), |media| {
            if let Some(schema) = media.get_mut("schema") {
                self.schema(schema);
            }
        });
    }
}

fn is_reference(node: &Value) -> bool {
    node.get("$ref").is_some()
}

fn for_each_value(map: Option<&mut Value>, mut f: impl FnMut(&mut Value)) {
    if let Some(Value::Object(map)) = map {
        for (key, value) in map.iter_mut() {
            if !key.starts_with("x-") {
                f(value);
            }
        }
    }
}

fn for_each_item(list: Option<&mut Value>, f: impl FnMut(&mut Value)) {
    if let Some(Value::Array(items)) = list {
        items.iter_mut().for_each(f);
    }
}
