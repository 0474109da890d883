//! Rust enums for the spec's enum schemas.
//!
//! typify would turn integer enums into newtypes that reject unknown values, and string enums
//! into closed enums. Feishu adds values before its docs list them, so enums reached from a
//! response are generated *open*: one arm per documented value plus `Undocumented(raw)`, which
//! keeps the value. Enums reached from a request stay closed, so a request can only carry a
//! documented value. progenitor is told (`with_replacement`) to use these types.

use anyhow::{Context as _, bail};
use openapiv3::{IntegerFormat, OpenAPI, ReferenceOr, SchemaKind, Type, VariantOrUnknownOrEmpty};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use super::usage::SchemaUsage;

/// Where the generated enums live inside the client crate.
pub(crate) const ENUM_MODULE: &str = "crate::generated_enums";

/// One enum schema, read and checked.
#[derive(Debug)]
pub(crate) struct EnumSchema {
    pub(crate) name: String,
    description: String,
    repr: Repr,
    /// An integer enum of `format: int32`: decoding refuses values outside `i32`, as the
    /// spec (and the validator) do.
    int32: bool,
    open: bool,
    values: Vec<EnumValue>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Repr {
    Integer,
    String,
}

#[derive(Debug)]
struct EnumValue {
    raw: Value,
    variant: String,
    description: String,
}

impl EnumSchema {
    /// Whether the enum keeps undocumented values (`Undocumented(raw)`): a response enum.
    pub(crate) fn is_open(&self) -> bool {
        self.open
    }

    /// Every enum schema under `components/schemas`, sorted by name.
    pub(crate) fn all(spec: &OpenAPI, usage: &SchemaUsage) -> anyhow::Result<Vec<Self>> {
        let Some(components) = &spec.components else {
            return Ok(Vec::new());
        };
        let mut enums = Vec::new();
        for (name, schema) in &components.schemas {
            let ReferenceOr::Item(schema) = schema else {
                continue;
            };
            let (repr, raw, int32): (Repr, Vec<Value>, bool) = match &schema.schema_kind {
                SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty() => (
                    Repr::String,
                    s.enumeration.iter().map(|v| serde_json::json!(v)).collect(),
                    false,
                ),
                SchemaKind::Type(Type::Integer(i)) if !i.enumeration.is_empty() => (
                    Repr::Integer,
                    i.enumeration.iter().map(|v| serde_json::json!(v)).collect(),
                    i.format == VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32),
                ),
                _ => continue,
            };
            let at = format!("components/schemas/{name}");
            if raw.iter().any(Value::is_null) {
                bail!("{at}: `null` in `enum` is not supported");
            }
            let extension = |key: &str| -> anyhow::Result<Vec<String>> {
                let value = schema.schema_data.extensions.get(key).with_context(|| {
                    format!("{at}: an enum needs `{key}`, one entry per value of `enum`")
                })?;
                let list: Vec<String> = serde_json::from_value(value.clone())
                    .with_context(|| format!("{at}: `{key}` must be a list of strings"))?;
                if list.len() != raw.len() {
                    bail!(
                        "{at}: `{key}` has {} entries but `enum` has {} values",
                        list.len(),
                        raw.len()
                    );
                }
                Ok(list)
            };
            let names = extension("x-enum-varnames")?;
            let descriptions = extension("x-enum-descriptions")?;
            for variant in &names {
                if syn::parse_str::<syn::Ident>(variant).is_err() || variant == "Undocumented" {
                    bail!("{at}: `{variant}` in x-enum-varnames is not a usable Rust variant name");
                }
            }
            let open = match (usage.is_response(name), usage.is_request(name)) {
                (true, _) => true,
                (false, true) => false,
                (false, false) => bail!("{at}: the enum is used by no operation; remove it"),
            };
            let values = raw
                .into_iter()
                .zip(names)
                .zip(descriptions)
                .map(|((raw, variant), description)| EnumValue {
                    raw,
                    variant,
                    description,
                })
                .collect();
            enums.push(EnumSchema {
                name: name.clone(),
                description: schema.schema_data.description.clone().unwrap_or_default(),
                repr,
                int32,
                open,
                values,
            });
        }
        enums.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(enums)
    }
}

/// The source of `generated_enums.rs`.
pub(crate) fn generate(enums: &[EnumSchema]) -> TokenStream {
    let items = enums.iter().map(generate_one);
    quote! {
        //! The enums of the spec. Response enums are open: a value the spec does not document
        //! decodes into `Undocumented(raw)` instead of failing. Request enums are closed.

        #(#items)*
    }
}

