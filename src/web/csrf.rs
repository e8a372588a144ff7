//! CSRF defence for every POST (SECURITY.md item 29): a signed double-submit token, plus
//! Origin / Sec-Fetch-Site checks. The cookie holds a random nonce; the form carries
//! HMAC(nonce) under the server key, so a planted cookie is useless without the key, and no
//! server-side session is needed before sign-in (GET /login stays write-free).
use super::AppState;
use crate::secrets::{random_bytes, Purpose};
use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-iris-csrf"
    } else {
        "iris-csrf"
    }
}

pub struct Csrf {
    /// The value for the forms' hidden `csrf_token` field.
    pub token: String,
    set_cookie: Option<Cookie<'static>>,
}

#[derive(Debug, thiserror::Error)]
#[error("CSRF check failed: {0}")]
pub struct CsrfRejected(&'static str);

impl ResponseError for CsrfRejected {
    fn status_code(&self) -> StatusCode {
        StatusCode::FORBIDDEN
    }
}

impl Csrf {
    /// The token for this browser, minting a nonce cookie if it has none yet.
    pub fn for_request(req: &HttpRequest, state: &AppState) -> Self {
        let name = cookie_name(state.secure_cookies);
        if let Some(nonce) = req.cookie(name).and_then(|c| decode_nonce(c.value())) {
            return Csrf {
                token: form_token(state, &nonce),
                set_cookie: None,
            };
        }
        let nonce = random_bytes(32);
        let cookie = Cookie::build(name, URL_SAFE_NO_PAD.encode(&nonce))
            .path("/")
            .http_only(true)
            .secure(state.secure_cookies)
            .same_site(SameSite::Lax)
            .finish();
        Csrf {
            token: form_token(state, &nonce),
            set_cookie: Some(cookie),
        }
    }

    /// Adds the nonce cookie to a response that shows a form, when the browser had none.
    pub fn apply(&self, mut res: HttpResponse) -> HttpResponse {
        if let Some(cookie) = &self.set_cookie {
            // Adding a well-formed cookie cannot fail.
            let _ = res.add_cookie(cookie);
        }
        res
    }
}

/// Checks a POST: same-origin by Fetch Metadata and Origin, and the token matches the cookie.
pub fn verify(
    req: &HttpRequest,
    state: &AppState,
    submitted: Option<&str>,
) -> Result<(), CsrfRejected> {
    let result = check(req, state, submitted);
    if let Err(e) = &result {
        tracing::warn!(event = "malicious_csrf", reason = e.0, "CSRF check failed");
    }
    result
}

fn check(req: &HttpRequest, state: &AppState, submitted: Option<&str>) -> Result<(), CsrfRejected> {
    let header = |name| req.headers().get(name).and_then(|v| v.to_str().ok());
    let ours = state.public_url.origin().ascii_serialization();
    match (header("sec-fetch-site"), header("origin")) {
        // SECURITY: Fetch Metadata, where the browser sends it, is the reliable signal. A page
        // served with `Referrer-Policy: no-referrer` (the emailed link's page) makes the
        // browser send `Origin: null` on its own same-origin POST, so `null` is accepted here,
        // and only here; any real origin must still be ours.
        (Some("same-origin" | "none"), Some(origin)) if origin != ours && origin != "null" => {
            Err(CsrfRejected("foreign origin"))
        }
        (Some("same-origin" | "none"), _) => Ok(()),
        (Some(_), _) => Err(CsrfRejected("cross-site request")),
        // Without Fetch Metadata (older browsers, scripts) an Origin, when sent, must be ours.
        (None, Some(origin)) if origin != ours => Err(CsrfRejected("foreign origin")),
        (None, _) => Ok(()),
    }?;
    let nonce = req
        .cookie(cookie_name(state.secure_cookies))
        .and_then(|c| decode_nonce(c.value()))
        .ok_or(CsrfRejected("no CSRF cookie"))?;
    let token = submitted
        .and_then(|t| URL_SAFE_NO_PAD.decode(t).ok())
        .ok_or(CsrfRejected("no CSRF token"))?;
    if state.keys.verify(Purpose::Csrf, &[&nonce], &token) {
        Ok(())
    } else {
        Err(CsrfRejected("token does not match"))
    }
}

fn decode_nonce(value: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(value).ok().filter(|n| n.len() == 32)
}

fn form_token(state: &AppState, nonce: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(state.keys.mac(Purpose::Csrf, &[nonce]))
}
