//! Changing the account's address (SECURITY.md item 28), where Iris holds the accounts. The
//! session asking must be fresh (`session.reauth_after`); the new address proves itself with
//! its code (here) or link (any browser); the old address can undo it. Every session of the
//! account but the one that confirmed ends with the change; every one ends with an undo.
use super::account::{end_sessions, iris_user};
use super::login::email_error_key;
use super::{requester, see_other, WebResult};
use crate::domain::address_change::{ChangeOutcome, ChangeState, ChangeView, RevertOutcome};
use crate::domain::credential::Account;
use crate::domain::TrailKind;
use crate::domain::{EmailAddress, MagicToken, OneTimeCode};
use crate::sign_in::{AddressChange, ChangeStarted, SignInError};
use crate::web::csrf::{self, Csrf};
use crate::web::finish::no_referrer;
use crate::web::session::{set_email, SignedIn};
use crate::web::trail;
use crate::web::views::{
    address_done_page, address_problem_page, address_problem_text, change_check_page,
    change_confirm_page, change_page, page, undo_page, AddressDone, AddressProblem,
    ChangeCheckView, ChangeFormView, TokenPageView,
};
use crate::web::AppState;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

/// The session key of the change this browser asked for (its code page).
const PENDING: &str = "address_change";

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ChangeForm {
    csrf_token: Option<String>,
    email: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CodeForm {
    csrf_token: Option<String>,
    code: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TokenParams {
    csrf_token: Option<String>,
    token: String,
}

/// The signed-in account, and the change service, when this deployment changes addresses.
fn asker<'a>(state: &'a AppState, session: &Session) -> Option<(&'a AddressChange, SignedIn)> {
    Some((state.address_change.as_ref()?, iris_user(state, session)?))
}

fn fresh(state: &AppState, user: &SignedIn) -> bool {
    let age = state.clock.now().unix_timestamp() - user.authenticated_at;
    age < state.reauth_after.as_secs() as i64
}

/// `GET /account/email`.
pub async fn form(req: HttpRequest, state: web::Data<AppState>, session: Session) -> WebResult {
    let Some((_, user)) = asker(&state, &session) else {
        return Ok(see_other("/"));
    };
    Ok(form_page(&req, &state, &user, StatusCode::OK, "", None))
}

fn form_page(
    req: &HttpRequest,
    state: &AppState,
    user: &SignedIn,
    status: StatusCode,
    value: &str,
    error: Option<&str>,
) -> HttpResponse {
    let csrf = Csrf::for_request(req, state);
    let view = ChangeFormView {
        csrf: &csrf.token,
        current: &user.email,
        fresh: fresh(state, user),
        value,
        error,
    };
    csrf.apply(page(status, change_page(&state.ui(req), &view)))
}

/// `POST /account/email`: sends the new address its code and link.
pub async fn start(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    form: web::Form<ChangeForm>,
) -> WebResult {
    csrf::verify(&req, &state, form.csrf_token.as_deref())?;
    let Some((change, user)) = asker(&state, &session) else {
        return Ok(see_other("/"));
    };
    let tr = state.tr(&req);
    // The form again, as typed, with why not.
    let again = |status, message: String| {
        form_page(&req, &state, &user, status, &form.email, Some(&message))
    };
    if !fresh(&state, &user) {
        return Ok(again(StatusCode::FORBIDDEN, tr.t("address-reauth")));
    }
    let new_email = match EmailAddress::parse(&form.email) {
        Ok(email) => email,
        Err(problem) => {
            return Ok(again(
                StatusCode::BAD_REQUEST,
                tr.t(email_error_key(problem)),
            ));
        }
    };
    let account = Account {
        id: user.user_id.clone(),
        email: EmailAddress::from_stored(&user.email).map_err(|_| {
            SignInError::Unavailable(crate::store::StoreError::Corrupt(
                "a session's address".into(),
            ))
        })?,
    };
    match change
        .start(&account, new_email, &requester(&req, &state))
        .await?
    {
        ChangeStarted::Sent { id } => {
            // Serialising a string cannot fail.
            let _ = session.insert(PENDING, id);
            Ok(see_other("/account/email/check"))
        }
        ChangeStarted::Same => Ok(again(StatusCode::BAD_REQUEST, tr.t("address-error-same"))),
        ChangeStarted::Limited { retry_after } => {
            let wait = tr.wait(retry_after);
            let message = tr.format("address-error-limited", &[("wait", wait.into())]);
            let mut res = again(StatusCode::TOO_MANY_REQUESTS, message);
            crate::web::rate_limit::set_retry_after(&mut res, retry_after);
            Ok(res)
        }
    }
}

/// The change this browser asked for, if it still has one.
async fn pending(
    change: &AddressChange,
    session: &Session,
) -> Result<Option<ChangeView>, SignInError> {
    match session.get::<String>(PENDING).ok().flatten() {
        Some(id) => change.pending(&id).await,
        None => Ok(None),
    }
}

/// `GET /account/email/check`: the new address's code.
pub async fn check(req: HttpRequest, state: web::Data<AppState>, session: Session) -> WebResult {
    let Some((change, _)) = asker(&state, &session) else {
        return Ok(see_other("/"));
    };
    let Some(view) = pending(change, &session).await? else {
        return Ok(see_other("/account/email"));
    };
    let dead = (view.state != ChangeState::Pending)
        .then(|| address_problem_text(&state.ui(&req), AddressProblem::State(view.state)));
    Ok(check_page(
        &req,
        &state,
        &view,
        StatusCode::OK,
        None,
        dead.as_deref(),
    ))
}

fn check_page(
    req: &HttpRequest,
    state: &AppState,
    view: &ChangeView,
    status: StatusCode,
    code_error: Option<&str>,
    dead: Option<&str>,
) -> HttpResponse {
    let csrf = Csrf::for_request(req, state);
    let masked = view.new_email.masked();
    let v = ChangeCheckView {
        csrf: &csrf.token,
        masked_new: &masked,
        code_error,
        dead,
    };
    csrf.apply(page(status, change_check_page(&state.ui(req), &v)))
}

/// `POST /account/email/code`.
pub async fn code(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    form: web::Form<CodeForm>,
) -> WebResult {
    csrf::verify(&req, &state, form.csrf_token.as_deref())?;
    let Some((change, user)) = asker(&state, &session) else {
        return Ok(see_other("/"));
    };
    let Some(view) = pending(change, &session).await? else {
        return Ok(see_other("/account/email"));
    };
    let tr = state.tr(&req);
    let Some(code) = OneTimeCode::parse(&form.code) else {
        let message = tr.t("code-error-empty");
        return Ok(check_page(
            &req,
            &state,
            &view,
            StatusCode::BAD_REQUEST,
            Some(&message),
            None,
        ));
    };
    match change.submit_code(&view.id, &code).await? {
        ChangeOutcome::Changed(done) => {
            let _ = session.remove(PENDING);
            changed_here(&req, &state, &session, &user, &done).await
        }
        ChangeOutcome::WrongCode { attempts_left } => {
            let message = tr.format(
                "code-error-wrong",
                &[("left", i64::from(attempts_left).into())],
            );
            Ok(check_page(
                &req,
                &state,
                &view,
                StatusCode::BAD_REQUEST,
                Some(&message),
                None,
            ))
        }
        other => {
            let problem = problem_of(&other);
            let dead = address_problem_text(&state.ui(&req), problem);
            Ok(check_page(
                &req,
                &state,
                &view,
                status_of(problem),
                None,
                Some(&dead),
            ))
        }
    }
}

/// This browser, signed in to the account, confirmed: it stays signed in (under a new key,
/// with the new address); every other session of the account ends.
async fn changed_here(
    req: &HttpRequest,
    state: &AppState,
    session: &Session,
    user: &SignedIn,
    done: &ChangeView,
) -> WebResult {
    end_sessions(state, &user.user_id).await?;
    trail::record_for(req, state, &user.user_id, TrailKind::AddressChanged).await;
    set_email(session, done.new_email.as_str());
    session.renew();
    Ok(see_other("/?ended=address"))
}

fn problem_of(outcome: &ChangeOutcome) -> AddressProblem {
    match outcome {
        ChangeOutcome::Refused(s) => AddressProblem::State(*s),
        ChangeOutcome::Taken => AddressProblem::Taken,
        ChangeOutcome::Changed(_) | ChangeOutcome::WrongCode { .. } | ChangeOutcome::Unknown => {
            AddressProblem::Unknown
        }
    }
}

fn status_of(problem: AddressProblem) -> StatusCode {
    match problem {
        AddressProblem::Unknown => StatusCode::NOT_FOUND,
        AddressProblem::Taken => StatusCode::CONFLICT,
        AddressProblem::State(ChangeState::TooManyAttempts) => StatusCode::TOO_MANY_REQUESTS,
        AddressProblem::State(_) => StatusCode::GONE,
    }
}

fn problem(req: &HttpRequest, state: &AppState, problem: AddressProblem) -> HttpResponse {
    page(
        status_of(problem),
        address_problem_page(&state.ui(req), problem),
    )
}

/// `GET /account/email/confirm?token=…`: asks; changes nothing.
pub async fn show_confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<TokenParams>,
) -> WebResult {
    show_token(&req, &state, &query.token, false).await
}

