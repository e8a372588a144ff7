//! "I didn't ask for this" as the person who got the email uses it: the second link of a real
//! email, opened in Chromium, its button pressed. Both pages pass axe.
use crate::chrome::{Chrome, Options};
use crate::helpers::*;

/// Someone else asked for an email to the address and signed in with its code; its recipient
/// opens "I didn't ask for this" and stops it: the intruder's session ends, nobody is signed in
/// in Chromium, and the email's link no longer works.
#[tokio::test]
async fn the_recipient_stops_an_email_and_the_session_made_with_it_ends() {
    let app = spawn_app().await;
    let intruder = app.browser();
    let mail = app.request_email(&intruder, "victim@example.com").await;
    assert_eq!(intruder.enter_code(&mail.code()).await.status, 303);
    assert_eq!(intruder.whoami().await.0, 200);

    let chrome = Chrome::start("not-me", Options::default()).await;
    let mut found = vec![];
    chrome.open(&mail.not_me_link(), "not-me").await;
    let text = chrome.text().await;
    assert!(
        text.contains("Someone asked to sign in to v***@example.com"),
        "{text}"
    );
    assert!(text.contains("Firefox on Linux"), "{text}");
    chrome.audit("not-me", &mut found).await;
    // Opening it changed nothing: the intruder is still in.
    assert_eq!(intruder.whoami().await.0, 200);

    chrome
        .click("form[action='/login/not-me'] button", "not-me-stopped")
        .await;
    let text = chrome.text().await;
    assert!(
        chrome.heading().await.contains("This email is stopped"),
        "{text}"
    );
    assert!(
        text.contains("Someone had already signed in with it. That session has been signed out."),
        "{text}"
    );
    chrome.audit("not-me-stopped", &mut found).await;
    assert_eq!(intruder.whoami().await.0, 401, "the intruder is signed out");

    chrome
        .open(&format!("{}/", app.address), "not-signed-in")
        .await;
    assert_eq!(chrome.path().await, "/login", "stopping signs nobody in");
    chrome.open(&mail.link(), "stopped-link").await;
    assert!(
        chrome.heading().await.contains("This email was stopped"),
        "{}",
        chrome.text().await
    );
    chrome.audit("stopped-link", &mut found).await;
    assert!(found.is_empty(), "axe: {found:#?}");
    chrome.close().await;
}
