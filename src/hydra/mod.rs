//! Ory Hydra's admin API, as its login, consent and logout app calls it (Hydra v2.3.0,
//! `../shared/docs/hydra.md`): read a challenge's request, then accept or reject it; Hydra
//! answers where to send the browser next. Bounded by a timeout; a challenge Hydra cannot read
//! (400, 401, 404, 409, 410) is `None`, not an error, so pages can say so.
//!
//! Own serde types rather than `ory-client`'s OAuth2 models: those are generated for Ory
//! Network's API and would be checked against Hydra v2.3.0's real answers call by call; these
//! read only the fields Iris uses and ignore the rest, so a new field cannot break a sign-in.
mod fragment;
mod requests;

pub use fragment::fragment;
pub use requests::{
    AcceptConsent, AcceptLogin, ConsentRequest, HydraClient, IdTokenClaims, LoginRequest,
    LogoutRequest, Rejection,
};

use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::time::Duration;
use url::Url;

#[derive(Debug, thiserror::Error)]
pub enum HydraError {
    #[error("Hydra is unreachable or too slow")]
    Unavailable(#[source] reqwest::Error),
    #[error("unexpected answer from Hydra: {0}")]
    Unexpected(String),
}

impl HydraError {
    /// The URL is dropped: it carries the challenge.
    fn unavailable(e: reqwest::Error) -> Self {
        HydraError::Unavailable(e.without_url())
    }
}

/// Which of the three requests a challenge belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    Login,
    Consent,
    Logout,
}

impl Flow {
    fn segment(self) -> &'static str {
        match self {
            Flow::Login => "login",
            Flow::Consent => "consent",
            Flow::Logout => "logout",
        }
    }

    fn parameter(self) -> &'static str {
        match self {
            Flow::Login => "login_challenge",
            Flow::Consent => "consent_challenge",
            Flow::Logout => "logout_challenge",
        }
    }
}

/// Hydra's answer to an accept or a reject: where the browser goes next.
#[derive(Debug, Clone, Deserialize)]
pub struct Redirect {
    pub redirect_to: String,
}

#[derive(Clone)]
pub struct HydraAdmin {
    http: reqwest::Client,
    admin: Url,
}

impl HydraAdmin {
    /// `token`: a bearer token for an admin API behind a gateway (`secrets.hydra_admin_token`).
    pub fn new(
        admin: Url,
        timeout: Duration,
        token: Option<&secrecy::SecretString>,
    ) -> Result<Self, HydraError> {
        let mut headers = reqwest::header::HeaderMap::new();
        if let Some(token) = token {
            use secrecy::ExposeSecret;
            let mut value = reqwest::header::HeaderValue::from_str(&format!(
                "Bearer {}",
                token.expose_secret()
            ))
            .map_err(|_| HydraError::Unexpected("the admin token is not a header value".into()))?;
            // Never printed in a debug dump of the request.
            value.set_sensitive(true);
            headers.insert(reqwest::header::AUTHORIZATION, value);
        }
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(timeout)
            .connect_timeout(timeout)
            .build()
            .map_err(HydraError::unavailable)?;
        Ok(HydraAdmin { http, admin })
    }

    pub async fn login_request(&self, challenge: &str) -> Result<Option<LoginRequest>, HydraError> {
        self.get(Flow::Login, challenge).await
    }

    pub async fn accept_login(
        &self,
        challenge: &str,
        accept: &AcceptLogin,
    ) -> Result<Option<Redirect>, HydraError> {
        self.put(Flow::Login, "accept", challenge, accept).await
    }

    pub async fn reject_login(
        &self,
        challenge: &str,
        why: &Rejection,
    ) -> Result<Option<Redirect>, HydraError> {
        self.put(Flow::Login, "reject", challenge, why).await
    }

    pub async fn consent_request(
        &self,
        challenge: &str,
    ) -> Result<Option<ConsentRequest>, HydraError> {
        self.get(Flow::Consent, challenge).await
    }

    pub async fn accept_consent(
        &self,
        challenge: &str,
        accept: &AcceptConsent,
    ) -> Result<Option<Redirect>, HydraError> {
        self.put(Flow::Consent, "accept", challenge, accept).await
    }

    pub async fn reject_consent(
        &self,
        challenge: &str,
        why: &Rejection,
    ) -> Result<Option<Redirect>, HydraError> {
        self.put(Flow::Consent, "reject", challenge, why).await
    }

