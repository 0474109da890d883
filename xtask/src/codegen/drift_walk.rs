//! The drift walk: for every response type, an `impl DriftWalk` that lists what a decoded answer
//! holds beyond the spec, without re-parsing it — members that landed in an `extra` map and
//! `Undocumented(raw)` arms of open enums, each with its RFC 6901 pointer.
//!
//! It reads the generated client's types (the serde names and field types progenitor chose),
//! so the walk always follows the types it walks.

use std::collections::BTreeSet;

use anyhow::{Context as _, bail};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Fields, GenericArgument, Item, ItemStruct, PathArguments, Type};

use super::enums::EnumSchema;
use super::usage::SchemaUsage;

/// The generated walk over the response types of `client` (the progenitor output).
pub(crate) fn generate(
    client: &TokenStream,
    usage: &SchemaUsage,
    enums: &[EnumSchema],
) -> anyhow::Result<TokenStream> {
    let file: syn::File =
        syn::parse2(client.clone()).context("the generated client is not valid Rust")?;
    let structs = response_structs(&file, usage)?;
    let open_enums: Vec<&EnumSchema> = enums.iter().filter(|e| e.is_open()).collect();
    let mut walkable: BTreeSet<String> = structs.iter().map(|s| s.ident.to_string()).collect();
    walkable.extend(open_enums.iter().map(|e| e.name.clone()));
    let struct_impls = structs
        .iter()
        .map(|s| struct_walk(s, &walkable))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let enum_impls = open_enums.iter().map(|e| enum_walk(&e.name));
    Ok(quote! {
        //! What each response type holds beyond the spec: undocumented members (kept in
        //! `extra` maps) and undocumented enum values (`Undocumented(raw)` arms).
        use crate::drift::{Found, Path, DriftWalk, undocumented_members};
        use crate::generated_client::types::*;
        use crate::generated_enums::*;

        #(#struct_impls)*
        #(#enum_impls)*
    })
}

/// The structs of `mod types` that answers decode into: those with a flattened `extra` map,
/// and the response schemas that are a bare map (every member of theirs is undocumented).
fn response_structs<'f>(
    file: &'f syn::File,
    usage: &SchemaUsage,
) -> anyhow::Result<Vec<&'f ItemStruct>> {
    let types = file
        .items
        .iter()
        .find_map(|item| match item {
            Item::Mod(module) if module.ident == "types" => module.content.as_ref(),
            _ => None,
        })
        .context("the generated client has no `mod types`")?;
    Ok(types
        .1
        .iter()
        .filter_map(|item| match item {
            Item::Struct(s) if extra_field(s).is_some() => Some(s),
            Item::Struct(s) if is_bare_map(s) && usage.is_response(&s.ident.to_string()) => Some(s),
            _ => None,
        })
        .collect())
}

fn extra_field(s: &ItemStruct) -> Option<&syn::Field> {
    s.fields.iter().find(|f| {
        f.ident.as_ref().is_some_and(|i| i == "extra")
            && f.attrs.iter().any(|a| serde_args(a).contains("flatten"))
    })
}

fn is_bare_map(s: &ItemStruct) -> bool {
    matches!(&s.fields, Fields::Unnamed(fields)
        if fields.unnamed.len() == 1 && last_ident(&fields.unnamed[0].ty).as_deref() == Some("Map"))
}

fn struct_walk(s: &ItemStruct, walkable: &BTreeSet<String>) -> anyhow::Result<TokenStream> {
    let name = &s.ident;
    let body = if let Fields::Unnamed(_) = &s.fields {
        quote!(undocumented_members(&self.0, at, out);)
    } else {
        let mut steps = vec![quote!(undocumented_members(&self.extra, at, out);)];
        for field in &s.fields {
            let Some(ident) = &field.ident else { continue };
            if ident == "extra" || !walks_into(&field.ty, walkable)? {
                continue;
            }
            let json = json_name(field);
            steps.push(quote!(self.#ident.walk(&Path::Key(at, #json), out);));
        }
        quote!(#(#steps)*)
    };
    Ok(quote! {
        impl DriftWalk for #name {
            fn walk(&self, at: &Path<'_>, out: &mut Vec<Found>) {
                #body
            }
        }
    })
}

fn enum_walk(name: &str) -> TokenStream {
    let name = format_ident!("{name}");
    quote! {
        impl DriftWalk for #name {
            fn walk(&self, at: &Path<'_>, out: &mut Vec<Found>) {
                if let Self::Undocumented(_) = self {
                    out.push(Found::unknown_enum_value(at));
                }
            }
        }
    }
}

/// Whether a field's type holds a walkable type: itself, or inside `Option`, `Vec` or `Box`.
/// Any other generic wrapper around a walkable type is refused: its walk would be missing.
fn walks_into(ty: &Type, walkable: &BTreeSet<String>) -> anyhow::Result<bool> {
    let Type::Path(path) = ty else {
        return Ok(false);
    };
    let Some(last) = path.path.segments.last() else {
        return Ok(false);
    };
    let inner: Vec<&Type> = match &last.arguments {
        PathArguments::AngleBracketed(args) => args
            .args
            .iter()
            .filter_map(|a| match a {
                GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let name = last.ident.to_string();
    if inner.is_empty() {
        return Ok(walkable.contains(&name));
    }
    let mut any = false;
    for ty in inner {
        any |= walks_into(ty, walkable)?;
    }
    if any && !matches!(name.as_str(), "Option" | "Vec" | "Box") {
        bail!(
            "a response field of type `{name}<…>` holds a walkable type; the drift walk only knows Option, Vec and Box"
        );
    }
    Ok(any)
}

fn last_ident(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// The member name in JSON: `#[serde(rename = "…")]`, else the field's name.
fn json_name(field: &syn::Field) -> String {
    for attr in &field.attrs {
        let args = serde_args(attr);
        if let Some(rest) = args.split("rename = \"").nth(1)
            && let Some(name) = rest.split('"').next()
        {
            return name.to_owned();
        }
    }
    let ident = field
        .ident
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    ident.trim_start_matches("r#").to_owned()
}

/// The tokens inside `#[serde(…)]`, as text; empty for other attributes.
fn serde_args(attr: &syn::Attribute) -> String {
    match &attr.meta {
        syn::Meta::List(list) if list.path.is_ident("serde") => list.tokens.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walkable(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn option_vec_and_box_are_looked_through_other_wrappers_refused() {
        let set = walkable(&["AppScope"]);
        let ty = |s: &str| syn::parse_str::<Type>(s).unwrap();
        assert!(walks_into(&ty("Option<Vec<AppScope>>"), &set).unwrap());
        assert!(walks_into(&ty("crate::types::AppScope"), &set).unwrap());
        assert!(!walks_into(&ty("Option<String>"), &set).unwrap());
        assert!(walks_into(&ty("HashMap<String, AppScope>"), &set).is_err());
    }

    #[test]
    fn json_names_follow_serde_renames() {
        let s: ItemStruct = syn::parse_str(
            r#"struct S { #[serde(rename = "type")] type_: Option<i64>, #[serde(default)] plain: i64 }"#,
        )
        .unwrap();
        let names: Vec<_> = s.fields.iter().map(json_name).collect();
        assert_eq!(names, ["type", "plain"]);
    }
}
