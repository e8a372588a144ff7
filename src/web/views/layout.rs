use crate::i18n::Tr;
use maud::{html, Markup, DOCTYPE};
use time::OffsetDateTime;

/// Branding from config: product name and accent colour (validated as `#rrggbb`).
#[derive(Debug, Clone)]
pub struct Brand {
    pub product_name: String,
    pub accent_color: String,
}

/// What every page needs besides its own view model: the brand, the request's language, and
/// "now" (times read "today at 19:15 UTC").
#[derive(Clone, Copy)]
pub struct Ui<'a> {
    pub brand: &'a Brand,
    pub tr: Tr<'a>,
    pub now: OffsetDateTime,
}

/// The frame every page shares. No inline script or style (the CSP forbids both); the accent
/// colour comes from a tiny generated stylesheet at `/static/theme.css`.
pub fn layout(ui: &Ui<'_>, title: &str, body: Markup) -> Markup {
    let full_title = ui.tr.format(
        "page-title",
        &[
            ("title", title.into()),
            ("product", ui.brand.product_name.as_str().into()),
        ],
    );
    html! {
        (DOCTYPE)
        html lang=(ui.tr.lang()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex";
                title { (full_title) }
                link rel="stylesheet" href="/static/iris.css";
                link rel="stylesheet" href="/static/theme.css";
                link rel="icon" href="/static/favicon.svg" type="image/svg+xml";
            }
            body {
                main class="card" {
                    p class="brand" { (ui.brand.product_name) }
                    h1 { (title) }
                    (body)
                }
            }
        }
    }
}
