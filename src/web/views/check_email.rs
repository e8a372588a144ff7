use super::components::{csrf_field, field_error, notice, post_button};
use super::layout::{layout, Brand};
use super::wait_text;
use maud::{html, Markup};

pub struct CheckEmailView<'a> {
    pub csrf: &'a str,
    pub masked_email: &'a str,
    /// Seconds until another email may be sent (0: now).
    pub resend_in: u64,
    pub delivery_failed: bool,
    /// The credential cannot be used any more (expired, used, replaced).
    pub dead: Option<&'a str>,
    pub code_error: Option<&'a str>,
    pub notice: Option<&'a str>,
    /// Iris's own emails carry a link as well as the code; Kratos's carry the code only.
    pub with_link: bool,
}

pub fn check_email_page(brand: &Brand, v: &CheckEmailView<'_>) -> Markup {
    layout(
        brand,
        "Check your inbox",
        html! {
            (notice(v.notice))
            @if v.with_link {
                p { "We sent a sign-in link and a 6-digit code to " strong { (v.masked_email) } "." }
            } @else {
                p { "We sent a 6-digit code to " strong { (v.masked_email) } "." }
            }
            @if v.delivery_failed {
                p class="field-error" role="alert" {
                    "We couldn't deliver that email. Check the address, or send a new one."
                }
            }
            @if let Some(dead) = v.dead {
                p class="field-error" role="alert" { (dead) }
            } @else {
                @if v.with_link {
                    p { "Open the link on any device, or type the code here." }
                }
                form method="post" action="/login/code" novalidate {
                    (csrf_field(v.csrf))
                    label for="code" { "6-digit code" }
                    input id="code" name="code" type="text" inputmode="numeric"
                        autocomplete="one-time-code" pattern="[0-9 -]*" maxlength="9"
                        required autofocus
                        aria-invalid=(if v.code_error.is_some() { "true" } else { "false" })
                        aria-describedby=(if v.code_error.is_some() { "code-error" } else { "code-hint" });
                    p class="hint" id="code-hint" { "The code is near the top of the email." }
                    (field_error("code-error", v.code_error))
                    button type="submit" class="primary" { "Sign in" }
                }
            }
            div class="resend" {
                @if v.resend_in > 0 {
                    p class="hint" { "Didn't get it? You can ask for a new email " (wait_text(v.resend_in)) ". Check your spam folder meanwhile." }
                } @else {
                    p class="hint" { "Didn't get it? Check your spam folder, or:" }
                }
                (post_button("/login/resend", v.csrf, &[], "Send a new email", true))
            }
            p class="small" { a href="/login" { "Use a different email address" } }
        },
    )
}
