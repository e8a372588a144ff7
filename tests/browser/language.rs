//! A browser set to German gets German pages and a German email, and signs in as anyone else.
use crate::chrome::{Chrome, Options};
use crate::helpers::*;
use fantoccini::key::Key;

#[tokio::test]
async fn a_german_browser_gets_german_pages_and_a_german_email() {
    let app = spawn_app().await;
    let catalogue = iris::i18n::Catalogue::all().unwrap();
    let de = catalogue.for_tag(Some("de"));
    let chrome = Chrome::start(
        "german",
        Options {
            accept_language: Some("de-DE,de"),
            ..Options::default()
        },
    )
    .await;
    chrome
        .open(&format!("{}/login", app.address), "email-entry")
        .await;
    assert_eq!(chrome.html_lang().await, "de");
    assert_eq!(chrome.heading().await, de.t("login-title"));
    chrome.type_into("#email", "deutsch@example.com").await;
    chrome.press(Key::Enter, "check-your-inbox").await;
    assert_eq!(chrome.heading().await, de.t("check-title"));
    let mail = app.sink().wait_for(1).await.pop().unwrap();
    assert_eq!(
        mail.subject,
        de.format("mail-subject", &[("product", "Iris".into())])
    );
    assert!(
        mail.text.contains(&de.t("mail-never-share")),
        "{}",
        mail.text
    );
    assert!(mail.text.contains("Chrome unter Linux"), "{}", mail.text);
    chrome.open(&mail.link(), "confirm").await;
    assert_eq!(chrome.heading().await, de.t("confirm-title"));
    assert!(
        chrome.text().await.contains("heute um"),
        "{}",
        chrome.text().await
    );
    chrome
        .click("form[action='/login/link'] button", "signed-in")
        .await;
    assert_eq!(chrome.heading().await, de.t("account-title"));
    chrome.close().await;
}
