use super::components::{csrf_field, field_error, notice};
use super::layout::{layout, Brand};
use maud::{html, Markup};

pub struct LoginView<'a> {
    pub csrf: &'a str,
    pub email: &'a str,
    pub return_to: &'a str,
    pub error: Option<&'a str>,
    pub notice: Option<&'a str>,
}

pub fn login_page(brand: &Brand, v: &LoginView<'_>) -> Markup {
    let described = if v.error.is_some() {
        "email-error"
    } else {
        "email-hint"
    };
    layout(
        brand,
        "Sign in",
        html! {
            (notice(v.notice))
            form method="post" action="/login" novalidate {
                (csrf_field(v.csrf))
                input type="hidden" name="return_to" value=(v.return_to);
                label for="email" { "Email address" }
                p class="hint" id="email-hint" { "We'll email you a link and a code. No password needed." }
                input id="email" name="email" type="email" autocomplete="email" inputmode="email"
                    required autofocus[v.error.is_none()] value=(v.email)
                    aria-invalid=(if v.error.is_some() { "true" } else { "false" })
                    aria-describedby=(described);
                (field_error("email-error", v.error))
                button type="submit" class="primary" { "Continue with email" }
            }
        },
    )
}
