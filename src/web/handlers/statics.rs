//! Static assets, compiled into the binary so `iris` runs from any folder.
use crate::web::AppState;
use actix_web::http::header;
use actix_web::{web, HttpResponse};

const CSS: &str = include_str!("../../../static/iris.css");
const FAVICON: &str = include_str!("../../../static/favicon.svg");

fn asset(content_type: &'static str, body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(body)
}

pub async fn css() -> HttpResponse {
    asset("text/css; charset=utf-8", CSS.to_owned())
}

/// The configured accent colour (validated as `#rrggbb` at startup), as a stylesheet: the CSP
/// allows no inline styles.
pub async fn theme(state: web::Data<AppState>) -> HttpResponse {
    asset(
        "text/css; charset=utf-8",
        format!(":root {{ --accent: {}; }}\n", state.brand.accent_color),
    )
}

pub async fn favicon() -> HttpResponse {
    asset("image/svg+xml", FAVICON.to_owned())
}
