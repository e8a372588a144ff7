use super::components::{code_form, notice, post_button, small_link, strong};
use super::layout::{layout, Ui};
use crate::sign_in::EmailKind;
use maud::{html, Markup};

pub struct CheckEmailView<'a> {
    pub csrf: &'a str,
    pub masked_email: &'a str,
    /// Seconds until another email may be sent (0: now).
    pub resend_in: u64,
    pub delivery_failed: bool,
    /// Why the credential cannot be used any more (expired, used, replaced), in the request's
    /// language.
    pub dead: Option<&'a str>,
    pub code_error: Option<&'a str>,
    pub notice: Option<&'a str>,
    /// What the email carries: with a link only, there is no code box.
    pub email_kind: EmailKind,
}

pub fn check_email_page(ui: &Ui<'_>, v: &CheckEmailView<'_>) -> Markup {
    let tr = &ui.tr;
    let sent = match v.email_kind {
        EmailKind::LinkAndCode => "check-sent-link",
        EmailKind::Code => "check-sent-code",
        EmailKind::Link => "check-sent-link-only",
    };
    layout(
        ui,
        &tr.t("check-title"),
        html! {
            (notice(v.notice))
            p { (tr.html(sent, &[], &[("email", strong(v.masked_email))])) }
            @if v.delivery_failed {
                p class="field-error" role="alert" { (tr.t("check-delivery-failed")) }
            }
            @if let Some(dead) = v.dead {
                p class="field-error" role="alert" { (dead) }
            } @else if v.email_kind == EmailKind::Link {
                p { (tr.t("check-open-link-only")) }
            } @else {
                @if v.email_kind == EmailKind::LinkAndCode {
                    p { (tr.t("check-open-link")) }
                }
                (code_form(tr, "/login/code", v.csrf, v.code_error, &tr.t("code-submit")))
            }
            div class="resend" {
                @if v.resend_in > 0 {
                    p class="hint" { (tr.format("resend-later", &[("wait", tr.wait(v.resend_in).into())])) }
                } @else {
                    p class="hint" { (tr.t("resend-now")) }
                }
                (post_button("/login/resend", v.csrf, &[], &tr.t("resend-button"), true))
            }
            (small_link("/login", &tr.t("use-another-address")))
        },
    )
}
