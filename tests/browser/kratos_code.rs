//! `kratos-code` in Chromium against the real Kratos v1.3.1: sign-up and sign-in by code,
//! sign-out, and Kratos's own errors, all on Iris's pages.
use crate::chrome::{Chrome, Options};
use crate::harness::iris_with_kratos_on;
use crate::helpers::*;
use fantoccini::key::Key;

/// Asks for a code as a person does; the form and the inbox page speak of a code only.
async fn ask(app: &TestApp, chrome: &Chrome, email: &str) -> Mail {
    let mail = chrome.ask_for_email(app, email).await;
    assert!(chrome.text().await.contains("We sent a 6-digit code to"));
    mail
}

#[tokio::test]
async fn signs_up_signs_out_and_signs_in_with_kratos_codes() {
    let (app, kratos) = iris_with_kratos_on("memory", "10m", |_| {}).await;
    // Sign-up with JavaScript on, sign-in with it off.
    let chrome = Chrome::start("kratos-sign-up", Options::default()).await;
    let mail = ask(&app, &chrome, "kratos-new@example.com").await;
    assert!(
        mail.link_opt().is_none(),
        "Kratos's emails carry the code only"
    );
    let wrong = mail.wrong_code();
    chrome.type_into("#code", wrong).await;
    chrome.press(Key::Enter, "wrong-code").await;
    assert!(
        chrome.text().await.contains("That code isn't right"),
        "{}",
        chrome.text().await
    );
    chrome.type_into("#code", &mail.code()).await;
    chrome.press(Key::Enter, "signed-up").await;
    assert_eq!(
        chrome.path().await,
        "/",
        "{}\n{}",
        chrome.text().await,
        kratos.log()
    );
    assert!(chrome.text().await.contains("kratos-new@example.com"));
    let cookies = chrome.client.get_all_cookies().await.unwrap();
    assert!(
        cookies.iter().any(|c| c.name() == "ory_kratos_session"),
        "Kratos's session, relayed"
    );
    chrome
        .click("form[action='/logout'] button", "signed-out")
        .await;
    assert_eq!(chrome.path().await, "/login");
    chrome
        .open(&format!("{}/", app.address), "after-sign-out")
        .await;
    assert_eq!(chrome.path().await, "/login", "the Kratos session is gone");
    chrome.close().await;

    app.clock.advance(time::Duration::seconds(61));
    let chrome = Chrome::with_javascript("kratos-sign-in", false).await;
    let mail = ask(&app, &chrome, "kratos-new@example.com").await;
    chrome.type_into("#code", &mail.code()).await;
    chrome
        .click("form[action='/login/code'] button", "signed-in")
        .await;
    assert_eq!(chrome.path().await, "/", "{}", chrome.text().await);
    assert!(chrome.text().await.contains("kratos-new@example.com"));
    chrome.close().await;
}

/// Pages only the Kratos approach has, and a real Kratos error (a `return_to` Kratos refuses),
/// in Iris's design and words, with no accessibility violations.
#[tokio::test]
async fn kratos_pages_and_errors_read_well_and_have_no_accessibility_violations() {
    let (app, kratos) = iris_with_kratos_on("memory", "10m", |_| {}).await;
    let chrome = Chrome::start("kratos-a11y", Options::default()).await;
    let mut found = vec![];
    chrome
        .open(&format!("{}/login", app.address), "email-entry")
        .await;
    assert!(chrome
        .text()
        .await
        .contains("We'll email you a 6-digit code"));
    chrome.audit("kratos-email-entry", &mut found).await;
    ask(&app, &chrome, "kratos-a11y@example.com").await;
    chrome.audit("kratos-check-your-inbox", &mut found).await;
    chrome
        .open(
            &format!(
                "{}/self-service/login/browser?return_to=https://evil.test/",
                kratos.public_url
            ),
            "kratos-error",
        )
        .await;
    assert_eq!(chrome.client.current_url().await.unwrap().path(), "/error");
    let text = chrome.text().await;
    assert!(text.contains("isn't one we may send you back to"), "{text}");
    assert!(
        !text.to_lowercase().contains("return_to"),
        "no Kratos wording: {text}"
    );
    chrome.audit("kratos-error", &mut found).await;
    assert!(found.is_empty(), "{found:#?}");
    chrome.close().await;
}

/// With Kratos holding the sessions: the account page in Chromium lists the identity's
/// sessions from Kratos (this browser first, the other device's browser by name), ends the
/// other device's one, and passes axe.
#[tokio::test]
async fn the_account_page_lists_and_ends_kratos_sessions() {
    let (app, kratos) = iris_with_kratos_on("memory", "10m", |_| {}).await;
    let phone = app.browser();
    let mail = app.request_email(&phone, "kratos-two@example.com").await;
    assert_eq!(
        phone.enter_code(&mail.code()).await.status,
        303,
        "{}",
        kratos.log()
    );
    app.clock.advance(time::Duration::seconds(61));

    let chrome = Chrome::with_javascript("kratos-sessions", false).await;
    let mail = ask(&app, &chrome, "kratos-two@example.com").await;
    chrome.type_into("#code", &mail.code()).await;
    chrome.press(Key::Enter, "signed-in").await;
    assert_eq!(chrome.path().await, "/", "{}", kratos.log());
    let listed = chrome.text().await;
    let listed = listed.split("Recent activity").next().unwrap();
    assert!(listed.contains("Where you're signed in"), "{listed}");
    assert!(listed.contains("Chrome on Linux"), "{listed}");
    assert!(
        listed.contains("Firefox on Linux"),
        "the other device: {listed}"
    );
    assert_eq!(listed.matches("This browser").count(), 1, "{listed}");
    let mut found = Vec::new();
    chrome.audit("kratos-sessions", &mut found).await;

    chrome
        .click("form[action='/logout/session'] button", "kratos-one-ended")
        .await;
    assert_eq!(chrome.path().await, "/?ended=one");
    assert_eq!(
        phone.whoami().await.0,
        401,
        "the other device is signed out"
    );
    let after = chrome.text().await;
    assert!(after.contains("That session is signed out."), "{after}");
    assert!(
        after.contains("You're not signed in anywhere else."),
        "{after}"
    );
    chrome.audit("kratos-one-ended", &mut found).await;
    assert!(found.is_empty(), "axe: {found:#?}");
    chrome.close().await;
}
