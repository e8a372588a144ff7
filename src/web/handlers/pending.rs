//! "Check your inbox": the page after asking, its code box and its resend button. The browser's
//! binding cookie names the credential it asked for; codes only work against that one.
use super::{relay, requester, see_other, with_cookies, WebResult};
use crate::domain::OneTimeCode;
use crate::kratos::CookieRelay;
use crate::sign_in::Started;
use crate::store::{CredentialView, Delivery, Redemption, Refusal};
use crate::web::binding;
use crate::web::csrf::{self, Csrf};
use crate::web::rate_limit::{mail_paused, too_many};
use crate::web::session::sign_in;
use crate::web::views::{check_email_page, page, wait_text, CheckEmailView};
use crate::web::AppState;
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
    let notice = if flags.again.is_some() {
        Some("We already sent you an email moments ago, so we didn't send another. Use the link or code from that email.")
    } else if flags.sent.is_some() {
        Some("We sent you a new email. Earlier links and codes no longer work.")
    } else {
        None
    };
    let res = render(&req, &state, &view, StatusCode::OK, None, notice);
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
    let Some(credential_id) = binding::read(&req, &state) else {
        return Ok(see_other("/login"));
    };
    let mut relay = relay(&req);
    let outcome = match OneTimeCode::parse(&form.code) {
        Some(code) => Some(
            state
                .sign_in
                .submit_code(&credential_id, &code, &mut relay)
                .await?,
        ),
        None => None,
    };
    if let Some(Redemption::SignedIn { account, return_to }) = &outcome {
        if let Some(account) = account {
            sign_in(&session, account, state.clock.now(), state.absolute_timeout);
        }
        let res = binding::clear(&state, see_other(return_to));
        return Ok(with_cookies(res, &relay));
    }
    let Some(view) = pending_view(&req, &state, &mut relay).await? else {
        return Ok(see_other("/login"));
    };
    let (status, error) = match outcome {
        None => (
            StatusCode::BAD_REQUEST,
            "Enter the 6-digit code from the email.".to_owned(),
        ),
        Some(Redemption::WrongCode { attempts_left }) => (
            StatusCode::BAD_REQUEST,
            match attempts_left {
                Some(1) => "That code isn't right. 1 try left.".to_owned(),
                Some(n) => format!("That code isn't right. {n} tries left."),
                None => "That code isn't right. Check the email and try again.".to_owned(),
            },
        ),
        // (Where the page itself shows the credential as dead, the form and so this message
        // are not shown twice.)
        Some(Redemption::Refused(Refusal::TooManyAttempts)) => (
            StatusCode::TOO_MANY_REQUESTS,
            "Too many wrong codes were entered. Ask for a new email below.".to_owned(),
        ),
        Some(Redemption::Refused(Refusal::Locked { retry_after })) => (
            StatusCode::TOO_MANY_REQUESTS,
            format!(
                "Too many wrong codes were entered for this address. Try again {}.",
                wait_text(retry_after)
            ),
        ),
        Some(Redemption::Refused(Refusal::Expired)) => (
            StatusCode::BAD_REQUEST,
            "This code has expired. Ask for a new email below; there is nothing to retype."
                .to_owned(),
        ),
        Some(_) => (
            StatusCode::BAD_REQUEST,
            "This code no longer works. Ask for a new email below.".to_owned(),
        ),
    };
    let error = (!error.is_empty()).then_some(error);
    let res = render(&req, &state, &view, status, error.as_deref(), None);
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
        .resend(view, &requester(req), &mut relay)
        .await?;
    // The view came from this browser's binding (inbox page) or from a link for the same address.
    let still_bound = binding::read(req, state).as_deref() == Some(view.id.as_str());
    let res = after_start(
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
    state: &AppState,
    started: Started,
    sent_location: &str,
    return_to: &str,
    still_bound: bool,
) -> HttpResponse {
    match started {
        Started::AlreadySent {
            credential_id: None,
            ..
        } if still_bound => see_other("/login/check-email?again=1"),
        Started::AlreadySignedIn => see_other(return_to),
        Started::Sent { credential_id } => {
            binding::bind(state, see_other(sent_location), &credential_id)
        }
        Started::AlreadySent {
            credential_id: Some(id),
            ..
        } => binding::bind(state, see_other("/login/check-email?again=1"), &id),
        Started::AlreadySent {
            credential_id: None,
            retry_after,
        }
        | Started::Limited { retry_after } => too_many(&state.brand, retry_after),
        Started::MailPaused { retry_after } => mail_paused(&state.brand, retry_after),
    }
}

async fn pending_view(
    req: &HttpRequest,
    state: &AppState,
    relay: &mut CookieRelay,
) -> Result<Option<CredentialView>, super::WebError> {
    match binding::read(req, state) {
        Some(id) => Ok(state.sign_in.pending(&id, relay).await?),
        None => Ok(None),
    }
}

fn render(
    req: &HttpRequest,
    state: &AppState,
    view: &CredentialView,
    status: StatusCode,
    code_error: Option<&str>,
    notice: Option<&str>,
) -> HttpResponse {
    let csrf = Csrf::for_request(req, state);
    let now = state.clock.now();
    let resend_in = (view.next_send_at - now).whole_seconds().max(0) as u64;
    let locked;
    let dead = match view.state {
        Ok(()) => None,
        Err(Refusal::Used) => Some("This code was already used. Ask for a new email to sign in again."),
        Err(Refusal::Superseded) => Some("A newer email was sent for this address. Use the code from the latest email, or ask for a new one."),
        Err(Refusal::Expired) => Some("This code has expired. Ask for a new email to sign in."),
        Err(Refusal::TooManyAttempts) => Some("Too many wrong codes were entered, so this code no longer works. Ask for a new email."),
        Err(Refusal::Locked { retry_after }) => {
            locked = format!("Too many wrong codes were entered for this address. Try again {}.", wait_text(retry_after));
            Some(locked.as_str())
        }
        Err(Refusal::Unknown) => Some("This sign-in request no longer exists. Start again."),
    };
    let masked = view.email.masked();
    let page_view = CheckEmailView {
        csrf: &csrf.token,
        masked_email: &masked,
        resend_in,
        delivery_failed: view.delivery == Delivery::Failed,
        dead,
        code_error,
        notice,
        with_link: state.sign_in.sends_links(),
    };
    csrf.apply(page(status, check_email_page(&state.brand, &page_view)))
}
