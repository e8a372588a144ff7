//! Every page and state a person can meet, checked with axe-core (WCAG 2.0, 2.1 and 2.2, levels
//! A and AA) in the light and dark colour schemes, at 320 px and 1280 px wide: zero violations.
//! Each variant's count is printed (`axe: <page> <scheme> <width>px: N …`), so a run shows the
//! state of every page, not only the first failure.
use crate::chrome::{Chrome, Options};
use crate::helpers::*;
use fantoccini::key::Key;
use std::time::Duration;

/// The violations found on the current page, in all four variants.
async fn audit(chrome: &Chrome, page: &str, found: &mut Vec<String>) {
    for dark in [false, true] {
        chrome.color_scheme(dark).await;
        for width in [320, 1280] {
            chrome.viewport(width, 900).await;
            let scheme = if dark { "dark" } else { "light" };
            let violations = chrome.axe().await;
            println!(
                "axe: {page} {scheme} {width}px: {} {violations:?}",
                violations.len()
            );
            chrome.shot(&format!("{page}-{scheme}-{width}")).await;
            found.extend(
                violations
                    .into_iter()
                    .map(|v| format!("{page} ({scheme}, {width}px): {v}")),
            );
        }
    }
    chrome.color_scheme(false).await;
    chrome.viewport(1280, 900).await;
}

fn wrong_code(mail: &Mail) -> &'static str {
    if mail.code() == "000000" {
        "111111"
    } else {
        "000000"
    }
}

async fn ask(app: &TestApp, chrome: &Chrome, email: &str, label: &str) -> Mail {
    let before = app.sink().messages().len();
    chrome
        .open(&format!("{}/login", app.address), "email-entry")
        .await;
    chrome.type_into("#email", email).await;
    chrome.press(Key::Enter, label).await;
    app.sink().wait_for(before + 1).await.pop().unwrap()
}

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
    audit(&chrome, "email-entry", &mut found).await;
    chrome.type_into("#email", "not an address").await;
    chrome.press(Key::Enter, "email-error").await;
    assert!(chrome.text().await.contains("Enter only the email address"));
    audit(&chrome, "email-error", &mut found).await;

    let mail = ask(&app, &chrome, "a11y@example.com", "check-your-inbox").await;
    audit(&chrome, "check-your-inbox", &mut found).await;
    chrome.type_into("#code", wrong_code(&mail)).await;
    chrome.press(Key::Enter, "wrong-code").await;
    assert!(chrome.text().await.contains("That code isn't right"));
    audit(&chrome, "wrong-code", &mut found).await;

    chrome.open(&mail.link(), "confirm").await;
    audit(&chrome, "confirm", &mut found).await;
    chrome
        .click("form[action='/login/link'] button", "signed-in")
        .await;
    assert_eq!(chrome.path().await, "/");
    audit(&chrome, "signed-in", &mut found).await;
    chrome.open(&mail.link(), "used-link").await;
    assert!(chrome.heading().await.contains("already used"));
    audit(&chrome, "used-link", &mut found).await;
    chrome
        .open(&format!("{}/", app.address), "signed-in-again")
        .await;
    chrome
        .click("form[action='/logout'] button", "signed-out")
        .await;

    let mail = ask(&app, &chrome, "late@example.com", "check-your-inbox-2").await;
    app.clock.advance(time::Duration::minutes(11));
    chrome.open(&mail.link(), "expired-link").await;
    assert!(chrome.heading().await.contains("expired"));
    audit(&chrome, "expired-link", &mut found).await;

    let mail = ask(&app, &chrome, "guess@example.com", "check-your-inbox-3").await;
    for attempt in 0..5 {
        chrome.type_into("#code", wrong_code(&mail)).await;
        chrome
            .press(Key::Enter, &format!("wrong-code-{attempt}"))
            .await;
    }
    assert!(chrome.text().await.contains("Too many wrong codes"));
    audit(&chrome, "too-many-attempts", &mut found).await;
    chrome.open(&mail.link(), "too-many-link").await;
    audit(&chrome, "too-many-attempts-link", &mut found).await;

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
            s.store.timeout = Duration::from_millis(300);
        },
        &[],
    )
    .await;
    let chrome = Chrome::start("a11y-errors", Options::default()).await;
    let mut found = vec![];

    ask(&app, &chrome, "limited@example.com", "check-your-inbox").await;
    // The same address again after the cooldown: its hourly budget (1 here) is spent.
    app.clock.advance(time::Duration::seconds(61));
    chrome
        .open(&format!("{}/login", app.address), "email-entry")
        .await;
    chrome.type_into("#email", "limited@example.com").await;
    chrome.press(Key::Enter, "too-many-requests").await;
    assert!(
        chrome.heading().await.contains("Too many"),
        "{}",
        chrome.text().await
    );
    audit(&chrome, "too-many-requests", &mut found).await;

    ask(&app, &chrome, "second@example.com", "check-your-inbox-2").await;
    chrome
        .open(&format!("{}/login", app.address), "email-entry")
        .await;
    chrome.type_into("#email", "third@example.com").await;
    chrome.press(Key::Enter, "paused").await;
    assert!(
        chrome.heading().await.contains("paused"),
        "{}",
        chrome.text().await
    );
    audit(&chrome, "paused", &mut found).await;

    chrome
        .open(&format!("{}/no-such-page", app.address), "not-found")
        .await;
    audit(&chrome, "not-found", &mut found).await;
    chrome
        .open(&format!("{}/error?id=unknown", app.address), "kratos-error")
        .await;
    audit(&chrome, "kratos-error", &mut found).await;

    chrome
        .open(&format!("{}/login", app.address), "email-entry")
        .await;
    let lock = WriteLock::take(&app.data.path().join("iris.db"));
    chrome.type_into("#email", "busy@example.com").await;
    chrome.press(Key::Enter, "unavailable").await;
    assert!(chrome.heading().await.contains("unavailable"));
    audit(&chrome, "unavailable", &mut found).await;
    lock.release();

    assert!(found.is_empty(), "{found:#?}");
    chrome.close().await;
}
