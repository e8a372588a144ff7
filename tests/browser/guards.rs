//! The suite's own guards work: what `Chrome::check` must catch, it catches.
use crate::chrome::{Chrome, Options};
use crate::helpers::*;
use std::time::Duration;

#[tokio::test]
async fn the_page_checks_catch_csp_violations_failed_resources_and_script_errors() {
    let app = spawn_app().await;
    let chrome = Chrome::start("guards", Options::default()).await;
    chrome
        .open(&format!("{}/login", app.address), "clean")
        .await;
    assert!(chrome.problems().await.is_empty());
    chrome
        .js(r#"
            const img = document.createElement('img');
            img.src = '/static/missing.png';
            document.body.appendChild(img);
            const s = document.createElement('script');
            s.textContent = 'document.title = "inline ran"';
            document.body.appendChild(s);
            const ext = document.createElement('script');
            ext.src = 'http://127.0.0.2:9/x.js';
            document.body.appendChild(ext);
            setTimeout(() => { throw new Error('boom'); }, 0);
        "#)
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let problems = chrome.problems().await;
    let has = |needle: &str| problems.iter().any(|p| p.contains(needle));
    assert!(has("missing.png"), "failed sub-resource: {problems:#?}");
    assert!(
        has("Content Security Policy"),
        "CSP violation: {problems:#?}"
    );
    assert!(has("boom"), "script error: {problems:#?}");
    assert_ne!(chrome.js("return document.title").await, "inline ran");
    chrome.close().await;
}
