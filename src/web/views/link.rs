use super::components::{button_link, csrf_field, post_button, small_link, strong};
use super::layout::{layout, Ui};
use maud::{html, Markup};
use time::OffsetDateTime;

pub struct ConfirmView<'a> {
    pub csrf: &'a str,
    /// The hidden fields that carry the link (`token`, and `flow` for Kratos's).
    pub link_fields: &'a [(&'a str, &'a str)],
    pub masked_email: &'a str,
    pub requested_at: OffsetDateTime,
    /// The stored browser record (`i18n::browser_record`).
    pub requested_by: &'a str,
    pub same_browser: bool,
    /// The application this sign-in was started for in another browser, where it must end.
    pub app_elsewhere: Option<&'a str>,
    /// Whether the email carries a code (to type there) or only the link (to open there).
    pub has_code: bool,
}

/// The page behind an emailed link. GET and HEAD show it; only its button (a POST) signs in, so
/// mail scanners that follow links burn nothing (SECURITY.md item 11).
pub fn confirm_page(ui: &Ui<'_>, v: &ConfirmView<'_>) -> Markup {
    let tr = &ui.tr;
    if let Some(app) = v.app_elsewhere {
        return app_elsewhere_page(ui, app, v.has_code);
    }
    let requested = tr.format(
        "confirm-requested",
        &[
            ("when", tr.when(v.requested_at, ui.now).into()),
            ("browser", tr.browser(v.requested_by).into()),
        ],
    );
    layout(
        ui,
        &tr.t("confirm-title"),
        html! {
            p { (tr.html("confirm-question", &[], &[("email", strong(v.masked_email))])) }
            p class="small" { (requested) }
            @if v.same_browser {
                p class="notice" { (tr.t("confirm-same-browser")) }
            } @else {
                p class="notice warn" { (tr.t("confirm-other-browser")) }
            }
            form method="post" action="/login/link" {
                (csrf_field(v.csrf))
                @for (name, value) in v.link_fields {
                    input type="hidden" name=(name) value=(value);
                }
                button type="submit" class="primary" autofocus { (tr.t("confirm-submit")) }
            }
            p class="small" { (tr.t("confirm-ignore")) }
        },
    )
}

/// The link of an application's sign-in opened in another browser: Hydra's cookies are in
/// the first, so the sign-in can only finish there. Nothing here uses the link.
fn app_elsewhere_page(ui: &Ui<'_>, app: &str, has_code: bool) -> Markup {
    let tr = &ui.tr;
    let how = if has_code {
        "confirm-app-elsewhere-code"
    } else {
        "confirm-app-elsewhere-link"
    };
    layout(
        ui,
        &tr.t("confirm-app-title"),
        html! {
            p { (tr.html("confirm-app-elsewhere", &[], &[("app", strong(app))])) }
            p class="notice" { (tr.format(how, &[("app", app.into())])) }
            p class="small" { (tr.t("confirm-app-unused")) }
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
    Locked {
        retry_after: u64,
    },
    /// Stopped with "this wasn't me".
    Voided,
}

pub fn link_problem_page(
    ui: &Ui<'_>,
    csrf: &str,
    problem: LinkProblem,
    link_fields: Option<&[(&str, &str)]>,
    masked_email: Option<&str>,
) -> Markup {
    let tr = &ui.tr;
    let (title, text) = match problem {
        LinkProblem::Invalid => ("link-invalid-title", tr.t("link-invalid-text")),
        LinkProblem::Used => ("link-used-title", tr.t("link-used-text")),
        LinkProblem::Replaced => ("link-replaced-title", tr.t("link-replaced-text")),
        LinkProblem::Expired => ("link-expired-title", tr.t("link-expired-text")),
        LinkProblem::TooManyAttempts => ("link-too-many-title", tr.t("link-too-many-text")),
        LinkProblem::Voided => ("link-voided-title", tr.t("link-voided-text")),
        LinkProblem::Locked { retry_after } => (
            "link-too-many-title",
            tr.format("link-locked-text", &[("wait", tr.wait(retry_after).into())]),
        ),
    };
    layout(
        ui,
        &tr.t(title),
        html! {
            p { (text) }
            @match (link_fields, masked_email, problem) {
                (_, _, LinkProblem::Locked { .. } | LinkProblem::Invalid | LinkProblem::Voided) | (None, _, _) | (_, None, _) => {
                    (button_link("/login", &tr.t("start-again")))
                }
                (Some(fields), Some(masked), _) => {
                    (post_button("/login/link/resend", csrf, fields, &tr.format("link-send-new", &[("email", masked.into())]), false))
                    (small_link("/login", &tr.t("use-another-address")))
                }
            }
        },
    )
}
