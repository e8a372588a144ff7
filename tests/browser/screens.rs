//! `scripts/screenshots`: the main pages, light and dark, for docs/approaches.md (`docs/screens/`).
//! Ignored in the suite; the suite saves its own shots under `target/browser-shots/`.
use crate::chrome::{Chrome, Options};
use crate::helpers::*;
use fantoccini::key::Key;
use std::path::PathBuf;

async fn save(chrome: &Chrome, dir: &std::path::Path, name: &str) {
    for dark in [false, true] {
        chrome.color_scheme(dark).await;
        let scheme = if dark { "dark" } else { "light" };
        let png = chrome.client.screenshot().await.unwrap();
        std::fs::write(dir.join(format!("{name}-{scheme}.png")), png).unwrap();
    }
    chrome.color_scheme(false).await;
}

#[tokio::test]
#[ignore = "regenerates docs/screens: scripts/screenshots"]
async fn readme_screenshots() {
    let dir = PathBuf::from(
        std::env::var("IRIS_SCREENS_DIR")
            .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/docs/screens").into()),
    );
    std::fs::create_dir_all(&dir).unwrap();
    let app = spawn_app().await;
    let chrome = Chrome::start("readme-screens", Options::default()).await;
    chrome.viewport(560, 720).await;
    chrome
        .open(&format!("{}/login", app.address), "email-entry")
        .await;
    save(&chrome, &dir, "email-entry").await;
    chrome.type_into("#email", "jane@example.com").await;
    chrome.press(Key::Enter, "check-your-inbox").await;
    save(&chrome, &dir, "check-your-inbox").await;
    let mail = app.sink().wait_for(1).await.pop().unwrap();
    chrome.open(&mail.link(), "confirm").await;
    save(&chrome, &dir, "confirm").await;
    chrome
        .click("form[action='/login/link'] button", "signed-in")
        .await;
    save(&chrome, &dir, "signed-in").await;
    chrome.close().await;
}
