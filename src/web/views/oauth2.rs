//! The pages of an application's sign-in through Ory Hydra: which application asks (on the
//! email page), consent, sign-out, the hand-over back to the application, and what is said
//! when a request can no longer be finished.
use super::components::{csrf_field, strong};
use super::layout::{layout, Ui};
use maud::{html, Markup};

/// The application a page speaks for.
pub struct AppView<'a> {
    pub name: &'a str,
    /// An https logo (`oauth2::logo`).
    pub logo: Option<&'a str>,
}

/// "To continue to <app>", above the email form.
pub fn app_banner(ui: &Ui<'_>, app: &AppView<'_>) -> Markup {
    html! {
        div class="app" {
            @if let Some(logo) = app.logo {
                // Decorative: the name beside it says the same.
                img src=(logo) alt="" width="32" height="32";
            }
            p { (ui.tr.html("app-continue-to", &[], &[("app", strong(app.name))])) }
        }
    }
}

/// One requested scope as the consent page lists it: its words (or its name), and whether the
/// person may leave it out.
pub struct ScopeLine<'a> {
    pub scope: &'a str,
    /// The catalogue key with its words (`oauth2::scopes::scope_key`).
    pub key: Option<&'static str>,
    pub required: bool,
}

pub struct ConsentView<'a> {
    pub csrf: &'a str,
    pub challenge: &'a str,
    pub app: AppView<'a>,
    /// The address the application would learn, when it asks for it.
    pub email: Option<&'a str>,
    pub scopes: &'a [ScopeLine<'a>],
}

/// What the application asks for, each in plain words, with Allow and Deny. Scopes the
/// person may leave out are checkboxes, ticked; the decision may be remembered.
pub fn consent_page(ui: &Ui<'_>, v: &ConsentView<'_>) -> Markup {
    let tr = &ui.tr;
    let title = tr.format("consent-title", &[("app", v.app.name.into())]);
    layout(
        ui,
        &title,
        html! {
            @if let Some(logo) = v.app.logo {
                p { img src=(logo) alt="" width="48" height="48"; }
            }
            @if let Some(email) = v.email {
                p { (tr.html("consent-as", &[], &[("email", strong(email))])) }
            }
            form method="post" action="/consent" {
                (csrf_field(v.csrf))
                input type="hidden" name="consent_challenge" value=(v.challenge);
                fieldset {
                    legend { (tr.format("consent-asks", &[("app", v.app.name.into())])) }
                    ul class="scopes" {
                        @for (i, line) in v.scopes.iter().enumerate() {
                            @let words = match line.key {
                                Some(key) => tr.t(key),
                                None => tr.format("scope-other", &[("scope", line.scope.into())]),
                            };
                            li {
                                @if line.required {
                                    (words)
                                } @else {
                                    @let id = format!("scope-{i}");
                                    input type="checkbox" id=(id) name="grant_scope"
                                        value=(line.scope) checked;
                                    label for=(id) { (words) }
                                }
                            }
                        }
                    }
                }
                p class="check" {
                    input type="checkbox" id="remember" name="remember" value="1";
                    label for="remember" { (tr.t("consent-remember")) }
                }
                div class="decision" {
                    button type="submit" name="decision" value="allow" class="primary" {
                        (tr.t("consent-allow"))
                    }
                    button type="submit" name="decision" value="deny" class="secondary" {
                        (tr.t("consent-deny"))
                    }
                }
            }
            p class="small" { (tr.t("consent-later")) }
        },
    )
}

pub struct AppLogoutView<'a> {
    pub csrf: &'a str,
    pub challenge: &'a str,
    /// The application that asked, when one did (a logout may also start at Hydra itself).
    pub app: Option<&'a str>,
}

/// "Sign out of <app>?": GET shows it and changes nothing; only a button does anything.
pub fn app_logout_page(ui: &Ui<'_>, v: &AppLogoutView<'_>) -> Markup {
    let tr = &ui.tr;
    let title = match v.app {
        Some(app) => tr.format("app-logout-title", &[("app", app.into())]),
        None => tr.t("app-logout-title-plain"),
    };
    layout(
        ui,
        &title,
        html! {
            p { (tr.format("app-logout-text", &[("product", ui.brand.product_name.as_str().into())])) }
            form method="post" action="/logout/app" {
                (csrf_field(v.csrf))
                input type="hidden" name="logout_challenge" value=(v.challenge);
                div class="decision" {
                    button type="submit" name="decision" value="accept" class="primary" autofocus {
                        (tr.t("app-logout-yes"))
                    }
                    button type="submit" name="decision" value="reject" class="secondary" {
                        (tr.t("app-logout-no"))
                    }
                }
            }
        },
    )
}

/// The hand-over to Hydra after a form: a page that moves on by itself (`Refresh`, no
/// script) with a link in case it does not. A form's redirect to another origin would be
/// checked against `form-action 'self'` by the browser and refused; a refresh is not a form.
pub fn continue_page(ui: &Ui<'_>, app: Option<&str>, to: &str) -> Markup {
    let tr = &ui.tr;
    let title = match app {
        Some(app) => tr.format("app-continuing", &[("app", app.into())]),
        None => tr.t("app-continuing-plain"),
    };
    layout(
        ui,
        &title,
        html! {
            p role="status" { (tr.t("app-continuing-text")) }
            p { a class="button primary" href=(to) { (tr.t("app-continue")) } }
        },
    )
}

/// Why an application's request cannot be finished here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppProblem {
    /// Hydra no longer knows the request (expired, used, or never its).
    Gone,
    /// The page was opened without a request at all.
    Missing,
    /// Signed in, but the application's request expired meanwhile.
    SignedInButGone,
    /// Signed in here, in a browser that did not start the application's sign-in.
    SignedInElsewhere,
}

pub fn app_problem_page(ui: &Ui<'_>, problem: AppProblem, app: Option<&str>) -> Markup {
    let tr = &ui.tr;
    let app = app.map_or_else(|| tr.t("app-the-app"), str::to_owned);
    let (title, text) = match problem {
        AppProblem::Gone => ("app-gone-title", "app-gone-text"),
        AppProblem::Missing => ("app-missing-title", "app-gone-text"),
        AppProblem::SignedInButGone => ("app-signed-in-gone-title", "app-gone-text"),
        AppProblem::SignedInElsewhere => ("app-signed-in-here-title", "app-signed-in-here-text"),
    };
    layout(
        ui,
        &tr.t(title),
        html! {
            p { (tr.format(text, &[("app", app.as_str().into())])) }
        },
    )
}
