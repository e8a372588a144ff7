//! The pre-auth binding cookie: which credential this browser asked for. It ties the code box to
//! that one credential (SECURITY.md item 9) and lets the confirm page say "you asked for this
//! link in this browser". A signed cookie rather than a server-side session: asking for an email
//! writes no session row, so anonymous requests cannot fill the session table.
use super::AppState;
use crate::secrets::Purpose;
use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::{HttpRequest, HttpResponse};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

fn name(secure: bool) -> &'static str {
    if secure {
        "__Host-iris-pending"
    } else {
        "iris-pending"
    }
}

/// A binding made for a browser that joined a credential another request created (within the
/// cooldown) is marked, inside the MAC'd value, so it cannot pass for the one that asked.
const JOINED: &str = "joined:";

/// The credential this browser is bound to, and whether it asked for it itself.
pub struct Bound {
    pub id: String,
    pub asked_here: bool,
}

/// The credential id this browser is bound to, if its cookie carries a valid MAC.
pub fn read(req: &HttpRequest, state: &AppState) -> Option<String> {
    read_bound(req, state).map(|b| b.id)
}

pub fn read_bound(req: &HttpRequest, state: &AppState) -> Option<Bound> {
    let cookie = req.cookie(name(state.secure_cookies))?;
    let (id, mac) = cookie.value().split_once('.')?;
    let id = String::from_utf8(URL_SAFE_NO_PAD.decode(id).ok()?).ok()?;
    let mac = URL_SAFE_NO_PAD.decode(mac).ok()?;
    if !state.keys.verify(Purpose::Binding, &[id.as_bytes()], &mac) {
        return None;
    }
    Some(match id.strip_prefix(JOINED) {
        Some(joined) => Bound {
            id: joined.to_owned(),
            asked_here: false,
        },
        None => Bound {
            id,
            asked_here: true,
        },
    })
}

/// Binds this browser to the credential its own request created (replacing any earlier
/// binding).
pub fn bind(state: &AppState, res: HttpResponse, credential_id: &str) -> HttpResponse {
    set(state, res, credential_id)
}

/// Binds this browser to a credential another request created moments ago (the cooldown's
/// "we already sent you an email"): its code works here too, but this browser did not ask.
pub fn join(state: &AppState, res: HttpResponse, credential_id: &str) -> HttpResponse {
    set(state, res, &format!("{JOINED}{credential_id}"))
}

fn set(state: &AppState, mut res: HttpResponse, credential_id: &str) -> HttpResponse {
    let mac = URL_SAFE_NO_PAD.encode(
        state
            .keys
            .mac(Purpose::Binding, &[credential_id.as_bytes()]),
    );
    // The id is base64url'd: ids of Kratos flows carry an address and a return path.
    let id = URL_SAFE_NO_PAD.encode(credential_id);
    let cookie = build(state, format!("{id}.{mac}"))
        .max_age(CookieDuration::hours(1))
        .finish();
    // A well-formed cookie cannot fail to be added.
    let _ = res.add_cookie(&cookie);
    res
}

/// Forgets the binding (after sign-in).
pub fn clear(state: &AppState, mut res: HttpResponse) -> HttpResponse {
    let mut cookie = build(state, String::new()).finish();
    cookie.make_removal();
    let _ = res.add_cookie(&cookie);
    res
}

fn build(state: &AppState, value: String) -> actix_web::cookie::CookieBuilder<'static> {
    Cookie::build(name(state.secure_cookies), value)
        .path("/")
        .http_only(true)
        .secure(state.secure_cookies)
        .same_site(SameSite::Lax)
}
