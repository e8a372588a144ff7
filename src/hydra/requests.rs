//! The requests Hydra hands its login, consent and logout app, and what the app sends back:
//! only the fields Iris reads or sets, taken from and given to `ory-client`'s models (Hydra
//! v2.3.0's admin API, `../shared/docs/hydra.md`). Optional fields Iris needs are defaulted
//! here, once, so nothing else handles a missing one.
use ory_client::models::{
    AcceptOAuth2ConsentRequest, AcceptOAuth2ConsentRequestSession, AcceptOAuth2LoginRequest,
    OAuth2Client, OAuth2ConsentRequest, OAuth2LoginRequest, OAuth2LogoutRequest,
    RejectOAuth2Request,
};
use serde::Serialize;

/// The application asking, as the pages name it.
#[derive(Debug, Clone, Default)]
pub struct HydraClient {
    pub client_id: String,
    pub client_name: String,
    /// Shown only when it is an https URL.
    pub logo_uri: String,
    pub skip_consent: bool,
}

impl From<OAuth2Client> for HydraClient {
    fn from(c: OAuth2Client) -> Self {
        HydraClient {
            client_id: c.client_id.unwrap_or_default(),
            client_name: c.client_name.unwrap_or_default(),
            logo_uri: c.logo_uri.unwrap_or_default(),
            skip_consent: c.skip_consent.unwrap_or_default(),
        }
    }
}

/// `GET /admin/oauth2/auth/requests/login`.
#[derive(Debug, Clone)]
pub struct LoginRequest {
    pub challenge: String,
    pub client: HydraClient,
    pub requested_scope: Vec<String>,
    /// Hydra remembers this browser's login: accept with `subject`, no page (unless the
    /// request asks for a fresh login).
    pub skip: bool,
    pub subject: String,
    /// The authorization URL the app sent the browser to (`prompt`, `max_age` are in it).
    pub request_url: String,
}

impl From<OAuth2LoginRequest> for LoginRequest {
    fn from(r: OAuth2LoginRequest) -> Self {
        LoginRequest {
            challenge: r.challenge,
            client: (*r.client).into(),
            requested_scope: r.requested_scope.unwrap_or_default(),
            skip: r.skip,
            subject: r.subject,
            request_url: r.request_url,
        }
    }
}

/// `PUT /admin/oauth2/auth/requests/login/accept`.
#[derive(Debug, Clone)]
pub struct AcceptLogin {
    pub subject: String,
    pub remember: bool,
    /// Seconds; 0 means "for as long as Hydra's session lives".
    pub remember_for: u64,
    /// How they signed in (`amr`): `otp` for Iris's code, `link` for its link, Kratos's
    /// methods for Kratos's sessions.
    pub amr: Vec<String>,
    /// The sign-in server's session, so Hydra's front/back-channel logout can name it.
    pub identity_provider_session_id: Option<String>,
}

impl AcceptLogin {
    /// Only the keys Iris sets: Hydra decodes the body strictly (an unknown key is a 400).
    pub(super) fn to_model(&self) -> AcceptOAuth2LoginRequest {
        let mut m = AcceptOAuth2LoginRequest::new(self.subject.clone());
        m.remember = Some(self.remember);
        m.remember_for = Some(seconds(self.remember_for));
        m.amr = Some(self.amr.clone()).filter(|a| !a.is_empty());
        m.identity_provider_session_id = self.identity_provider_session_id.clone();
        m
    }
}

fn seconds(s: u64) -> i64 {
    i64::try_from(s).unwrap_or(i64::MAX)
}

/// `GET /admin/oauth2/auth/requests/consent`.
#[derive(Debug, Clone)]
pub struct ConsentRequest {
    pub challenge: String,
    pub client: HydraClient,
    pub requested_scope: Vec<String>,
    pub requested_access_token_audience: Vec<String>,
    /// The person already granted this to this app (remembered).
    pub skip: bool,
    pub subject: String,
}

impl From<OAuth2ConsentRequest> for ConsentRequest {
    fn from(r: OAuth2ConsentRequest) -> Self {
        ConsentRequest {
            challenge: r.challenge,
            client: r.client.map(|c| (*c).into()).unwrap_or_default(),
            requested_scope: r.requested_scope.unwrap_or_default(),
            requested_access_token_audience: r.requested_access_token_audience.unwrap_or_default(),
            skip: r.skip.unwrap_or_default(),
            subject: r.subject.unwrap_or_default(),
        }
    }
}

/// The claims Iris puts into the ID token (the `email` scope's).
#[derive(Debug, Clone, Default, Serialize)]
pub struct IdTokenClaims {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_verified: Option<bool>,
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

impl AcceptConsent {
    pub(super) fn to_model(&self) -> AcceptOAuth2ConsentRequest {
        let mut session = AcceptOAuth2ConsentRequestSession::new();
        // Serialising two optional strings cannot fail.
        session.id_token = Some(serde_json::to_value(&self.id_token).ok());
        let mut m = AcceptOAuth2ConsentRequest::new();
        m.grant_scope = Some(self.grant_scope.clone());
        m.grant_access_token_audience = Some(self.grant_access_token_audience.clone());
        m.remember = Some(self.remember);
        m.remember_for = Some(seconds(self.remember_for));
        m.session = Some(Box::new(session));
        m
    }
}

/// `GET /admin/oauth2/auth/requests/logout`.
#[derive(Debug, Clone)]
pub struct LogoutRequest {
    pub challenge: String,
    pub subject: String,
    /// The app that asked, when the logout was RP-initiated.
    pub client: Option<HydraClient>,
    pub rp_initiated: bool,
}

impl From<OAuth2LogoutRequest> for LogoutRequest {
    fn from(r: OAuth2LogoutRequest) -> Self {
        LogoutRequest {
            challenge: r.challenge.unwrap_or_default(),
            subject: r.subject.unwrap_or_default(),
            client: r.client.map(|c| (*c).into()),
            rp_initiated: r.rp_initiated.unwrap_or_default(),
        }
    }
}

/// A reject's body: an OAuth2 error (`access_denied`, `login_required`, …).
#[derive(Debug, Clone)]
pub struct Rejection {
    pub error: String,
    pub error_description: String,
}

impl Rejection {
    pub(super) fn to_model(&self) -> RejectOAuth2Request {
        let mut m = RejectOAuth2Request::new();
        m.error = Some(self.error.clone());
        m.error_description = Some(self.error_description.clone());
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hydra puts the consent's `session.id_token` into the ID token; absent claims stay out
    /// rather than arriving as `null`, and no key Hydra does not know is sent.
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
            serde_json::to_value(accept.to_model()).unwrap(),
            serde_json::json!({
                "grant_scope": ["openid", "email"],
                "grant_access_token_audience": [],
                "remember": true,
                "remember_for": 3600,
                "session": { "id_token": { "email": "ann@example.com" } }
            })
        );
    }

    #[test]
    fn a_login_accept_sends_only_what_iris_sets() {
        let accept = AcceptLogin {
            subject: "acct-1".into(),
            remember: true,
            remember_for: 60,
            amr: vec![],
            identity_provider_session_id: None,
        };
        assert_eq!(
            serde_json::to_value(accept.to_model()).unwrap(),
            serde_json::json!({ "subject": "acct-1", "remember": true, "remember_for": 60 })
        );
    }
}
