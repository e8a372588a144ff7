//! The sign-in email, as plain text and HTML (maud). Code near the top, never in the subject;
//! the link comes from `server.public_url` only (it was built when the request was accepted).
use super::{OutgoingEmail, SignInEmail};
use maud::{html, DOCTYPE};
use time::format_description::well_known::Rfc2822;
use time::OffsetDateTime;

pub struct Branding<'a> {
    pub product_name: &'a str,
    pub accent_color: &'a str,
}

pub fn sign_in_email(
    brand: &Branding<'_>,
    outbox_id: &str,
    recipient: &str,
    email: &SignInEmail,
) -> OutgoingEmail {
    let product = brand.product_name;
    let when = OffsetDateTime::from_unix_timestamp(email.requested_at)
        .ok()
        .and_then(|t| t.format(&Rfc2822).ok())
        .unwrap_or_default();
    let minutes = ((email.expires_at - email.requested_at) / 60).max(1);
    let subject = format!("Sign in to {product}");
    let origin = match &email.requested_by {
        Some(browser) => format!("This was requested on {when} from {browser}."),
        None => format!("This was requested on {when}."),
    };
    let mut text = format!("Your {product} sign-in code is:\n\n    {}\n\n", email.code);
    match &email.link {
        Some(link) => text.push_str(&format!(
            "Or open this link to sign in:\n{link}\n\nThe code and link work once, for {minutes} minutes.\n\n"
        )),
        None => text.push_str(&format!(
            "Enter it on the sign-in page. It works once, for {minutes} minutes.\n\n"
        )),
    }
    text.push_str(&format!(
        "{origin}\nIf this wasn't you, ignore this email: nobody can sign in without it.\n\
         Never share this code with anyone.\n"
    ));
    let body = html! {

                p { "Your " (product) " sign-in code is:" }
                p style="font-size: 2rem; font-weight: 700; letter-spacing: 0.3rem; font-family: ui-monospace, monospace;" { (email.code) }
                @if let Some(link) = &email.link {
                    p {
                        a href=(link) style={"display: inline-block; background: " (brand.accent_color) "; color: #fff; padding: 0.75rem 1.25rem; border-radius: 0.5rem; text-decoration: none;"} {
                            "Sign in to " (product)
                        }
                    }
                    p { "The code and link work once, for " (minutes) " minutes." }
                } @else {
                    p { "Enter it on the sign-in page. It works once, for " (minutes) " minutes." }
                }
                p style="color: #555; font-size: 0.9rem;" {
                    (origin) " "
                    "If this wasn't you, ignore this email: nobody can sign in without it. "
                    "Never share this code with anyone."
                }
    };
    OutgoingEmail {
        outbox_id: outbox_id.to_owned(),
        recipient: recipient.to_owned(),
        html: email_page(&subject, body),
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
    let html = email_page(&subject, body);
    OutgoingEmail {
        outbox_id: outbox_id.to_owned(),
        recipient: recipient.to_owned(),
        subject,
        text,
        html,
    }
}

/// The frame of every HTML email.
fn email_page(subject: &str, body: maud::Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head { meta charset="utf-8"; title { (subject) } }
            body style="font-family: system-ui, sans-serif; color: #1a1a1a; max-width: 32rem; margin: 0 auto; padding: 1.5rem;" {
                (body)
            }
        }
    }
    .into_string()
}
