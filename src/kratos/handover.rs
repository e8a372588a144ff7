//! A Kratos session for an address whose emailed credential Iris has just accepted (approach 3
//! with `magic_link.sessions = "kratos"`). Kratos has no endpoint that creates a session
//! (kratos.md §4.2), so Iris asks its admin API for a short recovery code in a browser flow of
//! Kratos's own (no email is sent), and submits that code itself with the browser's cookies:
//! Kratos answers with its session cookie, which the relay hands to the browser. The browser
//! never sees a Kratos or settings page.
use super::{Answer, CookieRelay, Created, FlowKind, KratosClient, KratosError};
use std::time::Duration;

/// How long the admin recovery code may live: it is used within this request.
const CODE_LIFETIME: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandedOver {
    SignedIn,
    /// No identity has this address and sign-up is off.
    NoIdentity,
}

impl KratosClient {
    /// Ends every Kratos session of the identity with this address ("this wasn't me" after
    /// someone signed in with the email); `false` when there was none to end.
    pub async fn end_sessions_of(&self, email: &str) -> Result<bool, KratosError> {
        let admin = self
            .admin
            .as_ref()
            .ok_or_else(|| KratosError::Unexpected("kratos.admin_url is not set".into()))?;
        match admin.find(email).await? {
            Some(identity) => admin.end_sessions(&identity.id).await,
            None => Ok(false),
        }
    }

    /// Ends the Kratos sessions of the identity with this address that began within
    /// `[from, to]` (unix seconds); how many.
    pub async fn end_sessions_of_between(
        &self,
        email: &str,
        from: i64,
        to: i64,
    ) -> Result<u64, KratosError> {
        let admin = self
            .admin
            .as_ref()
            .ok_or_else(|| KratosError::Unexpected("kratos.admin_url is not set".into()))?;
        match admin.find(email).await? {
            Some(identity) => admin.end_sessions_between(&identity.id, from, to).await,
            None => Ok(0),
        }
    }

    /// Signs the browser in to Kratos as the identity with this address: found, or created on
    /// this first successful use when `allow_sign_up` (concurrent first uses meet Kratos's
    /// unique identifier: one creates, the others find it). The address is marked verified:
    /// the email proved it.
    pub async fn sign_in_as(
        &self,
        email: &str,
        allow_sign_up: bool,
        relay: &mut CookieRelay,
    ) -> Result<HandedOver, KratosError> {
        let admin = self
            .admin
            .as_ref()
            .ok_or_else(|| KratosError::Unexpected("kratos.admin_url is not set".into()))?;
        let (id, unverified) = match admin.find(email).await? {
            Some(found) => (found.id, found.unverified),
            None if allow_sign_up => match admin.create(email, true).await? {
                Created::New(id) => (id, None),
                Created::Exists => {
                    let found = admin.find(email).await?.ok_or_else(|| {
                        KratosError::Unexpected("identity neither created nor found".into())
                    })?;
                    (found.id, found.unverified)
                }
            },
            None => return Ok(HandedOver::NoIdentity),
        };
        if let Some(index) = unverified {
            admin.mark_verified(&id, index).await?;
        }
        let (flow, code) = admin.recovery_code(&id, CODE_LIFETIME).await?;
        let body = serde_json::json!({ "method": "code", "code": code });
        match self
            .submit_to(FlowKind::Recovery, &flow, relay, body)
            .await?
        {
            // 422 "browser location change required" (to the settings UI): the session is set.
            Answer::Redirect(_) => Ok(HandedOver::SignedIn),
            _ => Err(KratosError::Unexpected(
                "Kratos did not accept its own recovery code".into(),
            )),
        }
    }
}
