//! Operators' JSON endpoints (`server.admin_bind`): a listener of its own, never the public
//! port, every request carrying `Authorization: Bearer <secrets.admin_token>`. For accounts Iris
//! owns (`magic-link` with Iris's sessions): look an account up by address, list and end its
//! sessions, read its recent-activity trail, lift an address's back-off. GETs change nothing;
//! every change is logged with its event name (never a token, a code or a session key) and
//! goes on the account's trail.
use crate::clock::SharedClock;
use crate::domain::{EmailAddress, TrailKind};
use crate::store::{
    AddressLimits, SessionRecords, SignInStore, StoreError, Trail, TrailEntry, TrailEvent,
    TrailSubject,
};
use crate::web::session_cache::Invalidations;
use crate::web::trail::record_quietly;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::middleware::{from_fn, Next};
use actix_web::{web, Error, HttpResponse};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;
use subtle::ConstantTimeEq;
use time::format_description::well_known::Rfc3339;

#[derive(Clone)]
pub struct AdminState {
    pub sign_in: Arc<dyn SignInStore>,
    pub limits: Arc<dyn AddressLimits>,
    pub sessions: Arc<dyn SessionRecords>,
    pub trail: Arc<dyn Trail>,
    /// Ending sessions here voids every worker's session cache of this instance at once (other
    /// instances within their cache's second).
    pub invalidations: Invalidations,
    pub clock: SharedClock,
    pub token: SecretString,
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/admin")
            .wrap(from_fn(bearer))
            .route("/accounts", web::get().to(account))
            .route("/accounts/{id}/sessions", web::get().to(sessions))
            .route("/accounts/{id}/sessions", web::delete().to(end_sessions))
            .route("/accounts/{id}/trail", web::get().to(trail))
            .route("/back-off", web::delete().to(lift_back_off)),
    );
}

