//! The recent-activity trail: what happens to an account shows on its page (newest first, with
//! the browser) and through the admin listener, never holding a token, a code or an address.
use crate::admin::{admin, refused_without_the_token, with_admin, TOKEN};
use crate::helpers::*;
use reqwest::Method;

/// Signs `email` in with its link in a new browser.
async fn signed_in(app: &TestApp, email: &str) -> (Browser, Mail) {
    let b = app.browser();
    let mail = app.request_email(&b, email).await;
    assert_eq!(b.confirm_link(&mail.link()).await.status, 303);
    (b, mail)
}

/// The account's trail through the admin endpoint: its events' kinds, newest first.
async fn admin_trail(app: &TestApp, email: &str) -> (Vec<String>, serde_json::Value) {
    let (status, found) = admin(app, Method::GET, &format!("/accounts?email={email}")).await;
    assert_eq!(status, 200, "{found}");
    let id = found["id"].as_str().unwrap();
    let (status, trail) = admin(app, Method::GET, &format!("/accounts/{id}/trail")).await;
    assert_eq!(status, 200, "{trail}");
    let kinds = trail["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect();
    (kinds, trail)
}

#[tokio::test]
async fn signing_in_and_out_shows_on_the_account_page_and_through_the_admin_endpoint() {
    let app = spawn_app_with(with_admin, &[]).await;
    let (laptop, _) = signed_in(&app, "ann@example.com").await;
    app.clock.advance(time::Duration::seconds(61));
    let phone = app.browser();
    let mail = app.request_email(&phone, "ann@example.com").await;
    assert_eq!(phone.enter_code(&mail.code()).await.status, 303);
    assert_eq!(phone.sign_out().await.status, 303);

    let page = laptop.get("/").await;
    assert_eq!(page.status, 200);
    let text = page.text();
    let section = text
        .split("Recent activity")
        .nth(1)
        .expect("the trail section");
    assert_in_order(
        section,
        &[
            "Signed out",
            "Signed in with a code",
            "Sign-in email sent",
            "Signed in with a link",
        ],
    );
    assert!(section.contains("today at"), "{section}");
    assert!(
        section.contains("from Firefox on Linux (127.0.0.x)"),
        "{section}"
    );

    let (kinds, _) = admin_trail(&app, "ann@example.com").await;
    assert_eq!(
        kinds,
        [
            "signed_out",
            "signed_in_code",
            "email_requested",
            "signed_in_link"
        ]
    );

    // Signing out everywhere, from the laptop, goes on the trail too.
    let home = laptop.get("/").await;
    let done = laptop
        .post("/logout/everywhere", &[("csrf_token", &home.csrf())])
        .await;
    assert_eq!(done.status, 303);
    let (kinds, _) = admin_trail(&app, "ann@example.com").await;
    assert_eq!(kinds[0], "signed_out_everywhere");
}

#[tokio::test]
async fn a_wrong_code_goes_on_the_accounts_trail_and_an_operators_actions_too() {
    let app = spawn_app_with(with_admin, &[]).await;
    signed_in(&app, "bob@example.com").await;
    app.clock.advance(time::Duration::seconds(61));
    let stranger = app.browser();
    let mail = app.request_email(&stranger, "bob@example.com").await;
    assert_eq!(stranger.enter_code(mail.wrong_code()).await.status, 400);

    let (kinds, trail) = admin_trail(&app, "bob@example.com").await;
    assert_eq!(kinds[..2], ["wrong_code", "email_requested"], "{trail}");
    let wrong = &trail["events"][0];
    assert_eq!(wrong["browser"], "Firefox|Linux");
    assert_eq!(wrong["ip"], "127.0.0.x");

    let (found_status, found) = admin(&app, Method::GET, "/accounts?email=bob@example.com").await;
    assert_eq!(found_status, 200);
    let id = found["id"].as_str().unwrap();
    let (status, _) = admin(&app, Method::DELETE, "/back-off?email=bob@example.com").await;
    assert_eq!(status, 200);
    let (status, _) = admin(&app, Method::DELETE, &format!("/accounts/{id}/sessions")).await;
    assert_eq!(status, 200);
    let (kinds, trail) = admin_trail(&app, "bob@example.com").await;
    assert_eq!(
        kinds[..2],
        ["operator_ended_sessions", "operator_lifted_back_off"]
    );
    assert_eq!(
        trail["events"][0]["browser"], "",
        "an operator has no browser"
    );
}

#[tokio::test]
async fn the_admin_trail_endpoint_refuses_without_the_token_and_is_not_on_the_public_port() {
    let app = spawn_app_with(with_admin, &[]).await;
    signed_in(&app, "cat@example.com").await;
    let (_, found) = admin(&app, Method::GET, "/accounts?email=cat@example.com").await;
    let path = format!("/accounts/{}/trail", found["id"].as_str().unwrap());
    refused_without_the_token(&app, Method::GET, &path).await;
}

/// SECURITY.md, "The sign-in trail": the rows as stored and the operator's JSON hold no token,
/// no code (right or wrong), no link and no address, after every kind of event a browser makes.
#[tokio::test]
async fn the_stored_trail_holds_no_token_no_code_and_no_address() {
    let app = spawn_app_with(with_admin, &[]).await;
    let email = "dora.secret@example.com";
    let (first, link_mail) = signed_in(&app, email).await;
    app.clock.advance(time::Duration::seconds(61));
    let other = app.browser();
    let code_mail = app.request_email(&other, email).await;
    let wrong = code_mail.wrong_code();
    assert_eq!(other.enter_code(wrong).await.status, 400);
    assert_eq!(other.enter_code(&code_mail.code()).await.status, 303);
    assert_eq!(other.sign_out().await.status, 303);
    assert_eq!(first.sign_out().await.status, 303);

    let rows = app.sql("SELECT account_id, kind, browser, ip FROM trail_events");
    let (kinds, json) = admin_trail(&app, email).await;
    assert_eq!(kinds.len(), 6, "{json}");
    assert_eq!(rows.lines().count(), 6, "{rows}");
    let json = json.to_string();
    let secrets = [
        link_mail.token(),
        link_mail.link(),
        link_mail.code(),
        code_mail.token(),
        code_mail.code(),
        wrong.to_owned(),
        email.to_owned(),
        "dora".to_owned(),
        "example.com".to_owned(),
    ];
    for stored in [&rows, &json] {
        for secret in &secrets {
            assert!(!stored.contains(secret.as_str()), "{secret} in {stored}");
        }
    }
}

#[tokio::test]
async fn the_cli_prints_an_accounts_trail_one_json_event_a_line() {
    let app = spawn_app_with(with_admin, &[]).await;
    let (browser, _) = signed_in(&app, "eve@example.com").await;
    assert_eq!(browser.sign_out().await.status, 303);
    let addr = app.settings.server.admin_bind.unwrap().to_string();
    let cli = |email: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_iris"))
            .args(["admin", "trail", email])
            .env_remove("IRIS_CONFIG")
            .env("IRIS__SERVER__ADMIN_BIND", &addr)
            .env("IRIS__SECRETS__ADMIN_TOKEN", TOKEN)
            .env("RUST_LOG", "error")
            .output()
            .unwrap()
    };
    let out = cli("eve@example.com");
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let events: Vec<serde_json::Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let kinds: Vec<&str> = events.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["signed_out", "signed_in_link"], "{stdout}");
    assert!(events[0]["at"].as_str().unwrap().ends_with('Z'), "{stdout}");
    assert!(
        !cli("nobody@example.com").status.success(),
        "no account: a failure"
    );
}

