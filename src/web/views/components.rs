use crate::i18n::Tr;
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

/// The 6-digit code box and its button, posting to `action`; an error is announced and tied
/// to the field.
pub fn code_form(
    tr: &Tr<'_>,
    action: &str,
    csrf: &str,
    error: Option<&str>,
    submit: &str,
) -> Markup {
    let described = if error.is_some() {
        "code-error code-hint"
    } else {
        "code-hint"
    };
    html! {
        form method="post" action=(action) novalidate {
            (csrf_field(csrf))
            label for="code" { (tr.t("code-label")) }
            input id="code" name="code" type="text" inputmode="numeric"
                autocomplete="one-time-code" pattern="[0-9 -]*" maxlength="9"
                required autofocus
                aria-invalid=(if error.is_some() { "true" } else { "false" })
                aria-describedby=(described);
            p class="hint" id="code-hint" { (tr.t("code-hint")) }
            (field_error("code-error", error))
            button type="submit" class="primary" { (submit) }
        }
    }
}
