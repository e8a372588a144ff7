//! The signed-in side: home page, sign-out, and the two endpoints apps and proxies ask.
use super::{current_user, relay, see_other, with_cookies, WebError, WebResult};
use crate::domain::{ReturnTo, TrailKind};
use crate::sign_in::{in_page_order, ActiveSession, SignInError, User};
use crate::store::AccountSession;
use crate::web::csrf::{self, Csrf};
use crate::web::session::{last_seen, signed_in_state, SignedIn};
use crate::web::trail::{self, recent_trail};
use crate::web::views::{page, signed_in_page, Ended, IrisPage, SignedInView};
use crate::web::AppState;
use actix_session::Session;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct HomeQuery {
    /// `others`: just signed out of every other session; `one`: of the one chosen (a notice;
    /// GET changes nothing).
    ended: Option<String>,
}

pub async fn home(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<HomeQuery>,
) -> WebResult {
    let mut relay = relay(&req);
    // Kratos's whoami names the user and this browser's session at once: asked once.
    let account = match iris_user(&state, &session) {
        Some(me) => {
            let sessions = iris_sessions(&state, &me).await?;
            current_user(&state, &session, &mut relay)
                .await?
                .map(|user| (user, sessions))
        }
        None => state.sign_in.kratos_account(&mut relay).await?,
    };
    let Some((user, sessions)) = account else {
        return Ok(see_other("/login"));
    };
    let csrf = Csrf::for_request(&req, &state);
    let trail = recent_trail(&state, &user.id).await;
    let view = SignedInView {
        email: &user.email,
        since: stamp(user.authenticated_at),
        sessions: &sessions,
        can_end: true,
        can_change_address: state.address_change.is_some(),
        ended: match query.ended.as_deref() {
            Some("others") => Some(Ended::Others),
            Some("one") => Some(Ended::One),
            Some("address") => Some(Ended::Address),
            _ => None,
        },
        trail: trail.as_deref(),
    };
    let res = csrf.apply(page(
        StatusCode::OK,
        signed_in_page(&state.ui(&req), &csrf.token, &view),
    ));
    Ok(with_cookies(res, &relay))
}

/// The account's live sessions that Iris holds, as the page lists them. A session past its
/// absolute timeout is not listed: it can no longer be used, whatever its idle expiry says.
async fn iris_sessions(state: &AppState, me: &SignedIn) -> Result<Vec<ActiveSession>, WebError> {
    let now = state.clock.now();
    let mut listed: Vec<ActiveSession> = stored_sessions(state, me)
        .await?
        .into_iter()
        .filter_map(|(s, user)| {
            (user.expires_at > now.unix_timestamp()).then(|| ActiveSession {
                current: !me.sid.is_empty() && user.sid == me.sid,
                last_seen: Some(last_seen(
                    s.expires_at,
                    state.idle_timeout,
                    user.authenticated_at,
                )),
                id: user.sid,
                browser: user.browser,
                ip: user.ip,
                started_at: user.authenticated_at,
                how: user.how,
            })
        })
        .collect();
    in_page_order(&mut listed);
    Ok(listed)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EndSessionForm {
    csrf_token: Option<String>,
    session: String,
}

/// `POST /logout/session`: ends one other session of the account, named by its public id
/// (Iris's) or Kratos's session id. Only the account's own sessions can be found this way;
/// an unknown id changes nothing. This browser's session ends with the main sign-out button.
pub async fn sign_out_one(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    form: web::Form<EndSessionForm>,
) -> WebResult {
    csrf::verify(&req, &state, form.csrf_token.as_deref())?;
    let id = form.session.as_str();
    if id.is_empty()
        || id.len() > 64
        || !id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Ok(see_other("/"));
    }
    let mut relay = relay(&req);
    let Some(me) = current_user(&state, &session, &mut relay).await? else {
        return Ok(see_other("/login"));
    };
    let ended = match iris_user(&state, &session) {
        Some(user) if user.sid != id => end_one(&state, &user, id).await?,
        Some(_) => false,
        None => state.sign_in.kratos_end_session(id, &mut relay).await?,
    };
    if ended {
        tracing::info!(event = "session_ended", account_id = %me.id, "signed out of one other session");
        trail::record_for(&req, &state, &me.id, TrailKind::SessionEnded).await;
    }
    Ok(with_cookies(see_other("/?ended=one"), &relay))
}

