use maud::{html, Markup, DOCTYPE};

/// Branding from config: product name and accent colour (validated as `#rrggbb`).
#[derive(Debug, Clone)]
pub struct Brand {
    pub product_name: String,
    pub accent_color: String,
}

/// The frame every page shares. No inline script or style (the CSP forbids both); the accent
/// colour comes from a tiny generated stylesheet at `/static/theme.css`.
pub fn layout(brand: &Brand, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex";
                title { (title) " · " (brand.product_name) }
                link rel="stylesheet" href="/static/iris.css";
                link rel="stylesheet" href="/static/theme.css";
                link rel="icon" href="/static/favicon.svg" type="image/svg+xml";
            }
            body {
                main class="card" {
                    p class="brand" { (brand.product_name) }
                    h1 { (title) }
                    (body)
                }
            }
        }
    }
}
