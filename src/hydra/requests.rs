//! The requests Hydra hands its login, consent and logout app, and what the app sends back:
//! only the fields Iris reads or sets (Hydra v2.3.0's admin API, `../shared/docs/hydra.md`).
use serde::{Deserialize, Serialize};

/// The application asking, as the pages name it.
#[derive(Debug, Clone, Deserialize)]
pub struct HydraClient {
    pub client_id: String,
    #[serde(default)]
    pub client_name: String,
    /// Shown only when it is an https URL.
    #[serde(default)]
    pub logo_uri: String,
    #[serde(default)]
    pub skip_consent: bool,
}

/// `GET /admin/oauth2/auth/requests/login`.
#[derive(Debug, Clone, Deserialize)]
pub struct LoginRequest {
    pub challenge: String,
    pub client: HydraClient,
    #[serde(default)]
    pub requested_scope: Vec<String>,
    /// Hydra remembers this browser's login: accept with `subject`, no page (unless the
    /// request asks for a fresh login).
    pub skip: bool,
    #[serde(default)]
    pub subject: String,
    /// The authorization URL the app sent the browser to (`prompt`, `max_age` are in it).
    #[serde(default)]
    pub request_url: String,
}

/// `PUT /admin/oauth2/auth/requests/login/accept`.
#[derive(Debug, Clone, Serialize)]
pub struct AcceptLogin {
    pub subject: String,
    pub remember: bool,
    /// Seconds; 0 means "for as long as Hydra's session lives".
    pub remember_for: u64,
    /// How they signed in (`amr`): e.g. `email` and `otp` for a code.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub amr: Vec<String>,
    /// The sign-in server's session, so Hydra's front/back-channel logout can name it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_provider_session_id: Option<String>,
}

/// `GET /admin/oauth2/auth/requests/consent`.
#[derive(Debug, Clone, Deserialize)]
pub struct ConsentRequest {
    pub challenge: String,
    pub client: HydraClient,
    #[serde(default)]
    pub requested_scope: Vec<String>,
    #[serde(default)]
    pub requested_access_token_audience: Vec<String>,
    /// The person already granted this to this app (remembered).
    pub skip: bool,
    #[serde(default)]
    pub subject: String,
}

/// The claims Iris puts into the ID token (the `email` scope's).
#[derive(Debug, Clone, Default, Serialize)]
pub struct IdTokenClaims {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_verified: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
struct ConsentSession<'a> {
    id_token: &'a IdTokenClaims,
}

/// `PUT /admin/oauth2/auth/requests/consent/accept`.
#[derive(Debug, Clone)]
pub struct AcceptConsent {
    pub grant_scope: Vec<String>,
    pub grant_access_token_audience: Vec<String>,
    pub remember: bool,
    pub remember_for: u64,
    pub id_token: IdTokenClaims,
}

impl Serialize for AcceptConsent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Wire<'a> {
            grant_scope: &'a [String],
            grant_access_token_audience: &'a [String],
            remember: bool,
            remember_for: u64,
            session: ConsentSession<'a>,
        }
        Wire {
            grant_scope: &self.grant_scope,
            grant_access_token_audience: &self.grant_access_token_audience,
            remember: self.remember,
            remember_for: self.remember_for,
            session: ConsentSession {
                id_token: &self.id_token,
            },
        }
        .serialize(s)
    }
}

/// `GET /admin/oauth2/auth/requests/logout`.
#[derive(Debug, Clone, Deserialize)]
pub struct LogoutRequest {
    pub challenge: String,
    #[serde(default)]
    pub subject: String,
    /// The app that asked, when the logout was RP-initiated.
    #[serde(default)]
    pub client: Option<HydraClient>,
    #[serde(default)]
    pub rp_initiated: bool,
}

/// A reject's body: an OAuth2 error (`access_denied`, `login_required`, …).
#[derive(Debug, Clone, Serialize)]
pub struct Rejection {
    pub error: String,
    pub error_description: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hydra puts the consent's `session.id_token` into the ID token; absent claims stay out
    /// rather than arriving as `null`.
    #[test]
    fn a_consent_accept_carries_the_claims_under_session_id_token() {
        let accept = AcceptConsent {
            grant_scope: vec!["openid".into(), "email".into()],
            grant_access_token_audience: vec![],
            remember: true,
            remember_for: 3600,
            id_token: IdTokenClaims {
                email: Some("ann@example.com".into()),
                email_verified: None,
            },
        };
        assert_eq!(
            serde_json::to_value(&accept).unwrap(),
            serde_json::json!({
                "grant_scope": ["openid", "email"],
                "grant_access_token_audience": [],
                "remember": true,
                "remember_for": 3600,
                "session": { "id_token": { "email": "ann@example.com" } }
            })
        );
    }
}
