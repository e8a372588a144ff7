//! An application's sign-in through a real Ory Hydra v2.3.0, in Chromium with JavaScript on and
//! off: the email page naming the application, the code, consent in words, Allow, back at the
//! application with a code; then the application's sign-out (RP-initiated logout). The forms
//! that hand over to Hydra answer with a `Refresh` page (a form's cross-origin redirect would
//! meet `form-action 'self'`); this proves a real browser follows it, script or not. axe on the
//! email, consent and sign-out pages.
use crate::chrome::Chrome;
use crate::helpers::spawn_app_on;
use crate::hydra::{Hydra, NewClient};
use base64::Engine;
use sha2::Digest;
use std::net::TcpListener;
use std::time::{Duration, Instant};
use url::Url;

const STATE: &str = "app-state-0123456789";
const NONCE: &str = "app-nonce-0123456789";
/// PKCE, as a public client does it (Hydra does not insist, by default).
const VERIFIER: &str = "iris-browser-pkce-verifier-0123456789-abcdefghijklmnop";
const LOGOUT_STATE: &str = "logout-state-1234";

/// The query parameter `name` of `url`.
fn query(url: &str, name: &str) -> Option<String> {
    Url::parse(url)
        .ok()?
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// Waits (up to 10 s) until the address bar starts with `prefix`: where a `Refresh` hand-over
/// and Hydra's redirects lead, which `click` cannot know it should wait for.
async fn wait_for_url(chrome: &Chrome, prefix: &str, hydra: &Hydra) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let url = chrome.url().await;
        if url.starts_with(prefix) {
            return url;
        }
        assert!(
            Instant::now() < deadline,
            "still at {url}, not {prefix}…: {}\nHydra's log:\n{}",
            chrome.text().await,
            hydra.log()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn the_whole_dance(javascript: bool) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let iris_url = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let hydra = Hydra::start(&iris_url).await;
    let admin = Url::parse(&hydra.admin_url).unwrap();
    let app = spawn_app_on(listener, |s| s.hydra.admin_url = Some(admin), &[]).await;
    let new = NewClient {
        client_name: "Photo Album".into(),
        ..NewClient::default()
    };
    let client = hydra.create_client(&new).await;
    let (redirect_uri, signed_out_uri) = (&new.redirect_uris[0], &new.post_logout_redirect_uris[0]);
    let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(sha2::Sha256::digest(VERIFIER.as_bytes()));
    let mut authorize = Url::parse(&format!("{}/oauth2/auth", hydra.public_url)).unwrap();
    authorize
        .query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", &client.client_id)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("scope", "openid email")
        .append_pair("state", STATE)
        .append_pair("nonce", NONCE)
        .append_pair("code_challenge", &challenge)
        .append_pair("code_challenge_method", "S256");

    let chrome = Chrome::with_javascript("oauth2", javascript).await;
    let mut found = Vec::new();

    // Hydra sends the browser to Iris's email page, which names the application.
    chrome.open(authorize.as_str(), "email-entry").await;
    wait_for_url(
        &chrome,
        &format!("{iris_url}/login?login_challenge="),
        &hydra,
    )
    .await;
    assert_eq!(chrome.heading().await, "Sign in");
    let text = chrome.text().await;
    assert!(text.contains("To continue to Photo Album"), "{text}");
    chrome.audit("app-email-entry", &mut found).await;

    chrome.type_into("#email", "ann@example.com").await;
    chrome
        .click("form[action='/login'] button", "check-your-inbox")
        .await;
    assert_eq!(
        chrome.path().await,
        "/login/check-email",
        "{}",
        chrome.text().await
    );
    let mail = app.sink().wait_for(1).await.pop().unwrap();

    // The code: Iris hands over to Hydra (a `Refresh` page), Hydra on to consent.
    chrome.type_into("#code", &mail.code()).await;
    chrome
        .click("form[action='/login/code'] button", "code-entered")
        .await;
    wait_for_url(
        &chrome,
        &format!("{iris_url}/consent?consent_challenge="),
        &hydra,
    )
    .await;
    chrome.check("consent").await;
    assert_eq!(chrome.heading().await, "Allow Photo Album access?");
    let text = chrome.text().await;
    for words in [
        "You're signed in as ann@example.com",
        "Know that it's you",
        "See your email address",
        "Remember my decision for this application",
    ] {
        assert!(text.contains(words), "{words:?} in {text}");
    }
    let ticked = chrome
        .js(
            "return [...document.querySelectorAll('input[name=grant_scope]')]
                 .map(c => c.value + '=' + c.checked);",
        )
        .await;
    assert_eq!(
        ticked,
        serde_json::json!(["email=true"]),
        "a ticked box for each scope but openid"
    );
    let remember = chrome
        .js("return document.querySelector('input#remember[name=remember]') !== null;")
        .await;
    assert_eq!(remember, serde_json::json!(true));
    chrome.audit("consent", &mut found).await;

    // Allow: a `Refresh` page again, then Hydra's redirect to the application.
    chrome
        .click("button[name=decision][value=allow]", "allowed")
        .await;
    let callback = wait_for_url(&chrome, redirect_uri, &hydra).await;
    assert_eq!(query(&callback, "state").as_deref(), Some(STATE));
    let code = query(&callback, "code").unwrap_or_else(|| panic!("no code in {callback}"));

    // The application's half: the code for tokens.
    let res = reqwest::Client::new()
        .post(format!("{}/oauth2/token", hydra.public_url))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", redirect_uri.as_str()),
            ("client_id", client.client_id.as_str()),
            ("code_verifier", VERIFIER),
        ])
        .send()
        .await
        .unwrap();
    let status = res.status();
    let tokens: serde_json::Value = res.json().await.unwrap();
    assert_eq!(status, 200, "{tokens}\n{}", hydra.log());
    let id_token = tokens["id_token"].as_str().expect("an ID token").to_owned();

    // The application signs the person out: Iris asks, and GET changes nothing.
    let mut logout = Url::parse(&format!("{}/oauth2/sessions/logout", hydra.public_url)).unwrap();
    logout
        .query_pairs_mut()
        .append_pair("id_token_hint", &id_token)
        .append_pair("post_logout_redirect_uri", signed_out_uri)
        .append_pair("state", LOGOUT_STATE);
    chrome.open(logout.as_str(), "app-logout").await;
    let logout_page = wait_for_url(
        &chrome,
        &format!("{iris_url}/logout?logout_challenge="),
        &hydra,
    )
    .await;
    chrome.check("app-logout").await;
    assert_eq!(chrome.heading().await, "Sign out of Photo Album?");
    chrome.audit("app-logout", &mut found).await;
    chrome
        .open(&format!("{iris_url}/"), "still-signed-in")
        .await;
    assert_eq!(chrome.path().await, "/", "GET is inert");
    assert!(chrome.text().await.contains("ann@example.com"));
    chrome.open(&logout_page, "app-logout-again").await;
    assert_eq!(chrome.heading().await, "Sign out of Photo Album?");

    chrome
        .click("button[name=decision][value=accept]", "signed-out")
        .await;
    let signed_out = wait_for_url(&chrome, signed_out_uri, &hydra).await;
    assert_eq!(query(&signed_out, "state").as_deref(), Some(LOGOUT_STATE));
    chrome.open(&format!("{iris_url}/"), "after-sign-out").await;
    assert_eq!(chrome.path().await, "/login", "signed out of Iris");
    assert!(chrome
        .client
        .find(fantoccini::Locator::Css("#email"))
        .await
        .is_ok());
    // And Hydra forgot the login: the application's next sign-in asks for the address.
    chrome.open(authorize.as_str(), "asked-again").await;
    wait_for_url(
        &chrome,
        &format!("{iris_url}/login?login_challenge="),
        &hydra,
    )
    .await;
    assert!(chrome.text().await.contains("To continue to Photo Album"));

    assert!(found.is_empty(), "axe: {found:#?}");
    chrome.close().await;
}

#[tokio::test]
async fn signs_in_to_an_app_through_hydra_and_out_again_with_javascript() {
    the_whole_dance(true).await;
}

#[tokio::test]
async fn signs_in_to_an_app_through_hydra_and_out_again_without_javascript() {
    the_whole_dance(false).await;
}
