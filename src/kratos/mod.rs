//! Ory Kratos: a thin client for the self-service endpoints Iris drives, Iris's own types for
//! the JSON they return, the cookie relay, and the config fragment (`iris kratos-config`).
mod admin;
mod binding;
mod client;
mod cookies;
mod flows;
mod fragment;
mod handover;

pub use admin::{Created, IdentityRef, KratosAdmin};
pub use binding::FlowBinding;
pub use client::{Answer, ErrorDetailView, FlowKind, KratosClient, KratosError};
pub use cookies::CookieRelay;
pub use flows::{flow_param, ids, is_settings, ErrorBody, Flow, Identity, Session};
pub use fragment::{fragment, FragmentError};
pub use handover::HandedOver;

/// The field of a flow's `transient_payload` that carries the asking browser's language.
/// Kratos copies the payload into its courier's template data, so the courier hook can write
/// the email in that language.
pub const LOCALE_FIELD: &str = "iris_locale";
