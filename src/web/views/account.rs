use super::components::{csrf_field, post_button, small_link, strong};
use super::layout::{layout, Ui};
use crate::sign_in::{ActiveSession, Method};
use maud::{html, Markup};
use time::OffsetDateTime;

/// What the signed-in page shows.
pub struct SignedInView<'a> {
    pub email: &'a str,
    pub since: OffsetDateTime,
    /// The account's live sessions, this one first (empty when the holder could not say).
    pub sessions: &'a [ActiveSession],
    /// The sessions can be ended from here (Iris holds them, or Kratos lets the browser).
    pub can_end: bool,
    /// What was just done, if anything (a notice; GET changes nothing).
    pub ended: Option<Ended>,
    /// Iris holds the account, so its address can be changed here.
    pub can_change_address: bool,
    /// The account's recent activity, newest first (`None`: it could not be read).
    pub trail: Option<&'a [crate::domain::TrailEvent]>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    One,
    Others,
    /// The address changed; the other sessions ended with it.
    Address,
}

pub fn signed_in_page(ui: &Ui<'_>, csrf: &str, view: &SignedInView<'_>) -> Markup {
    let tr = &ui.tr;
    layout(
        ui,
        &tr.t("account-title"),
        html! {
            @match view.ended {
                Some(Ended::Others) => p role="status" class="notice" { (tr.t("account-others-ended")) },
                Some(Ended::One) => p role="status" class="notice" { (tr.t("account-session-ended")) },
                Some(Ended::Address) => p role="status" class="notice" { (tr.t("account-address-changed")) },
                None => {},
            }
            p { (tr.html("account-signed-in-as", &[], &[("email", strong(view.email))])) }
            p class="small" { (tr.format("account-since", &[("when", tr.when(view.since, ui.now).into())])) }
            (post_button("/logout", csrf, &[], &tr.t("account-sign-out"), true))
            @if view.can_change_address {
                (small_link("/account/email", &tr.t("account-change-address")))
            } @else {
                // Kratos holds the identity, and its own way would move it unproven
                // (docs/approaches.md, "Changing the address").
                p class="small" { (tr.t("account-address-fixed")) }
            }
            @if !view.sessions.is_empty() {
                h2 { (tr.t("account-sessions")) }
                ul class="sessions" {
                    @for (i, s) in view.sessions.iter().enumerate() {
                        (session_item(ui, csrf, i, s, view.can_end))
                    }
                }
                @if view.sessions.iter().all(|s| s.current) {
                    p class="small" { (tr.t("account-no-other-sessions")) }
                }
            }
            @if view.can_end {
                p class="small" { (tr.t("account-other-sessions-text")) }
                (post_button("/logout/others", csrf, &[], &tr.t("account-sign-out-others"), true))
                (post_button("/logout/everywhere", csrf, &[], &tr.t("account-sign-out-everywhere"), true))
            }
            (super::trail::trail_section(ui, view.trail))
        },
    )
}

/// One session: which browser, from where, since when, last used; and its own sign-out
/// (the current one signs out with the page's main button).
fn session_item(ui: &Ui<'_>, csrf: &str, i: usize, s: &ActiveSession, can_end: bool) -> Markup {
    let tr = &ui.tr;
    let label = format!("session-{i}");
    html! {
        li {
            p id=(label) {
                strong { (tr.browser_title(s.browser.as_deref())) }
                @if s.current { " " span class="tag" { (tr.t("account-this-browser")) } }
            }
            p class="small" {
                (started(ui, s))
                @if let Some(seen) = s.last_seen {
                    " " (tr.format("account-session-last-seen", &[("when", tr.when(stamp(seen), ui.now).into())]))
                }
                @if let Some(ip) = &s.ip {
                    " " (tr.format("account-session-network", &[("ip", ip.as_str().into())]))
                }
            }
            @if can_end && !s.current {
                form method="post" action="/logout/session" class="inline" {
                    (csrf_field(csrf))
                    input type="hidden" name="session" value=(s.id);
                    button type="submit" class="secondary" aria-describedby=(label) {
                        (tr.t("account-session-sign-out"))
                    }
                }
            }
        }
    }
}

fn started(ui: &Ui<'_>, s: &ActiveSession) -> String {
    let tr = &ui.tr;
    let when = tr.when(stamp(s.started_at), ui.now);
    let key = match s.how {
        Some(Method::Link) => "account-session-by-link",
        Some(Method::Code) => "account-session-by-code",
        None => "account-since",
    };
    tr.format(key, &[("when", when.into())])
}

fn stamp(unix: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}
