//! The two emails of an address change: to the new address, its code and link; to the old
//! one, once the change is done, a notice with the link that undoes it.
use super::messages::{email_page, Branding};
use super::OutgoingEmail;
use crate::i18n::Tr;
use maud::html;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeEmailKind {
    /// To the new address: prove it.
    Confirm,
    /// To the old address: it was changed; undo?
    Notice,
}

/// The sealed payload of either email.
#[derive(Debug, Serialize, Deserialize)]
pub struct AddressChangeEmail {
    pub address_change: ChangeEmailKind,
    /// Confirm: the new address's link; notice: the undo link.
    pub link: String,
    /// Confirm only.
    #[serde(default)]
    pub code: String,
    pub requested_at: i64,
    /// `i18n::browser_record` of the browser that asked.
    pub requested_by: String,
    /// Confirm: minutes its link and code work; notice: days its undo link works.
    pub lifetime: i64,
    /// Notice: the new address, masked.
    #[serde(default)]
    pub new_email: String,
    pub locale: String,
}

pub fn address_change_email(
    brand: &Branding<'_>,
    tr: &Tr<'_>,
    outbox_id: &str,
    recipient: &str,
    email: &AddressChangeEmail,
) -> OutgoingEmail {
    let product = brand.product_name;
    let when = OffsetDateTime::from_unix_timestamp(email.requested_at)
        .map(|t| tr.on_date(t))
        .unwrap_or_default();
    let origin = tr.format(
        "mail-change-requested",
        &[
            ("when", when.into()),
            ("browser", tr.browser(&email.requested_by).into()),
        ],
    );
    let button = |label: String| {
        html! {
            p {
                a href=(email.link) style={"display: inline-block; background: " (brand.accent_color) "; color: #fff; padding: 0.75rem 1.25rem; border-radius: 0.5rem; text-decoration: none;"} {
                    (label)
                }
            }
        }
    };
    let (subject, text, body) = match email.address_change {
        ChangeEmailKind::Confirm => {
            let subject = tr.format("mail-change-subject", &[("product", product.into())]);
            let intro = tr.format("mail-change-intro", &[("product", product.into())]);
            let lifetime = tr.format(
                "mail-change-lifetime",
                &[("minutes", email.lifetime.into())],
            );
            let ignore = tr.t("mail-change-ignore");
            let text = format!(
                "{intro}\n\n    {}\n\n{}\n{}\n\n{lifetime}\n\n{origin}\n{ignore}\n",
                email.code,
                tr.t("mail-change-link-intro"),
                email.link,
            );
            let body = html! {
                p { (intro) }
                p style="font-size: 2rem; font-weight: 700; letter-spacing: 0.3rem; font-family: ui-monospace, monospace;" { (email.code) }
                (button(tr.t("mail-change-button")))
                p { (lifetime) }
                p style="color: #555; font-size: 0.9rem;" { (origin) " " (ignore) }
            };
            (subject, text, body)
        }
        ChangeEmailKind::Notice => {
            let subject = tr.format("mail-notice-subject", &[("product", product.into())]);
            let changed = tr.format(
                "mail-notice-text",
                &[
                    ("product", product.into()),
                    ("email", email.new_email.as_str().into()),
                ],
            );
            let if_you = tr.t("mail-notice-if-you");
            let if_not = tr.format("mail-notice-if-not", &[("days", email.lifetime.into())]);
            let text = format!(
                "{changed} {origin}\n\n{if_you}\n\n{if_not}\n{}\n",
                email.link
            );
            let body = html! {
                p { (changed) " " (origin) }
                p { (if_you) }
                p { (if_not) }
                (button(tr.t("mail-notice-button")))
            };
            (subject, text, body)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::{OutboxPayload, SignInEmail};

    /// Outbox payloads are untagged: each kind must read back as itself, and a sign-in email
    /// never as an address change (nor the other way round).
    #[test]
    fn payloads_read_back_as_what_they_are() {
        let change = OutboxPayload::AddressChange(AddressChangeEmail {
            address_change: ChangeEmailKind::Notice,
            link: "https://id.example.com/account/email/undo?token=t".into(),
            code: String::new(),
            requested_at: 1,
            requested_by: "Firefox|Linux".into(),
            lifetime: 7,
            new_email: "n***@example.com".into(),
            locale: "en".into(),
        });
        let sign_in = OutboxPayload::SignIn(SignInEmail {
            link: Some("https://id.example.com/login/link?token=t".into()),
            not_me: Some("https://id.example.com/login/not-me?token=t".into()),
            code: "123456".into(),
            requested_at: 1,
            requested_by: None,
            expires_at: 2,
            locale: None,
        });
        let round = |p: &OutboxPayload| {
            serde_json::from_slice::<OutboxPayload>(&serde_json::to_vec(p).unwrap()).unwrap()
        };
        assert!(matches!(
            round(&change),
            OutboxPayload::AddressChange(AddressChangeEmail {
                address_change: ChangeEmailKind::Notice,
                ..
            })
        ));
        assert!(matches!(round(&sign_in), OutboxPayload::SignIn(_)));
    }
}
