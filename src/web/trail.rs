//! Writing the account trail from the places that know what happened (handlers, the admin
//! listener). Only the browser summary and the masked IP go with an event, never what the
//! request carried (a token, a code, an address).
use crate::domain::TrailKind;
use crate::store::{Trail, TrailEntry, TrailEvent, TrailSubject};
use crate::web::handlers::{masked_client_ip, requester_browser};
use crate::web::AppState;
use actix_web::HttpRequest;

/// Records what this request did to `subject`'s account, with its browser and masked IP.
pub async fn record(
    req: &HttpRequest,
    state: &AppState,
    subject: TrailSubject<'_>,
    kind: TrailKind,
) {
    let (browser, ip) = (requester_browser(req), masked_client_ip(req, state));
    let entry = TrailEntry {
        subject,
        kind,
        browser: &browser,
        ip: &ip,
        at: state.clock.now(),
    };
    record_quietly(&*state.stores.trail, entry).await;
}

/// `record` for an account the caller knows (a signed-in user).
pub async fn record_for(req: &HttpRequest, state: &AppState, account_id: &str, kind: TrailKind) {
    record(req, state, TrailSubject::Account(account_id), kind).await;
}

/// Records an event; a failure is logged and swallowed. The trail is a record of what
/// happened, not a condition for it: a sign-in, a sign-out or an operator's action that
/// succeeded must not be answered with an error page because its bookkeeping could not be
/// written (the person would retry something already done). The log line carries the event's
/// kind and the error, nothing that identifies the request's secrets.
pub async fn record_quietly(trail: &dyn Trail, entry: TrailEntry<'_>) {
    if let Err(e) = trail.record(entry).await {
        tracing::warn!(event = "trail_write_failed", kind = entry.kind.as_str(), error = %e, "the trail could not record an event");
    }
}

/// How many events the account page shows.
pub const PAGE_EVENTS: u32 = 20;

/// The account's newest events, for its page (the account id is the session's user id: Iris's
/// account, or the Kratos identity); `None` when the store could not say. The page then shows
/// everything else: its sign-out buttons must work when the trail does not.
pub async fn recent_trail(state: &AppState, account_id: &str) -> Option<Vec<TrailEvent>> {
    match state.stores.trail.recent(account_id, PAGE_EVENTS).await {
        Ok(events) => Some(events),
        Err(e) => {
            tracing::warn!(event = "trail_read_failed", error = %e, "the trail could not be read");
            None
        }
    }
}
