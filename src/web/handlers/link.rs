//! The emailed link. GET/HEAD only show the confirm page (scanners burn nothing); the page's POST
//! consumes the token in one conditional write and signs in.
use super::pending::resend_for;
use super::{relay, see_other, WebResult};
use crate::domain::MagicToken;
use crate::store::{CredentialView, Redemption, Refusal};
use crate::web::csrf::{self, Csrf};
use crate::web::finish::TOKEN_PAGE_REFERRER_POLICY;
use crate::web::session::sign_in;
use crate::web::views::{confirm_page, link_problem_page, page, ConfirmView, LinkProblem};
use crate::web::AppState;
use crate::web::{binding, known_device};
use actix_session::Session;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TokenParams {
    csrf_token: Option<String>,
    token: String,
}

/// `GET`/`HEAD /login/link?token=…`: the confirm page, or why the link no longer works. The
/// URL holds the token, so these pages send no Referer anywhere.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<TokenParams>,
) -> WebResult {
    let mut res = show_page(req, state, query).await?;
    res.headers_mut().insert(
        header::REFERRER_POLICY,
        header::HeaderValue::from_static(TOKEN_PAGE_REFERRER_POLICY),
    );
    Ok(res)
}

async fn show_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<TokenParams>,
) -> WebResult {
    let csrf = Csrf::for_request(&req, &state);
    let Some(token) = MagicToken::parse(&query.token) else {
        return Ok(problem(&req, &state, &csrf, LinkProblem::Invalid, None));
    };
    let Some(view) = state.sign_in.inspect_link(&token).await? else {
        return Ok(problem(&req, &state, &csrf, LinkProblem::Invalid, None));
    };
    if let Err(refusal) = view.state {
        return Ok(problem(
            &req,
            &state,
            &csrf,
            refusal.into(),
            Some((&token, &view)),
        ));
    }
    let masked = view.email.masked();
    let token_text = token.expose();
    let confirm = ConfirmView {
        csrf: &csrf.token,
        token: &token_text,
        masked_email: &masked,
        requested_at: view.requested_at,
        requested_by: &view.requested_by,
        same_browser: binding::read(&req, &state).as_deref() == Some(view.id.as_str()),
    };
    Ok(csrf.apply(page(
        StatusCode::OK,
        confirm_page(&state.ui(&req), &confirm),
    )))
}

pub async fn confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    form: web::Form<TokenParams>,
) -> WebResult {
    csrf::verify(&req, &state, form.csrf_token.as_deref())?;
    let csrf = Csrf::for_request(&req, &state);
    let Some(token) = MagicToken::parse(&form.token) else {
        return Ok(problem(&req, &state, &csrf, LinkProblem::Invalid, None));
    };
    match state.sign_in.confirm_link(&token).await? {
        Redemption::SignedIn {
            account: Some(account),
            email,
            return_to,
        } => {
            sign_in(
                &session,
                &account,
                state.clock.now(),
                state.absolute_timeout,
            );
            let res = binding::clear(&state, see_other(&return_to));
            Ok(known_device::remember(&req, &state, res, &email))
        }
        Redemption::Refused(refusal) => {
            let view = state.sign_in.inspect_link(&token).await?;
            Ok(problem(
                &req,
                &state,
                &csrf,
                refusal.into(),
                view.as_ref().map(|v| (&token, v)),
            ))
        }
        Redemption::WrongCode { .. } | Redemption::SignedIn { account: None, .. } => {
            Ok(problem(&req, &state, &csrf, LinkProblem::Invalid, None))
        }
    }
}

/// "Send a new link to j***@example.com": no retyping, same limits as the email form.
pub async fn resend(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<TokenParams>,
) -> WebResult {
    csrf::verify(&req, &state, form.csrf_token.as_deref())?;
    let csrf = Csrf::for_request(&req, &state);
    let view = match MagicToken::parse(&form.token) {
        Some(token) => state.sign_in.inspect_link(&token).await?,
        None => None,
    };
    let Some(view) = view else {
        return Ok(problem(&req, &state, &csrf, LinkProblem::Invalid, None));
    };
    resend_for(&req, &state, &view, relay(&req)).await
}

impl From<Refusal> for LinkProblem {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::Unknown => LinkProblem::Invalid,
            Refusal::Used => LinkProblem::Used,
            Refusal::Superseded => LinkProblem::Replaced,
            Refusal::Expired => LinkProblem::Expired,
            Refusal::TooManyAttempts => LinkProblem::TooManyAttempts,
            Refusal::Locked { retry_after } => LinkProblem::Locked { retry_after },
        }
    }
}

fn problem(
    req: &HttpRequest,
    state: &AppState,
    csrf: &Csrf,
    kind: LinkProblem,
    known: Option<(&MagicToken, &CredentialView)>,
) -> HttpResponse {
    let status = match kind {
        LinkProblem::Invalid => StatusCode::NOT_FOUND,
        LinkProblem::Used | LinkProblem::Replaced | LinkProblem::Expired => StatusCode::GONE,
        LinkProblem::TooManyAttempts | LinkProblem::Locked { .. } => StatusCode::TOO_MANY_REQUESTS,
    };
    let token = known.map(|(t, _)| t.expose());
    let masked = known.map(|(_, v)| v.email.masked());
    let markup = link_problem_page(
        &state.ui(req),
        &csrf.token,
        kind,
        token.as_deref(),
        masked.as_deref(),
    );
    csrf.apply(page(status, markup))
}
