use super::components::post_button;
use super::layout::{layout, Brand};
use maud::{html, Markup};

pub fn signed_in_page(brand: &Brand, csrf: &str, email: &str, since: &str) -> Markup {
    layout(
        brand,
        "You're signed in",
        html! {
            p { "Signed in as " strong { (email) } "." }
            p class="small" { "Since " (since) "." }
            (post_button("/logout", csrf, &[], "Sign out", true))
        },
    )
}
