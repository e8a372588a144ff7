//! The pages of an address change: the form, the new address's code and link, the old
//! address's undo, and what each did. GET shows; only a button (a POST) changes anything.
use super::components::{button_link, code_form, csrf_field, field_error, small_link, strong};
use super::layout::{layout, Ui};
use crate::domain::address_change::ChangeState;
use maud::{html, Markup};
use time::OffsetDateTime;

pub struct ChangeFormView<'a> {
    pub csrf: &'a str,
    /// The account's address now.
    pub current: &'a str,
    /// Signed in recently enough to change it (`session.reauth_after`).
    pub fresh: bool,
    /// As typed, after an error.
    pub value: &'a str,
    pub error: Option<&'a str>,
}

/// `GET /account/email`: the form, or first a fresh sign-in (a POST to `/login` for the
/// account's own address, coming back here).
pub fn change_page(ui: &Ui<'_>, v: &ChangeFormView<'_>) -> Markup {
    let tr = &ui.tr;
    let described = if v.error.is_some() {
        "email-error email-hint"
    } else {
        "email-hint"
    };
    layout(
        ui,
        &tr.t("address-title"),
        html! {
            p { (tr.html("address-current", &[], &[("email", strong(v.current))])) }
            @if v.fresh {
                form method="post" action="/account/email" novalidate {
                    (csrf_field(v.csrf))
                    label for="email" { (tr.t("address-new-label")) }
                    p class="hint" id="email-hint" { (tr.t("address-new-hint")) }
                    input id="email" name="email" type="email" autocomplete="email" inputmode="email"
                        required autofocus value=(v.value)
                        aria-invalid=(if v.error.is_some() { "true" } else { "false" })
                        aria-describedby=(described);
                    (field_error("email-error", v.error))
                    button type="submit" class="primary" { (tr.t("address-submit")) }
                }
            } @else {
                p class="notice" { (tr.t("address-reauth")) }
                form method="post" action="/login" {
                    (csrf_field(v.csrf))
                    input type="hidden" name="email" value=(v.current);
                    input type="hidden" name="return_to" value="/account/email";
                    button type="submit" class="primary" { (tr.t("address-reauth-submit")) }
                }
            }
            (small_link("/", &tr.t("address-back")))
        },
    )
}

pub struct ChangeCheckView<'a> {
    pub csrf: &'a str,
    pub masked_new: &'a str,
    pub code_error: Option<&'a str>,
    /// The change no longer takes a code: why.
    pub dead: Option<&'a str>,
}

/// `GET /account/email/check`: the code sent to the new address.
pub fn change_check_page(ui: &Ui<'_>, v: &ChangeCheckView<'_>) -> Markup {
    let tr = &ui.tr;
    layout(
        ui,
        &tr.t("address-check-title"),
        html! {
            p { (tr.html("address-check-sent", &[], &[("email", strong(v.masked_new))])) }
            @if let Some(dead) = v.dead {
                p class="field-error" role="alert" { (dead) }
            } @else {
                (code_form(tr, "/account/email/code", v.csrf, v.code_error, &tr.t("address-check-submit")))
            }
            (small_link("/account/email", &tr.t("address-another")))
        },
    )
}

/// What a token page asks: the new address's "make this my address?" or the old address's
/// "undo the change?".
pub struct TokenPageView<'a> {
    pub csrf: &'a str,
    pub token: &'a str,
    pub masked_new: &'a str,
    pub requested_at: OffsetDateTime,
    /// `i18n::browser_record`.
    pub requested_by: &'a str,
}

/// `GET /account/email/confirm?token=…`.
pub fn change_confirm_page(ui: &Ui<'_>, v: &TokenPageView<'_>) -> Markup {
    let keys = [
        "address-confirm-title",
        "address-confirm-question",
        "address-confirm-submit",
    ];
    token_page(ui, v, keys, "/account/email/confirm")
}

/// `GET /account/email/undo?token=…`.
pub fn undo_page(ui: &Ui<'_>, v: &TokenPageView<'_>) -> Markup {
    let keys = [
        "address-undo-title",
        "address-undo-question",
        "address-undo-submit",
    ];
    token_page(ui, v, keys, "/account/email/undo")
}

/// `keys`: the page's title, question and button.
fn token_page(ui: &Ui<'_>, v: &TokenPageView<'_>, keys: [&str; 3], action: &str) -> Markup {
    let [title, question, submit] = keys;
    let tr = &ui.tr;
    let requested = tr.format(
        "address-requested",
        &[
            ("when", tr.when(v.requested_at, ui.now).into()),
            ("browser", tr.browser(v.requested_by).into()),
        ],
    );
    layout(
        ui,
        &tr.t(title),
        html! {
            p { (tr.html(question, &[], &[("email", strong(v.masked_new))])) }
            p class="small" { (requested) }
            form method="post" action=(action) {
                (csrf_field(v.csrf))
                input type="hidden" name="token" value=(v.token);
                button type="submit" class="primary" { (tr.t(submit)) }
            }
        },
    )
}

/// What a change or an undo did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressDone {
    /// Changed from a browser not signed in to the account: every session ended.
    Changed,
    /// Undone: the old address is back, every session ended.
    Undone,
}

pub fn address_done_page(ui: &Ui<'_>, done: AddressDone, email: &str) -> Markup {
    let tr = &ui.tr;
    let (title, text, next, label) = match done {
        AddressDone::Changed => (
            "address-done-title",
            "address-done-elsewhere",
            "/login",
            "address-sign-in",
        ),
        AddressDone::Undone => (
            "address-undone-title",
            "address-undone-text",
            "/login",
            "address-sign-in",
        ),
    };
    layout(
        ui,
        &tr.t(title),
        html! {
            p { (tr.html(text, &[], &[("email", strong(email))])) }
            (button_link(next, &tr.t(label)))
        },
    )
}

/// Why a change's link, code or undo no longer works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressProblem {
    Unknown,
    State(ChangeState),
    /// Another account has the address the change (or undo) would give this one.
    Taken,
}

/// The message for a problem, as its page and the code page say it.
pub fn address_problem_text(ui: &Ui<'_>, problem: AddressProblem) -> String {
    let key = match problem {
        AddressProblem::Unknown => "address-problem-unknown",
        AddressProblem::Taken => "address-problem-taken",
        AddressProblem::State(ChangeState::Pending) => "address-problem-unknown",
        AddressProblem::State(ChangeState::Confirmed) => "address-problem-confirmed",
        AddressProblem::State(ChangeState::Reverted) => "address-problem-reverted",
        AddressProblem::State(ChangeState::Expired) => "address-problem-expired",
        AddressProblem::State(ChangeState::Superseded) => "address-problem-superseded",
        AddressProblem::State(ChangeState::TooManyAttempts) => "address-problem-too-many",
    };
    ui.tr.t(key)
}

pub fn address_problem_page(ui: &Ui<'_>, problem: AddressProblem) -> Markup {
    let tr = &ui.tr;
    layout(
        ui,
        &tr.t("address-problem-title"),
        html! {
            p { (address_problem_text(ui, problem)) }
            (button_link("/", &tr.t("address-back")))
        },
    )
}
