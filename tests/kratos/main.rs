//! Tests against a real Ory Kratos v1.3.1 (built by `scripts/kratos-build`), one Kratos
//! process per test on free ports, configured from `config/kratos/test-base.template.yml`
//! plus the fragment that `iris kratos-config` prints.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure
mod harness;
#[path = "../api/helpers.rs"]
mod helpers;

mod bench;
mod code;
mod courier;
mod faults;
mod not_me;
mod recovery;
mod retention;
mod sessions;
mod trail;

mod fragment;
