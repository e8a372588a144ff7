use super::components::{post_button, strong};
use super::layout::{layout, Ui};
use maud::{html, Markup};
use time::OffsetDateTime;

pub fn signed_in_page(ui: &Ui<'_>, csrf: &str, email: &str, since: OffsetDateTime) -> Markup {
    let tr = &ui.tr;
    layout(
        ui,
        &tr.t("account-title"),
        html! {
            p { (tr.html("account-signed-in-as", &[], &[("email", strong(email))])) }
            p class="small" { (tr.format("account-since", &[("when", tr.when(since, ui.now).into())])) }
            (post_button("/logout", csrf, &[], &tr.t("account-sign-out"), true))
        },
    )
}
