//! Email entry: `GET /login` shows the form, `POST /login` asks for an email.
use super::pending::after_start;
use super::{current_user, relay, requester, see_other, with_cookies, WebResult};
use crate::domain::{EmailAddress, EmailError};
use crate::kratos::FlowKind;
use crate::sign_in::Started;
use crate::sign_in::Trust;
use crate::web::csrf::{self, Csrf};
use crate::web::views::{login_page, page, AppView, LoginView};
use crate::web::AppState;
use crate::web::{binding, known_device};
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LoginQuery {
    return_to: Option<String>,
    /// A flow Kratos started (its `ui_url` redirect): its `return_to` is honoured, if allowed.
    flow: Option<String>,
    /// Ory Hydra's: an application's sign-in (`oauth2::login`).
    login_challenge: Option<String>,
}

pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<LoginQuery>,
) -> WebResult {
    if let Some(challenge) = query.login_challenge.as_deref().filter(|c| !c.is_empty()) {
        return super::oauth2::login(&req, &state, &session, challenge).await;
    }
    let mut relay = relay(&req);
    let started = match query.return_to {
        Some(_) => None,
        None => {
            let flow = query.flow.as_deref();
            (state.sign_in)
                .started_flow_return_to(FlowKind::Login, flow, &mut relay)
                .await
        }
    };
    let return_to = state.return_to(query.return_to.as_deref().or(started.as_deref()));
    // Already signed in: straight on. If the session holder (Kratos) cannot be asked, show the
    // form anyway; asking for an email then answers 503, and nothing is granted either way.
    match current_user(&state, &session, &mut relay).await {
        Ok(Some(_)) => return Ok(with_cookies(see_other(return_to.as_str()), &relay)),
        Ok(None) => {}
        Err(e) => tracing::warn!(error = %e, "cannot tell whether the browser is signed in"),
    }
    Ok(with_cookies(
        email_page(&req, &state, return_to.as_str(), None, None),
        &relay,
    ))
}

/// The email form, for an application's sign-in when `app` is set (its form carries Hydra's
/// `login_challenge`).
pub fn email_page(
    req: &HttpRequest,
    state: &AppState,
    return_to: &str,
    app: Option<&AppView<'_>>,
    login_challenge: Option<&str>,
) -> HttpResponse {
    let csrf = Csrf::for_request(req, state);
    let view = LoginView {
        csrf: &csrf.token,
        email: "",
        return_to,
        error: None,
        notice: None,
        email_kind: state.sign_in.email_kind(),
        app,
        login_challenge,
    };
    csrf.apply(page(StatusCode::OK, login_page(&state.ui(req), &view)))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LoginForm {
    csrf_token: Option<String>,
    email: String,
    return_to: Option<String>,
    /// An application's sign-in (`oauth2::login` put it in the form).
    login_challenge: Option<String>,
}

pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    form: web::Form<LoginForm>,
) -> WebResult {
    csrf::verify(&req, &state, form.csrf_token.as_deref())?;
    let challenge = form.login_challenge.as_deref().filter(|c| !c.is_empty());
    let app_login = match challenge {
        Some(c) => match super::oauth2::keep_login(&req, &state, &session, c).await? {
            Ok(pending) => Some(pending),
            Err(gone) => return Ok(gone),
        },
        None => None,
    };
    // An application's sign-in comes back to Iris (`oauth2::finish_login`), whatever was posted.
    let return_to = match &app_login {
        Some(pending) => state.return_to(Some(&pending.return_to)),
        None => state.return_to(form.return_to.as_deref()),
    };
    let email = match EmailAddress::parse(&form.email) {
        Ok(email) => email,
        Err(problem) => {
            let csrf = Csrf::for_request(&req, &state);
            let ui = state.ui(&req);
            let message = ui.tr.t(email_error_key(problem));
            let app = app_login.as_ref().map(|p| AppView {
                name: &p.app,
                logo: None,
            });
            let view = LoginView {
                app: app.as_ref(),
                login_challenge: challenge,
                csrf: &csrf.token,
                email: &form.email,
                return_to: return_to.as_str(),
                error: Some(&message),
                notice: None,
                email_kind: state.sign_in.email_kind(),
            };
            return Ok(page(StatusCode::BAD_REQUEST, login_page(&ui, &view)));
        }
    };
    let form_email_key = email.canonical().to_owned();
    let mut relay = relay(&req);
    if app_login.is_some() {
        super::oauth2::before_fresh_sign_in(&state, &mut relay).await?;
    }
    let started = state
        .sign_in
        .start(email, &return_to, &requester(&req, &state), &mut relay)
        .await?;
    let still_bound = match (&started, binding::read_bound(&req, &state)) {
        (
            Started::AlreadySent {
                credential_id: None,
                ..
            },
            Some(bound),
        ) => {
            let device = known_device::read(&req, &state);
            let trust = Trust {
                device: &device,
                asked_here: bound.asked_here,
            };
            state
                .sign_in
                .pending(&bound.id, trust, &mut relay)
                .await?
                .is_some_and(|v| v.email.canonical() == form_email_key)
        }
        _ => false,
    };
    let res = after_start(
        &req,
        &state,
        started,
        "/login/check-email",
        return_to.as_str(),
        still_bound,
    );
    Ok(with_cookies(res, &relay))
}

/// The catalogue message for each way an address can be refused.
pub(super) fn email_error_key(problem: EmailError) -> &'static str {
    match problem {
        EmailError::Empty => "email-error-empty",
        EmailError::TooLong => "email-error-too-long",
        EmailError::NotBare => "email-error-not-bare",
        EmailError::Malformed => "email-error-malformed",
        EmailError::LocalPart => "email-error-local-part",
        EmailError::Domain => "email-error-domain",
    }
}
