//! Liveness (the process answers) and readiness (the store, Redis and Kratos when used, answer
//! too);
//! and the Prometheus scrape, served on the metrics listener only.
use super::account::json;
use crate::web::{AppState, MetricsState};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

pub async fn alive() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("ok")
}

pub async fn ready(state: web::Data<AppState>) -> HttpResponse {
    if !state.sign_in.ready().await {
        tracing::warn!("readiness: Kratos unavailable");
        return json(
            StatusCode::SERVICE_UNAVAILABLE,
            &serde_json::json!({ "status": "unavailable", "kratos": "down" }),
        );
    }
    // Every server the stores stand on (the database, and Redis when configured), together.
    let pings = state.stores.health.iter().map(|(name, health)| async move {
        let result = health.ping().await;
        if let Err(e) = &result {
            tracing::warn!(error = %e, server = name, "readiness: unavailable");
        }
        (*name, result.is_ok())
    });
    let down: Vec<&str> = futures_util::future::join_all(pings)
        .await
        .into_iter()
        .filter_map(|(name, up)| (!up).then_some(name))
        .collect();
    if down.is_empty() {
        return json(StatusCode::OK, &serde_json::json!({ "status": "ok" }));
    }
    let mut body = serde_json::json!({ "status": "unavailable" });
    for name in down {
        body[name] = "down".into();
    }
    json(StatusCode::SERVICE_UNAVAILABLE, &body)
}

/// `GET /metrics` on `server.metrics_bind`. A store that does not answer still gets a 200 with
/// `iris_store_up 0`, so the scrape itself keeps working and can alert on it.
pub async fn metrics(state: web::Data<MetricsState>) -> HttpResponse {
    let stats = match state.outbox.stats(state.clock.now()).await {
        Ok(stats) => Some(stats),
        Err(e) => {
            tracing::warn!(error = %e, "metrics: store unavailable");
            None
        }
    };
    HttpResponse::Ok()
        .content_type("application/openmetrics-text; version=1.0.0; charset=utf-8")
        .body(state.metrics.render(stats, state.emails_per_day))
}
