//! The embedded default (`magic-link`, Iris's own sessions) as a person uses it. The pages only
//! these paths reach (the confirm page in another browser, "We sent you a new email", the
//! replaced link) are checked with axe on the way.
use crate::chrome::{Chrome, Options};
use crate::helpers::*;
use fantoccini::key::Key;

async fn sign_out(chrome: &Chrome) {
    chrome
        .click("form[action='/logout'] button", "signed-out")
        .await;
    assert_eq!(chrome.path().await, "/login");
}

#[tokio::test]
async fn signs_in_with_the_code_and_out_again_with_javascript_on_and_off() {
    for javascript in [true, false] {
        let app = spawn_app().await;
        let chrome = Chrome::with_javascript("code", javascript).await;
        let mail = chrome.ask_for_email(&app, "person@example.com").await;
        assert!(chrome.text().await.contains("p***@example.com"));
        chrome.type_into("#code", &mail.code()).await;
        chrome
            .click("form[action='/login/code'] button", "signed-in")
            .await;
        assert_eq!(chrome.path().await, "/");
        assert!(
            chrome.text().await.contains("person@example.com"),
            "{}",
            chrome.text().await
        );
        sign_out(&chrome).await;
        chrome
            .open(&format!("{}/", app.address), "after-sign-out")
            .await;
        assert_eq!(chrome.path().await, "/login", "signed out for good");
        chrome.close().await;
    }
}

#[tokio::test]
async fn signs_in_with_the_link_in_the_same_browser_with_javascript_on_and_off() {
    for javascript in [true, false] {
        let app = spawn_app().await;
        let chrome = Chrome::with_javascript("link", javascript).await;
        let mail = chrome.ask_for_email(&app, "linker@example.com").await;
        chrome.open(&mail.link(), "confirm").await;
        let text = chrome.text().await;
        assert!(text.contains("Sign in as l***@example.com?"), "{text}");
        assert!(
            text.contains("You asked for this link in this browser."),
            "{text}"
        );
        assert!(text.contains("today at"), "times in words: {text}");
        chrome
            .click("form[action='/login/link'] button", "signed-in")
            .await;
        assert_eq!(chrome.path().await, "/");
        assert!(chrome.text().await.contains("linker@example.com"));
        // The token left the address bar: back at the link, it is spent.
        chrome.open(&mail.link(), "used-link").await;
        assert!(chrome.heading().await.contains("already used"));
        chrome.close().await;
    }
}

/// Asked on the laptop, opened on the phone: the second profile gets the confirm page without
/// "this browser", and the click signs in that profile only.
#[tokio::test]
async fn the_link_opened_in_another_browser_needs_the_click_and_signs_that_one_in() {
    let app = spawn_app().await;
    let laptop = Chrome::start("cross-device-laptop", Options::default()).await;
    let phone = Chrome::start("cross-device-phone", Options::default()).await;
    let mut found = vec![];
    let mail = laptop.ask_for_email(&app, "two@example.com").await;
    phone.open(&mail.link(), "confirm-elsewhere").await;
    let text = phone.text().await;
    assert!(text.contains("Sign in as t***@example.com?"), "{text}");
    assert!(text.contains("was not requested in this browser"), "{text}");
    assert!(!text.contains("You asked for this link in this browser"));
    phone.audit("confirm-other-browser", &mut found).await;
    phone
        .click("form[action='/login/link'] button", "signed-in")
        .await;
    assert_eq!(phone.path().await, "/");
    assert!(phone.text().await.contains("two@example.com"));
    laptop
        .open(&format!("{}/", app.address), "laptop-still-signed-out")
        .await;
    assert_eq!(
        laptop.path().await,
        "/login",
        "only the profile that clicked is signed in"
    );
    assert!(found.is_empty(), "{found:#?}");
    laptop.close().await;
    phone.close().await;
}

