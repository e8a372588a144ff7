//! "Check your inbox": the page after asking, its code box and its resend button. The browser's
//! binding cookie names the credential it asked for; codes only work against that one.
use super::{finish_sign_in, relay, requester, see_other, with_cookies, SignedIn, WebResult};
use crate::domain::credential::{CredentialView, Delivery, Redemption, Refusal};
use crate::domain::{OneTimeCode, TrailKind};
use crate::i18n::Msg;
use crate::kratos::CookieRelay;
use crate::sign_in::Started;
use crate::sign_in::Trust;
use crate::store::TrailSubject;
use crate::web::csrf::{self, Csrf};
use crate::web::rate_limit::{mail_paused, too_many};
use crate::web::session::Method;
use crate::web::trail;
use crate::web::views::{check_email_page, page, CheckEmailView};
use crate::web::AppState;
use crate::web::{binding, known_device};
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Flags {
    again: Option<String>,
    sent: Option<String>,
}

pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    flags: web::Query<Flags>,
) -> WebResult {
    let mut relay = relay(&req);
    let Some(view) = pending_view(&req, &state, &mut relay).await? else {
        return Ok(see_other("/login"));
    };
    let links = state.sign_in.email_kind() != crate::sign_in::EmailKind::Code;
    let notice = match (flags.again.is_some(), flags.sent.is_some(), links) {
        (true, _, true) => Some("check-again-link"),
        (true, _, false) => Some("check-again-code"),
        (false, true, true) => Some("check-sent-again-link"),
        (false, true, false) => Some("check-sent-again-code"),
        (false, false, _) => None,
    };
    let res = render(
        &req,
        &state,
        &view,
        StatusCode::OK,
        None,
        notice.map(Msg::new),
    );
    Ok(with_cookies(res, &relay))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CodeForm {
    csrf_token: Option<String>,
    code: String,
}

pub async fn submit_code(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    form: web::Form<CodeForm>,
) -> WebResult {
    csrf::verify(&req, &state, form.csrf_token.as_deref())?;
    let Some(bound) = binding::read_bound(&req, &state) else {
        return Ok(see_other("/login"));
    };
    let device = known_device::read(&req, &state);
    let trust = Trust {
        device: &device,
        asked_here: bound.asked_here,
    };
    let mut relay = relay(&req);
    let outcome = match OneTimeCode::parse(&form.code) {
        Some(code) => Some(
            state
                .sign_in
                .submit_code(&bound.id, &code, trust, &mut relay)
                .await?,
        ),
        None => None,
    };
    if let Some(Redemption::SignedIn {
        account,
        email,
        return_to,
        credential_id,
    }) = &outcome
    {
        let signed_in = SignedIn {
            account: account.as_ref(),
            email,
            return_to,
            credential_id,
        };
        return finish_sign_in(&req, &state, &session, relay, Method::Code, signed_in).await;
    }
    // A wrong code goes on the trail of the account behind the credential (if any), found by
    // the recording statement itself. Kratos's flows are not Iris credentials: nothing to find.
    if let (Some(Redemption::WrongCode { .. }), false) = (&outcome, state.sign_in.kratos_sessions())
    {
        let subject = TrailSubject::Credential(&bound.id);
        trail::record(&req, &state, subject, TrailKind::WrongCode).await;
    }
    let Some(mut view) = pending_view(&req, &state, &mut relay).await? else {
        return Ok(see_other("/login"));
    };
    // What the submission just found is the latest word on the credential (Kratos may have
    // replaced its flow meanwhile, which its page could no longer read).
    if let Some(Redemption::Refused(refusal)) = &outcome {
        view.state = Err(*refusal);
    }
    // A 429 says when to come back: when the back-off ends, or when a new email may be sent.
    let resend_in = (view.next_send_at - state.clock.now())
        .whole_seconds()
        .max(1) as u64;
    let retry_after = match &outcome {
        Some(Redemption::Refused(Refusal::Locked { retry_after })) => Some(*retry_after),
        Some(Redemption::Refused(Refusal::TooManyAttempts)) => Some(resend_in),
        _ => None,
    };
    let (status, error) = match outcome {
        None => (StatusCode::BAD_REQUEST, Msg::new("code-error-empty")),
        Some(Redemption::WrongCode {
            attempts_left: Some(left),
        }) => (
            StatusCode::BAD_REQUEST,
            Msg::new("code-error-wrong").arg("left", left),
        ),
        Some(Redemption::WrongCode {
            attempts_left: None,
        }) => (StatusCode::BAD_REQUEST, Msg::new("code-error-wrong-check")),
        // (Where the page itself shows the credential as dead, the form and so this message
        // are not shown twice.)
        Some(Redemption::Refused(Refusal::TooManyAttempts)) => (
            StatusCode::TOO_MANY_REQUESTS,
            Msg::new("code-error-too-many"),
        ),
        Some(Redemption::Refused(Refusal::Locked { retry_after })) => (
            StatusCode::TOO_MANY_REQUESTS,
            Msg::new("code-error-locked").arg("wait", state.tr(&req).wait(retry_after)),
        ),
        Some(Redemption::Refused(Refusal::Expired)) => {
            (StatusCode::BAD_REQUEST, Msg::new("code-error-expired"))
        }
        Some(_) => (StatusCode::BAD_REQUEST, Msg::new("code-error-dead")),
    };
    let mut res = render(&req, &state, &view, status, Some(error), None);
    if let Some(wait) = retry_after {
        crate::web::rate_limit::set_retry_after(&mut res, wait);
    }
    Ok(with_cookies(res, &relay))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ResendForm {
    csrf_token: Option<String>,
}

pub async fn resend(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<ResendForm>,
) -> WebResult {
    csrf::verify(&req, &state, form.csrf_token.as_deref())?;
    let mut relay = relay(&req);
    let Some(view) = pending_view(&req, &state, &mut relay).await? else {
        return Ok(see_other("/login"));
    };
    resend_for(&req, &state, &view, relay).await
}

/// Sends a new email for an earlier request's address (no retyping), and lands on the inbox.
pub async fn resend_for(
    req: &HttpRequest,
    state: &AppState,
    view: &CredentialView,
    mut relay: CookieRelay,
) -> WebResult {
    let started = state
        .sign_in
        .resend(view, &requester(req, state), &mut relay)
        .await?;
    // The view came from this browser's binding (inbox page) or from a link for the same address.
    let still_bound = binding::read(req, state).as_deref() == Some(view.id.as_str());
    let res = after_start(
        req,
        state,
        started,
        "/login/check-email?sent=1",
        &view.return_to,
        still_bound,
    );
    Ok(with_cookies(res, &relay))
}

/// Where asking for an email lands: the inbox page, with this browser bound to the credential,
/// saying whether a new email went out; or the 429 page.
///
/// `still_bound`: this browser is already waiting for an email to the same address (so within
/// the cooldown it goes back to that inbox page instead of a 429).
pub fn after_start(
    req: &HttpRequest,
    state: &AppState,
    started: Started,
    sent_location: &str,
    return_to: &str,
    still_bound: bool,
) -> HttpResponse {
    let ui = &state.ui(req);
    match started {
        Started::AlreadySent {
            credential_id: None,
            ..
        } if still_bound => see_other("/login/check-email?again=1"),
        Started::AlreadySignedIn => see_other(return_to),
        Started::Sent { credential_id } => {
            binding::bind(state, see_other(sent_location), &credential_id)
        }
        // The browser that asked for it keeps its own binding; any other joins it.
        Started::AlreadySent {
            credential_id: Some(id),
            ..
        } => {
            let again = see_other("/login/check-email?again=1");
            match binding::read_bound(req, state) {
                Some(b) if b.asked_here && b.id == id => binding::bind(state, again, &id),
                _ => binding::join(state, again, &id),
            }
        }
        Started::AlreadySent {
            credential_id: None,
            retry_after,
        }
        | Started::Limited { retry_after } => too_many(ui, retry_after),
        Started::MailPaused { retry_after } => mail_paused(ui, retry_after),
    }
}

async fn pending_view(
    req: &HttpRequest,
    state: &AppState,
    relay: &mut CookieRelay,
) -> Result<Option<CredentialView>, super::WebError> {
    let device = known_device::read(req, state);
    match binding::read_bound(req, state) {
        Some(bound) => {
            let trust = Trust {
                device: &device,
                asked_here: bound.asked_here,
            };
            Ok(state.sign_in.pending(&bound.id, trust, relay).await?)
        }
        None => Ok(None),
    }
}

fn render(
    req: &HttpRequest,
    state: &AppState,
    view: &CredentialView,
    status: StatusCode,
    code_error: Option<Msg>,
    notice: Option<Msg>,
) -> HttpResponse {
    let csrf = Csrf::for_request(req, state);
    let ui = state.ui(req);
    let resend_in = (view.next_send_at - ui.now).whole_seconds().max(0) as u64;
    let dead = match view.state {
        Ok(()) => None,
        Err(Refusal::Used) => Some(Msg::new("code-dead-used")),
        Err(Refusal::Superseded) => Some(Msg::new("code-dead-replaced")),
        Err(Refusal::Expired) => Some(Msg::new("code-dead-expired")),
        Err(Refusal::TooManyAttempts) => Some(Msg::new("code-dead-too-many")),
        Err(Refusal::Locked { retry_after }) => {
            Some(Msg::new("code-error-locked").arg("wait", ui.tr.wait(retry_after)))
        }
        Err(Refusal::Unknown) => Some(Msg::new("code-dead-unknown")),
        Err(Refusal::Voided) => Some(Msg::new("code-dead-voided")),
    };
    let text = |m: &Option<Msg>| m.as_ref().map(|m| ui.tr.msg(m));
    let (dead, code_error, notice) = (text(&dead), text(&code_error), text(&notice));
    let masked = view.email.masked();
    let page_view = CheckEmailView {
        csrf: &csrf.token,
        masked_email: &masked,
        resend_in,
        delivery_failed: view.delivery == Delivery::Failed,
        dead: dead.as_deref(),
        code_error: code_error.as_deref(),
        notice: notice.as_deref(),
        email_kind: state.sign_in.email_kind(),
    };
    csrf.apply(page(status, check_email_page(&ui, &page_view)))
}
