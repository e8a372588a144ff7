//! The admin listener (`server.admin_bind`, bearer `secrets.admin_token`): refuses without the
//! token, is absent from the public port, looks an account up, ends its sessions at once, lifts
//! a back-off; and `iris admin …` wraps the same endpoints.
use crate::helpers::*;
use std::net::SocketAddr;

pub(crate) const TOKEN: &str = "admin-token-0123456789abcdef0123456789";

pub(crate) fn with_admin(s: &mut iris::config::Settings) {
    s.server.admin_bind = Some(SocketAddr::from(([127, 0, 0, 1], free_port())));
    s.secrets.admin_token = Some(TOKEN.to_owned().into());
}

fn admin_url(app: &TestApp, path: &str) -> String {
    let addr = app.settings.server.admin_bind.expect("admin_bind set");
    format!("http://{addr}/admin{path}")
}

pub(crate) async fn admin(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
) -> (u16, serde_json::Value) {
    let res = reqwest::Client::new()
        .request(method, admin_url(app, path))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or_default())
}

/// `path` on the admin listener answers 401 (with `WWW-Authenticate: Bearer`) without the
/// token or with a wrong one, and the public port knows no `/admin` at all, token or not.
pub(crate) async fn refused_without_the_token(app: &TestApp, method: reqwest::Method, path: &str) {
    let client = reqwest::Client::new();
    let url = admin_url(app, path);
    let none = client.request(method.clone(), &url).send().await.unwrap();
    assert_eq!(none.status(), 401);
    assert_eq!(none.headers()["www-authenticate"], "Bearer");
    let wrong = client
        .request(method.clone(), &url)
        .bearer_auth("admin-token-0123456789abcdef012345678X")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    let public = client
        .request(method, format!("{}/admin{path}", app.address))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(public.status(), 404);
}

#[tokio::test]
async fn without_the_token_nothing_and_never_on_the_public_port() {
    let app = spawn_app_with(with_admin, &[]).await;
    refused_without_the_token(
        &app,
        reqwest::Method::GET,
        "/accounts?email=ann@example.com",
    )
    .await;
    refused_without_the_token(&app, reqwest::Method::DELETE, "/accounts/x/sessions").await;
}

#[tokio::test]
async fn an_operator_finds_an_account_and_signs_it_out_everywhere() {
    let app = spawn_app_with(with_admin, &[]).await;
    let (status, _) = admin(
        &app,
        reqwest::Method::GET,
        "/accounts?email=ann@example.com",
    )
    .await;
    assert_eq!(status, 404, "no account before the first sign-in");
    let (status, _) = admin(&app, reqwest::Method::GET, "/accounts?email=not-an-address").await;
    assert_eq!(status, 400);

    let (laptop, phone) = (app.browser(), app.browser());
    for browser in [&laptop, &phone] {
        let mail = app.request_email(browser, "Ann@Example.com").await;
        assert_eq!(browser.confirm_link(&mail.link()).await.status, 303);
        app.clock.advance(time::Duration::seconds(61));
    }
    let (status, found) = admin(
        &app,
        reqwest::Method::GET,
        "/accounts?email=ann@example.com",
    )
    .await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(
        found["email"], "Ann@example.com",
        "as typed, the domain in lower case"
    );
    assert_eq!(found["sessions"].as_array().unwrap().len(), 2, "{found}");
    let first = &found["sessions"][0];
    assert_eq!(
        (&first["how"], &first["browser"], &first["os"], &first["ip"]),
        (
            &serde_json::json!("link"),
            &serde_json::json!("Firefox"),
            &serde_json::json!("Linux"),
            &serde_json::json!("127.0.0.x")
        ),
        "{found}"
    );
    assert!(
        first["id"].as_str().is_some_and(|id| id.len() >= 16),
        "{found}"
    );
    assert!(!found.to_string().contains("credential"), "{found}");
    assert_eq!(found["back_off_seconds"], serde_json::Value::Null);
    let id = found["id"].as_str().unwrap().to_owned();
    assert_eq!(laptop.whoami().await.1["id"], id.as_str());

    let (status, ended) = admin(
        &app,
        reqwest::Method::DELETE,
        &format!("/accounts/{id}/sessions"),
    )
    .await;
    assert_eq!((status, ended["ended"].as_u64()), (200, Some(2)));
    // At once on this instance: its workers' session caches are voided.
    for browser in [&laptop, &phone] {
        assert_eq!(browser.whoami().await.0, 401);
    }
    let (_, listed) = admin(
        &app,
        reqwest::Method::GET,
        &format!("/accounts/{id}/sessions"),
    )
    .await;
    assert_eq!(listed["sessions"], serde_json::json!([]));
}

#[tokio::test]
async fn an_operator_lifts_a_back_off_and_the_cli_does_the_same() {
    let app = spawn_app_with(with_admin, &[]).await;
    let owner = app.browser();
    let mail = app.request_email(&owner, "bob@example.com").await;
    assert_eq!(owner.confirm_link(&mail.link()).await.status, 303);
    // Wrong codes from strangers put the address under a back-off.
    for _ in 0..2 {
        app.clock.advance(time::Duration::seconds(61));
        let stranger = app.browser();
        let mail = app.request_email(&stranger, "bob@example.com").await;
        for _ in 0..5 {
            stranger.enter_code(mail.wrong_code()).await;
        }
    }
    let (_, found) = admin(
        &app,
        reqwest::Method::GET,
        "/accounts?email=bob@example.com",
    )
    .await;
    assert!(
        found["back_off_seconds"].as_u64().unwrap_or(0) > 0,
        "{found}"
    );

    // The CLI, with the same settings from the environment.
    let addr = app.settings.server.admin_bind.unwrap().to_string();
    let cli = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_iris"))
            .arg("admin")
            .args(args)
            .env_remove("IRIS_CONFIG")
            .env("IRIS__SERVER__ADMIN_BIND", &addr)
            .env("IRIS__SECRETS__ADMIN_TOKEN", TOKEN)
            .env("RUST_LOG", "error")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains(TOKEN), "the CLI printed the token");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        (out.status.code(), format!("{stdout}{stderr}"))
    };
    let (code, out) = cli(&["lift-back-off", "bob@example.com"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains(r#""lifted":true"#), "{out}");
    let (_, found) = admin(
        &app,
        reqwest::Method::GET,
        "/accounts?email=bob@example.com",
    )
    .await;
    assert_eq!(
        found["back_off_seconds"],
        serde_json::Value::Null,
        "{found}"
    );

    let (code, out) = cli(&["account", "bob@example.com"]);
    assert_eq!(code, Some(0), "{out}");
    let found: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let id = found["id"].as_str().unwrap();
    let (code, out) = cli(&["end-sessions", id]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains(r#""ended":1"#), "{out}");
    assert_eq!(owner.whoami().await.0, 401);
    let (code, _) = cli(&["account", "nobody@example.com"]);
    assert_eq!(code, Some(1), "a 404 is a failure for the CLI");
}
