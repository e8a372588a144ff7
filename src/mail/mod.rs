//! Email: what a sign-in email says (`messages`), how it leaves (`transport`), and the outbox
//! worker that sends it after the request has returned (`worker`).
pub mod address_change;
pub mod messages;
pub mod smtp;
pub mod transport;
pub mod worker;

use serde::{Deserialize, Serialize};

/// The sealed outbox payload: what the worker needs to render the email. Holds the secrets,
/// so it only ever exists sealed in the store and in memory while sending.
/// Iris's own flow sends a link and a code; Kratos's flows (through the courier hook) a code
/// only, and Kratos does not say which browser asked.
#[derive(Serialize, Deserialize)]
pub struct SignInEmail {
    #[serde(default)]
    pub link: Option<String>,
    /// The "I didn't ask for this" link (absent in Kratos's emails and in rows written before
    /// it existed).
    #[serde(default)]
    pub not_me: Option<String>,
    /// Empty when the email carries a link only (Kratos's recovery link).
    #[serde(default)]
    pub code: String,
    pub requested_at: i64,
    #[serde(default)]
    pub requested_by: Option<String>,
    pub expires_at: i64,
    /// The language the email is written in: the asking browser's (absent in rows written
    /// before languages existed: the default language).
    #[serde(default)]
    pub locale: Option<String>,
}

/// What an outbox row carries (sealed). Untagged, so rows written before `Plain` existed
/// still read as `SignIn`.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
pub enum OutboxPayload {
    /// First: its `address_change` field is what tells it from a sign-in email.
    AddressChange(address_change::AddressChangeEmail),
    SignIn(SignInEmail),
    /// Kratos's own rendering, for courier templates Iris has no design of its own for.
    Plain {
        subject: String,
        text: String,
    },
}

/// A rendered email, ready for a transport.
pub struct OutgoingEmail {
    pub outbox_id: String,
    pub recipient: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl std::fmt::Debug for OutgoingEmail {
    // SECURITY: bodies hold the link and code; only the recipient's domain is shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let domain = self.recipient.rsplit('@').next().unwrap_or_default();
        write!(f, "OutgoingEmail({} to *@{domain})", self.outbox_id)
    }
}
