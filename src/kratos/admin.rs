//! Kratos's admin API (identities, recovery codes), through the `ory-client` crate with Iris's
//! own per-worker HTTP client (timeout, no redirects). Its identity and recovery models parse
//! Kratos v1.3.1's answers (checked against the running server by the tests); the
//! self-service flows stay on Iris's own types (`flows.rs`): the generated flow models cannot
//! parse a flow with UI nodes (kratos.md §8).
use super::client::KratosError;
use ory_client::apis::configuration::Configuration;
use ory_client::apis::identity_api;
use ory_client::models::{
    create_identity_body, json_patch, verifiable_identity_address, CreateIdentityBody,
    CreateRecoveryCodeForIdentityBody, JsonPatch, VerifiableIdentityAddress,
};
use std::time::Duration;
use url::Url;

/// An identity found by its email address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityRef {
    pub id: String,
    /// Where that address sits in `verifiable_addresses`, when it is not verified yet.
    pub unverified: Option<usize>,
}

/// What creating an identity came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Created {
    New(String),
    /// Another request created it first (409): look it up.
    Exists,
}

#[derive(Clone)]
pub struct KratosAdmin {
    config: Configuration,
}

impl KratosAdmin {
    pub fn new(admin: &Url, http: reqwest::Client) -> Self {
        let mut config = Configuration::new();
        config.base_path = admin.as_str().trim_end_matches('/').to_owned();
        config.client = http;
        config.user_agent = Some(concat!("iris/", env!("CARGO_PKG_VERSION")).to_owned());
        KratosAdmin { config }
    }

    /// The same, on another HTTP client (one server worker's).
    pub fn with_client(&self, http: reqwest::Client) -> Self {
        let mut config = self.config.clone();
        config.client = http;
        KratosAdmin { config }
    }

    /// The identity whose code/recovery identifier is `email` (Kratos lowercases it).
    pub async fn find(&self, email: &str) -> Result<Option<IdentityRef>, KratosError> {
        let found = identity_api::list_identities(
            &self.config,
            None,
            None,
            Some(1),
            None,
            None,
            None,
            Some(email),
            None,
            None,
            None,
        )
        .await
        .map_err(|e| failed("identity lookup", e))?;
        Ok(found.into_iter().next().map(|identity| {
            let unverified = identity
                .verifiable_addresses
                .as_ref()
                .and_then(|addresses| {
                    addresses
                        .iter()
                        .position(|a| a.value.eq_ignore_ascii_case(email) && !a.verified)
                });
            IdentityRef {
                id: identity.id,
                unverified,
            }
        }))
    }

    /// A new identity for `email`; `verified` when the address has just been proven (an
    /// emailed credential was used), so Kratos records it as verified.
    pub async fn create(&self, email: &str, verified: bool) -> Result<Created, KratosError> {
        let mut body =
            CreateIdentityBody::new("default".to_owned(), serde_json::json!({ "email": email }));
        body.state = Some(create_identity_body::StateEnum::Active);
        if verified {
            body.verifiable_addresses = Some(vec![verified_address(email)]);
        }
        match identity_api::create_identity(&self.config, Some(body)).await {
            Ok(identity) => Ok(Created::New(identity.id)),
            Err(ory_client::apis::Error::ResponseError(r)) if r.status.as_u16() == 409 => {
                Ok(Created::Exists)
            }
            Err(e) => Err(failed("identity creation", e)),
        }
    }

    /// Marks the address at `index` verified (the email proved it).
    pub async fn mark_verified(&self, id: &str, index: usize) -> Result<(), KratosError> {
        let patch = |path: &str, value: serde_json::Value| {
            let mut p = JsonPatch::new(
                json_patch::OpEnum::Replace,
                format!("/verifiable_addresses/{index}/{path}"),
            );
            p.value = Some(Some(value));
            p
        };
        let ops = vec![
            patch("verified", true.into()),
            patch("status", "completed".into()),
        ];
        identity_api::patch_identity(&self.config, id, Some(ops))
            .await
            .map(|_| ())
            .map_err(|e| failed("identity update", e))
    }

