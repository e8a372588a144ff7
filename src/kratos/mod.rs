//! Ory Kratos: a thin client for the self-service endpoints Iris drives, Iris's own types for
//! the JSON they return, the cookie relay, and the config fragment (`iris kratos-config`).
mod client;
mod cookies;
mod flows;
mod fragment;

pub use client::{Answer, ErrorDetailView, FlowKind, KratosClient, KratosError};
pub use cookies::CookieRelay;
pub use flows::{ids, ErrorBody, Flow, Identity, Session};
pub use fragment::{fragment, FragmentError};
