//! OpenAPI 3.0 to JSON Schema (draft 2020-12): the one hand-written part of validation.
//!
//! OpenAPI 3.0's Schema Object is an extended subset of JSON Schema draft 5. To let the
//! `jsonschema` crate check a body, every Schema Object of the document is rewritten in place,
//! so `$ref`s keep pointing at the same places of the whole document:
//!
//! * `nullable: true` adds `"null"` to an explicit `type` (and does nothing without one, as
//!   OpenAPI 3.0.3 says);
//! * a `$ref` with siblings keeps only the `$ref` (OpenAPI 3.0 ignores the siblings);
//! * `enum` is dropped (a value outside it is *drift*, reported by [`crate::drift`]); when it is
//!   the only hint of the type, the type is inferred from its values;
//! * `additionalProperties: true|false` is dropped (an unlisted member is drift too); a schema
//!   for additional properties is kept;
//! * boolean `exclusiveMinimum`/`exclusiveMaximum` become draft 2020-12 numbers;
//! * `format: int32|int64` on an integer becomes the matching `minimum`/`maximum` bounds;
//! * `readOnly` members are not required in a request, `writeOnly` members not in a response;
//! * annotations (`example`, `readOnly`, `writeOnly`, `discriminator`, `xml`, `externalDocs`,
//!   `deprecated`) and `x-` extensions are dropped.

mod document;
mod schema;
#[cfg(test)]
mod tests;

pub(crate) use document::convert_document;
#[cfg(test)]
pub(crate) use schema::convert_schema;

/// Whether a schema describes what the server sends or what the client sends: it decides
/// which of `readOnly`/`writeOnly` members may be required.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    /// A response body: `writeOnly` members are not required (and must not appear).
    Response,
    /// A request body: `readOnly` members are not required (and must not appear). Only the
    /// spec-example tests check requests for now.
    #[cfg_attr(not(test), allow(dead_code))]
    Request,
}

impl Direction {
    /// The OpenAPI keyword of the members that must not appear in this direction.
    pub(crate) fn forbidden_flag(self) -> &'static str {
        match self {
            Direction::Response => "writeOnly",
            Direction::Request => "readOnly",
        }
    }
}
