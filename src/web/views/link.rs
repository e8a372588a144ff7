use super::components::{csrf_field, post_button};
use super::layout::{layout, Brand};
use super::wait_text;
use maud::{html, Markup};

pub struct ConfirmView<'a> {
    pub csrf: &'a str,
    pub token: &'a str,
    pub masked_email: &'a str,
    pub requested_at: &'a str,
    pub requested_by: &'a str,
    pub same_browser: bool,
}

/// The page behind an emailed link. GET and HEAD show it; only its button (a POST) signs in, so
/// mail scanners that follow links burn nothing (security.md item 11).
pub fn confirm_page(brand: &Brand, v: &ConfirmView<'_>) -> Markup {
    layout(
        brand,
        "Confirm sign-in",
        html! {
            p { "Sign in as " strong { (v.masked_email) } "?" }
            p class="small" { "Requested on " (v.requested_at) " from " (v.requested_by) "." }
            @if v.same_browser {
                p class="notice" { "You asked for this link in this browser." }
            } @else {
                p class="notice warn" {
                    "This link was not requested in this browser. Continue only if you asked for it yourself, on another device."
                }
            }
            form method="post" action="/login/link" {
                (csrf_field(v.csrf))
                input type="hidden" name="token" value=(v.token);
                button type="submit" class="primary" autofocus { "Sign in" }
            }
            p class="small" { "If you didn't ask to sign in, close this page. Nothing happens until you press the button." }
        },
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    Invalid,
    Used,
    Replaced,
    Expired,
    TooManyAttempts,
    Locked { retry_after: u64 },
}

pub fn link_problem_page(
    brand: &Brand,
    csrf: &str,
    problem: LinkProblem,
    token: Option<&str>,
    masked_email: Option<&str>,
) -> Markup {
    let (title, text) = match problem {
        LinkProblem::Invalid => ("This link doesn't work", "The link is incomplete or was never issued. Copy the whole link from the email, or start again.".to_owned()),
        LinkProblem::Used => ("This link was already used", "Each link and code signs in once. Ask for a new one if you need to sign in again.".to_owned()),
        LinkProblem::Replaced => ("A newer email was sent", "This link was replaced by a newer one. Use the latest email, or ask for a new one.".to_owned()),
        LinkProblem::Expired => ("This link has expired", "Sign-in links work for a few minutes only, to keep your account safe.".to_owned()),
        LinkProblem::TooManyAttempts => ("Too many attempts", "Too many wrong codes were tried for this email, so its link and code no longer work.".to_owned()),
        LinkProblem::Locked { retry_after } => ("Too many attempts", format!("Too many wrong codes were tried for this address. Try again {}.", wait_text(retry_after))),
    };
    layout(
        brand,
        title,
        html! {
            p { (text) }
            @match (token, masked_email, problem) {
                (_, _, LinkProblem::Locked { .. }) | (_, _, LinkProblem::Invalid) | (None, _, _) | (_, None, _) => {
                    p { a class="button primary" href="/login" { "Start again" } }
                }
                (Some(token), Some(masked), _) => {
                    (post_button("/login/link/resend", csrf, &[("token", token)], &format!("Send a new link to {masked}"), false))
                    p class="small" { a href="/login" { "Use a different email address" } }
                }
            }
        },
    )
}
