//! Pages as pure functions of small view models. Nothing here reads a request or the store;
//! every word comes from the message catalogue through `Ui::tr`.
mod account;
mod address;
mod check_email;
mod components;
mod error;
mod layout;
mod link;
mod login;
mod not_me;
mod oauth2;
mod trail;

pub use account::{signed_in_page, Ended, SignedInView};
pub use address::{
    address_done_page, address_problem_page, address_problem_text, change_check_page,
    change_confirm_page, change_page, undo_page, AddressDone, AddressProblem, ChangeCheckView,
    ChangeFormView, TokenPageView,
};
pub use check_email::{check_email_page, CheckEmailView};
pub use error::{
    error_page, kratos_error_page, mail_paused_page, too_many_page, ErrorView, KratosProblem,
};
pub use layout::{Brand, Ui};
pub use link::{confirm_page, link_problem_page, ConfirmView, LinkProblem};
pub use login::{login_page, LoginView};
pub use not_me::{
    not_me_done_page, not_me_page, not_me_refused_page, NotMeRefused, NotMeView, SessionsEnded,
};
pub use oauth2::{
    app_logout_page, app_problem_page, consent_page, continue_page, AppLogoutView, AppProblem,
    AppView, ConsentView, ScopeLine,
};

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use maud::Markup;

/// Marks responses that already carry an Iris page, so the error middleware leaves them alone.
#[derive(Debug, Clone, Copy)]
pub struct IrisPage;

pub fn page(status: StatusCode, markup: Markup) -> HttpResponse {
    let mut res = HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(markup.into_string());
    res.extensions_mut().insert(IrisPage);
    res
}
