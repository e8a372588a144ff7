//! The Kratos magic links in Chromium against the real Kratos v1.3.1: `kratos-recovery` by
//! link and by code, and Iris's own flow ending in a Kratos session. Every page they add is
//! checked with axe, and none says recover, recovery, password or reset.
use crate::chrome::{Chrome, Options};
use crate::harness::{iris_with_kratos_as, known_identity, reads_as_sign_in, recovery_link, Shape};
use fantoccini::key::Key;

#[tokio::test]
async fn a_recovery_link_signs_in_and_every_page_reads_as_sign_in() {
    let (app, kratos) = iris_with_kratos_as("memory", "10m", Shape::RecoveryLink, |_| {}).await;
    known_identity(&kratos, "linker@example.com").await;
    let chrome = Chrome::start("kratos-recovery-link", Options::default()).await;
    let mut found = vec![];
    chrome
        .open(&format!("{}/login", app.address), "email-entry")
        .await;
    assert!(chrome
        .text()
        .await
        .contains("We'll email you a sign-in link"));
    reads_as_sign_in("the page", &chrome.text().await);
    let mail = chrome.ask_for_email(&app, "linker@example.com").await;
    let inbox = chrome.text().await;
    assert!(
        inbox.contains("We sent a sign-in link to l***@example.com"),
        "{inbox}"
    );
    assert!(!inbox.contains("6-digit code"), "a link only: no code box");
    reads_as_sign_in("the inbox page", &inbox);
    chrome.audit("recovery-link-inbox", &mut found).await;
    reads_as_sign_in("the email", &format!("{}\n{}", mail.subject, mail.text));

    let link = recovery_link(&mail);
    chrome.open(&link, "confirm").await;
    assert!(chrome
        .text()
        .await
        .contains("You asked for this link in this browser"));
    reads_as_sign_in("the page", &chrome.text().await);
    chrome.audit("recovery-link-confirm", &mut found).await;
    chrome
        .click("form[action='/login/link'] button", "signed-in")
        .await;
    assert_eq!(
        chrome.path().await,
        "/",
        "never the settings page: {}",
        chrome.text().await
    );
    assert!(chrome.text().await.contains("linker@example.com"));
    chrome.audit("kratos-signed-in", &mut found).await;

    chrome.open(&link, "used-link").await;
    assert!(
        chrome.heading().await.contains("already used"),
        "{}",
        chrome.text().await
    );
    reads_as_sign_in("the page", &chrome.text().await);
    chrome.audit("recovery-link-used", &mut found).await;
    chrome.open(&format!("{}/", app.address), "home").await;
    chrome
        .click("form[action='/logout'] button", "signed-out")
        .await;
    assert_eq!(chrome.path().await, "/login");
    assert!(found.is_empty(), "{found:#?}");
    chrome.close().await;
}

#[tokio::test]
async fn a_recovery_code_signs_in_with_javascript_off() {
    let (app, kratos) = iris_with_kratos_as("memory", "10m", Shape::RecoveryCode, |_| {}).await;
    known_identity(&kratos, "coder@example.com").await;
    let chrome = Chrome::with_javascript("kratos-recovery-code", false).await;
    let mut found = vec![];
    let mail = chrome.ask_for_email(&app, "coder@example.com").await;
    reads_as_sign_in("the email", &format!("{}\n{}", mail.subject, mail.text));
    chrome.audit("recovery-code-inbox", &mut found).await;
    chrome.type_into("#code", mail.wrong_code()).await;
    chrome.press(Key::Enter, "wrong-code").await;
    assert!(chrome.text().await.contains("That code isn't right"));
    reads_as_sign_in("the page", &chrome.text().await);
    chrome.audit("recovery-code-wrong-code", &mut found).await;
    chrome.type_into("#code", &mail.code()).await;
    chrome.press(Key::Enter, "signed-in").await;
    assert_eq!(chrome.path().await, "/", "{}", chrome.text().await);
    assert!(chrome.text().await.contains("coder@example.com"));
    assert!(found.is_empty(), "{found:#?}");
    chrome.close().await;
}

/// Iris's own email, link and code, ending in a Kratos session (`magic_link.sessions =
/// "kratos"`), with JavaScript on and off.
#[tokio::test]
async fn iris_links_and_codes_end_in_kratos_sessions() {
    let (app, _kratos) = iris_with_kratos_as("memory", "10m", Shape::MagicLinkKratos, |_| {}).await;
    let mut found = vec![];
    for javascript in [true, false] {
        let chrome = Chrome::with_javascript("magic-link-kratos", javascript).await;
        let email = format!("kratos-{javascript}@example.com");
        let mail = chrome.ask_for_email(&app, &email).await;
        assert!(chrome
            .text()
            .await
            .contains("a sign-in link and a 6-digit code"));
        if javascript {
            // Iris's pages carry no script, so with JavaScript off they are the same: audited once.
            chrome.audit("kratos-sessions-inbox", &mut found).await;
            chrome.open(&mail.link(), "confirm").await;
            chrome.audit("kratos-sessions-confirm", &mut found).await;
            chrome
                .click("form[action='/login/link'] button", "signed-in")
                .await;
        } else {
            chrome.type_into("#code", &mail.code()).await;
            chrome.press(Key::Enter, "signed-in").await;
        }
        assert_eq!(chrome.path().await, "/", "{}", chrome.text().await);
        assert!(chrome.text().await.contains(&email));
        if javascript {
            chrome.audit("kratos-sessions-signed-in", &mut found).await;
        }
        let cookies = chrome.client.get_all_cookies().await.unwrap();
        assert!(
            cookies.iter().any(|c| c.name() == "ory_kratos_session"),
            "Kratos's session"
        );
        chrome
            .click("form[action='/logout'] button", "signed-out")
            .await;
        chrome
            .open(&format!("{}/", app.address), "after-sign-out")
            .await;
        assert_eq!(chrome.path().await, "/login");
        chrome.close().await;
    }
    assert!(found.is_empty(), "{found:#?}");
}