    /// A recovery code for the identity, in a browser flow Kratos creates for it (no email is
    /// sent): the flow id and the code.
    pub async fn recovery_code(
        &self,
        id: &str,
        expires_in: Duration,
    ) -> Result<(String, String), KratosError> {
        let mut body = CreateRecoveryCodeForIdentityBody::new(id.to_owned());
        body.expires_in = Some(format!("{}s", expires_in.as_secs().max(1)));
        body.flow_type = Some("browser".to_owned());
        let answer = identity_api::create_recovery_code_for_identity(&self.config, Some(body))
            .await
            .map_err(|e| failed("recovery code", e))?;
        let flow = Url::parse(&answer.recovery_link)
            .ok()
            .and_then(|u| {
                u.query_pairs()
                    .find(|(k, _)| k == "flow")
                    .map(|(_, v)| v.into_owned())
            })
            .ok_or_else(|| KratosError::Unexpected("recovery link without a flow".into()))?;
        Ok((flow, answer.recovery_code))
    }

    /// Ends the identity's active sessions that began within `[from, to]` (unix seconds), one
    /// by one (`GET /admin/identities/{id}/sessions`, `DELETE /admin/sessions/{id}`); how many.
    /// At most the first 250: an identity has a handful.
    pub async fn end_sessions_between(
        &self,
        id: &str,
        from: i64,
        to: i64,
    ) -> Result<u64, KratosError> {
        let sessions = match identity_api::list_identity_sessions(
            &self.config,
            id,
            None,
            None,
            Some(250),
            None,
            Some(true),
        )
        .await
        {
            Ok(sessions) => sessions,
            Err(ory_client::apis::Error::ResponseError(r)) if r.status.as_u16() == 404 => {
                return Ok(0)
            }
            Err(e) => return Err(failed("listing sessions", e)),
        };
        let mut ended = 0;
        for session in sessions {
            let began = session.authenticated_at.as_deref().and_then(|t| {
                time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).ok()
            });
            if began.is_some_and(|t| (from..=to).contains(&t.unix_timestamp())) {
                identity_api::disable_session(&self.config, &session.id)
                    .await
                    .map_err(|e| failed("ending a session", e))?;
                ended += 1;
            }
        }
        Ok(ended)
    }

    /// The identity's address (`traits.email`) and whether Kratos has it verified; `None`
    /// when Kratos knows no such identity.
    pub async fn email_of(&self, id: &str) -> Result<Option<(String, bool)>, KratosError> {
        let identity = match identity_api::get_identity(&self.config, id, None).await {
            Ok(identity) => identity,
            Err(ory_client::apis::Error::ResponseError(r)) if r.status.as_u16() == 404 => {
                return Ok(None)
            }
            Err(e) => return Err(failed("identity read", e)),
        };
        let Some(email) = identity
            .traits
            .as_ref()
            .and_then(|t| t.get("email"))
            .and_then(|e| e.as_str())
            .map(str::to_owned)
        else {
            return Ok(None);
        };
        let verified = identity
            .verifiable_addresses
            .iter()
            .flatten()
            .any(|a| a.verified && a.value.eq_ignore_ascii_case(&email));
        Ok(Some((email, verified)))
    }

    /// Ends every session of the identity (`DELETE /admin/identities/{id}/sessions`); `false`
    /// when Kratos knows no such identity or it had no session (404).
    pub async fn end_sessions(&self, id: &str) -> Result<bool, KratosError> {
        match identity_api::delete_identity_sessions(&self.config, id).await {
            Ok(()) => Ok(true),
            Err(ory_client::apis::Error::ResponseError(r)) if r.status.as_u16() == 404 => Ok(false),
            Err(e) => Err(failed("ending sessions", e)),
        }
    }
}

fn verified_address(email: &str) -> VerifiableIdentityAddress {
    VerifiableIdentityAddress::new(
        "completed".to_owned(),
        email.to_owned(),
        true,
        verifiable_identity_address::ViaEnum::Email,
    )
}

fn failed<T>(what: &str, e: ory_client::apis::Error<T>) -> KratosError {
    match e {
        ory_client::apis::Error::Reqwest(e) => KratosError::unavailable(e),
        ory_client::apis::Error::ResponseError(r) => {
            KratosError::Unexpected(format!("{what} answered {}", r.status))
        }
        other => KratosError::Unexpected(format!("{what}: {other}")),
    }
}
