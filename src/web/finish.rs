//! The last word on every response, errors included (SECURITY.md items 34-36): security headers,
//! `no-store`, and an Iris error page (with the request id) for any error without one. Errors
//! are logged here once, with their cause chain; users never see the cause.
use super::views::{error_page, page, too_many_page, ErrorView, IrisPage, Ui};
use super::AppState;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::InternalError;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{web, Error, HttpMessage, HttpResponse};
use tracing_actix_web::RequestId;

/// For pages whose own URL carries a secret (the emailed link): no Referer at all, not even to
/// our own stylesheet (SECURITY.md item 33). Their forms then post with `Origin: null`, which
/// the CSRF check accepts only together with `Sec-Fetch-Site: same-origin`.
pub const TOKEN_PAGE_REFERRER_POLICY: &str = "no-referrer";

/// Marks a response as a token page (`TOKEN_PAGE_REFERRER_POLICY`): the emailed link's
/// confirm page, "this wasn't me", an address change's links.
pub fn no_referrer(mut res: HttpResponse) -> HttpResponse {
    res.headers_mut().insert(
        actix_web::http::header::REFERRER_POLICY,
        actix_web::http::header::HeaderValue::from_static(TOKEN_PAGE_REFERRER_POLICY),
    );
    res
}

/// For a page that shows an application's logo (an https URL of the operator's client
/// registration): images from https too, nothing else loosened.
pub fn with_https_images(mut res: HttpResponse) -> HttpResponse {
    let csp = format!("{CSP}; img-src 'self' https:");
    if let Ok(value) = HeaderValue::from_str(&csp) {
        res.headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
    res
}

const CSP: &str = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; \
                   base-uri 'none'; object-src 'none'";

pub async fn finish(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    // Taken before routing: the request itself must not be cloned while it is being routed.
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let request_id = req.extensions().get::<RequestId>().map(|id| id.to_string());
    let accept_language = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let polish = |res: HttpResponse<BoxBody>| {
        let ui = state.as_ref().map(|s| Ui {
            brand: &s.brand,
            tr: s.i18n.for_accept_language(accept_language.as_deref()),
            now: s.clock.now(),
        });
        polish(
            res,
            ui.as_ref(),
            state.as_ref().is_some_and(|s| s.secure_cookies),
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
            // A middleware failed: answer with a page anyway. The one that fails with a 500 is
            // actix-session, when the session store (the database, or Redis) cannot be asked:
            // that is a dependency down, so a 503 like every other, and no session (fail
            // closed: the request never reaches a handler).
            let mut res = e.error_response();
            if res.status() == StatusCode::INTERNAL_SERVER_ERROR {
                tracing::error!(error = %e, "session store unavailable");
                res = HttpResponse::new(StatusCode::SERVICE_UNAVAILABLE);
            }
            let res = polish(res);
            Err(InternalError::from_response(e, res).into())
        }
    }
}

fn polish(
    mut res: HttpResponse<BoxBody>,
    ui: Option<&Ui<'_>>,
    secure: bool,
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
        if let Some(ui) = ui {
            let markup = match retry_after(&res) {
                // The per-IP limit: its page says how long to wait.
                Some(wait) if status == StatusCode::TOO_MANY_REQUESTS => too_many_page(ui, wait),
                _ => error_page(ui, &ErrorView { status, request_id }),
            };
            let mut new = page(status, markup);
            // Keep headers the error set on purpose (Retry-After, Allow, Set-Cookie).
            for (name, value) in res.headers() {
                if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
                    new.headers_mut().append(name.clone(), value.clone());
                }
            }
            res = new;
        }
    }
    let h = res.headers_mut();
    let mut headers = vec![
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
    // A page may widen its own policy (`with_https_images`); error pages never keep one.
    if !h.contains_key(header::CONTENT_SECURITY_POLICY)
        || status.is_client_error()
        || status.is_server_error()
    {
        headers.push((header::CONTENT_SECURITY_POLICY, CSP));
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        headers.push((header::CACHE_CONTROL, "no-store"));
    }
    // SECURITY: nothing of a URL ever reaches another site, while the browser still sends our
    // real Origin with its POSTs (`no-referrer` would make it `null`). Pages whose URL holds
    // a token set `no-referrer` themselves (`TOKEN_PAGE_REFERRER_POLICY`).
    if !h.contains_key(header::REFERRER_POLICY) {
        headers.push((header::REFERRER_POLICY, "same-origin"));
    }
    for (name, value) in headers {
        h.insert(name, HeaderValue::from_static(value));
    }
    h.remove(header::SERVER);
    res
}

fn retry_after(res: &HttpResponse<BoxBody>) -> Option<u64> {
    res.headers()
        .get(header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .parse()
        .ok()
}