/// Resend, a wrong code, an expired link, a used link and too many attempts: each says what
/// happened and offers the way forward, with no retyping.
#[tokio::test]
async fn every_dead_end_says_why_and_offers_the_way_forward() {
    let app = spawn_app_with(|s| s.limits.code_attempts = 3, &[]).await;
    let chrome = Chrome::start("ways-forward", Options::default()).await;
    let mut found = vec![];
    let first = chrome.ask_for_email(&app, "forward@example.com").await;

    // Resend: refused within the cooldown (the page says when), then a new email.
    assert!(chrome
        .text()
        .await
        .contains("You can ask for a new email in"));
    app.clock.advance(time::Duration::seconds(61));
    chrome
        .open(
            &format!("{}/login/check-email", app.address),
            "inbox-after-cooldown",
        )
        .await;
    chrome
        .click("form[action='/login/resend'] button", "resent")
        .await;
    assert!(
        chrome.text().await.contains("We sent you a new email."),
        "{}",
        chrome.text().await
    );
    chrome.audit("resent", &mut found).await;
    let second = app.sink().wait_for(2).await.pop().unwrap();
    assert_ne!(first.code(), second.code());

    // The first email's link was replaced: its page offers a new link in one click.
    chrome.open(&first.link(), "replaced-link").await;
    assert!(
        chrome.heading().await.contains("newer email"),
        "{}",
        chrome.text().await
    );
    chrome.audit("replaced-link", &mut found).await;

    // A wrong code says how many tries are left.
    chrome
        .open(&format!("{}/login/check-email", app.address), "inbox")
        .await;
    let wrong = second.wrong_code();
    chrome.type_into("#code", wrong).await;
    chrome.press(Key::Enter, "wrong-code").await;
    assert!(chrome
        .text()
        .await
        .contains("That code isn't right. 2 tries left."));
    for n in 0..2 {
        chrome.type_into("#code", wrong).await;
        chrome.press(Key::Enter, &format!("wrong-code-{n}")).await;
    }
    assert!(
        chrome.text().await.contains("Too many wrong codes"),
        "{}",
        chrome.text().await
    );
    // Even the right code no longer works; the link says the same and offers a new email.
    chrome.open(&second.link(), "too-many-link").await;
    assert!(chrome.heading().await.contains("Too many attempts"));

    // Expired: a link opened after its 10 minutes offers a new one for the same address.
    app.clock.advance(time::Duration::minutes(11));
    let third = {
        chrome
            .open(&format!("{}/login/check-email", app.address), "inbox-later")
            .await;
        chrome
            .click("form[action='/login/resend'] button", "resent-again")
            .await;
        app.sink().wait_for(3).await.pop().unwrap()
    };
    app.clock.advance(time::Duration::minutes(11));
    chrome.open(&third.link(), "expired-link").await;
    assert!(chrome.heading().await.contains("expired"));
    let button = "form[action='/login/link/resend'] button";
    let label = chrome
        .client
        .find(fantoccini::Locator::Css(button))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(label, "Send a new link to f***@example.com");
    chrome.click(button, "new-link-sent").await;
    assert_eq!(chrome.path().await, "/login/check-email?sent=1");
    let fourth = app.sink().wait_for(4).await.pop().unwrap();
    chrome.open(&fourth.link(), "confirm").await;
    chrome
        .click("form[action='/login/link'] button", "signed-in")
        .await;
    assert_eq!(chrome.path().await, "/");
    // Used: the link again, after signing in with it.
    chrome.open(&fourth.link(), "used-link").await;
    assert!(chrome.heading().await.contains("already used"));
    assert!(found.is_empty(), "{found:#?}");
    chrome.close().await;
}

