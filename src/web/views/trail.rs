//! "Recent activity" on the account page: the account's newest trail events, newest first.
use super::layout::Ui;
use crate::domain::{TrailEvent, TrailKind};
use maud::{html, Markup};

/// The message key that says what an event was ("Signed in with a link").
fn what(kind: TrailKind) -> &'static str {
    match kind {
        TrailKind::EmailRequested => "trail-email-requested",
        TrailKind::SignedInWithLink => "trail-signed-in-link",
        TrailKind::SignedInWithCode => "trail-signed-in-code",
        TrailKind::WrongCode => "trail-wrong-code",
        TrailKind::SignedOut => "trail-signed-out",
        TrailKind::SignedOutEverywhereElse => "trail-signed-out-elsewhere",
        TrailKind::SignedOutEverywhere => "trail-signed-out-everywhere",
        TrailKind::SessionEnded => "trail-session-ended",
        TrailKind::NotMe => "trail-not-me",
        TrailKind::OperatorEndedSessions => "trail-operator-ended-sessions",
        TrailKind::OperatorLiftedBackOff => "trail-operator-lifted-back-off",
        TrailKind::AddressChanged => "trail-address-changed",
        TrailKind::AddressChangeUndone => "trail-address-change-undone",
    }
}

/// `None`: the trail could not be read (the rest of the page still works).
pub fn trail_section(ui: &Ui<'_>, events: Option<&[TrailEvent]>) -> Markup {
    let tr = &ui.tr;
    html! {
        section aria-labelledby="trail-title" {
            h2 id="trail-title" { (tr.t("trail-title")) }
            @match events {
                None => { p class="small" { (tr.t("trail-unavailable")) } }
                Some([]) => { p class="small" { (tr.t("trail-empty")) } }
                Some(events) => {
                    ol class="trail" {
                        @for event in events {
                            li {
                                span class="what" { (tr.t(what(event.kind))) }
                                span class="small" {
                                    (tr.when(event.at, ui.now)) " · "
                                    @if event.kind.by_operator() {
                                        (tr.t("trail-operator"))
                                    } @else {
                                        (tr.format("trail-from", &[
                                            ("browser", tr.browser(&event.browser).into()),
                                            ("ip", event.ip.clone().into()),
                                        ]))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Catalogue;

    #[test]
    fn every_kind_has_words_in_every_shipped_language() {
        let all = Catalogue::all().unwrap();
        for tag in crate::i18n::shipped_locales() {
            let tr = all.for_tag(Some(&tag));
            for kind in TrailKind::ALL {
                let key = what(kind);
                let text = tr.t(key);
                assert!(!text.is_empty() && text != key, "{tag}: {key} missing");
            }
        }
    }
}
