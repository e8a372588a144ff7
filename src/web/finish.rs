//! The last word on every response, errors included (security.md items 34-36): security headers,
//! `no-store`, and an Iris error page (with the request id) for any error without one. Errors
//! are logged here once, with their cause chain; users never see the cause.
use super::views::{error_page, page, ErrorView, IrisPage};
use super::AppState;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::InternalError;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, Error, HttpMessage, HttpResponse};
use tracing_actix_web::RequestId;

const CSP: &str = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; \
                   base-uri 'none'; object-src 'none'";

pub async fn finish(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    // Taken before routing: the request itself must not be cloned while it is being routed.
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let request_id = req.extensions().get::<RequestId>().map(|id| id.to_string());
    let polish = |res: HttpResponse<BoxBody>| {
        polish(
            res,
            state.as_ref().map(|s| s.get_ref()),
            request_id.as_deref(),
        )
    };
    match next.call(req).await {
        Ok(res) => {
            let (http_req, res) = res.into_parts();
            Ok(ServiceResponse::new(
                http_req,
                polish(res.map_into_boxed_body()),
            ))
        }
        Err(e) => {
            // A middleware failed (e.g. the session store is down): answer with a page anyway.
            let res = polish(e.error_response());
            Err(InternalError::from_response(e, res).into())
        }
    }
}

fn polish(
    mut res: HttpResponse<BoxBody>,
    state: Option<&AppState>,
    request_id: Option<&str>,
) -> HttpResponse<BoxBody> {
    let status = res.status();
    if (status.is_client_error() || status.is_server_error())
        && res.extensions().get::<IrisPage>().is_none()
    {
        if let Some(error) = res.error() {
            // Debug carries the whole cause chain (thiserror sources); users never see it.
            if status.is_server_error() {
                tracing::error!(status = status.as_u16(), error = ?error, "request failed");
            } else {
                tracing::info!(status = status.as_u16(), error = %error, "request refused");
            }
        }
        if let Some(state) = state {
            let mut new = page(
                status,
                error_page(&state.brand, &ErrorView { status, request_id }),
            );
            // Keep headers the error set on purpose (Retry-After, Allow, Set-Cookie).
            for (name, value) in res.headers() {
                if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
                    new.headers_mut().append(name.clone(), value.clone());
                }
            }
            res = new;
        }
    }
    let secure = state.is_some_and(|s| s.secure_cookies);
    let h = res.headers_mut();
    let mut headers = vec![
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (HeaderName::from_static("x-robots-tag"), "noindex"),
    ];
    if secure {
        headers.push((
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        ));
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        headers.push((header::CACHE_CONTROL, "no-store"));
    }
    for (name, value) in headers {
        h.insert(name, HeaderValue::from_static(value));
    }
    h.remove(header::SERVER);
    res
}
