//! Scale-out (design.md §3): two real Iris processes (`iris serve`, the binary) on one
//! PostgreSQL database, behind one public URL (a link or a cookie from one instance works on
//! the other), mailing one SMTP sink. What one instance guarantees must hold across two: single
//! use, attempt counts, back-off, send limits and budgets, outbox delivery (once while both
//! run, at least once when one dies), sessions, migrations, and recovery from a database
//! outage. `harness.rs` starts and stops the pair.
//!
//! Without Redis the per-IP limit (`limits.ip_per_minute`, `limits.ip_burst`) is NOT shared:
//! each instance counts in its own memory, so behind a load balancer a client gets it once per
//! instance; these tests raise it out of the way. `redis.rs` runs the pair with Redis, which
//! holds the limit and the sessions for both.
//!
//! PostgreSQL comes from `tests/support/postgres.rs` (a shared cluster per test process, a
//! database per test; the outage test has a cluster of its own), the sink from
//! `tests/support/smtp_sink.py`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure

#[path = "../api/helpers.rs"]
mod helpers;
#[path = "../support/hydra.rs"]
mod hydra;
#[path = "../support/postgres.rs"]
mod postgres;
#[path = "../support/redis.rs"]
mod redis;

mod harness;
mod instance;

mod attempts;
mod crash;
mod limits;
mod oauth2;
mod outage;
mod outbox;
mod redis_pair;
mod sessions;
mod single_use;
mod startup;
