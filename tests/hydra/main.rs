//! Tests against a real Ory Hydra v2.3.0 (built by `scripts/hydra-build`), one Hydra process
//! per test on free ports (tests/support/hydra.rs), with a real OpenID Connect client library
//! (`openidconnect`) as the relying party.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure
#[path = "../kratos/harness.rs"]
mod harness;
#[path = "../api/helpers.rs"]
mod helpers;
#[path = "../support/hydra.rs"]
mod hydra;
#[path = "../support/nginx.rs"]
mod nginx;

mod admin_client;
mod clients;
mod flows;
mod gateway;
mod outage;
mod relying_party;
mod sign_out;
mod world;
