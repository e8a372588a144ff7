//! The emailed link: Iris's own (`/login/link?token=…`) or Kratos's recovery link, which
//! Kratos builds on Iris's public URL (`/self-service/recovery?flow=…&token=…`). GET/HEAD only
//! show the confirm page (scanners burn nothing, and Kratos never sees the token on a GET);
//! the page's POST redeems it and signs in.
use super::pending::resend_for;
use super::{finish_sign_in, relay, with_cookies, SignedIn, WebResult};
use crate::domain::credential::{CredentialView, Redemption, Refusal};
use crate::domain::MagicToken;
use crate::sign_in::EmailedLink;
use crate::web::binding;
use crate::web::csrf::{self, Csrf};
use crate::web::finish::no_referrer;
use crate::web::session::Method;
use crate::web::views::{confirm_page, link_problem_page, page, ConfirmView, LinkProblem};
use crate::web::AppState;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

/// A link's parameters, in its URL or in the confirm form: Iris's `token`, or Kratos's `flow`
/// and `token`.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LinkParams {
    csrf_token: Option<String>,
    token: String,
    flow: Option<String>,
}

impl LinkParams {
    fn link(&self) -> Option<EmailedLink> {
        match &self.flow {
            Some(flow) => {
                let ok = |s: &str| {
                    !s.is_empty()
                        && s.len() <= 128
                        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                };
                (ok(flow) && ok(&self.token)).then(|| EmailedLink::Recovery {
                    flow: flow.clone(),
                    token: self.token.clone(),
                })
            }
            None => MagicToken::parse(&self.token).map(EmailedLink::Iris),
        }
    }
}

/// The hidden fields that carry a link into its forms.
fn fields(link: &EmailedLink) -> Vec<(&'static str, String)> {
    match link {
        EmailedLink::Iris(token) => vec![("token", token.expose().to_string())],
        EmailedLink::Recovery { flow, token } => {
            vec![("flow", flow.clone()), ("token", token.clone())]
        }
    }
}

/// `GET`/`HEAD` of a link: the confirm page, or why the link no longer works. The URL holds the
/// token, so these pages send no Referer anywhere.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<LinkParams>,
) -> WebResult {
    Ok(no_referrer(show_page(&req, &state, &query).await?))
}

async fn show_page(req: &HttpRequest, state: &AppState, query: &LinkParams) -> WebResult {
    let csrf = Csrf::for_request(req, state);
    let Some(link) = query.link() else {
        return Ok(problem(req, state, &csrf, LinkProblem::Invalid, None));
    };
    let Some(view) = state.sign_in.inspect_link(&link).await? else {
        return Ok(problem(req, state, &csrf, LinkProblem::Invalid, None));
    };
    if let Err(refusal) = view.state {
        return Ok(problem(
            req,
            state,
            &csrf,
            refusal.into(),
            Some((&link, &view)),
        ));
    }
    let masked = view.email.masked();
    let same_browser = binding::read(req, state).as_deref() == Some(view.id.as_str());
    // A sign-in for an application finishes only where it began (Hydra's cookies are there):
    // another browser is told so, and leaves the link and code unused for that one.
    let app_elsewhere = (state.oauth2.as_ref())
        .and_then(|o| o.app_of(&view.return_to, &state.public_url))
        .filter(|_| !same_browser);
    let hidden = fields(&link);
    let hidden: Vec<(&str, &str)> = hidden.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let confirm = ConfirmView {
        csrf: &csrf.token,
        link_fields: &hidden,
        masked_email: &masked,
        requested_at: view.requested_at,
        requested_by: &view.requested_by,
        same_browser,
        app_elsewhere: app_elsewhere.as_deref(),
        has_code: state.sign_in.email_kind() != crate::sign_in::EmailKind::Link,
    };
    Ok(csrf.apply(page(StatusCode::OK, confirm_page(&state.ui(req), &confirm))))
}

pub async fn confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    form: web::Form<LinkParams>,
) -> WebResult {
    csrf::verify(&req, &state, form.csrf_token.as_deref())?;
    let csrf = Csrf::for_request(&req, &state);
    let Some(link) = form.link() else {
        return Ok(problem(&req, &state, &csrf, LinkProblem::Invalid, None));
    };
    let mut relay = relay(&req);
    match state.sign_in.confirm_link(&link, &mut relay).await? {
        Redemption::SignedIn {
            account,
            email,
            return_to,
            credential_id,
        } => {
            let signed_in = SignedIn {
                account: account.as_ref(),
                email: &email,
                return_to: &return_to,
                credential_id: &credential_id,
            };
            finish_sign_in(&req, &state, &session, relay, Method::Link, signed_in).await
        }
        Redemption::Refused(refusal) => {
            let view = state.sign_in.inspect_link(&link).await?;
            let res = problem(
                &req,
                &state,
                &csrf,
                refusal.into(),
                view.as_ref().map(|v| (&link, v)),
            );
            Ok(with_cookies(res, &relay))
        }
        Redemption::WrongCode { .. } => {
            Ok(problem(&req, &state, &csrf, LinkProblem::Invalid, None))
        }
    }
}

/// "Send a new link to j***@example.com": no retyping, same limits as the email form.
pub async fn resend(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<LinkParams>,
) -> WebResult {
    csrf::verify(&req, &state, form.csrf_token.as_deref())?;
    let csrf = Csrf::for_request(&req, &state);
    let view = match form.link() {
        Some(link) => state.sign_in.inspect_link(&link).await?,
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
            Refusal::Voided => LinkProblem::Voided,
        }
    }
}

fn problem(
    req: &HttpRequest,
    state: &AppState,
    csrf: &Csrf,
    kind: LinkProblem,
    known: Option<(&EmailedLink, &CredentialView)>,
) -> HttpResponse {
    let status = match kind {
        LinkProblem::Invalid => StatusCode::NOT_FOUND,
        LinkProblem::Used | LinkProblem::Replaced | LinkProblem::Expired | LinkProblem::Voided => {
            StatusCode::GONE
        }
        LinkProblem::TooManyAttempts | LinkProblem::Locked { .. } => StatusCode::TOO_MANY_REQUESTS,
    };
    let hidden = known.map(|(link, _)| fields(link));
    let hidden: Option<Vec<(&str, &str)>> = hidden
        .as_ref()
        .map(|h| h.iter().map(|(k, v)| (*k, v.as_str())).collect());
    let masked = known.map(|(_, v)| v.email.masked());
    let markup = link_problem_page(
        &state.ui(req),
        &csrf.token,
        kind,
        hidden.as_deref(),
        masked.as_deref(),
    );
    let mut res = page(status, markup);
    if let LinkProblem::Locked { retry_after } = kind {
        crate::web::rate_limit::set_retry_after(&mut res, retry_after);
    }
    csrf.apply(res)
}