/// The trail is a record, not a condition: with its table gone (renamed under the running
/// server), signing in by link and by code, a wrong code and signing out all still work, and
/// the account page (its sign-out buttons) too, saying the trail cannot be shown.
#[tokio::test]
async fn a_trail_that_cannot_be_written_fails_no_sign_in_and_no_sign_out() {
    let app = spawn_app().await;
    let (first, _) = signed_in(&app, "fay@example.com").await;
    app.sql("ALTER TABLE trail_events RENAME TO trail_gone");
    assert_eq!(first.sign_out().await.status, 303);
    app.clock.advance(time::Duration::seconds(61));

    let (by_link, _) = signed_in(&app, "fay@example.com").await;
    assert_eq!(by_link.whoami().await.0, 200);
    let home = by_link.get("/").await;
    assert_eq!(home.status, 200);
    assert!(
        home.text()
            .contains("Recent activity can't be shown right now"),
        "{}",
        home.text()
    );
    app.clock.advance(time::Duration::seconds(61));
    let by_code = app.browser();
    let mail = app.request_email(&by_code, "fay@example.com").await;
    assert_eq!(by_code.enter_code(mail.wrong_code()).await.status, 400);
    assert_eq!(by_code.enter_code(&mail.code()).await.status, 303);
    assert_eq!(by_code.whoami().await.0, 200);
    assert_eq!(by_code.sign_out().await.status, 303);
    assert_eq!(by_code.whoami().await.0, 401);
    // What the server itself wrote went nowhere; the issuing trigger followed the rename.
    assert_eq!(
        app.sql("SELECT kind FROM trail_gone ORDER BY id"),
        "signed_in_link\nemail_requested\nemail_requested"
    );
}