fn generate_one(schema: &EnumSchema) -> TokenStream {
    let parts = Parts::new(schema);
    let definition = definition(schema, &parts);
    let methods = methods(schema, &parts);
    let serde_impls = serde_impls(schema, &parts);
    let json_schema_impl = json_schema_impl(schema, &parts);
    quote! {
        #definition
        #methods
        #serde_impls
        #json_schema_impl
    }
}

/// What every piece of one enum's code names: the type, its variants and their raw values.
struct Parts {
    name: Ident,
    variants: Vec<Ident>,
    literals: Vec<Literal>,
}

impl Parts {
    fn new(schema: &EnumSchema) -> Self {
        Self {
            name: format_ident!("{}", schema.name),
            variants: schema
                .values
                .iter()
                .map(|v| format_ident!("{}", v.variant))
                .collect(),
            literals: schema.values.iter().map(|v| raw_literal(&v.raw)).collect(),
        }
    }
}

/// The `enum` itself, with its docs and the `Undocumented` arm of an open enum.
fn definition(schema: &EnumSchema, parts: &Parts) -> TokenStream {
    let Parts { name, variants, .. } = parts;
    let variant_docs = schema
        .values
        .iter()
        .map(|v| format!("`{}`: {}", v.raw, v.description));
    let open_note = if schema.open {
        "\n\nOpen enum: a value the spec does not document decodes into \
         [`Self::Undocumented`], which keeps the raw value. `#[non_exhaustive]`: match it \
         with a `_` arm, a value the docs add later becomes a new variant."
    } else {
        "\n\nClosed enum: only documented values can be sent or decoded."
    };
    let doc = format!("{}{open_note}", schema.description);
    let (raw_owned, derive_copy) = match schema.repr {
        Repr::Integer => (quote!(i64), quote!(Copy,)),
        Repr::String => (quote!(String), quote!()),
    };
    // An open (response) enum is `#[non_exhaustive]`: a value the docs add later becomes a
    // new variant, which must not break a consumer's `match`.
    let (undocumented_arm, non_exhaustive) = if schema.open {
        (
            quote! {
                /// A value the spec does not document (yet); the raw value is kept.
                Undocumented(#raw_owned),
            },
            quote!(#[non_exhaustive]),
        )
    } else {
        (quote!(), quote!())
    };
    quote! {
        #[doc = #doc]
        #[derive(Clone, #derive_copy Debug, PartialEq, Eq, Hash)]
        #non_exhaustive
        pub enum #name {
            #(#[doc = #variant_docs] #variants,)*
            #undocumented_arm
        }
    }
}

/// The inherent impl: the documented values, and conversions to and from the raw value.
fn methods(schema: &EnumSchema, parts: &Parts) -> TokenStream {
    let Parts {
        name,
        variants,
        literals,
    } = parts;
    let descriptions = schema.values.iter().map(|v| v.description.as_str());
    let expected = schema
        .values
        .iter()
        .map(|v| v.raw.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let value_return = match schema.repr {
        Repr::Integer => quote!(i64),
        Repr::String => quote!(&str),
    };
    let (value_fallback, describe_fallback) = match (schema.open, schema.repr) {
        (false, _) => (quote!(), quote!()),
        (true, Repr::Integer) => (
            quote!(Self::Undocumented(value) => *value,),
            quote!(Self::Undocumented(_) => None,),
        ),
        (true, Repr::String) => (
            quote!(Self::Undocumented(value) => value.as_str(),),
            quote!(Self::Undocumented(_) => None,),
        ),
    };
    let from_value = from_value(schema, parts);
    quote! {
        impl #name {
            /// Every documented value, in the spec's order.
            pub const DOCUMENTED: &'static [Self] = &[#(Self::#variants),*];

            /// The documented values as the wire shows them, for error messages.
            pub const EXPECTED: &'static str = #expected;

            /// The value as it travels on the wire.
            pub fn value(&self) -> #value_return {
                match self {
                    #(Self::#variants => #literals,)*
                    #value_fallback
                }
            }

            #from_value

            /// The documented meaning of the value; `None` for an undocumented one.
            pub fn description(&self) -> Option<&'static str> {
                match self {
                    #(Self::#variants => Some(#descriptions),)*
                    #describe_fallback
                }
            }
        }
    }
}

