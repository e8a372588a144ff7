//! "Recent activity" on the signed-in page, in Chromium: what happened to the account, newest
//! first, with when and from which browser; axe-core finds no violation on the page with it.
use crate::chrome::Chrome;
use crate::helpers::*;

#[tokio::test]
async fn the_account_page_lists_recent_activity_and_passes_axe() {
    let app = spawn_app().await;
    // Another device signs in and out first.
    let phone = app.browser();
    let mail = app.request_email(&phone, "trail@example.com").await;
    assert_eq!(phone.confirm_link(&mail.link()).await.status, 303);
    assert_eq!(phone.sign_out().await.status, 303);
    app.clock.advance(time::Duration::seconds(61));

    let chrome = Chrome::with_javascript("trail", false).await;
    let mail = chrome.ask_for_email(&app, "trail@example.com").await;
    chrome.type_into("#code", mail.wrong_code()).await;
    chrome
        .click("form[action='/login/code'] button", "wrong-code")
        .await;
    chrome.type_into("#code", &mail.code()).await;
    chrome
        .click("form[action='/login/code'] button", "signed-in")
        .await;
    assert_eq!(chrome.path().await, "/");

    let text = chrome.text().await;
    let section = text
        .split("Recent activity")
        .nth(1)
        .unwrap_or_else(|| panic!("no trail section: {text}"));
    assert_in_order(
        section,
        &[
            "Signed in with a code",
            "Wrong code entered",
            "Sign-in email sent",
            "Signed out",
            "Signed in with a link",
        ],
    );
    assert!(section.contains("(127.0.0.x)"), "{section}");

    let mut found = Vec::new();
    chrome.audit("signed-in-with-trail", &mut found).await;
    assert!(found.is_empty(), "axe: {found:#?}");
    chrome.close().await;
}