    pub async fn logout_request(
        &self,
        challenge: &str,
    ) -> Result<Option<LogoutRequest>, HydraError> {
        self.get(Flow::Logout, challenge).await
    }

    pub async fn accept_logout(&self, challenge: &str) -> Result<Option<Redirect>, HydraError> {
        self.put(Flow::Logout, "accept", challenge, &serde_json::json!({}))
            .await
    }

    /// "No, stay signed in": Hydra answers 204 and nothing else; `false` when the request
    /// was not (or no longer) Hydra's.
    pub async fn reject_logout(&self, challenge: &str) -> Result<bool, HydraError> {
        let res = self
            .http
            .put(self.request_url(Flow::Logout, Some("reject"), challenge))
            .json(&serde_json::json!({}))
            .send()
            .await
            .map_err(HydraError::unavailable)?;
        match res.status() {
            StatusCode::NO_CONTENT | StatusCode::OK => Ok(true),
            s if gone(s) => Ok(false),
            other => Err(HydraError::Unexpected(format!(
                "logout reject answered {other}"
            ))),
        }
    }

    /// Ends Hydra's remembered logins of `subject`, so `skip` never brings back someone who
    /// signed out of Iris.
    pub async fn forget_logins(&self, subject: &str) -> Result<(), HydraError> {
        let mut url = self.url("/admin/oauth2/auth/sessions/login");
        url.query_pairs_mut().append_pair("subject", subject);
        let res = self
            .http
            .request(Method::DELETE, url)
            .send()
            .await
            .map_err(HydraError::unavailable)?;
        match res.status() {
            StatusCode::NO_CONTENT | StatusCode::OK | StatusCode::NOT_FOUND => Ok(()),
            other => Err(HydraError::Unexpected(format!(
                "forgetting logins answered {other}"
            ))),
        }
    }

    fn url(&self, path: &str) -> Url {
        let mut url = self.admin.clone();
        url.set_path(path);
        url
    }

    fn request_url(&self, flow: Flow, action: Option<&str>, challenge: &str) -> Url {
        let path = match action {
            Some(a) => format!("/admin/oauth2/auth/requests/{}/{a}", flow.segment()),
            None => format!("/admin/oauth2/auth/requests/{}", flow.segment()),
        };
        let mut url = self.url(&path);
        url.query_pairs_mut()
            .append_pair(flow.parameter(), challenge);
        url
    }

    async fn get<T: DeserializeOwned>(
        &self,
        flow: Flow,
        challenge: &str,
    ) -> Result<Option<T>, HydraError> {
        let res = self
            .http
            .get(self.request_url(flow, None, challenge))
            .send()
            .await
            .map_err(HydraError::unavailable)?;
        answer(res, flow).await
    }

    async fn put<T: DeserializeOwned>(
        &self,
        flow: Flow,
        action: &str,
        challenge: &str,
        body: &impl serde::Serialize,
    ) -> Result<Option<T>, HydraError> {
        let res = self
            .http
            .put(self.request_url(flow, Some(action), challenge))
            .json(body)
            .send()
            .await
            .map_err(HydraError::unavailable)?;
        answer(res, flow).await
    }
}

/// Hydra's ways of saying a challenge is not (or no longer) one it can act on: 400 (it cannot
/// decode it: v2.3.0 carries the flow inside), 401 (expired: "The login request has
/// expired"), 404 (unknown), 409 (already handled) and 410 (gone).
fn gone(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::BAD_REQUEST
            | StatusCode::UNAUTHORIZED
            | StatusCode::NOT_FOUND
            | StatusCode::CONFLICT
            | StatusCode::GONE
    )
}

/// 200 → the body; a challenge Hydra cannot act on (`gone`) → `None`; else an error. A handled request may
/// still read as 200 (v2.3.0 does for login), so `Some` never means "not yet used".
async fn answer<T: DeserializeOwned>(
    res: reqwest::Response,
    flow: Flow,
) -> Result<Option<T>, HydraError> {
    let status = res.status();
    match status {
        StatusCode::OK => {
            let bytes = res.bytes().await.map_err(HydraError::unavailable)?;
            serde_json::from_slice(&bytes).map(Some).map_err(|e| {
                HydraError::Unexpected(format!("{} request: unreadable body: {e}", flow.segment()))
            })
        }
        s if gone(s) => Ok(None),
        other => Err(HydraError::Unexpected(format!(
            "{} request answered {other}",
            flow.segment()
        ))),
    }
}