/// The account's live sessions in Iris's store, each with its signed-in state.
async fn stored_sessions(
    state: &AppState,
    me: &SignedIn,
) -> Result<Vec<(AccountSession, SignedIn)>, WebError> {
    let stored = state
        .stores
        .sessions
        .account_sessions(&me.user_id, state.clock.now())
        .await
        .map_err(SignInError::from)?;
    Ok(stored
        .into_iter()
        .filter_map(|s| {
            let user = signed_in_state(&s.state)?;
            Some((s, user))
        })
        .collect())
}

/// Ends the account's Iris session whose public id is `sid`; whether there was one.
async fn end_one(state: &AppState, me: &SignedIn, sid: &str) -> Result<bool, WebError> {
    let stored = stored_sessions(state, me).await?;
    let Some((found, _)) = stored.iter().find(|(_, user)| user.sid == sid) else {
        return Ok(false);
    };
    state
        .stores
        .sessions
        .delete_session(&found.key_hash)
        .await
        .map_err(SignInError::from)?;
    state.invalidations.bump();
    Ok(true)
}

/// `POST /logout/others`: ends every other session of the account; this browser stays signed
/// in, under a fresh session key (the old one was ended with the others).
pub async fn sign_out_others(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    form: web::Form<LogoutForm>,
) -> WebResult {
    csrf::verify(&req, &state, form.csrf_token.as_deref())?;
    let mut relay = relay(&req);
    let Some(me) = current_user(&state, &session, &mut relay).await? else {
        return Ok(see_other("/login"));
    };
    let ended = match iris_user(&state, &session) {
        Some(user) => {
            let ended = end_sessions(&state, &user.user_id).await?;
            session.renew();
            ended
        }
        None => state.sign_in.kratos_end_other_sessions(&mut relay).await?,
    };
    tracing::info!(
        event = "sessions_ended_elsewhere",
        account_id = %me.id,
        ended,
        "signed out everywhere else"
    );
    trail::record_for(&req, &state, &me.id, TrailKind::SignedOutEverywhereElse).await;
    Ok(with_cookies(see_other("/?ended=others"), &relay))
}

/// `POST /logout/everywhere`: ends every session of the account, this one included.
pub async fn sign_out_everywhere(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    form: web::Form<LogoutForm>,
) -> WebResult {
    csrf::verify(&req, &state, form.csrf_token.as_deref())?;
    let mut relay = relay(&req);
    let me = current_user(&state, &session, &mut relay).await?;
    let ended = match iris_user(&state, &session) {
        Some(user) => end_sessions(&state, &user.user_id).await?,
        // Kratos's others first, while this browser's session still proves who asks.
        None if state.sign_in.kratos_sessions() => {
            let ended = state.sign_in.kratos_end_other_sessions(&mut relay).await?;
            state.sign_in.kratos_logout(&mut relay).await?;
            ended + 1
        }
        None => 0,
    };
    if let Some(me) = me {
        tracing::info!(
            event = "sessions_ended_everywhere",
            account_id = %me.id,
            ended,
            "signed out everywhere"
        );
        trail::record_for(&req, &state, &me.id, TrailKind::SignedOutEverywhere).await;
        forget_hydra_logins(&state, &me.id).await;
    }
    session.purge();
    Ok(cleared(with_cookies(see_other("/login"), &relay)))
}

/// With Iris as Hydra's login app: Hydra forgets its remembered logins of the subject, so an
/// app's next authorization asks Iris again. A Hydra that does not answer is logged and the
/// sign-out goes on: signing out here must always work (and the login page Iris is to serve
/// for Hydra, issue 16, accepts a remembered login only for a browser signed in to Iris).
async fn forget_hydra_logins(state: &AppState, subject: &str) {
    if let Some(oauth2) = &state.oauth2 {
        if let Err(e) = oauth2.admin.forget_logins(subject).await {
            tracing::error!(event = "hydra_forget_failed", error = %e, "Hydra still remembers a login of someone who signed out");
        }
    }
}

/// The signed-in user when Iris holds the sessions (Kratos's are Kratos's to end).
pub(super) fn iris_user(state: &AppState, session: &Session) -> Option<SignedIn> {
    if state.sign_in.kratos_sessions() {
        return None;
    }
    crate::web::session::current_user(session, state.clock.now())
}

pub(super) async fn end_sessions(state: &AppState, account_id: &str) -> Result<u64, WebError> {
    let ended = state
        .stores
        .sessions
        .end_account_sessions(account_id, None)
        .await
        .map_err(SignInError::from)?;
    state.invalidations.bump();
    Ok(ended)
}

