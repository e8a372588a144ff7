//! The known-device cookie (see `sign_in::trust`): set at every sign-in, for the address
//! signed in to; read when asking for an email and when entering a code. Long-lived, since it
//! is what lets the owner in while others hammer the address; it grants nothing by itself.
use super::AppState;
use crate::domain::EmailAddress;
use crate::sign_in::KnownDevice;
use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::{HttpRequest, HttpResponse};

/// How long a browser stays known without signing in again.
const LIFETIME_DAYS: i64 = 180;

fn name(secure: bool) -> &'static str {
    if secure {
        "__Host-iris-device"
    } else {
        "iris-device"
    }
}

pub fn read(req: &HttpRequest, state: &AppState) -> KnownDevice {
    let cookie = req.cookie(name(state.secure_cookies));
    KnownDevice::from_cookie(cookie.as_ref().map(|c| c.value()))
}

/// After a sign-in to `email`: this browser is a known device for it from now on.
pub fn remember(
    req: &HttpRequest,
    state: &AppState,
    mut res: HttpResponse,
    email: &EmailAddress,
) -> HttpResponse {
    let value = read(req, state).remember(&state.keys, email);
    let cookie = Cookie::build(name(state.secure_cookies), value)
        .path("/")
        .http_only(true)
        .secure(state.secure_cookies)
        .same_site(SameSite::Lax)
        .max_age(CookieDuration::days(LIFETIME_DAYS))
        .finish();
    // A well-formed cookie cannot fail to be added.
    let _ = res.add_cookie(&cookie);
    res
}