/// The page behind either emailed link: the question while the change is at the stage the
/// link acts on (pending for the new address's, done for the undo), else why not.
async fn show_token(req: &HttpRequest, state: &AppState, token: &str, undo: bool) -> WebResult {
    let view = match (&state.address_change, MagicToken::parse(token)) {
        (Some(change), Some(t)) if undo => change.inspect_undo(&t).await?,
        (Some(change), Some(t)) => change.inspect_link(&t).await?,
        _ => None,
    };
    let live = if undo {
        ChangeState::Confirmed
    } else {
        ChangeState::Pending
    };
    let res = match view {
        None => problem(req, state, AddressProblem::Unknown),
        Some(v) if v.state != live => problem(req, state, AddressProblem::State(v.state)),
        Some(v) => ask(req, state, &v, token, undo),
    };
    Ok(no_referrer(res))
}

fn ask(
    req: &HttpRequest,
    state: &AppState,
    v: &ChangeView,
    token: &str,
    undo: bool,
) -> HttpResponse {
    let csrf = Csrf::for_request(req, state);
    let masked = v.new_email.masked();
    let view = TokenPageView {
        csrf: &csrf.token,
        token,
        masked_new: &masked,
        requested_at: v.requested_at,
        requested_by: &v.requested_by,
    };
    let ui = state.ui(req);
    let markup = if undo {
        undo_page(&ui, &view)
    } else {
        change_confirm_page(&ui, &view)
    };
    csrf.apply(page(StatusCode::OK, markup))
}

