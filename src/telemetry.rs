//! Logging: `tracing` with one root span per request carrying a request id, the method and the
//! path only. Query strings, Referer and bodies are never logged: the link's query holds the
//! token (security.md item 51), which is why actix's default `Logger` format is not used.
use crate::config::LogFormat;
use crate::metrics::{EventCounter, Metrics};
use crate::web::client_ip::client_ip;
use crate::web::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::{Error, HttpMessage};
use std::sync::Arc;
use tracing::Level;
use tracing::Span;
use tracing_actix_web::{RequestId, RootSpanBuilder};
use tracing_subscriber::filter::filter_fn;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// Logs to stderr, filtered by `RUST_LOG`; and, with `metrics`, counts Iris's events whatever
/// the log level (a filter of its own, so a quiet log still feeds the counters).
pub fn init(format: LogFormat, metrics: Option<Arc<Metrics>>) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,actix_server=warn"));
    let fmt = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    let fmt = match format {
        LogFormat::Json => fmt.json().flatten_event(true).boxed(),
        LogFormat::Text => fmt.boxed(),
    };
    // Events only: spans (one per request) would cost every request for nothing here.
    let counter = metrics.map(|m| {
        EventCounter(m).with_filter(filter_fn(|meta| {
            meta.is_event() && meta.target().starts_with("iris") && *meta.level() <= Level::INFO
        }))
    });
    // A second init (tests) is harmless; ignore it.
    let _ = tracing_subscriber::registry()
        .with(fmt.with_filter(filter))
        .with(counter)
        .try_init();
}

pub struct IrisRootSpan;

impl RootSpanBuilder for IrisRootSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let request_id = request
            .extensions()
            .get::<RequestId>()
            .map(|id| id.to_string())
            .unwrap_or_default();
        // The client as the per-IP limit sees it (security.md items 17 and 52).
        let client_ip = request
            .app_data::<actix_web::web::Data<AppState>>()
            .map(|state| {
                client_ip(
                    request.peer_addr().map(|a| a.ip()),
                    request.headers(),
                    &state.trusted_proxies,
                )
                .to_string()
            })
            .unwrap_or_default();
        tracing::info_span!(
            "request",
            request_id = %request_id,
            client_ip = %client_ip,
            method = %request.method(),
            path = %request.path(),
            status = tracing::field::Empty,
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        let status = match outcome {
            Ok(res) => res.status().as_u16(),
            Err(e) => e.as_response_error().status_code().as_u16(),
        };
        span.record("status", status);
        span.in_scope(|| tracing::info!(status, "request done"));
    }
}
