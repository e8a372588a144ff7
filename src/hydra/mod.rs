//! Ory Hydra's admin API, as its login, consent and logout app calls it (Hydra v2.3.0,
//! `../shared/docs/hydra.md`): read a challenge's request, then accept or reject it; Hydra
//! answers where to send the browser next. Through `ory-client`'s OAuth2 API and models,
//! checked against the real Hydra v2.3.0 by `tests/hydra` (they read its answers, and their
//! bodies carry no key Hydra's strict decoder refuses), on Iris's own HTTP client (timeout,
//! no redirects). What the rest of Iris sees are the small types of `requests.rs`.
//!
//! A challenge Hydra cannot act on (400, 401 expired, 404, 409, 410) is `None`, not an error,
//! so pages can say so.
mod fragment;
mod requests;

pub use fragment::fragment;
pub use requests::{
    AcceptConsent, AcceptLogin, ConsentRequest, HydraClient, IdTokenClaims, LoginRequest,
    LogoutRequest, Rejection,
};

use ory_client::apis::configuration::Configuration;
use ory_client::apis::o_auth2_api as api;
use reqwest::StatusCode;
use std::time::Duration;
use url::Url;

#[derive(Debug, thiserror::Error)]
pub enum HydraError {
    #[error("Hydra is unreachable or too slow")]
    Unavailable(#[source] reqwest::Error),
    #[error("unexpected answer from Hydra: {0}")]
    Unexpected(String),
}

/// Hydra's answer to an accept or a reject: where the browser goes next.
#[derive(Debug, Clone)]
pub struct Redirect {
    pub redirect_to: String,
}

#[derive(Clone)]
pub struct HydraAdmin {
    config: Configuration,
}

impl HydraAdmin {
    /// `token`: a bearer token for an admin API behind a gateway (`secrets.hydra_admin_token`).
    pub fn new(
        admin: Url,
        timeout: Duration,
        token: Option<&secrecy::SecretString>,
    ) -> Result<Self, HydraError> {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(timeout)
            .connect_timeout(timeout)
            .build()
            .map_err(|e| HydraError::Unavailable(e.without_url()))?;
        let mut config = Configuration::new();
        config.base_path = admin.as_str().trim_end_matches('/').to_owned();
        config.client = http;
        config.user_agent = Some(concat!("iris/", env!("CARGO_PKG_VERSION")).to_owned());
        config.bearer_access_token = token.map(|t| {
            use secrecy::ExposeSecret;
            t.expose_secret().to_owned()
        });
        Ok(HydraAdmin { config })
    }

    pub async fn login_request(&self, challenge: &str) -> Result<Option<LoginRequest>, HydraError> {
        let answer = api::get_o_auth2_login_request(&self.config, challenge).await;
        Ok(live(answer, "login request")?.map(LoginRequest::from))
    }

    pub async fn accept_login(
        &self,
        challenge: &str,
        accept: &AcceptLogin,
    ) -> Result<Option<Redirect>, HydraError> {
        let body = Some(accept.to_model());
        let answer = api::accept_o_auth2_login_request(&self.config, challenge, body).await;
        Ok(live(answer, "login accept")?.map(redirect))
    }

    pub async fn reject_login(
        &self,
        challenge: &str,
        why: &Rejection,
    ) -> Result<Option<Redirect>, HydraError> {
        let body = Some(why.to_model());
        let answer = api::reject_o_auth2_login_request(&self.config, challenge, body).await;
        Ok(live(answer, "login reject")?.map(redirect))
    }

    pub async fn consent_request(
        &self,
        challenge: &str,
    ) -> Result<Option<ConsentRequest>, HydraError> {
        let answer = api::get_o_auth2_consent_request(&self.config, challenge).await;
        Ok(live(answer, "consent request")?.map(ConsentRequest::from))
    }

    pub async fn accept_consent(
        &self,
        challenge: &str,
        accept: &AcceptConsent,
    ) -> Result<Option<Redirect>, HydraError> {
        let body = Some(accept.to_model());
        let answer = api::accept_o_auth2_consent_request(&self.config, challenge, body).await;
        Ok(live(answer, "consent accept")?.map(redirect))
    }

    pub async fn reject_consent(
        &self,
        challenge: &str,
        why: &Rejection,
    ) -> Result<Option<Redirect>, HydraError> {
        let body = Some(why.to_model());
        let answer = api::reject_o_auth2_consent_request(&self.config, challenge, body).await;
        Ok(live(answer, "consent reject")?.map(redirect))
    }

    pub async fn logout_request(
        &self,
        challenge: &str,
    ) -> Result<Option<LogoutRequest>, HydraError> {
        let answer = api::get_o_auth2_logout_request(&self.config, challenge).await;
        Ok(live(answer, "logout request")?.map(LogoutRequest::from))
    }

    pub async fn accept_logout(&self, challenge: &str) -> Result<Option<Redirect>, HydraError> {
        let answer = api::accept_o_auth2_logout_request(&self.config, challenge).await;
        Ok(live(answer, "logout accept")?.map(redirect))
    }

    /// "No, stay signed in": Hydra answers 204 and nothing else; `false` when the request
    /// was not (or no longer) Hydra's.
    pub async fn reject_logout(&self, challenge: &str) -> Result<bool, HydraError> {
        let answer = api::reject_o_auth2_logout_request(&self.config, challenge).await;
        Ok(live(answer, "logout reject")?.is_some())
    }

    /// Ends Hydra's remembered logins of `subject`, so `skip` never brings back someone who
    /// signed out of Iris.
    pub async fn forget_logins(&self, subject: &str) -> Result<(), HydraError> {
        let answer = api::revoke_o_auth2_login_sessions(&self.config, Some(subject), None).await;
        live(answer, "forgetting logins").map(|_| ())
    }
}

fn redirect(to: ory_client::models::OAuth2RedirectTo) -> Redirect {
    Redirect {
        redirect_to: to.redirect_to,
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

/// The answer; `None` for a challenge Hydra cannot act on (`gone`); else an error. A handled
/// request may still read as 200 (v2.3.0 does for login), so `Some` never means "not yet
/// used". Errors never carry the URL: it holds the challenge.
fn live<T, E>(
    answer: Result<T, ory_client::apis::Error<E>>,
    what: &str,
) -> Result<Option<T>, HydraError> {
    use ory_client::apis::Error;
    match answer {
        Ok(value) => Ok(Some(value)),
        // Hydra's 401 is an expired request (`request_unauthorized`); any other 401 is a
        // gateway refusing Iris (`secrets.hydra_admin_token`): an outage, not a page.
        Err(Error::ResponseError(r))
            if gone(r.status)
                && (r.status != StatusCode::UNAUTHORIZED
                    || r.content.contains("request_unauthorized")) =>
        {
            Ok(None)
        }
        Err(Error::ResponseError(r)) => Err(HydraError::Unexpected(format!(
            "{what} answered {}",
            r.status
        ))),
        Err(Error::Reqwest(e)) => Err(HydraError::Unavailable(e.without_url())),
        Err(Error::Serde(e)) => Err(HydraError::Unexpected(format!(
            "{what}: unreadable body: {e}"
        ))),
        Err(other) => Err(HydraError::Unexpected(format!("{what}: {other}"))),
    }
}
