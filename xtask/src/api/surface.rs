//! The public API of the client crate's generated code, read with `syn`: every public type,
//! field, enum variant, method, constant and trait impl, keyed by the path a consumer writes
//! (`types::AppVersion::app_id`, `raw::Client::get_app_version`,
//! `error_codes::ErrorCode::RateLimited`).
//!
//! Only the generated files are read: they are what a doc change moves. The hand-written
//! layer changes by review, and `cargo-semver-checks` (bench/semver-checks.sh) covers it.

use std::collections::BTreeMap;

use anyhow::Context as _;
use quote::ToTokens;
use syn::{Fields, ImplItem, Item, ItemImpl, Type, Visibility};

/// The generated files and the public path each one's items live under.
pub const GENERATED: &[(&str, &str)] = &[
    ("crates/feishu-application/src/generated_client.rs", "raw"),
    ("crates/feishu-application/src/generated_enums.rs", "types"),
    (
        "crates/feishu-application/src/generated_error_codes.rs",
        "error_codes",
    ),
    (
        "crates/feishu-application/src/generated_spec_facts.rs",
        "spec_facts",
    ),
];

/// What kind of API item an entry is; the comparison rules depend on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A struct; `non_exhaustive` says whether consumers may build it with a literal.
    Struct {
        /// `#[non_exhaustive]`.
        non_exhaustive: bool,
    },
    /// A public field of the struct named by the entry's parent.
    Field,
    /// An enum.
    Enum {
        /// `#[non_exhaustive]`.
        non_exhaustive: bool,
    },
    /// A variant of the enum named by the entry's parent.
    Variant,
    /// A function or method.
    Function,
    /// A constant (its signature is the type, its value is tracked apart).
    Const,
    /// A trait implemented for a type (derived or written).
    Impl,
}

/// One public item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The kind.
    pub kind: Kind,
    /// The path of the struct or enum a field or variant belongs to.
    pub parent: Option<String>,
    /// What a consumer depends on: a field's type, a function's signature, a variant's shape.
    pub signature: String,
    /// A constant's value: a change is visible but not breaking.
    pub value: Option<String>,
}

/// The public API: entries by item path.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Surface {
    /// Entries by item path.
    pub items: BTreeMap<String, Entry>,
}

impl Surface {
    /// Reads the surface from the generated files' texts, given as `(path, text)`; a file
    /// missing from `sources` contributes nothing.
    pub fn from_sources(sources: &[(String, String)]) -> anyhow::Result<Self> {
        let mut surface = Self::default();
        for (path, prefix) in GENERATED {
            let Some((_, text)) = sources.iter().find(|(p, _)| p == path) else {
                continue;
            };
            let file: syn::File =
                syn::parse_file(text).with_context(|| format!("{path} is not valid Rust"))?;
            surface.walk(&file.items, prefix);
        }
        Ok(surface)
    }

    fn walk(&mut self, items: &[Item], prefix: &str) {
        for item in items {
            match item {
                // The generated client's `types` module is re-exported as `types`.
                Item::Mod(module) if is_public(&module.vis) => {
                    let Some((_, content)) = &module.content else {
                        continue;
                    };
                    let path = match (prefix, module.ident.to_string().as_str()) {
                        ("raw", "types") => "types".to_owned(),
                        (_, name) => format!("{prefix}::{name}"),
                    };
                    self.walk(content, &path);
                }
                Item::Struct(s) if is_public(&s.vis) => {
                    let path = format!("{prefix}::{}", s.ident);
                    self.add_derives(&s.attrs, &path);
                    let non_exhaustive = has_attr(&s.attrs, "non_exhaustive");
                    let shape = match &s.fields {
                        Fields::Named(_) => "struct",
                        Fields::Unnamed(_) => "tuple struct",
                        Fields::Unit => "unit struct",
                    };
                    self.insert(&path, Kind::Struct { non_exhaustive }, None, shape, None);
                    for (index, field) in s.fields.iter().enumerate() {
                        if !is_public(&field.vis) {
                            continue;
                        }
                        let name = field
                            .ident
                            .as_ref()
                            .map_or_else(|| index.to_string(), ToString::to_string);
                        let ty = tokens(&field.ty);
                        self.insert(
                            &format!("{path}::{name}"),
                            Kind::Field,
                            Some(&path),
                            &ty,
                            None,
                        );
                    }
                }
                Item::Enum(e) if is_public(&e.vis) => {
                    let path = format!("{prefix}::{}", e.ident);
                    self.add_derives(&e.attrs, &path);
                    let non_exhaustive = has_attr(&e.attrs, "non_exhaustive");
                    self.insert(&path, Kind::Enum { non_exhaustive }, None, "enum", None);
                    // A fieldless enum can be cast (`as i64`): its discriminants are API.
                    let fieldless = e.variants.iter().all(|v| v.fields.is_empty());
                    for (index, variant) in e.variants.iter().enumerate() {
                        let shape = match (&variant.discriminant, fieldless) {
                            (Some((_, value)), _) => format!("= {}", tokens(value)),
                            (None, true) => format!("= {index} (implicit)"),
                            (None, false) => tokens(&variant.fields),
                        };
                        self.insert(
                            &format!("{path}::{}", variant.ident),
                            Kind::Variant,
                            Some(&path),
                            &shape,
                            None,
                        );
                    }
                }
                Item::Fn(f) if is_public(&f.vis) => {
                    let path = format!("{prefix}::{}", f.sig.ident);
                    self.insert(&path, Kind::Function, None, &tokens(&f.sig), None);
                }
                Item::Const(c) if is_public(&c.vis) => {
                    let path = format!("{prefix}::{}", c.ident);
                    let value = tokens(&c.expr);
                    self.insert(&path, Kind::Const, None, &tokens(&c.ty), Some(value));
                }
                Item::Impl(i) => self.add_impl(i, prefix),
                _ => {}
            }
        }
    }

