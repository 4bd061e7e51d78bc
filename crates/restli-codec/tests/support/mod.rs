//! Helpers shared by the integration tests.
//!
//! Each test binary that says `mod support;` compiles this module on its
//! own and uses only part of it, hence `dead_code` is allowed here.
#![allow(dead_code)]

pub mod responses;
pub mod testsuite;
