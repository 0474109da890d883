//! Where a body or response field of a page is in the spec: by its exact path, or, for a
//! field a flat markdown table left ambiguous, by its name anywhere under the root.

use serde_json::Value;

use crate::facts::model::{Attr, Fact};
use crate::spec_doc::{Located, SpecDoc, schema_type};

/// A schema and the object schema that holds it.
pub(crate) type NodeAndParent<'s> = (Located<'s>, Located<'s>);

/// The schema at a dotted path, with its parent object; `Err` names the deepest node found.
pub(crate) fn locate<'s>(
    spec: &'s SpecDoc,
    root: Located<'s>,
    path: &str,
) -> Result<NodeAndParent<'s>, String> {
    let mut parent = root.clone();
    let mut node = root;
    for segment in path.split('.') {
        parent = node.clone();
        node = spec
            .property(parent.0, &parent.1, segment)
            .ok_or_else(|| parent.1.clone())?;
    }
    Ok((node, parent))
}

/// For a field a flat table left ambiguous: the same name anywhere under the root. Preferred,
/// in order: a place whose parents all appear, in order, among the groups the table had open
/// (its guessed path); then one whose type agrees with the page.
pub(crate) fn anywhere<'s>(
    fact: &Fact,
    spec: &'s SpecDoc,
    (root, root_at): (&'s Value, &str),
    path: &str,
) -> Option<NodeAndParent<'s>> {
    if !fact.ambiguous {
        return None;
    }
    let name = path.rsplit('.').next()?;
    let candidates = spec.find_anywhere(root, root_at, name);
    let fits = |(schema, at): &Located<'_>| {
        fact.attr != Attr::Type || schema_type(spec, schema, at) == fact.value
    };
    let within = |candidate: &str| is_subsequence(&segments(candidate), &segments(path));
    let chosen = candidates
        .iter()
        .filter(|(_, candidate)| within(candidate))
        .max_by_key(|(located, candidate)| (fits(located), segments(candidate).len()))
        .or_else(|| candidates.iter().find(|(located, _)| fits(located)))
        .or_else(|| candidates.first())?
        .0
        .clone();
    let parent_at = chosen
        .1
        .rsplit_once("/properties/")
        .map_or(root_at.to_string(), |(parent, _)| parent.to_string());
    let parent = spec.at(&parent_at).unwrap_or(root);
    Some((chosen, (parent, parent_at)))
}

fn segments(path: &str) -> Vec<&str> {
    path.split('.')
        .map(|segment| segment.trim_end_matches("[]"))
        .collect()
}

fn is_subsequence(needle: &[&str], haystack: &[&str]) -> bool {
    let mut rest = haystack.iter();
    needle
        .iter()
        .all(|wanted| rest.any(|segment| segment == wanted))
}
