//! Newtypes at the edges: raw strings become these types in handlers and go no further.
pub mod address_change;
pub mod colour;
pub mod credential;
mod email_address;
mod magic_token;
mod masked_ip;
mod one_time_code;
mod return_to;
mod trail;
mod user_agent;

pub use email_address::{EmailAddress, EmailError};
pub use magic_token::MagicToken;
pub use masked_ip::masked_ip;
pub use one_time_code::OneTimeCode;
pub use return_to::ReturnTo;
pub use trail::{TrailEvent, TrailKind};
pub use user_agent::browser_summary;
