//! Black-box tests: one binary, one module per concern. Each test starts its own app on port 0,
//! its own SQLite file and its own real SMTP server.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure
mod helpers;
#[path = "../support/nginx.rs"]
mod nginx;
#[path = "../support/redis.rs"]
mod redis;

mod abuse;
mod address;
mod admin;
mod auth_request;
mod code;
mod config;
mod csrf;
mod delivery;
mod faults;
mod hardening;
mod headers;
mod hot_path;
mod i18n;
mod link;
mod lockout;
mod metrics;
mod not_me;
mod privacy;
mod redirects;
mod sessions;
mod smtp;
mod soak;
mod trail;
