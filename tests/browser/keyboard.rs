//! Keyboard only: the field has focus, Tab reaches the button, Enter submits, focus is
//! visible, and after an error (a bad address, a wrong code) the focus is on the field whose
//! message is announced.
use crate::chrome::{Chrome, Options};
use crate::helpers::*;
use fantoccini::key::Key;

/// The outline the focused element shows (its computed style under `:focus-visible`).
async fn focus_ring(chrome: &Chrome) -> (String, f64) {
    let v = chrome
        .js("const s = getComputedStyle(document.activeElement); \
             return [s.outlineStyle, parseFloat(s.outlineWidth)];")
        .await;
    (v[0].as_str().unwrap().to_owned(), v[1].as_f64().unwrap())
}

/// After an error: focus is on `field`, the message `error` describes it and is announced,
/// and the field is marked invalid. Returns what the field holds.
async fn error_is_announced_on(chrome: &Chrome, field: &str, error: &str) -> String {
    assert_eq!(chrome.focused().await.0, field);
    let tied = chrome
        .js(&format!(
            "const f = document.activeElement; \
             const ids = (f.getAttribute('aria-describedby') || '').split(' '); \
             const m = document.getElementById('{error}'); \
             return [ids.includes('{error}'), m && m.getAttribute('role'), f.getAttribute('aria-invalid'), f.value];"
        ))
        .await;
    assert_eq!(tied[0], true, "the message describes {field}");
    assert_eq!(tied[1], "alert", "and is announced");
    assert_eq!(tied[2], "true");
    tied[3].as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn signs_in_with_the_keyboard_alone() {
    let app = spawn_app().await;
    let chrome = Chrome::start("keyboard", Options::default()).await;
    chrome
        .open(&format!("{}/login", app.address), "email-entry")
        .await;
    assert_eq!(
        chrome.focused().await,
        ("email".into(), "input".into()),
        "the field has focus"
    );
    assert_eq!(
        focus_ring(&chrome).await,
        ("solid".into(), 3.0),
        "focus is visible"
    );
    chrome.press(Key::Tab, "tab-to-button").await;
    assert_eq!(
        chrome.focused().await.1,
        "button",
        "Tab reaches the button next"
    );
    let (style, width) = focus_ring(&chrome).await;
    assert!(
        style == "solid" && width >= 2.0,
        "the button shows focus: {style} {width}"
    );
    // Shift+Tab back to the field, a wrong address, Enter.
    chrome
        .client
        .active_element()
        .await
        .unwrap()
        .send_keys(&format!(
            "{}{}",
            char::from(Key::Shift),
            char::from(Key::Tab)
        ))
        .await
        .unwrap();
    assert_eq!(chrome.focused().await.0, "email");
    chrome
        .client
        .active_element()
        .await
        .unwrap()
        .send_keys("nobody at example")
        .await
        .unwrap();
    chrome.press(Key::Enter, "email-error").await;
    let typed = error_is_announced_on(&chrome, "email", "email-error").await;
    assert_eq!(typed, "nobody at example", "what was typed is kept");
    // Fix it with the keyboard and go on: the code box has focus on the next page.
    let field = chrome.client.active_element().await.unwrap();
    field.clear().await.unwrap();
    field.send_keys("keys@example.com").await.unwrap();
    chrome.press(Key::Enter, "check-your-inbox").await;
    assert_eq!(chrome.focused().await.0, "code");
    let mail = app.sink().wait_for(1).await.pop().unwrap();
    // A wrong code: focus comes back to the box, its message tied to it and announced.
    chrome
        .client
        .active_element()
        .await
        .unwrap()
        .send_keys(mail.wrong_code())
        .await
        .unwrap();
    chrome.press(Key::Enter, "wrong-code").await;
    error_is_announced_on(&chrome, "code", "code-error").await;
    let field = chrome.client.active_element().await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(&mail.code()).await.unwrap();
    chrome.press(Key::Enter, "signed-in").await;
    assert_eq!(chrome.path().await, "/");
    // Signed in: Tab reaches "Sign out", Enter signs out.
    chrome.press(Key::Tab, "tab-to-sign-out").await;
    assert_eq!(chrome.focused().await.1, "button");
    chrome.press(Key::Enter, "signed-out").await;
    assert_eq!(chrome.path().await, "/login");
    chrome.close().await;
}

/// The emailed link's page: its one button has focus, Enter signs in.
#[tokio::test]
async fn the_confirm_page_signs_in_with_enter() {
    let app = spawn_app().await;
    let chrome = Chrome::start("keyboard-confirm", Options::default()).await;
    let b = app.browser();
    let mail = app.request_email(&b, "enter@example.com").await;
    chrome.open(&mail.link(), "confirm").await;
    assert_eq!(chrome.focused().await.1, "button");
    chrome.press(Key::Enter, "signed-in").await;
    assert_eq!(chrome.path().await, "/");
    chrome.close().await;
}
