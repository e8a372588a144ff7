//! "This wasn't me" (`/login/not-me?token=…`, the second link of every sign-in email Iris
//! sends; `?flow=…&sig=…` in the emails Kratos sends through Iris). GET/HEAD show what
//! happened and one button, and change nothing: mail scanners follow links. The POST voids
//! the email's link and code, ends the session made with it, holds the address for
//! `limits.not_me_hold`, and signs nobody in.
use super::{WebError, WebResult};
use crate::domain::credential::{Refusal, VoidRefusal, Voiding};
use crate::domain::MagicToken;
use crate::domain::TrailKind;
use crate::sign_in::{kratos_flow, NotMeLink, SignInError};
use crate::store::TrailSubject;
use crate::web::csrf::{self, Csrf};
use crate::web::finish::no_referrer;
use crate::web::session::signed_in_state;
use crate::web::views::{
    link_problem_page, not_me_done_page, not_me_page, not_me_refused_page, page, LinkProblem,
    NotMeRefused, NotMeView, SessionsEnded,
};
use crate::web::{trail, AppState};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

/// The link's parameters, in its URL or in the form: Iris's `token`, or (an email Kratos
/// sent) the Kratos `flow` and Iris's tag over it, `sig`.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NotMeParams {
    csrf_token: Option<String>,
    token: String,
    flow: Option<String>,
    sig: Option<String>,
}

impl NotMeParams {
    fn link(&self, state: &AppState) -> Option<NotMeLink> {
        match (&self.flow, &self.sig) {
            (Some(flow), Some(sig)) => kratos_flow(&state.keys, flow, sig),
            _ => MagicToken::parse(&self.token).map(NotMeLink::Iris),
        }
    }

    /// The hidden fields that carry the link into the form.
    fn fields(&self) -> Vec<(&str, &str)> {
        match (&self.flow, &self.sig) {
            (Some(flow), Some(sig)) => vec![("flow", flow.as_str()), ("sig", sig.as_str())],
            _ => vec![("token", self.token.as_str())],
        }
    }
}

/// `GET`/`HEAD`: what the email was for, and the button. The URL holds the token, so the page
/// sends no Referer anywhere (its form then posts with `Origin: null`, as the confirm page's).
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<NotMeParams>,
) -> WebResult {
    let csrf = Csrf::for_request(&req, &state);
    let view = match query.link(&state) {
        Some(link) => state.sign_in.inspect_not_me(&link).await?,
        None => None,
    };
    let res = match view {
        None => invalid(&req, &state, &csrf),
        Some(v) => match v.state {
            Err(Refusal::Voided) => refused(&req, &state, NotMeRefused::AlreadyStopped),
            Err(Refusal::Expired) => refused(&req, &state, NotMeRefused::Expired),
            // Live, used (its session may still be live), replaced, or held: all can be stopped.
            _ => {
                let masked = v.email.masked();
                let fields = query.fields();
                let view = NotMeView {
                    csrf: &csrf.token,
                    link_fields: &fields,
                    masked_email: &masked,
                    requested_at: v.requested_at,
                    requested_by: &v.requested_by,
                };
                csrf.apply(page(StatusCode::OK, not_me_page(&state.ui(&req), &view)))
            }
        },
    };
    Ok(no_referrer(res))
}

/// `POST`: stops the email. A second POST, an expired email or an unknown token get a 4xx page
/// that says so; nothing changes then.
pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<NotMeParams>,
) -> WebResult {
    csrf::verify(&req, &state, form.csrf_token.as_deref())?;
    let csrf = Csrf::for_request(&req, &state);
    let Some(link) = form.link(&state) else {
        return Ok(no_referrer(invalid(&req, &state, &csrf)));
    };
    let not_me = state.sign_in.not_me(&link).await?;
    let res = match not_me.voiding {
        Voiding::Voided {
            credential_id,
            email,
            used_by,
            again,
        } => {
            // SECURITY: Iris's own sessions are matched by the credential they began with,
            // which can make no new one: ending them again on a second press is exact, and
            // finishes the job should the first press have failed after the void.
            let (ended, iris_sessions_ended) = match &used_by {
                _ if not_me.kratos_sessions_ended => (SessionsEnded::All, 0),
                None => (SessionsEnded::None, 0),
                Some(_) if state.sign_in.kratos_sessions() => (SessionsEnded::All, 0),
                Some(account) => (
                    SessionsEnded::Its,
                    end_sessions_made_with(&state, account, &credential_id).await?,
                ),
            };
            if again {
                return Ok(no_referrer(refused(
                    &req,
                    &state,
                    NotMeRefused::AlreadyStopped,
                )));
            }
            tracing::info!(
                event = "not_me",
                credential = %credential_id,
                email = %email.masked(),
                account_id = used_by.as_deref().unwrap_or_default(),
                used = used_by.is_some(),
                iris_sessions_ended,
                kratos_sessions_ended = not_me.kratos_sessions_ended,
                "sign-in email stopped by its recipient"
            );
            // On the account's trail, when the address has an account Iris knows (with Kratos
            // holding identities, none: Iris records nothing it cannot know).
            let subject = TrailSubject::Address(email.canonical());
            trail::record(&req, &state, subject, TrailKind::NotMe).await;
            let markup = not_me_done_page(&state.ui(&req), ended, not_me.hold.as_secs());
            page(StatusCode::OK, markup)
        }
        Voiding::Refused(VoidRefusal::Unknown) => invalid(&req, &state, &csrf),
        Voiding::Refused(VoidRefusal::Expired) => refused(&req, &state, NotMeRefused::Expired),
    };
    Ok(no_referrer(res))
}

/// Ends the account's Iris sessions that were signed in with this credential (each session's
/// state names it), and no other.
async fn end_sessions_made_with(
    state: &AppState,
    account_id: &str,
    credential_id: &str,
) -> Result<u64, WebError> {
    let sessions = &state.stores.sessions;
    let live = sessions
        .account_sessions(account_id, state.clock.now())
        .await
        .map_err(SignInError::from)?;
    let mut ended = 0;
    for session in live {
        let made_with = signed_in_state(&session.state).and_then(|s| s.credential_id);
        if made_with.as_deref() == Some(credential_id) {
            sessions
                .delete_session(&session.key_hash)
                .await
                .map_err(SignInError::from)?;
            ended += 1;
        }
    }
    if ended > 0 {
        // No worker of this instance serves the ended session from its cache.
        state.invalidations.bump();
    }
    Ok(ended)
}

fn invalid(req: &HttpRequest, state: &AppState, csrf: &Csrf) -> HttpResponse {
    let markup = link_problem_page(
        &state.ui(req),
        &csrf.token,
        LinkProblem::Invalid,
        None,
        None,
    );
    csrf.apply(page(StatusCode::NOT_FOUND, markup))
}

fn refused(req: &HttpRequest, state: &AppState, why: NotMeRefused) -> HttpResponse {
    page(StatusCode::GONE, not_me_refused_page(&state.ui(req), why))
}