/// `from_value`: never fails for an open enum, `None` for an undocumented value of a closed one.
fn from_value(schema: &EnumSchema, parts: &Parts) -> TokenStream {
    let Parts {
        variants, literals, ..
    } = parts;
    let raw_type = match schema.repr {
        Repr::Integer => quote!(i64),
        Repr::String => quote!(&str),
    };
    if !schema.open {
        return quote! {
            /// Decodes a raw value; `None` when the spec does not document it.
            pub fn from_value(value: #raw_type) -> Option<Self> {
                match value {
                    #(#literals => Some(Self::#variants),)*
                    _ => None,
                }
            }
        };
    }
    let other = match schema.repr {
        Repr::Integer => quote!(other => Self::Undocumented(other),),
        Repr::String => quote!(other => Self::Undocumented(other.to_owned()),),
    };
    quote! {
        /// Decodes a raw value; never fails: an undocumented value is kept.
        pub fn from_value(value: #raw_type) -> Self {
            match value {
                #(#literals => Self::#variants,)*
                #other
            }
        }
    }
}

/// `Display`, `Serialize` and `Deserialize`, all through the raw value.
fn serde_impls(schema: &EnumSchema, parts: &Parts) -> TokenStream {
    let name = &parts.name;
    let schema_name = &schema.name;
    // The wire type: an int32 enum refuses what does not fit, as the spec does.
    let wire = if schema.int32 {
        quote!(i32)
    } else {
        quote!(i64)
    };
    let deserialize_body = match (schema.repr, schema.open) {
        (Repr::Integer, true) => quote! {
            <#wire as serde::Deserialize>::deserialize(deserializer)
                .map(|value| Self::from_value(i64::from(value)))
        },
        (Repr::String, true) => quote! {
            let value = <String as serde::Deserialize>::deserialize(deserializer)?;
            Ok(Self::from_value(&value))
        },
        (Repr::Integer, false) => quote! {
            let value = i64::from(<#wire as serde::Deserialize>::deserialize(deserializer)?);
            Self::from_value(value).ok_or_else(|| {
                serde::de::Error::custom(format_args!(
                    "{} is not a documented {} value (expected one of {})",
                    value, #schema_name, Self::EXPECTED
                ))
            })
        },
        (Repr::String, false) => quote! {
            let value = <String as serde::Deserialize>::deserialize(deserializer)?;
            Self::from_value(&value).ok_or_else(|| {
                serde::de::Error::custom(format_args!(
                    "`{}` is not a documented {} value (expected one of {})",
                    value, #schema_name, Self::EXPECTED
                ))
            })
        },
    };
    let serialize_body = match schema.repr {
        Repr::Integer => quote!(serializer.serialize_i64(self.value())),
        Repr::String => quote!(serializer.serialize_str(self.value())),
    };
    quote! {
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #serialize_body
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #deserialize_body
            }
        }
    }
}

/// `schemars::JsonSchema`: a closed enum lists its values, an open one only its type.
fn json_schema_impl(schema: &EnumSchema, parts: &Parts) -> TokenStream {
    let Parts { name, literals, .. } = parts;
    let schema_name = &schema.name;
    let schema_description = &schema.description;
    let instance_type = match schema.repr {
        Repr::Integer => quote!(Integer),
        Repr::String => quote!(String),
    };
    let enum_values_schema = if schema.open {
        quote!(None)
    } else {
        quote!(Some(vec![#(serde_json::json!(#literals)),*]))
    };
    quote! {
        impl schemars::JsonSchema for #name {
            fn schema_name() -> String {
                #schema_name.to_owned()
            }

            fn json_schema(_: &mut schemars::r#gen::SchemaGenerator) -> schemars::schema::Schema {
                schemars::schema::SchemaObject {
                    instance_type: Some(schemars::schema::InstanceType::#instance_type.into()),
                    enum_values: #enum_values_schema,
                    metadata: Some(Box::new(schemars::schema::Metadata {
                        description: Some(#schema_description.to_owned()),
                        ..Default::default()
                    })),
                    ..Default::default()
                }
                .into()
            }
        }
    }
}

fn raw_literal(value: &Value) -> Literal {
    match value {
        Value::String(s) => Literal::string(s),
        Value::Number(n) => Literal::i64_unsuffixed(n.as_i64().unwrap_or_default()),
        other => Literal::string(&other.to_string()),
    }
}
