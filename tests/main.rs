//! The workspace-level tests, one binary (the dependency graph is linked once, not once per
//! group): `e2e`, the typed and the raw client against the in-process fake; `faults`, the
//! client against a stand-in Feishu that misbehaves; `properties`, the validator and the
//! generated decoders on generated bodies. Each group is a folder, its files modules; a
//! group's helpers are in its own folder (`e2e/support.rs`, `faults/stand_in.rs`).

mod e2e;
mod every_test_compiles;
mod faults;
mod properties;
