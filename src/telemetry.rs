//! Logging: `tracing` with one root span per request carrying a request id, the method and the
//! path only. Query strings, Referer and bodies are never logged: the link's query holds the
//! token (SECURITY.md item 51), which is why actix's default `Logger` format is not used.
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
use tracing_subscriber::filter::{filter_fn, FilterExt};
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
    let counter = metrics.clone().map(|m| {
        EventCounter(m).with_filter(filter_fn(|meta| {
            meta.is_event() && meta.target().starts_with("iris") && *meta.level() <= Level::INFO
        }))
    });
    let protocol = ProtocolErrors(metrics).with_filter(filter_fn(is_protocol_error));
    // A second init (tests) is harmless; ignore it.
    let _ = tracing_subscriber::registry()
        .with(fmt.with_filter(filter.and(filter_fn(|meta| !is_protocol_error(meta)))))
        .with(counter)
        .with(protocol)
        .try_init();
}

/// actix-http's own reports of malformed requests (bytes that are not HTTP, CL+TE, heads too
/// large, timeouts): written at ERROR before any middleware or rate limit runs, so anyone could
/// flood error-level alerts with them.
fn is_protocol_error(meta: &tracing::Metadata<'_>) -> bool {
    meta.is_event() && meta.target().starts_with("actix_http") && *meta.level() <= Level::WARN
}

/// Turns each of actix-http's error reports into a debug line (`http_protocol_error`, with
/// actix's message) and a count in `/metrics`, which is where a flood of them shows.
struct ProtocolErrors(Option<Arc<Metrics>>);

impl<S: tracing::Subscriber> Layer<S> for ProtocolErrors {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        if let Some(metrics) = &self.0 {
            metrics.count_event("http_protocol_error");
        }
        let mut message = Message(String::new());
        event.record(&mut message);
        tracing::debug!(
            target: "iris::http",
            event = "http_protocol_error",
            detail = %message.0,
            "malformed request refused by actix-http"
        );
    }
}

struct Message(String);

impl tracing::field::Visit for Message {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.0 = format!("{value:?}");
        }
    }
}

pub struct IrisRootSpan;

impl RootSpanBuilder for IrisRootSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let request_id = request
            .extensions()
            .get::<RequestId>()
            .map(|id| id.to_string())
            .unwrap_or_default();
        // The client as the per-IP limit sees it (SECURITY.md items 17 and 52).
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
