//! Iris: a server-rendered, email-only sign-in UI. See README.md and `../shared/docs/design.md`.
pub mod admin;
pub mod clock;
pub mod config;
pub mod domain;
pub mod hydra;
pub mod i18n;
pub mod kratos;
pub mod mail;
pub mod metrics;
pub mod oauth2;
pub mod secrets;
pub mod sign_in;
pub mod startup;
pub mod store;
pub mod telemetry;
pub mod web;
