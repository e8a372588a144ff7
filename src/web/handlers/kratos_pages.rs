//! The other UI URLs Kratos sends browsers to (see `iris kratos-config`): its error page, and
//! pages this email-only sign-in has no use for, which lead back to the one form.
use super::WebResult;
use crate::kratos::{ids, FlowKind};
use crate::web::views::{kratos_error_page, page, KratosProblem};
use crate::web::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpMessage, HttpRequest};
use serde::Deserialize;
use tracing_actix_web::RequestId;

#[derive(Deserialize)]
pub struct ErrorQuery {
    id: Option<String>,
}

/// `GET /error?id=`: Kratos's self-service error, in Iris's design and words (by its error id;
/// Kratos's English reason never reaches the page).
pub async fn error(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<ErrorQuery>,
) -> WebResult {
    let detail = match &query.id {
        Some(id) => state.sign_in.kratos_error(id).await?,
        None => None,
    };
    let problem = KratosProblem::from_id(detail.as_ref().and_then(|d| d.id.as_deref()));
    let request_id = req.extensions().get::<RequestId>().map(|r| r.to_string());
    Ok(page(
        StatusCode::OK,
        kratos_error_page(&state.ui(&req), problem, request_id.as_deref()),
    ))
}

/// `/recovery`, `/verification`: one form serves sign-in and sign-up here.
pub async fn to_login() -> actix_web::HttpResponse {
    super::see_other("/login")
}

#[derive(Deserialize)]
pub struct FlowQuery {
    flow: Option<String>,
}

/// `/registration?flow=…`: the email form, keeping where the flow Kratos started leads.
pub async fn registration(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<FlowQuery>,
) -> actix_web::HttpResponse {
    let mut relay = super::relay(&req);
    let flow = query.flow.as_deref();
    let started = (state.sign_in)
        .started_flow_return_to(FlowKind::Registration, flow, &mut relay)
        .await;
    let location = match started {
        Some(r) => {
            let query = url::form_urlencoded::Serializer::new(String::new())
                .append_pair("return_to", state.return_to(Some(&r)).as_str())
                .finish();
            format!("/login?{query}")
        }
        None => "/login".to_owned(),
    };
    super::with_cookies(super::see_other(&location), &relay)
}

/// `/settings?flow=…`: Kratos sends the browser here after a recovery (kratos#2371). Never a
/// settings form: a fresh recovery (message 1060001) goes on to its flow's `return_to`,
/// validated again here; anyone else opening it goes to their account page.
pub async fn settings(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<FlowQuery>,
) -> actix_web::HttpResponse {
    let mut relay = super::relay(&req);
    let flow = (state.sign_in)
        .started_flow(FlowKind::Settings, query.flow.as_deref(), &mut relay)
        .await;
    let location = match flow {
        Some(f) if f.has_message(ids::RECOVERED) => {
            state.return_to(f.return_to.as_deref()).as_str().to_owned()
        }
        _ => "/".to_owned(),
    };
    super::with_cookies(super::see_other(&location), &relay)
}
