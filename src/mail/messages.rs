//! The sign-in email, as plain text and HTML (maud). Code near the top, never in the subject;
//! the link comes from `server.public_url` only (it was built when the request was accepted).
use super::{OutgoingEmail, SignInEmail};
use crate::i18n::Tr;
use maud::{html, DOCTYPE};
use time::OffsetDateTime;

pub struct Branding<'a> {
    pub product_name: &'a str,
    pub accent_color: &'a str,
}

pub fn sign_in_email(
    brand: &Branding<'_>,
    tr: &Tr<'_>,
    outbox_id: &str,
    recipient: &str,
    email: &SignInEmail,
) -> OutgoingEmail {
    let product = brand.product_name;
    let when = OffsetDateTime::from_unix_timestamp(email.requested_at)
        .map(|t| tr.on_date(t))
        .unwrap_or_default();
    let minutes = ((email.expires_at - email.requested_at) / 60).max(1);
    let subject = tr.format("mail-subject", &[("product", product.into())]);
    let origin = match &email.requested_by {
        Some(browser) => tr.format(
            "mail-requested-from",
            &[
                ("when", when.into()),
                ("browser", tr.browser(browser).into()),
            ],
        ),
        None => tr.format("mail-requested", &[("when", when.into())]),
    };
    let with_code = !email.code.is_empty();
    let intro = if with_code {
        tr.format("mail-code-intro", &[("product", product.into())])
    } else {
        tr.format("mail-link-only-intro", &[("product", product.into())])
    };
    let lifetime = |key| tr.format(key, &[("minutes", minutes.into())]);
    let lifetime_text = match (with_code, &email.link) {
        (true, Some(_)) => lifetime("mail-lifetime-both"),
        (true, None) => lifetime("mail-lifetime-code"),
        (false, _) => lifetime("mail-lifetime-link"),
    };
    let never_share = if with_code {
        tr.t("mail-never-share")
    } else {
        tr.t("mail-never-share-link")
    };
    let closing = format!("{} {never_share}", tr.t("mail-ignore"));
    let mut text = if with_code {
        format!("{intro}\n\n    {}\n\n", email.code)
    } else {
        format!("{intro}\n")
    };
    match (&email.link, with_code) {
        (Some(link), true) => text.push_str(&format!(
            "{}\n{link}\n\n{lifetime_text}\n\n",
            tr.t("mail-link-intro")
        )),
        (Some(link), false) => text.push_str(&format!("{link}\n\n{lifetime_text}\n\n")),
        (None, _) => text.push_str(&format!("{lifetime_text}\n\n")),
    }
    text.push_str(&format!(
        "{origin}\n{}\n{never_share}\n",
        tr.t("mail-ignore")
    ));
    // Last and small: the way out for whoever did not ask ("this wasn't me").
    if let Some(not_me) = &email.not_me {
        text.push_str(&format!("\n{}\n{not_me}\n", tr.t("mail-not-me")));
    }
    let body = html! {
                p { (intro) }
                @if with_code {
                    p style="font-size: 2rem; font-weight: 700; letter-spacing: 0.3rem; font-family: ui-monospace, monospace;" { (email.code) }
                }
                @if let Some(link) = &email.link {
                    p {
                        a href=(link) style={"display: inline-block; background: " (brand.accent_color) "; color: #fff; padding: 0.75rem 1.25rem; border-radius: 0.5rem; text-decoration: none;"} {
                            (tr.format("mail-button", &[("product", product.into())]))
                        }
                    }
                }
                p { (lifetime_text) }
                p style="color: #555; font-size: 0.9rem;" { (origin) " " (closing) }
                @if let Some(not_me) = &email.not_me {
                    p style="color: #555; font-size: 0.9rem;" {
                        a href=(not_me) style="color: #555;" { (tr.t("mail-not-me-link")) }
                    }
                }
    };
    OutgoingEmail {
        outbox_id: outbox_id.to_owned(),
        recipient: recipient.to_owned(),
        html: email_page(tr.lang(), &subject, body),
        subject,
        text,
    }
}

/// An email whose text someone else wrote (Kratos's templates): sent as text, and as HTML that
/// shows the same text (escaped).
pub fn plain_email(
    outbox_id: &str,
    recipient: &str,
    subject: String,
    text: String,
) -> OutgoingEmail {
    let body = html! { pre style="white-space: pre-wrap;" { (text) } };
    let html = email_page("en", &subject, body);
    OutgoingEmail {
        outbox_id: outbox_id.to_owned(),
        recipient: recipient.to_owned(),
        subject,
        text,
        html,
    }
}

/// The frame of every HTML email.
pub(super) fn email_page(lang: &str, subject: &str, body: maud::Markup) -> String {
    html! {
        (DOCTYPE)
        html lang=(lang) {
            head { meta charset="utf-8"; title { (subject) } }
            body style="font-family: system-ui, sans-serif; color: #1a1a1a; max-width: 32rem; margin: 0 auto; padding: 1.5rem;" {
                (body)
            }
        }
    }
    .into_string()
}
