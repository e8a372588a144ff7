use maud::{html, Markup};

pub fn csrf_field(token: &str) -> Markup {
    html! { input type="hidden" name="csrf_token" value=(token); }
}

/// An error message tied to its field through `aria-describedby` on the input, announced when
/// the page loads (`role="alert"`).
pub fn field_error(id: &str, message: Option<&str>) -> Markup {
    html! {
        @if let Some(m) = message {
            p class="field-error" id=(id) role="alert" { (m) }
        }
    }
}

pub fn notice(message: Option<&str>) -> Markup {
    html! {
        @if let Some(m) = message {
            p class="notice" role="status" { (m) }
        }
    }
}

/// A one-button POST form (resend, sign out, send a new link).
pub fn post_button(
    action: &str,
    csrf: &str,
    hidden: &[(&str, &str)],
    label: &str,
    secondary: bool,
) -> Markup {
    html! {
        form method="post" action=(action) class="inline" {
            (csrf_field(csrf))
            @for (name, value) in hidden {
                input type="hidden" name=(name) value=(value);
            }
            button type="submit" class=(if secondary { "secondary" } else { "primary" }) { (label) }
        }
    }
}

/// The masked address, emphasised inside a sentence.
pub fn strong(text: &str) -> Markup {
    html! { strong { (text) } }
}

/// A link styled as the page's main way forward.
pub fn button_link(href: &str, label: &str) -> Markup {
    html! { p { a class="button primary" href=(href) { (label) } } }
}

/// A secondary text link on a line of its own (large enough to hit: WCAG 2.5.8).
pub fn small_link(href: &str, label: &str) -> Markup {
    html! { p class="small" { a class="quiet" href=(href) { (label) } } }
}