/// Tells the browser to forget what it kept of the session.
fn cleared(mut res: HttpResponse) -> HttpResponse {
    res.headers_mut().insert(
        header::HeaderName::from_static("clear-site-data"),
        header::HeaderValue::from_static("\"cache\", \"cookies\", \"storage\""),
    );
    res
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LogoutForm {
    csrf_token: Option<String>,
}

/// Purges the server-side session (a replayed cookie is then worthless), ends the Kratos session
/// through Kratos's logout flow when Kratos holds it, and clears the browser.
pub async fn logout(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    form: web::Form<LogoutForm>,
) -> WebResult {
    csrf::verify(&req, &state, form.csrf_token.as_deref())?;
    let mut relay = relay(&req);
    sign_out_here(&req, &state, &session, &mut relay).await?;
    Ok(cleared(with_cookies(see_other("/login"), &relay)))
}

/// Ends this browser's session: Iris's, or Kratos's through Kratos's logout flow (its cookies
/// in `relay`); the trail records it and Hydra forgets the person's remembered logins.
pub(super) async fn sign_out_here(
    req: &HttpRequest,
    state: &AppState,
    session: &Session,
    relay: &mut crate::kratos::CookieRelay,
) -> Result<(), WebError> {
    if let Some(user) = current_user(state, session, relay).await? {
        tracing::info!(event = "logout", account_id = %user.id, "signed out");
        trail::record_for(req, state, &user.id, TrailKind::SignedOut).await;
        forget_hydra_logins(state, &user.id).await;
    }
    state.sign_in.kratos_logout(relay).await?;
    session.purge();
    Ok(())
}

/// `GET /sessions/whoami`: 200 with the identity as JSON, or 401.
pub async fn whoami(req: HttpRequest, state: web::Data<AppState>, session: Session) -> WebResult {
    Ok(
        match current_user(&state, &session, &mut relay(&req)).await? {
            Some(user) => json(StatusCode::OK, &identity(&user)),
            None => json(
                StatusCode::UNAUTHORIZED,
                &serde_json::json!({ "error": "not signed in" }),
            ),
        },
    )
}

/// `GET /auth/check` for reverse-proxy `auth_request`: 200 + identity headers, or 401.
pub async fn auth_check(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
) -> WebResult {
    let mut res = match current_user(&state, &session, &mut relay(&req)).await? {
        Some(user) => {
            let mut res = HttpResponse::Ok().finish();
            for (name, value) in [
                ("x-iris-user-id", user.id),
                ("x-iris-user-email", user.email),
            ] {
                if let Ok(v) = header::HeaderValue::from_str(&value) {
                    res.headers_mut()
                        .insert(header::HeaderName::from_static(name), v);
                }
            }
            res
        }
        None => {
            let mut res = HttpResponse::Unauthorized().finish();
            let original = req.headers().get("x-original-uri");
            let login = login_url(&state, original.and_then(|v| v.to_str().ok()));
            if let Ok(v) = header::HeaderValue::from_str(login.as_str()) {
                res.headers_mut()
                    .insert(header::HeaderName::from_static("x-iris-login"), v);
            }
            res
        }
    };
    res.extensions_mut().insert(IrisPage);
    Ok(res)
}

/// Where a proxy sends a signed-out browser (`X-Iris-Login` on the 401): Iris's sign-in page,
/// with `return_to` the URL the browser asked the proxy for (`X-Original-URI`, nginx's
/// `$request_uri`) when Iris would honour it, correctly encoded (nginx cannot encode a query
/// string itself, and `?a=1&b=2` would otherwise lose `b`). Only a hint: `/login` checks
/// `return_to` again, so a forged header gains nothing.
fn login_url(state: &AppState, original: Option<&str>) -> url::Url {
    let mut login = state.public_url.clone(); // an origin only (config validation)
    login.set_path("/login");
    let back = original
        .and_then(|raw| ReturnTo::parse(raw, &state.public_url, &state.allowed_return_urls));
    if let Some(back) = back {
        login
            .query_pairs_mut()
            .append_pair("return_to", back.as_str());
    }
    login
}

fn identity(user: &User) -> serde_json::Value {
    serde_json::json!({
        "id": user.id,
        "email": user.email,
        "authenticated_at": stamp(user.authenticated_at).format(&Rfc3339).unwrap_or_default(),
        "expires_at": stamp(user.expires_at).format(&Rfc3339).unwrap_or_default(),
    })
}

fn stamp(unix: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

pub fn json(status: StatusCode, body: &serde_json::Value) -> HttpResponse {
    let mut res = HttpResponse::build(status)
        .content_type("application/json; charset=utf-8")
        .body(body.to_string());
    res.extensions_mut().insert(IrisPage);
    res
}
