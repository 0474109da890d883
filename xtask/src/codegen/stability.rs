//! Semver stability of the generated types, applied to progenitor's output.
//!
//! Feishu's docs change almost only by addition: a member, an enum value, an error code. For
//! such a change to be semver-minor for consumers, every struct an answer decodes into is
//! `#[non_exhaustive]` (a new field does not break them), and it can be built outside the
//! crate through one supported route: `Default` plus one chainable `with_<field>` setter per
//! field, e.g. `AppVersion::default().with_app_id("cli_1")`. Request types stay closed: a
//! struct literal of a request is how callers are made to give every required member.
//!
//! The route is `Default` + setters rather than typify's builders because progenitor only
//! generates builders with its builder *interface*, and this workspace keeps the positional
//! interface (a missing required parameter is a compile error). Setters need no `build()`
//! that can fail, and a new field only adds a method.
//!
//! Structs with a secret member (the shared rule, `feishu_wire::secret::is_secret_name`) get a
//! hand-made `Debug` that prints `feishu_wire::secret::REDACTED` for it instead of the derived one.

use anyhow::{Context as _, bail};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::punctuated::Punctuated;
use syn::{Attribute, Fields, GenericArgument, Item, ItemStruct, PathArguments, Type};

use super::usage::SchemaUsage;

/// Applies the stability rules to the `types` module of the generated client.
pub(crate) fn apply(client: TokenStream, usage: &SchemaUsage) -> anyhow::Result<TokenStream> {
    let mut file: syn::File =
        syn::parse2(client).context("the generated client is not valid Rust")?;
    let types = file
        .items
        .iter_mut()
        .find_map(|item| match item {
            Item::Mod(module) if module.ident == "types" => module.content.as_mut(),
            _ => None,
        })
        .context("the generated client has no `mod types`")?;
    let mut extra_items = Vec::new();
    for item in types.1.iter_mut() {
        let Item::Struct(s) = item else { continue };
        if is_response(s, usage) {
            open_up(s)?;
            extra_items.extend(setters(s));
        }
        if let Some(debug) = redacted_debug(s)? {
            extra_items.push(debug);
        }
    }
    for tokens in extra_items {
        let item: Item = syn::parse2(tokens).context("a generated impl is not valid Rust")?;
        types.1.push(item);
    }
    Ok(quote!(#file))
}

/// A struct an answer decodes into: a response schema, or one with the flattened `extra` map
/// that only response types get.
fn is_response(s: &ItemStruct, usage: &SchemaUsage) -> bool {
    usage.is_response(&s.ident.to_string())
        || s.fields
            .iter()
            .any(|f| f.ident.as_ref().is_some_and(|i| i == "extra"))
}

/// `#[non_exhaustive]` and `Default` on a response struct.
fn open_up(s: &mut ItemStruct) -> anyhow::Result<()> {
    for field in &s.fields {
        let ty = &field.ty;
        if !has_default(ty) {
            bail!(
                "response type `{}`: member `{}` has type `{}`, which has no default value; \
                 the supported construction route (`Default` + `with_*` setters) needs one. \
                 Make the member optional in the spec, or teach xtask/src/codegen/stability.rs \
                 its default",
                s.ident,
                field
                    .ident
                    .as_ref()
                    .map_or_else(|| "0".to_owned(), ToString::to_string),
                quote!(#ty)
            );
        }
    }
    edit_derives(&mut s.attrs, |derives| {
        if !derives.iter().any(|d| d == "Default") {
            derives.push("Default".to_owned());
        }
    })?;
    s.attrs.push(syn::parse_quote!(#[non_exhaustive]));
    Ok(())
}

/// Whether `ty` is a type whose `Default` the generated code may rely on: options, lists,
/// maps, strings, numbers, booleans, and the generated structs (which all derive it when they
/// are response types; a request type inside a response would fail to compile, loudly).
fn has_default(ty: &Type) -> bool {
    let Type::Path(path) = ty else { return false };
    let Some(last) = path.path.segments.last() else {
        return false;
    };
    let name = last.ident.to_string();
    matches!(
        name.as_str(),
        "Option"
            | "Vec"
            | "Map"
            | "HashMap"
            | "BTreeMap"
            | "String"
            | "bool"
            | "i8"
            | "i16"
            | "i32"
            | "i64"
            | "u8"
            | "u16"
            | "u32"
            | "u64"
            | "f32"
            | "f64"
    ) || (path.path.segments.len() == 1 && matches!(last.arguments, PathArguments::None))
}

/// One `with_<field>` setter per named field but `extra`: `Option<T>` takes a `T`, `Vec<T>`
/// any iterator of `T`, everything else its own type (each through `Into`).
fn setters(s: &ItemStruct) -> Option<TokenStream> {
    let name = &s.ident;
    let Fields::Named(fields) = &s.fields else {
        return None;
    };
    let methods = fields.named.iter().filter_map(|field| {
        let ident = field.ident.as_ref()?;
        if ident == "extra" {
            return None;
        }
        let setter = format_ident!("with_{}", ident.to_string().trim_end_matches('_'));
        let doc = format!("Sets `{ident}`; see the field for its meaning.");
        let ty = &field.ty;
        Some(match wrapped(ty) {
            Some(("Option", inner)) => quote! {
                #[doc = #doc]
                #[must_use]
                pub fn #setter(mut self, value: impl ::std::convert::Into<#inner>) -> Self {
                    self.#ident = ::std::option::Option::Some(value.into());
                    self
                }
            },
            Some(("Vec", inner)) => quote! {
                #[doc = #doc]
                #[must_use]
                pub fn #setter(mut self, values: impl ::std::iter::IntoIterator<Item = #inner>) -> Self {
                    self.#ident = values.into_iter().collect();
                    self
                }
            },
            _ => quote! {
                #[doc = #doc]
                #[must_use]
                pub fn #setter(mut self, value: impl ::std::convert::Into<#ty>) -> Self {
                    self.#ident = value.into();
                    self
                }
            },
        })
    });
    Some(quote! {
        /// Construction outside this crate: start from `Default::default()` and chain the
        /// setters; the type is `#[non_exhaustive]`, so a field Feishu adds later is not a
        /// breaking change.
        impl #name {
            #(#methods)*
        }
    })
}

/// `Option` or `Vec` and its one type argument.
fn wrapped(ty: &Type) -> Option<(&'static str, &Type)> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    let kind = match last.ident.to_string().as_str() {
        "Option" => "Option",
        "Vec" => "Vec",
        _ => return None,
    };
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        GenericArgument::Type(inner) if args.args.len() == 1 => Some((kind, inner)),
        _ => None,
    }
}