/// 401 unless the request carries the admin token (compared in constant time).
async fn bearer(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let expected = req
        .app_data::<web::Data<AdminState>>()
        .map(|s| s.token.expose_secret().as_bytes().to_vec());
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::as_bytes);
    let allowed = match (expected, given) {
        (Some(expected), Some(given)) => bool::from(expected.as_slice().ct_eq(given)),
        _ => false,
    };
    if !allowed {
        tracing::warn!(
            event = "admin_refused",
            "admin request without a valid token"
        );
        let res = HttpResponse::Unauthorized()
            .insert_header((header::WWW_AUTHENTICATE, "Bearer"))
            .json(json!({ "error": "a valid bearer token is required" }));
        return Ok(req.into_response(res));
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

#[derive(Deserialize)]
struct ByEmail {
    email: String,
}

fn error(status: StatusCode, message: &str) -> HttpResponse {
    HttpResponse::build(status).json(json!({ "error": message }))
}

fn unavailable(e: StoreError) -> HttpResponse {
    tracing::error!(error = ?e, "admin: store unavailable");
    error(StatusCode::SERVICE_UNAVAILABLE, "the store is unavailable")
}

fn address(text: &str) -> Option<EmailAddress> {
    EmailAddress::parse(text).ok()
}

fn not_an_address() -> HttpResponse {
    error(StatusCode::BAD_REQUEST, "not an email address")
}

/// `GET /admin/accounts?email=…`: the account, its live sessions, and the address's back-off.
async fn account(state: web::Data<AdminState>, q: web::Query<ByEmail>) -> HttpResponse {
    let Some(email) = address(&q.email) else {
        return not_an_address();
    };
    let now = state.clock.now();
    let found = match state.sign_in.account_by_email(&email).await {
        Ok(found) => found,
        Err(e) => return unavailable(e),
    };
    let Some(account) = found else {
        return error(StatusCode::NOT_FOUND, "no account has this address");
    };
    let (listed, held) = match tokio::try_join!(
        state.sessions.account_sessions(&account.id, now),
        state.limits.locked_for(&email, now),
    ) {
        Ok(both) => both,
        Err(e) => return unavailable(e),
    };
    HttpResponse::Ok().json(json!({
        "id": account.id,
        "email": account.email.as_str(),
        "sessions": session_list(&listed),
        "back_off_seconds": held,
    }))
}

/// What an operator sees of each session: what its owner sees on the account page (public
/// id, browser, masked network, how and when it began), never its key or state.
fn session_list(listed: &[crate::store::AccountSession]) -> Vec<serde_json::Value> {
    let rfc3339 = |t: time::OffsetDateTime| t.format(&Rfc3339).unwrap_or_default();
    listed
        .iter()
        .map(|s| {
            let user = crate::web::session::signed_in_state(&s.state);
            let user = user.as_ref();
            let (browser, os) = user
                .and_then(|u| u.browser.as_deref())
                .and_then(|b| b.split_once('|'))
                .unwrap_or_default();
            let named = |s: &str| (!s.is_empty()).then(|| s.to_owned());
            json!({
                "id": user.map(|u| u.sid.as_str()),
                "started_at": user.map(|u| rfc3339(crate::store::from_unix(u.authenticated_at))),
                "how": user.and_then(|u| u.how),
                "browser": named(browser),
                "os": named(os),
                "ip": user.and_then(|u| u.ip.as_deref()),
                "idle_expires_at": rfc3339(s.expires_at),
            })
        })
        .collect()
}

/// `GET /admin/accounts/{id}/sessions`.
async fn sessions(state: web::Data<AdminState>, id: web::Path<String>) -> HttpResponse {
    match state
        .sessions
        .account_sessions(&id, state.clock.now())
        .await
    {
        Ok(listed) => HttpResponse::Ok().json(json!({ "sessions": session_list(&listed) })),
        Err(e) => unavailable(e),
    }
}

/// `DELETE /admin/accounts/{id}/sessions`: signs the account out everywhere.
async fn end_sessions(state: web::Data<AdminState>, id: web::Path<String>) -> HttpResponse {
    match state.sessions.end_account_sessions(&id, None).await {
        Ok(ended) => {
            state.invalidations.bump();
            tracing::info!(event = "admin_sessions_ended", account_id = %id, ended, "signed out everywhere by an operator");
            let subject = TrailSubject::Account(&id);
            operator_did(&state, subject, TrailKind::OperatorEndedSessions).await;
            HttpResponse::Ok().json(json!({ "ended": ended }))
        }
        Err(e) => unavailable(e),
    }
}

/// `DELETE /admin/back-off?email=…`: lifts the address's back-off after wrong codes.
async fn lift_back_off(state: web::Data<AdminState>, q: web::Query<ByEmail>) -> HttpResponse {
    let Some(email) = address(&q.email) else {
        return not_an_address();
    };
    match state.limits.clear_failures(&email).await {
        Ok(()) => {
            tracing::info!(
                event = "admin_back_off_lifted",
                "back-off lifted by an operator"
            );
            let subject = TrailSubject::Address(email.canonical());
            operator_did(&state, subject, TrailKind::OperatorLiftedBackOff).await;
            HttpResponse::Ok().json(json!({ "lifted": true }))
        }
        Err(e) => unavailable(e),
    }
}

/// How many events `GET /admin/accounts/{id}/trail` returns at most.
const TRAIL_EVENTS: u32 = 1000;

/// An operator's action on the account's trail: no browser and no IP to name.
async fn operator_did(state: &AdminState, subject: TrailSubject<'_>, kind: TrailKind) {
    let entry = TrailEntry {
        subject,
        kind,
        browser: "",
        ip: "",
        at: state.clock.now(),
    };
    record_quietly(&*state.trail, entry).await;
}

/// `GET /admin/accounts/{id}/trail`: the account's recent activity, newest first (the newest
/// 1000 events still within `audit.retention`).
async fn trail(state: web::Data<AdminState>, id: web::Path<String>) -> HttpResponse {
    match state.trail.recent(&id, TRAIL_EVENTS).await {
        Ok(events) => HttpResponse::Ok()
            .json(json!({ "events": events.iter().map(event_json).collect::<Vec<_>>() })),
        Err(e) => unavailable(e),
    }
}

/// One event as the admin endpoint and `iris admin trail` show it.
fn event_json(event: &TrailEvent) -> serde_json::Value {
    json!({
        "at": event.at.format(&Rfc3339).unwrap_or_default(),
        "account_id": event.account_id,
        "kind": event.kind.as_str(),
        "browser": event.browser,
        "ip": event.ip,
    })
}
