//! Request handlers: parse input into domain types, call `sign_in`, pick a page.
pub mod account;
pub mod address;
pub mod health;
pub mod kratos_hook;
pub mod kratos_pages;
pub mod link;
pub mod login;
pub mod not_me;
pub mod oauth2;
pub mod pending;
pub mod statics;

use super::csrf::CsrfRejected;
use crate::domain::browser_summary;
use crate::i18n::browser_record;
use crate::kratos::CookieRelay;
use crate::sign_in::{Requester, SignInError, User};
use crate::web::AppState;
use actix_web::http::{header, StatusCode};
use actix_web::{HttpRequest, HttpResponse, ResponseError};

/// The handler layer's error: each maps to a status; `finish` renders the page and logs the cause.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("sign-in backend unavailable")]
    Unavailable(#[from] SignInError),
    #[error(transparent)]
    Csrf(#[from] CsrfRejected),
    #[error("Hydra unavailable")]
    Hydra(#[from] crate::hydra::HydraError),
}

impl ResponseError for WebError {
    fn status_code(&self) -> StatusCode {
        match self {
            WebError::Unavailable(_) | WebError::Hydra(_) => StatusCode::SERVICE_UNAVAILABLE,
            WebError::Csrf(_) => StatusCode::FORBIDDEN,
        }
    }
}

pub type WebResult = Result<HttpResponse, WebError>;

pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// The browser's cookies, ready to be forwarded to Kratos.
pub fn relay(req: &HttpRequest) -> CookieRelay {
    let mut relay = CookieRelay::from_browser(
        req.headers()
            .get(header::COOKIE)
            .and_then(|v| v.to_str().ok()),
    );
    if let Some(state) = req.app_data::<actix_web::web::Data<AppState>>() {
        let user_agent = req
            .headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        relay.client = Some((user_agent.to_owned(), client_ip(req, state).to_string()));
    }
    relay
}

/// The browser's address, as `server.trusted_proxies` lets Iris believe it.
fn client_ip(req: &HttpRequest, state: &AppState) -> std::net::IpAddr {
    crate::web::client_ip::client_ip(
        req.peer_addr().map(|a| a.ip()),
        req.headers(),
        &state.trusted_proxies,
    )
}

/// Relays every `Set-Cookie` Kratos sent onto the browser's response, unchanged.
pub fn with_cookies(mut res: HttpResponse, relay: &CookieRelay) -> HttpResponse {
    for cookie in relay.set_cookies() {
        if let Ok(v) = header::HeaderValue::from_str(cookie) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// The signed-in user, from Kratos (Kratos approaches) or Iris's own session store.
pub async fn current_user(
    state: &AppState,
    session: &actix_session::Session,
    relay: &mut CookieRelay,
) -> Result<Option<User>, WebError> {
    if state.sign_in.kratos_sessions() {
        return Ok(state.sign_in.kratos_user(relay).await?);
    }
    Ok(
        crate::web::session::current_user(session, state.clock.now()).map(|u| User {
            id: u.user_id,
            email: u.email,
            authenticated_at: u.authenticated_at,
            expires_at: u.expires_at,
        }),
    )
}

/// A credential just redeemed (its code or its link): Iris's session where Iris holds them,
/// the sign-in on the account's trail, and the browser on its way: through Hydra to the
/// application it signed in for, else to `return_to`; its binding forgotten, the device
/// remembered. Who signed in is asked once (for Kratos's sessions, one whoami) for both the
/// trail and Hydra.
pub async fn finish_sign_in(
    req: &HttpRequest,
    state: &AppState,
    session: &actix_session::Session,
    mut relay: CookieRelay,
    how: crate::web::session::Method,
    signed_in: SignedIn<'_>,
) -> WebResult {
    use crate::web::session::Method;
    if let Some(account) = signed_in.account {
        let context = sign_in_context(req, state, how, signed_in.credential_id);
        crate::web::session::sign_in(
            session,
            account,
            context,
            state.clock.now(),
            state.absolute_timeout,
        );
    }
    let kind = match how {
        Method::Code => crate::domain::TrailKind::SignedInWithCode,
        Method::Link => crate::domain::TrailKind::SignedInWithLink,
    };
    let who = oauth2::signed_in(state, session, &mut relay).await;
    match &who {
        Ok(Some((who, _))) => crate::web::trail::record_for(req, state, &who.subject, kind).await,
        Ok(None) => {}
        Err(e) => {
            tracing::warn!(event = "trail_write_failed", kind = kind.as_str(), error = %e, "the trail could not name the Kratos identity");
        }
    }
    let return_to = signed_in.return_to;
    let next = oauth2::finish_login(req, state, session, who, return_to)
        .await?
        .unwrap_or_else(|| see_other(return_to));
    let res = crate::web::binding::clear(state, next);
    let res = crate::web::known_device::remember(req, state, res, signed_in.email);
    Ok(with_cookies(res, &relay))
}

/// What a redeemed credential says of the sign-in (`Redemption::SignedIn`).
pub struct SignedIn<'a> {
    /// Iris's account, when Iris holds the sessions.
    pub account: Option<&'a crate::domain::credential::Account>,
    pub email: &'a crate::domain::EmailAddress,
    pub return_to: &'a str,
    pub credential_id: &'a str,
}

/// What the session records of a sign-in this request completes.
pub fn sign_in_context(
    req: &HttpRequest,
    state: &AppState,
    how: crate::web::session::Method,
    credential_id: &str,
) -> crate::web::session::SignInContext {
    crate::web::session::SignInContext {
        how,
        credential_id: credential_id.to_owned(),
        browser: requester_browser(req),
        ip: masked_client_ip(req, state),
    }
}

/// The client's address as Iris keeps it: `domain::masked_ip` (proxies as configured).
pub fn masked_client_ip(req: &HttpRequest, state: &AppState) -> String {
    crate::domain::masked_ip(client_ip(req, state))
}

pub fn requester_browser(req: &HttpRequest) -> String {
    let ua = req
        .headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    let (name, os) = browser_summary(ua);
    browser_record(name, os)
}

/// Who asked: the browser (for the email and the confirm page) and its language (the email's).
pub fn requester(req: &HttpRequest, state: &AppState) -> Requester {
    Requester {
        browser: requester_browser(req),
        ip: masked_client_ip(req, state),
        locale: state.tr(req).lang().to_owned(),
        device: crate::web::known_device::read(req, state),
    }
}
