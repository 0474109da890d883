//! The fast path: checks a body while `serde_json` parses it, driven by a schema compiled for
//! the purpose, without building a `serde_json::Value` tree.
//!
//! It gives a verdict only: *clean* (no violation, no drift) or *not known clean*. A clean
//! body costs one pass over its bytes and allocates in proportion to its depth; for anything
//! else the caller falls back to the `Value` path, which writes the report (so reports, with
//! their pointers, keywords, messages and order, are the `Value` path's by construction).
//! The verdict must therefore never say clean when the `Value` path finds something; the
//! differential tests hold it to that, and to saying clean whenever the `Value` path does.
//!
//! The `Value` path runs on a sparse tree when it can (`sparse`): array items the verdict
//! calls clean are left out, and so are the findings of their stand-ins. The differential
//! tests compare that report with the whole tree's on every body they check.
//!
//! A schema using what the fast path does not implement (`allOf`, `anyOf`, `oneOf`, `not`,
//! `uniqueItems`, `minProperties`, object or array `enum` values, boolean subschemas, ...)
//! gets no fast schema, and its bodies always take the `Value` path.

mod compile;
mod node;
mod sparse;
mod walk;

#[cfg(test)]
mod differential;
#[cfg(test)]
mod sparse_tests;

pub(crate) use compile::compile;
pub(crate) use node::FastSchema;
