//! Request handlers: parse input into domain types, call `sign_in`, pick a page.
pub mod account;
pub mod health;
pub mod kratos_hook;
pub mod link;
pub mod login;
pub mod pending;
pub mod statics;

use super::csrf::CsrfRejected;
use crate::domain::browser_summary;
use crate::sign_in::{Requester, SignInError};
use actix_web::http::{header, StatusCode};
use actix_web::{HttpRequest, HttpResponse, ResponseError};

/// The handler layer's error: each maps to a status; `finish` renders the page and logs the cause.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("sign-in backend unavailable")]
    Unavailable(#[from] SignInError),
    #[error(transparent)]
    Csrf(#[from] CsrfRejected),
}

impl ResponseError for WebError {
    fn status_code(&self) -> StatusCode {
        match self {
            WebError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            WebError::Csrf(_) => StatusCode::FORBIDDEN,
        }
    }
}

pub type WebResult = Result<HttpResponse, WebError>;

pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

pub fn requester(req: &HttpRequest) -> Requester {
    let ua = req
        .headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    Requester {
        browser: browser_summary(ua),
    }
}