/// A `Debug` that prints `[redacted]` for every secret member, replacing the derived one;
/// `None` when the struct has no secret member.
fn redacted_debug(s: &mut ItemStruct) -> anyhow::Result<Option<TokenStream>> {
    let Fields::Named(fields) = &s.fields else {
        return Ok(None);
    };
    let is_secret = |field: &syn::Field| {
        field
            .ident
            .as_ref()
            .is_some_and(|i| feishu_wire::secret::is_secret_name(&i.to_string()))
    };
    if !fields.named.iter().any(is_secret) {
        return Ok(None);
    }
    let entries = fields.named.iter().filter_map(|field| {
        let ident = field.ident.as_ref()?;
        let label = ident.to_string();
        Some(if is_secret(field) {
            let placeholder = feishu_wire::secret::REDACTED;
            quote!(.field(#label, &format_args!(#placeholder)))
        } else {
            quote!(.field(#label, &self.#ident))
        })
    });
    let name = &s.ident;
    let label = name.to_string();
    let debug = quote! {
        /// Secret members print as `[redacted]`.
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#label) #(#entries)* .finish()
            }
        }
    };
    edit_derives(&mut s.attrs, |derives| derives.retain(|d| d != "Debug"))?;
    Ok(Some(debug))
}

/// Rewrites the `#[derive(...)]` attribute through `edit`, which sees each derive as text.
fn edit_derives(
    attrs: &mut [Attribute],
    edit: impl FnOnce(&mut Vec<String>),
) -> anyhow::Result<()> {
    let attr = attrs
        .iter_mut()
        .find(|a| a.path().is_ident("derive"))
        .context("a generated type has no #[derive]")?;
    let paths = attr
        .parse_args_with(Punctuated::<syn::Path, syn::Token![,]>::parse_terminated)
        .context("reading a generated #[derive]")?;
    let mut derives: Vec<String> = paths
        .iter()
        .map(|p| quote!(#p).to_string().replace(' ', ""))
        .collect();
    edit(&mut derives);
    let paths: Vec<syn::Path> = derives
        .iter()
        .map(|d| syn::parse_str(d).with_context(|| format!("re-reading derive `{d}`")))
        .collect::<anyhow::Result<_>>()?;
    *attr = syn::parse_quote!(#[derive(#(#paths),*)]);
    Ok(())
}
