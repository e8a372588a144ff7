//! Iris as Ory Hydra's login, consent and logout app (`oauth2` holds the decisions, `hydra`
//! the admin API). Hydra sends the browser to `/login?login_challenge=`, `/consent?…` and
//! `/logout?…`; Iris answers with its own pages and tells Hydra the outcome.
use super::{relay, see_other, with_cookies, WebError, WebResult};
use crate::kratos::CookieRelay;
use crate::oauth2::{
    app_name, claims, logo, may_skip, scopes, Authenticated, Finished, OAuth2, PendingLogin,
    FINISHED_KEY, PENDING_KEY,
};
use crate::sign_in::Method;
use crate::web::csrf::{self, Csrf};
use crate::web::views::{
    app_logout_page, app_problem_page, consent_page, continue_page, page, AppLogoutView,
    AppProblem, AppView, ConsentView, ScopeLine,
};
use crate::web::AppState;
use actix_session::Session;
use actix_web::http::{header, Method as HttpMethod, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

/// The page for a request that cannot be finished; Hydra not set up reads as "no such page".
fn problem(
    req: &HttpRequest,
    state: &AppState,
    what: AppProblem,
    app: Option<&str>,
) -> HttpResponse {
    let status = match what {
        AppProblem::Missing if state.oauth2.is_none() => StatusCode::NOT_FOUND,
        AppProblem::Missing => StatusCode::BAD_REQUEST,
        AppProblem::Gone | AppProblem::SignedInButGone => StatusCode::GONE,
        AppProblem::SignedInElsewhere => StatusCode::OK,
    };
    page(status, app_problem_page(&state.ui(req), what, app))
}

/// The hand-over to Hydra after a form (see `continue_page`): it moves on by itself.
fn continue_to(req: &HttpRequest, state: &AppState, app: Option<&str>, to: &str) -> HttpResponse {
    let mut res = page(StatusCode::OK, continue_page(&state.ui(req), app, to));
    if let Ok(value) = header::HeaderValue::from_str(&format!("0;url={to}")) {
        res.headers_mut()
            .insert(header::HeaderName::from_static("refresh"), value);
    }
    res
}

/// A page that shows the application's logo may load it (`finish::with_https_images`).
fn with_logo(res: HttpResponse, logo: Option<&url::Url>) -> HttpResponse {
    match logo {
        Some(_) => crate::web::finish::with_https_images(res),
        None => res,
    }
}

/// Whether this browser already finished `challenge` (see `Finished`).
fn finished(session: &Session, challenge: &str) -> bool {
    let list = session.get::<Finished>(FINISHED_KEY).ok().flatten();
    list.is_some_and(|l| l.contains(challenge))
}

fn mark_finished(session: &Session, challenge: &str) {
    let mut list = session
        .get::<Finished>(FINISHED_KEY)
        .ok()
        .flatten()
        .unwrap_or_default();
    list.add(challenge);
    if let Err(e) = session.insert(FINISHED_KEY, list) {
        tracing::warn!(error = %e, "cannot remember a finished challenge");
    }
}

/// Who is signed in to this browser, as Hydra is told, and since when (Unix seconds).
pub(super) async fn signed_in(
    state: &AppState,
    session: &Session,
    relay: &mut CookieRelay,
) -> Result<Option<(Authenticated, i64)>, WebError> {
    if state.sign_in.kratos_sessions() {
        let Some((user, kratos)) = state.sign_in.kratos_session(relay).await? else {
            return Ok(None);
        };
        let amr = kratos
            .authentication_methods
            .iter()
            .filter_map(|m| m.method.clone())
            .collect();
        let who = Authenticated {
            subject: user.id,
            session_id: Some(kratos.id),
            amr,
        };
        return Ok(Some((who, user.authenticated_at)));
    }
    Ok(
        crate::web::session::current_user(session, state.clock.now()).map(|user| {
            let amr = match user.how {
                Some(Method::Code) => vec!["otp".to_owned()],
                Some(Method::Link) => vec!["link".to_owned()],
                None => Vec::new(),
            };
            let who = Authenticated {
                subject: user.user_id,
                session_id: Some(user.sid).filter(|s| !s.is_empty()),
                amr,
            };
            (who, user.authenticated_at)
        }),
    )
}

/// `GET /login?login_challenge=…`: Hydra asks who this is. Someone signed in here (recently
/// enough for what the application asked) goes straight on; anyone else gets the email page,
/// with the request kept in this browser's session.
pub async fn login(
    req: &HttpRequest,
    state: &AppState,
    session: &Session,
    challenge: &str,
) -> WebResult {
    let Some(oauth2) = &state.oauth2 else {
        return Ok(problem(req, state, AppProblem::Missing, None));
    };
    if req.method() == HttpMethod::HEAD {
        // A prefetch or a link checker: no acceptance and no session for it.
        return Ok(HttpResponse::Ok().finish());
    }
    if finished(session, challenge) {
        return Ok(problem(req, state, AppProblem::Gone, None));
    }
    let Some(request) = oauth2.admin.login_request(challenge).await? else {
        return Ok(problem(req, state, AppProblem::Gone, None));
    };
    let app = app_name(&request.client);
    let mut relay = relay(req);
    let now = state.clock.now().unix_timestamp();
    if let Some((who, since)) = signed_in(state, session, &mut relay).await? {
        // Hydra's memory names a person; it must be the one signed in here.
        let same = !request.skip || request.subject == who.subject;
        if same && may_skip(&request.request_url, since, now) {
            let next = if request.skip {
                oauth2.accept_remembered(&request).await?
            } else {
                oauth2.accept(challenge, &who).await?
            };
            mark_finished(session, challenge);
            return Ok(with_cookies(
                match next {
                    Some(next) => see_other(&next.redirect_to),
                    None => problem(req, state, AppProblem::Gone, Some(&app)),
                },
                &relay,
            ));
        }
    }
    // Nothing is kept yet: the email form carries the challenge, and its POST keeps it in this
    // browser's session (`keep_login`), so this GET writes nothing.
    let logo = logo(&request.client);
    let view = AppView {
        name: &app,
        logo: logo.as_ref().map(url::Url::as_str),
    };
    let return_to = oauth2.continue_path(&app);
    let res = super::login::email_page(req, state, &return_to, Some(&view), Some(challenge));
    Ok(with_cookies(with_logo(res, logo.as_ref()), &relay))
}

/// An application's sign-in as the email form's POST keeps it.
pub struct KeptLogin {
    pub app: String,
    /// Where the credential sends its browser: `oauth2::CONTINUE_PATH` for this application.
    pub return_to: String,
}

/// The email form of an application's sign-in was posted: the challenge, read from Hydra again
/// (it came from the form), is kept in this browser's server-side session, never in the email.
/// `Err`: the page to answer with (no Hydra configured, or a request Hydra no longer knows).
pub async fn keep_login(
    req: &HttpRequest,
    state: &AppState,
    session: &Session,
    challenge: &str,
) -> Result<Result<KeptLogin, HttpResponse>, WebError> {
    let Some(oauth2) = &state.oauth2 else {
        return Ok(Err(problem(req, state, AppProblem::Missing, None)));
    };
    if finished(session, challenge) {
        return Ok(Err(problem(req, state, AppProblem::Gone, None)));
    }
    let Some(request) = oauth2.admin.login_request(challenge).await? else {
        return Ok(Err(problem(req, state, AppProblem::Gone, None)));
    };
    let app = app_name(&request.client);
    let pending = PendingLogin {
        // As the browser brought it: the one a back button brings again (`Finished`).
        challenge: challenge.to_owned(),
        app: app.clone(),
    };
    if let Err(e) = session.insert(PENDING_KEY, pending) {
        tracing::error!(error = %e, "cannot keep the application's sign-in");
    }
    Ok(Ok(KeptLogin {
        return_to: oauth2.continue_path(&app),
        app,
    }))
}

/// The application sign-in this browser started, if it started one for the credential just
/// used (whose `return_to` names the application): Hydra is told who signed in, and the
/// browser goes on to it. `None`: an ordinary sign-in.
///
/// `who`: `signed_in`, asked once by the caller (the trail needs it too); its failure fails
/// only an application's sign-in.
pub async fn finish_login(
    req: &HttpRequest,
    state: &AppState,
    session: &Session,
    who: Result<Option<(Authenticated, i64)>, WebError>,
    return_to: &str,
) -> Result<Option<HttpResponse>, WebError> {
    let Some(oauth2) = &state.oauth2 else {
        return Ok(None);
    };
    let Some(app) = oauth2.app_of(return_to, &state.public_url) else {
        return Ok(None);
    };
    let pending = session.get::<PendingLogin>(PENDING_KEY).ok().flatten();
    let Some(pending) = pending.filter(|p| p.app == app) else {
        // Signed in, but not where the application's sign-in began (or that ended).
        return Ok(Some(problem(
            req,
            state,
            AppProblem::SignedInElsewhere,
            Some(&app),
        )));
    };
    let Some((who, _)) = who? else {
        return Ok(None);
    };
    let next = oauth2.accept(&pending.challenge, &who).await?;
    session.remove(PENDING_KEY);
    mark_finished(session, &pending.challenge);
    Ok(Some(match next {
        Some(next) => continue_to(req, state, Some(&pending.app), &next.redirect_to),
        None => problem(req, state, AppProblem::SignedInButGone, Some(&pending.app)),
    }))
}

/// Before a fresh sign-in for an application: a session Kratos still holds here would make
/// Kratos answer "already signed in" instead of sending an email, so it ends first (the
/// application asked for a new proof, which replaces it anyway).
pub async fn before_fresh_sign_in(
    state: &AppState,
    relay: &mut CookieRelay,
) -> Result<(), WebError> {
    if state.sign_in.kratos_sessions() {
        state.sign_in.kratos_logout(relay).await?;
    }
    Ok(())
}

/// `GET /login/app`: where a sign-in made for an application lands when this browser did not
/// start it (or its session ended): go back to the application.
pub async fn elsewhere(req: HttpRequest, state: web::Data<AppState>) -> WebResult {
    let path = format!("{}?{}", req.path(), req.query_string());
    let app = (state.oauth2.as_ref()).and_then(|o| o.app_of(&path, &state.public_url));
    Ok(problem(
        &req,
        &state,
        AppProblem::SignedInElsewhere,
        app.as_deref(),
    ))
}

#[derive(Deserialize)]
pub struct ConsentQuery {
    consent_challenge: Option<String>,
}

/// `GET /consent?consent_challenge=…`: what the application asks for. Remembered decisions
/// and applications marked `skip_consent` go straight on, still with the claims.
pub async fn consent(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<ConsentQuery>,
) -> WebResult {
    let Some(oauth2) = &state.oauth2 else {
        return Ok(problem(&req, &state, AppProblem::Missing, None));
    };
    let Some(challenge) = query.consent_challenge.as_deref().filter(|c| !c.is_empty()) else {
        return Ok(problem(&req, &state, AppProblem::Missing, None));
    };
    if req.method() == HttpMethod::HEAD {
        // A remembered consent is accepted on GET only, never for a prefetch.
        return Ok(HttpResponse::Ok().finish());
    }
    if finished(&session, challenge) {
        return Ok(problem(&req, &state, AppProblem::Gone, None));
    }
    let Some(request) = oauth2.admin.consent_request(challenge).await? else {
        return Ok(problem(&req, &state, AppProblem::Gone, None));
    };
    let email = state.sign_in.email_of(&request.subject).await?;
    let app = app_name(&request.client);
    if request.skip || request.client.skip_consent {
        let granted = scopes::grant(&request.requested_scope, &request.requested_scope);
        let next = accept_consent(oauth2, &request, granted, false, email.as_ref()).await?;
        return Ok(match next {
            Some(to) => see_other(&to),
            None => problem(&req, &state, AppProblem::Gone, Some(&app)),
        });
    }
    let csrf = Csrf::for_request(&req, &state);
    let lines: Vec<ScopeLine> = request
        .requested_scope
        .iter()
        .map(|scope| ScopeLine {
            scope,
            key: scopes::scope_key(scope),
            required: scopes::is_required(scope),
        })
        .collect();
    let logo = logo(&request.client);
    let wants_email = request.requested_scope.iter().any(|s| s == "email");
    let view = ConsentView {
        csrf: &csrf.token,
        challenge,
        app: AppView {
            name: &app,
            logo: logo.as_ref().map(url::Url::as_str),
        },
        email: email
            .as_ref()
            .filter(|_| wants_email)
            .map(|(e, _)| e.as_str()),
        scopes: &lines,
    };
    let res = csrf.apply(page(StatusCode::OK, consent_page(&state.ui(&req), &view)));
    Ok(with_logo(res, logo.as_ref()))
}

async fn accept_consent(
    oauth2: &OAuth2,
    request: &crate::hydra::ConsentRequest,
    granted: Vec<String>,
    remember: bool,
    email: Option<&(String, bool)>,
) -> Result<Option<String>, WebError> {
    let accept = crate::hydra::AcceptConsent {
        id_token: claims(&granted, email.map(|(e, v)| (e.as_str(), *v))),
        grant_scope: granted,
        grant_access_token_audience: request.requested_access_token_audience.clone(),
        remember,
        remember_for: if remember {
            oauth2.remember_for.as_secs()
        } else {
            0
        },
    };
    Ok(oauth2
        .admin
        .accept_consent(&request.challenge, &accept)
        .await?
        .map(|r| r.redirect_to))
}

/// The consent form, read by hand: `grant_scope` repeats, which a struct cannot hold.
struct ConsentForm {
    csrf_token: Option<String>,
    challenge: String,
    allow: bool,
    remember: bool,
    scopes: Vec<String>,
}

fn consent_form(body: &[u8]) -> ConsentForm {
    let mut form = ConsentForm {
        csrf_token: None,
        challenge: String::new(),
        allow: false,
        remember: false,
        scopes: Vec::new(),
    };
    for (name, value) in url::form_urlencoded::parse(body) {
        match &*name {
            "csrf_token" => form.csrf_token = Some(value.into_owned()),
            "consent_challenge" => form.challenge = value.into_owned(),
            "decision" => form.allow = value == "allow",
            "remember" => form.remember = true,
            "grant_scope" => form.scopes.push(value.into_owned()),
            _ => {}
        }
    }
    form
}

/// `POST /consent`: Allow grants what was asked and left ticked; Deny tells the application
/// `access_denied`. Either way the browser goes back through Hydra to the application.
pub async fn decide(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    body: web::Bytes,
) -> WebResult {
    let form = consent_form(&body);
    csrf::verify(&req, &state, form.csrf_token.as_deref())?;
    let Some(oauth2) = &state.oauth2 else {
        return Ok(problem(&req, &state, AppProblem::Missing, None));
    };
    if form.challenge.is_empty() {
        return Ok(problem(&req, &state, AppProblem::Missing, None));
    }
    if finished(&session, &form.challenge) {
        return Ok(problem(&req, &state, AppProblem::Gone, None));
    }
    // Asked again rather than trusted from the form: what was requested, and for whom.
    let Some(request) = oauth2.admin.consent_request(&form.challenge).await? else {
        return Ok(problem(&req, &state, AppProblem::Gone, None));
    };
    let app = app_name(&request.client);
    let next = if form.allow {
        let email = state.sign_in.email_of(&request.subject).await?;
        let granted = scopes::grant(&request.requested_scope, &form.scopes);
        accept_consent(oauth2, &request, granted, form.remember, email.as_ref()).await?
    } else {
        let why = crate::hydra::Rejection {
            error: "access_denied".into(),
            error_description: "The person declined the request".into(),
        };
        oauth2
            .admin
            .reject_consent(&request.challenge, &why)
            .await?
            .map(|r| r.redirect_to)
    };
    mark_finished(&session, &form.challenge);
    Ok(match next {
        Some(to) => continue_to(&req, &state, Some(&app), &to),
        None => problem(&req, &state, AppProblem::Gone, Some(&app)),
    })
}

#[derive(Deserialize)]
pub struct LogoutQuery {
    logout_challenge: Option<String>,
}

/// `GET /logout?logout_challenge=…`: "Sign out of <app>?". Changes nothing.
pub async fn logout(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<LogoutQuery>,
) -> WebResult {
    let Some(challenge) = query.logout_challenge.as_deref().filter(|c| !c.is_empty()) else {
        // Not from Hydra: signing out of Iris is a button on the account page.
        return Ok(see_other("/"));
    };
    let Some(oauth2) = &state.oauth2 else {
        return Ok(problem(&req, &state, AppProblem::Missing, None));
    };
    let Some(request) = oauth2.admin.logout_request(challenge).await? else {
        return Ok(problem(&req, &state, AppProblem::Gone, None));
    };
    let app = request.client.as_ref().map(app_name);
    let csrf = Csrf::for_request(&req, &state);
    let view = AppLogoutView {
        csrf: &csrf.token,
        challenge,
        app: app.as_deref(),
    };
    Ok(csrf.apply(page(
        StatusCode::OK,
        app_logout_page(&state.ui(&req), &view),
    )))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AppLogoutForm {
    csrf_token: Option<String>,
    logout_challenge: String,
    decision: String,
}

/// `POST /logout/app`: "Sign out" tells Hydra, then ends this browser's session here (and at
/// Kratos); "Stay signed in" tells Hydra no and goes to the account page.
pub async fn decide_logout(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    form: web::Form<AppLogoutForm>,
) -> WebResult {
    csrf::verify(&req, &state, form.csrf_token.as_deref())?;
    let Some(oauth2) = &state.oauth2 else {
        return Ok(problem(&req, &state, AppProblem::Missing, None));
    };
    if form.logout_challenge.is_empty() {
        return Ok(problem(&req, &state, AppProblem::Missing, None));
    }
    if form.decision != "accept" {
        return Ok(
            if oauth2.admin.reject_logout(&form.logout_challenge).await? {
                see_other("/")
            } else {
                problem(&req, &state, AppProblem::Gone, None)
            },
        );
    }
    let request = oauth2.admin.logout_request(&form.logout_challenge).await?;
    let Some(next) = oauth2.admin.accept_logout(&form.logout_challenge).await? else {
        return Ok(problem(&req, &state, AppProblem::Gone, None));
    };
    let mut relay = relay(&req);
    super::account::sign_out_here(&req, &state, &session, &mut relay).await?;
    let app = request.and_then(|r| r.client.as_ref().map(app_name));
    Ok(with_cookies(
        continue_to(&req, &state, app.as_deref(), &next.redirect_to),
        &relay,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_consent_form_keeps_every_ticked_scope() {
        let form = consent_form(
            b"csrf_token=t&consent_challenge=c%2B1&grant_scope=email&grant_scope=offline_access&decision=allow&remember=1",
        );
        assert_eq!(form.challenge, "c+1");
        assert_eq!(form.scopes, ["email", "offline_access"]);
        assert!(form.allow && form.remember);
        let deny = consent_form(b"consent_challenge=c&decision=deny");
        assert!(!deny.allow && !deny.remember && deny.scopes.is_empty());
    }
}
