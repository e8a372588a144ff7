//! Liveness (the process answers) and readiness (the store, and Kratos when used, answer too).
use super::account::json;
use crate::web::AppState;
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
    match state.store.ping().await {
        Ok(()) => json(StatusCode::OK, &serde_json::json!({ "status": "ok" })),
        Err(e) => {
            tracing::warn!(error = %e, "readiness: store unavailable");
            json(
                StatusCode::SERVICE_UNAVAILABLE,
                &serde_json::json!({ "status": "unavailable", "store": "down" }),
            )
        }
    }
}
