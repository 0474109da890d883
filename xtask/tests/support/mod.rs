//! Shared by the tests: the frozen spec and pages, scratch copies of the repository, the
//! portal stand-in, and running xtask as a process.

// Each test module uses a part of it.
#![allow(dead_code)]

pub(crate) mod frozen;
pub(crate) mod pages;
pub(crate) mod scratch;
pub(crate) mod scratch_repo;
pub(crate) mod stand_in;
