//! The sign-in approaches behind one enum: the only place that knows which one is running.
//! Handlers call these methods and never match on the approach themselves.
mod magic_link;

pub use magic_link::{MagicLink, MagicLinkConfig};

use crate::domain::{EmailAddress, MagicToken, OneTimeCode, ReturnTo};
use crate::store::{CredentialView, Redemption, StoreError};

pub enum SignIn {
    MagicLink(MagicLink),
}

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("a dependency is unavailable")]
    Unavailable(#[from] StoreError),
}

pub type SignInResult<T> = Result<T, SignInError>;

/// What happened to a request for an email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Started {
    /// A new link and code are on their way.
    Sent { credential_id: String },
    /// An email went out moments ago; no second one yet. The earlier one still works.
    AlreadySent {
        credential_id: Option<String>,
        retry_after: u64,
    },
    /// Too many emails or failures for this address: wait.
    Limited { retry_after: u64 },
}

/// Who asked, for the email and the confirm page.
#[derive(Debug, Clone)]
pub struct Requester {
    pub browser: String,
}

impl SignIn {
    pub async fn start(
        &self,
        email: EmailAddress,
        return_to: &ReturnTo,
        who: &Requester,
    ) -> SignInResult<Started> {
        match self {
            SignIn::MagicLink(m) => m.start(email, return_to, who).await,
        }
    }

    /// A new email for the address of an earlier credential (resend buttons: no retyping).
    pub async fn resend(&self, earlier: &CredentialView, who: &Requester) -> SignInResult<Started> {
        match self {
            SignIn::MagicLink(m) => m.resend(earlier, who).await,
        }
    }

    pub async fn pending(&self, credential_id: &str) -> SignInResult<Option<CredentialView>> {
        match self {
            SignIn::MagicLink(m) => m.pending(credential_id).await,
        }
    }

    pub async fn inspect_link(&self, token: &MagicToken) -> SignInResult<Option<CredentialView>> {
        match self {
            SignIn::MagicLink(m) => m.inspect_link(token).await,
        }
    }

    pub async fn confirm_link(&self, token: &MagicToken) -> SignInResult<Redemption> {
        match self {
            SignIn::MagicLink(m) => m.confirm_link(token).await,
        }
    }

    pub async fn submit_code(
        &self,
        credential_id: &str,
        code: &OneTimeCode,
    ) -> SignInResult<Redemption> {
        match self {
            SignIn::MagicLink(m) => m.submit_code(credential_id, code).await,
        }
    }
}
