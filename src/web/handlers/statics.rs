//! Static assets, compiled into the binary so `iris` runs from any folder.
use crate::domain::colour::Rgb;
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

/// The configured accent colour (validated at startup: `#rrggbb`, 4.5:1 against white), as a
/// stylesheet, since the CSP allows no inline styles. Text in the accent colour on the dark
/// card uses a lightened variant that reaches 4.5:1 there too.
pub async fn theme(state: web::Data<AppState>) -> HttpResponse {
    let accent = Rgb::parse(&state.brand.accent_color).unwrap_or(Rgb(0x3b, 0x5b, 0xdb));
    asset(
        "text/css; charset=utf-8",
        format!(
            ":root {{ --accent: {a}; --accent-text: {a}; }}\n\
             @media (prefers-color-scheme: dark) {{ :root {{ --accent-text: {d}; }} }}\n",
            a = accent.hex(),
            d = accent.dark_scheme_text().hex(),
        ),
    )
}

pub async fn favicon() -> HttpResponse {
    asset("image/svg+xml", FAVICON.to_owned())
}
