use super::components::{csrf_field, field_error, notice};
use super::layout::{layout, Ui};
use super::oauth2::{app_banner, AppView};
use crate::sign_in::EmailKind;
use maud::{html, Markup};

pub struct LoginView<'a> {
    pub csrf: &'a str,
    pub email: &'a str,
    pub return_to: &'a str,
    /// Why the address was refused (already in the request's language).
    pub error: Option<&'a str>,
    pub notice: Option<&'a str>,
    /// What the email will carry.
    pub email_kind: EmailKind,
    /// The application this sign-in is for (Ory Hydra's login request), and the request's
    /// challenge, which the form carries to the POST that keeps it in the session.
    pub app: Option<&'a AppView<'a>>,
    pub login_challenge: Option<&'a str>,
}

pub fn login_page(ui: &Ui<'_>, v: &LoginView<'_>) -> Markup {
    let tr = &ui.tr;
    let described = if v.error.is_some() {
        "email-error email-hint"
    } else {
        "email-hint"
    };
    let hint = match v.email_kind {
        EmailKind::LinkAndCode => tr.t("login-hint-link"),
        EmailKind::Code => tr.t("login-hint-code"),
        EmailKind::Link => tr.t("login-hint-link-only"),
    };
    layout(
        ui,
        &tr.t("login-title"),
        html! {
            @if let Some(app) = v.app {
                (app_banner(ui, app))
            }
            (notice(v.notice))
            form method="post" action="/login" novalidate {
                (csrf_field(v.csrf))
                input type="hidden" name="return_to" value=(v.return_to);
                @if let Some(challenge) = v.login_challenge {
                    input type="hidden" name="login_challenge" value=(challenge);
                }
                label for="email" { (tr.t("login-email-label")) }
                p class="hint" id="email-hint" { (hint) }
                // After an error the field takes focus again, and the message is announced and
                // tied to it, so a screen reader hears why.
                input id="email" name="email" type="email" autocomplete="email" inputmode="email"
                    required autofocus value=(v.email)
                    aria-invalid=(if v.error.is_some() { "true" } else { "false" })
                    aria-describedby=(described);
                (field_error("email-error", v.error))
                button type="submit" class="primary" { (tr.t("login-submit")) }
            }
        },
    )
}
