//! Shared by the xtask test binaries that edit specs and build scratch copies (`docs`,
//! `api_diff`): the frozen spec, and copying trees and building them.

// Each test binary that includes this module uses a part of it.
#![allow(dead_code)]

pub(crate) mod frozen;
pub(crate) mod scratch;
