//! A browser set to German gets German pages and a German email, and signs in as anyone else.
//! Its email entry and inbox pages are checked with axe.
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
    let mut found = vec![];
    chrome
        .open(&format!("{}/login", app.address), "email-entry")
        .await;
    assert_eq!(chrome.html_lang().await, "de");
    assert_eq!(chrome.heading().await, de.t("login-title"));
    chrome.audit("german-email-entry", &mut found).await;
    chrome.type_into("#email", "deutsch@example.com").await;
    chrome.press(Key::Enter, "check-your-inbox").await;
    assert_eq!(chrome.heading().await, de.t("check-title"));
    chrome.audit("german-check-your-inbox", &mut found).await;
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
    assert!(found.is_empty(), "{found:#?}");
    chrome.close().await;
}
