//! Ory Kratos: the configuration fragment Iris needs from Kratos (`iris kratos-config`).
//! (The flow client and types come with the Kratos approaches.)
mod fragment;

pub use fragment::{fragment, FragmentError};
