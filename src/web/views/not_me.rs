//! "This wasn't me": the page behind a sign-in email's second link, and what its button did.
use super::components::{button_link, post_button, strong};
use super::layout::{layout, Ui};
use maud::{html, Markup};
use time::OffsetDateTime;

pub struct NotMeView<'a> {
    pub csrf: &'a str,
    /// The hidden fields that carry the link into the form (`token`, or `flow` and `sig`); the
    /// page sends no Referer.
    pub link_fields: &'a [(&'a str, &'a str)],
    pub masked_email: &'a str,
    pub requested_at: OffsetDateTime,
    /// The stored browser record (`i18n::browser_record`).
    pub requested_by: &'a str,
}

/// GET and HEAD show what happened and one button; only the button (a POST) changes anything,
/// so a mail scanner that follows the link stops nothing.
pub fn not_me_page(ui: &Ui<'_>, v: &NotMeView<'_>) -> Markup {
    let tr = &ui.tr;
    let what = tr.html(
        "not-me-what",
        &[
            ("when", tr.when(v.requested_at, ui.now).into()),
            ("browser", tr.browser(v.requested_by).into()),
        ],
        &[("email", strong(v.masked_email))],
    );
    layout(
        ui,
        &tr.t("not-me-title"),
        html! {
            p { (what) }
            p { (tr.t("not-me-explain")) }
            (post_button("/login/not-me", v.csrf, v.link_fields, &tr.t("not-me-submit"), false))
            p class="small" { (tr.t("not-me-was-me")) }
        },
    )
}

/// Whose sessions ended with the email.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionsEnded {
    /// Nobody had signed in with it.
    None,
    /// The session made with it (Iris's own sessions).
    Its,
    /// Every session of the account (Kratos's sessions: Iris cannot tell them apart).
    All,
}

/// After the button: what happened and what to do next. Signs nobody in.
pub fn not_me_done_page(ui: &Ui<'_>, ended: SessionsEnded, hold_secs: u64) -> Markup {
    let tr = &ui.tr;
    let what = match ended {
        SessionsEnded::None => tr.t("not-me-done-text"),
        SessionsEnded::Its => tr.t("not-me-done-ended"),
        SessionsEnded::All => tr.t("not-me-done-ended-all"),
    };
    layout(
        ui,
        &tr.t("not-me-done-title"),
        html! {
            p role="status" { (what) }
            p { (tr.format("not-me-done-held", &[("wait", tr.wait(hold_secs).into())])) }
            p { (tr.t("not-me-done-next")) }
        },
    )
}

/// Why the button changed nothing (the link's own "unknown" page covers an unknown token).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotMeRefused {
    AlreadyStopped,
    Expired,
}

pub fn not_me_refused_page(ui: &Ui<'_>, why: NotMeRefused) -> Markup {
    let tr = &ui.tr;
    let (title, text) = match why {
        NotMeRefused::AlreadyStopped => ("not-me-already-title", "not-me-already-text"),
        NotMeRefused::Expired => ("not-me-expired-title", "not-me-expired-text"),
    };
    layout(
        ui,
        &tr.t(title),
        html! {
            p { (tr.t(text)) }
            (button_link("/login", &tr.t("start-again")))
        },
    )
}