/// `POST /account/email/confirm`: the new address's link, in any browser.
pub async fn confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    form: web::Form<TokenParams>,
) -> WebResult {
    csrf::verify(&req, &state, form.csrf_token.as_deref())?;
    let outcome = match (&state.address_change, MagicToken::parse(&form.token)) {
        (Some(change), Some(token)) => change.confirm_link(&token).await?,
        _ => ChangeOutcome::Unknown,
    };
    let ChangeOutcome::Changed(done) = &outcome else {
        return Ok(problem(&req, &state, problem_of(&outcome)));
    };
    match iris_user(&state, &session) {
        Some(user) if user.user_id == done.account_id => {
            let _ = session.remove(PENDING);
            changed_here(&req, &state, &session, &user, done).await
        }
        // Another browser: nobody here is signed in to the account, and nobody is anywhere
        // else any more either.
        _ => {
            end_sessions(&state, &done.account_id).await?;
            trail::record_for(&req, &state, &done.account_id, TrailKind::AddressChanged).await;
            let markup = address_done_page(
                &state.ui(&req),
                AddressDone::Changed,
                done.new_email.as_str(),
            );
            Ok(page(StatusCode::OK, markup))
        }
    }
}

/// `GET /account/email/undo?token=…`: the old address's notice link; changes nothing.
pub async fn show_undo(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<TokenParams>,
) -> WebResult {
    show_token(&req, &state, &query.token, true).await
}

/// `POST /account/email/undo`: the old address back, every session of the account ended
/// (this browser's too), so whoever changed it is out.
pub async fn undo(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    form: web::Form<TokenParams>,
) -> WebResult {
    csrf::verify(&req, &state, form.csrf_token.as_deref())?;
    let outcome = match (&state.address_change, MagicToken::parse(&form.token)) {
        (Some(change), Some(token)) => change.undo(&token).await?,
        _ => RevertOutcome::Unknown,
    };
    let done = match outcome {
        RevertOutcome::Reverted(done) => done,
        RevertOutcome::Refused(s) => return Ok(problem(&req, &state, AddressProblem::State(s))),
        RevertOutcome::Taken => return Ok(problem(&req, &state, AddressProblem::Taken)),
        RevertOutcome::Unknown => return Ok(problem(&req, &state, AddressProblem::Unknown)),
    };
    end_sessions(&state, &done.account_id).await?;
    trail::record_for(
        &req,
        &state,
        &done.account_id,
        TrailKind::AddressChangeUndone,
    )
    .await;
    if iris_user(&state, &session).is_some_and(|u| u.user_id == done.account_id) {
        session.purge();
    }
    let markup = address_done_page(
        &state.ui(&req),
        AddressDone::Undone,
        done.old_email.as_str(),
    );
    Ok(page(StatusCode::OK, markup))
}