    fn add_impl(&mut self, block: &ItemImpl, prefix: &str) {
        let Some(self_name) = type_name(&block.self_ty) else {
            return;
        };
        let owner = format!("{prefix}::{self_name}");
        if let Some((trait_path, _)) = &block.trait_ {
            // `impl Trait for &Client` is an implementation detail of progenitor's hooks.
            if matches!(*block.self_ty, Type::Reference(_)) {
                return;
            }
            let name = format!("{owner}: {}", trait_name(trait_path));
            self.insert(&name, Kind::Impl, Some(&owner), "impl", None);
            return;
        }
        for item in &block.items {
            match item {
                ImplItem::Fn(f) if is_public(&f.vis) => {
                    let path = format!("{owner}::{}", f.sig.ident);
                    self.insert(&path, Kind::Function, Some(&owner), &tokens(&f.sig), None);
                }
                ImplItem::Const(c) if is_public(&c.vis) => {
                    let path = format!("{owner}::{}", c.ident);
                    let value = tokens(&c.expr);
                    self.insert(
                        &path,
                        Kind::Const,
                        Some(&owner),
                        &tokens(&c.ty),
                        Some(value),
                    );
                }
                _ => {}
            }
        }
    }

    /// Each derived trait as an `Impl` entry, so that dropping a derive is seen.
    fn add_derives(&mut self, attrs: &[syn::Attribute], owner: &str) {
        for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
            let Ok(paths) = attr.parse_args_with(
                syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
            ) else {
                continue;
            };
            for path in paths {
                let name = trait_name(&path);
                self.insert(
                    &format!("{owner}: {name}"),
                    Kind::Impl,
                    Some(owner),
                    "impl",
                    None,
                );
            }
        }
    }

    fn insert(
        &mut self,
        path: &str,
        kind: Kind,
        parent: Option<&str>,
        signature: &str,
        value: Option<String>,
    ) {
        self.items.insert(
            path.to_owned(),
            Entry {
                kind,
                parent: parent.map(str::to_owned),
                signature: signature.to_owned(),
                value,
            },
        );
    }
}

fn is_public(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

fn has_attr(attrs: &[syn::Attribute], name: &str) -> bool {
    attrs.iter().any(|a| a.path().is_ident(name))
}

/// The last segment of a type's path (`Client` for `Client` and `&Client`).
fn type_name(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
        Type::Reference(reference) => type_name(&reference.elem),
        _ => None,
    }
}

/// A trait by its last segment (`Debug`, `From<&str>`), so that `#[derive(Debug)]` and a
/// hand-made `impl ::std::fmt::Debug` are the same impl to consumers.
fn trait_name(path: &syn::Path) -> String {
    path.segments
        .last()
        .map(|segment| tokens(segment).replace(' ', ""))
        .unwrap_or_default()
}

/// Tokens as one normalised line (doc comments are attributes and never reach here for
/// signatures, so a doc change is not an API change).
fn tokens(node: &impl ToTokens) -> String {
    node.to_token_stream().to_string()
}
