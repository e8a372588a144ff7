//! The browser suite: Iris as people use it, in a real headless Chromium (Debian's), with
//! JavaScript on and off, checked with axe-core. Each test starts its own app (port 0, its
//! own SQLite file, a real SMTP server) and its own browser profile; Kratos tests their own
//! real Kratos v1.3.1.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure
mod chrome;
#[path = "../kratos/harness.rs"]
mod harness;
#[path = "../api/helpers.rs"]
mod helpers;
#[path = "../support/hydra.rs"]
mod hydra;

mod accessibility;
mod guards;
mod keyboard;
mod kratos_code;
mod kratos_recovery;
mod language;
mod magic_link;
mod not_me;
mod oauth2;
mod screens;
mod third_party;
mod trail;
