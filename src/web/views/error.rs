use super::layout::{layout, Brand};
use super::wait_text;
use actix_web::http::StatusCode;
use maud::{html, Markup};

pub struct ErrorView<'a> {
    pub status: StatusCode,
    pub request_id: Option<&'a str>,
}

/// The page for every error status: a plain explanation, a way forward, the request id.
/// Never the cause: that goes to the log (security.md item 38).
pub fn error_page(brand: &Brand, v: &ErrorView<'_>) -> Markup {
    let (title, text) = match v.status.as_u16() {
        400 => ("That didn't work", "The request was incomplete or malformed. Go back and try again."),
        403 => ("This form has expired", "For your safety, forms only work on the page they came from. Reload the page and try again."),
        404 => ("Page not found", "There is nothing at this address."),
        405 => ("That doesn't work here", "This address doesn't accept that kind of request."),
        413 => ("Too much data", "The form sent more data than we accept."),
        415 => ("That didn't work", "The form was sent in a format we don't accept."),
        429 => ("Too many attempts", "Please wait a little and try again."),
        503 => ("Sign-in is unavailable right now", "A service we depend on isn't answering. Nothing was changed; please try again in a minute."),
        _ => ("Something went wrong", "Nothing was changed. Please try again."),
    };
    layout(
        brand,
        title,
        html! {
            p { (text) }
            p { a class="button primary" href="/login" { "Go to sign in" } }
            @if let Some(id) = v.request_id {
                p class="small" { "Request id: " code { (id) } }
            }
        },
    )
}

pub fn too_many_page(brand: &Brand, retry_after: u64) -> Markup {
    layout(
        brand,
        "Too many attempts",
        html! {
            p { "Too many requests. For your safety, please try again " (wait_text(retry_after)) "." }
            p { a class="button primary" href="/login" { "Back to sign in" } }
        },
    )
}

/// Today's email budget (`limits.emails_per_day`) is spent. Every address gets this page alike,
/// so it says nothing about accounts.
pub fn mail_paused_page(brand: &Brand, retry_after: u64) -> Markup {
    layout(
        brand,
        "Sign-in emails are paused",
        html! {
            p { "We have sent as many sign-in emails today as we safely can, so no new one can go out right now. Please try again " (wait_text(retry_after)) "." }
            p { "A code or link you already received keeps working until it expires." }
            p { a class="button primary" href="/login" { "Back to sign in" } }
        },
    )
}

/// An error Kratos reported (`/error?id=`), in Iris's words: the reason Kratos gives is shown
/// escaped, never raw JSON.
pub fn kratos_error_page(brand: &Brand, reason: Option<&str>, request_id: Option<&str>) -> Markup {
    layout(
        brand,
        "Sign-in didn't work",
        html! {
            p { "Something went wrong on the way. Nothing was changed; please start again." }
            @if let Some(reason) = reason {
                p class="small" { (reason) }
            }
            p { a class="button primary" href="/login" { "Go to sign in" } }
            @if let Some(id) = request_id {
                p class="small" { "Request id: " code { (id) } }
            }
        },
    )
}