/// The signed-in page lists the account's sessions and ends them: signed in here and on two
/// other devices (other clients), it lists all three with this browser first; one device's own
/// "Sign out" ends just that one; "Sign out everywhere else" keeps Chromium signed in, shows
/// the notice and ends the last other device's session; "Sign out everywhere" ends this one
/// too. Every page passes axe.
#[tokio::test]
async fn signs_out_everywhere_else_and_then_everywhere() {
    let app = spawn_app().await;
    let (phone, tablet) = (app.browser(), app.browser());
    for device in [&phone, &tablet] {
        let mail = app.request_email(device, "devices@example.com").await;
        assert_eq!(device.confirm_link(&mail.link()).await.status, 303);
        app.clock.advance(time::Duration::seconds(61));
    }

    let chrome = Chrome::with_javascript("everywhere", false).await;
    let mail = chrome.ask_for_email(&app, "devices@example.com").await;
    chrome.type_into("#code", &mail.code()).await;
    chrome
        .click("form[action='/login/code'] button", "signed-in")
        .await;
    assert_eq!(chrome.path().await, "/");
    let mut found = Vec::new();
    chrome
        .audit("signed-in-with-other-devices", &mut found)
        .await;
    let listed = chrome.text().await;
    let listed = listed.split("Recent activity").next().unwrap();
    assert!(listed.contains("Where you're signed in"), "{listed}");
    assert_eq!(listed.matches("Firefox on Linux").count(), 2, "{listed}");
    assert!(listed.contains("Chrome on Linux"), "{listed}");
    assert_eq!(listed.matches("This browser").count(), 1, "{listed}");

    chrome
        .click("form[action='/logout/session'] button", "one-ended")
        .await;
    assert_eq!(chrome.path().await, "/?ended=one");
    assert!(chrome.text().await.contains("That session is signed out."));
    chrome.audit("one-ended", &mut found).await;
    let ended = [phone.whoami().await.0, tablet.whoami().await.0];
    assert!(ended.contains(&401) && ended.contains(&200), "{ended:?}");

    chrome
        .click("form[action='/logout/others'] button", "others-ended")
        .await;
    assert_eq!(chrome.path().await, "/?ended=others");
    assert!(
        chrome
            .text()
            .await
            .contains("Your other sessions are signed out."),
        "{}",
        chrome.text().await
    );
    chrome.audit("others-ended", &mut found).await;
    assert_eq!(
        (phone.whoami().await.0, tablet.whoami().await.0),
        (401, 401),
        "the other devices are signed out"
    );

    chrome
        .click("form[action='/logout/everywhere'] button", "everywhere")
        .await;
    assert_eq!(chrome.path().await, "/login");
    chrome
        .open(&format!("{}/", app.address), "after-everywhere")
        .await;
    assert_eq!(chrome.path().await, "/login", "signed out here too");
    assert!(found.is_empty(), "axe: {found:#?}");
    chrome.close().await;
}

/// Changing the address in Chromium: from the account page to the form, the new address's code,
/// the notice on the account page; then the old address's undo link. Every page passes axe.
#[tokio::test]
async fn changes_the_address_and_the_old_address_undoes_it() {
    let app = spawn_app().await;
    let chrome = Chrome::with_javascript("address-change", false).await;
    let mail = chrome.ask_for_email(&app, "move@example.com").await;
    chrome.type_into("#code", &mail.code()).await;
    chrome
        .click("form[action='/login/code'] button", "signed-in")
        .await;
    let mut found = Vec::new();
    chrome
        .click("a[href='/account/email']", "address-form")
        .await;
    assert_eq!(chrome.path().await, "/account/email");
    chrome.audit("address-form", &mut found).await;

    let sent = app.sink().messages().len();
    chrome.type_into("#email", "moved@example.com").await;
    chrome
        .click("form[action='/account/email'] button", "address-check")
        .await;
    assert_eq!(chrome.path().await, "/account/email/check");
    chrome.audit("address-check", &mut found).await;
    let confirm = app.sink().wait_for(sent + 1).await.pop().unwrap();
    assert_eq!(confirm.rcpt_tos, vec!["moved@example.com"]);
    chrome.type_into("#code", &confirm.code()).await;
    chrome
        .click(
            "form[action='/account/email/code'] button",
            "address-changed",
        )
        .await;
    assert_eq!(chrome.path().await, "/?ended=address");
    let home = chrome.text().await;
    assert!(home.contains("moved@example.com"), "{home}");
    assert!(home.contains("Your email address is changed."), "{home}");
    chrome.audit("address-changed", &mut found).await;

    let notice = app.sink().wait_for(sent + 2).await.pop().unwrap();
    assert_eq!(notice.rcpt_tos, vec!["move@example.com"]);
    let undo = regex::Regex::new(r"https?://\S+/account/email/undo\?token=[A-Za-z0-9_-]+")
        .unwrap()
        .find(&notice.text)
        .unwrap()
        .as_str()
        .to_owned();
    chrome.open(&undo, "address-undo").await;
    chrome.audit("address-undo", &mut found).await;
    chrome
        .click(
            "form[action='/account/email/undo'] button",
            "address-undone",
        )
        .await;
    let done = chrome.text().await;
    assert!(done.contains("move@example.com again"), "{done}");
    chrome.audit("address-undone", &mut found).await;
    chrome
        .open(&format!("{}/", app.address), "after-undo")
        .await;
    assert_eq!(
        chrome.path().await,
        "/login",
        "signed out everywhere, here too"
    );
    assert!(found.is_empty(), "axe: {found:#?}");
    chrome.close().await;
}
