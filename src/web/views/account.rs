use super::components::{post_button, strong};
use super::layout::{layout, Ui};
use maud::{html, Markup};
use time::OffsetDateTime;

/// What the signed-in page shows.
pub struct SignedInView<'a> {
    pub email: &'a str,
    pub since: OffsetDateTime,
    /// Iris holds the sessions, so it can end the others.
    pub iris_sessions: bool,
    /// The other sessions were just ended.
    pub others_ended: bool,
    /// The account's recent activity, newest first (`None`: it could not be read).
    pub trail: Option<&'a [crate::domain::TrailEvent]>,
}

pub fn signed_in_page(ui: &Ui<'_>, csrf: &str, view: &SignedInView<'_>) -> Markup {
    let tr = &ui.tr;
    layout(
        ui,
        &tr.t("account-title"),
        html! {
            @if view.others_ended {
                p role="status" class="notice" { (tr.t("account-others-ended")) }
            }
            p { (tr.html("account-signed-in-as", &[], &[("email", strong(view.email))])) }
            p class="small" { (tr.format("account-since", &[("when", tr.when(view.since, ui.now).into())])) }
            (post_button("/logout", csrf, &[], &tr.t("account-sign-out"), true))
            @if view.iris_sessions {
                h2 { (tr.t("account-other-sessions")) }
                p class="small" { (tr.t("account-other-sessions-text")) }
                (post_button("/logout/others", csrf, &[], &tr.t("account-sign-out-others"), true))
                (post_button("/logout/everywhere", csrf, &[], &tr.t("account-sign-out-everywhere"), true))
            }
            (super::trail::trail_section(ui, view.trail))
        },
    )
}
