use super::components::button_link;
use super::layout::{layout, Ui};
use actix_web::http::StatusCode;
use maud::{html, Markup};

pub struct ErrorView<'a> {
    pub status: StatusCode,
    pub request_id: Option<&'a str>,
}

/// The page for every error status: a plain explanation, a way forward, the request id.
/// Never the cause: that goes to the log (SECURITY.md item 38).
pub fn error_page(ui: &Ui<'_>, v: &ErrorView<'_>) -> Markup {
    if v.status == StatusCode::TOO_MANY_REQUESTS {
        // Limits that do not say how long (the per-IP one does, through `too_many_page`).
        return too_many_page(ui, 0);
    }
    let tr = &ui.tr;
    let (title, text) = match v.status.as_u16() {
        400 => ("error-400-title", "error-400-text"),
        403 => ("error-403-title", "error-403-text"),
        404 => ("error-404-title", "error-404-text"),
        405 => ("error-405-title", "error-405-text"),
        413 => ("error-413-title", "error-413-text"),
        415 => ("error-415-title", "error-415-text"),
        503 => ("error-503-title", "error-503-text"),
        _ => ("error-other-title", "error-other-text"),
    };
    layout(
        ui,
        &tr.t(title),
        html! {
            p { (tr.t(text)) }
            (button_link("/login", &tr.t("go-to-sign-in")))
            (request_id_line(ui, v.request_id))
        },
    )
}

fn request_id_line(ui: &Ui<'_>, id: Option<&str>) -> Markup {
    html! {
        @if let Some(id) = id {
            p class="small" { (ui.tr.html("request-id", &[], &[("id", html! { code { (id) } })])) }
        }
    }
}

/// 429: how long to wait is the one thing the page must say.
pub fn too_many_page(ui: &Ui<'_>, retry_after: u64) -> Markup {
    let tr = &ui.tr;
    layout(
        ui,
        &tr.t("too-many-title"),
        html! {
            p { (tr.format("too-many-text", &[("wait", tr.wait(retry_after).into())])) }
            (button_link("/login", &tr.t("back-to-sign-in")))
        },
    )
}

/// Today's email budget (`limits.emails_per_day`) is spent. Every address gets this page alike,
/// so it says nothing about accounts.
pub fn mail_paused_page(ui: &Ui<'_>, retry_after: u64) -> Markup {
    let tr = &ui.tr;
    layout(
        ui,
        &tr.t("paused-title"),
        html! {
            p { (tr.format("paused-text", &[("wait", tr.wait(retry_after).into())])) }
            p { (tr.t("paused-still-works")) }
            (button_link("/login", &tr.t("back-to-sign-in")))
        },
    )
}

/// What an error Kratos reported means, by its error id: Kratos's own (English) text never
/// reaches the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KratosProblem {
    Csrf,
    Expired,
    ReturnToForbidden,
    AlreadySignedIn,
    Disabled,
    Other,
}

impl KratosProblem {
    pub fn from_id(id: Option<&str>) -> KratosProblem {
        match id {
            Some("security_csrf_violation") => KratosProblem::Csrf,
            Some("self_service_flow_expired") => KratosProblem::Expired,
            Some("self_service_flow_return_to_forbidden") => KratosProblem::ReturnToForbidden,
            Some("session_already_available") => KratosProblem::AlreadySignedIn,
            Some("self_service_flow_disabled") => KratosProblem::Disabled,
            _ => KratosProblem::Other,
        }
    }

    fn key(self) -> Option<&'static str> {
        match self {
            KratosProblem::Csrf => Some("kratos-error-csrf"),
            KratosProblem::Expired => Some("kratos-error-expired"),
            KratosProblem::ReturnToForbidden => Some("kratos-error-return-to"),
            KratosProblem::AlreadySignedIn => Some("kratos-error-signed-in"),
            KratosProblem::Disabled => Some("kratos-error-disabled"),
            KratosProblem::Other => None,
        }
    }
}

/// An error Kratos reported (`/error?id=`), in Iris's words.
pub fn kratos_error_page(ui: &Ui<'_>, problem: KratosProblem, request_id: Option<&str>) -> Markup {
    let tr = &ui.tr;
    layout(
        ui,
        &tr.t("kratos-error-title"),
        html! {
            @if let Some(key) = problem.key() {
                p { (tr.t(key)) }
            }
            p { (tr.t("kratos-error-text")) }
            (button_link("/login", &tr.t("go-to-sign-in")))
            (request_id_line(ui, request_id))
        },
    )
}
