//! Every page and state a person can meet, checked with axe-core (WCAG 2.0, 2.1 and 2.2, levels
//! A and AA) in the light and dark colour schemes, at 320 px and 1280 px wide: zero violations.
//! (`Chrome::audit` prints each variant's count.) States other tests reach on their way are
//! audited there, where the page is open already: the confirm page in another browser, "We sent
//! you a new email" and the replaced link (`magic_link`), the German email entry and inbox
//! (`language`), the 403 of a form posted from another site (`third_party`), and Kratos's
//! pages (`kratos_code`; `kratos_recovery`: its link and code pages, wrong code included, and
//! the inbox, confirm and signed-in pages of Iris's email ending in a Kratos session).
use crate::chrome::{Chrome, Options};
use crate::helpers::*;
use fantoccini::key::Key;
use std::time::Duration;

/// The pages of signing in: the form and its error, the inbox and a wrong code, the confirm
/// page, signed in, and links that are used, expired or dead after too many wrong codes.
#[tokio::test]
async fn every_sign_in_page_has_no_accessibility_violations() {
    let app = spawn_app().await;
    let chrome = Chrome::start("a11y-sign-in", Options::default()).await;
    let mut found = vec![];

    chrome
        .open(&format!("{}/login", app.address), "email-entry")
        .await;
    chrome.audit("email-entry", &mut found).await;
    chrome.type_into("#email", "not an address").await;
    chrome.press(Key::Enter, "email-error").await;
    assert!(chrome.text().await.contains("Enter only the email address"));
    chrome.audit("email-error", &mut found).await;

    let mail = chrome.ask_for_email(&app, "a11y@example.com").await;
    chrome.audit("check-your-inbox", &mut found).await;
    chrome.type_into("#code", mail.wrong_code()).await;
    chrome.press(Key::Enter, "wrong-code").await;
    assert!(chrome.text().await.contains("That code isn't right"));
    chrome.audit("wrong-code", &mut found).await;

    chrome.open(&mail.link(), "confirm").await;
    chrome.audit("confirm", &mut found).await;
    chrome
        .click("form[action='/login/link'] button", "signed-in")
        .await;
    assert_eq!(chrome.path().await, "/");
    chrome.audit("signed-in", &mut found).await;
    chrome.open(&mail.link(), "used-link").await;
    assert!(chrome.heading().await.contains("already used"));
    chrome.audit("used-link", &mut found).await;
    chrome
        .open(&format!("{}/", app.address), "signed-in-again")
        .await;
    chrome
        .click("form[action='/logout'] button", "signed-out")
        .await;

    let mail = chrome.ask_for_email(&app, "late@example.com").await;
    app.clock.advance(time::Duration::minutes(11));
    chrome.open(&mail.link(), "expired-link").await;
    assert!(chrome.heading().await.contains("expired"));
    chrome.audit("expired-link", &mut found).await;

    let mail = chrome.ask_for_email(&app, "guess@example.com").await;
    for attempt in 0..5 {
        chrome.type_into("#code", mail.wrong_code()).await;
        chrome
            .press(Key::Enter, &format!("wrong-code-{attempt}"))
            .await;
    }
    assert!(chrome.text().await.contains("Too many wrong codes"));
    chrome.audit("too-many-attempts", &mut found).await;
    chrome.open(&mail.link(), "too-many-link").await;
    chrome.audit("too-many-attempts-link", &mut found).await;

    assert!(found.is_empty(), "{found:#?}");
    chrome.close().await;
}

/// The pages of refusals and failures: 429, paused, 404, 503 and Kratos's error page.
#[tokio::test]
async fn every_error_page_has_no_accessibility_violations() {
    let app = spawn_app_with(
        |s| {
            s.limits.emails_per_day = 2;
            s.limits.email_per_hour = 1;
            // Short enough to be quick, long enough to open the database on a loaded CI machine.
            s.store.timeout = Duration::from_secs(2);
        },
        &[],
    )
    .await;
    let chrome = Chrome::start("a11y-errors", Options::default()).await;
    let mut found = vec![];

    chrome.ask_for_email(&app, "limited@example.com").await;
    // The same address again after the cooldown: its hourly budget (1 here) is spent.
    app.clock.advance(time::Duration::seconds(61));
    chrome
        .submit_email(&app, "limited@example.com", "too-many-requests")
        .await;
    assert!(
        chrome.heading().await.contains("Too many"),
        "{}",
        chrome.text().await
    );
    chrome.audit("too-many-requests", &mut found).await;

    chrome.ask_for_email(&app, "second@example.com").await;
    chrome
        .submit_email(&app, "third@example.com", "paused")
        .await;
    assert!(
        chrome.heading().await.contains("paused"),
        "{}",
        chrome.text().await
    );
    chrome.audit("paused", &mut found).await;

    chrome
        .open(&format!("{}/no-such-page", app.address), "not-found")
        .await;
    chrome.audit("not-found", &mut found).await;
    chrome
        .open(&format!("{}/error?id=unknown", app.address), "kratos-error")
        .await;
    chrome.audit("kratos-error", &mut found).await;

    chrome
        .open(&format!("{}/login", app.address), "email-entry")
        .await;
    let lock = WriteLock::take(&app.data.path().join("iris.db"));
    chrome.type_into("#email", "busy@example.com").await;
    chrome.press(Key::Enter, "unavailable").await;
    assert!(chrome.heading().await.contains("unavailable"));
    chrome.audit("unavailable", &mut found).await;
    lock.release();

    assert!(found.is_empty(), "{found:#?}");
    chrome.close().await;
}
