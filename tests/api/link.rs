//! Signing in with the emailed link.
use crate::helpers::*;

#[tokio::test]
async fn link_signs_in_after_the_confirm_button() {
    let app = spawn_app().await;
    let browser = app.browser();
    let mail = app.request_email(&browser, "jane@example.com").await;
    assert_eq!(mail.rcpt_tos, vec!["jane@example.com"]);

    let confirm = browser.get(&mail.link()).await;
    assert_eq!(confirm.status, 200);
    assert!(
        confirm.text().contains("Sign in as j***@example.com"),
        "{}",
        confirm.text()
    );
    assert!(confirm
        .text()
        .contains("You asked for this link in this browser"));
    assert_eq!(browser.whoami().await.0, 401, "GET alone must not sign in");

    let done = browser.confirm_link(&mail.link()).await;
    assert_eq!(done.status, 303);
    assert_eq!(done.location(), Some("/"));
    let (status, me) = browser.whoami().await;
    assert_eq!(status, 200);
    assert_eq!(me["email"], "jane@example.com");
    for key in ["id", "authenticated_at", "expires_at"] {
        assert!(me[key].is_string(), "{key} missing in {me}");
    }
    let home = browser.get("/").await;
    assert!(home.text().contains("Signed in as jane@example.com"));
}

#[tokio::test]
async fn get_and_head_on_the_link_consume_nothing() {
    let app = spawn_app().await;
    let mail = app.request_email(&app.browser(), "scan@example.com").await;
    let scanner = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36")
        .build()
        .unwrap();
    let head = scanner.head(mail.link()).send().await.unwrap();
    assert_eq!(head.status(), 200);
    assert!(head
        .headers()
        .get("set-cookie")
        .is_none_or(|c| !c.to_str().unwrap().contains("iris-session")));
    for _ in 0..3 {
        let res = scanner
            .get(mail.link())
            .header("accept", "*/*")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let cookies: Vec<_> = res.headers().get_all("set-cookie").iter().collect();
        assert!(cookies
            .iter()
            .all(|c| !c.to_str().unwrap().contains("iris-session")));
    }
    assert_eq!(
        app.sql("SELECT count(*) FROM credentials WHERE used_at IS NOT NULL"),
        "0"
    );
    assert_eq!(
        app.sql("SELECT count(*) FROM sessions"),
        "0",
        "asking and scanning create no session"
    );
    assert_eq!(
        app.sql("SELECT attempts FROM credentials"),
        "0",
        "no failure counted"
    );

    let other_device = app.browser();
    let page = other_device.get(&mail.link()).await;
    assert!(
        page.text().contains("not requested in this browser"),
        "{}",
        page.text()
    );
    assert_eq!(other_device.confirm_link(&mail.link()).await.status, 303);
    assert_eq!(other_device.whoami().await.0, 200);
}

#[tokio::test]
async fn twenty_concurrent_confirms_make_exactly_one_session() {
    let app = spawn_app().await;
    let mail = app.request_email(&app.browser(), "race@example.com").await;
    let token = mail.token();
    let mut ready = Vec::new();
    for _ in 0..20 {
        let b = app.browser();
        let csrf = b.get(&mail.link()).await.csrf();
        ready.push((b, csrf));
    }
    let tasks: Vec<_> = ready
        .into_iter()
        .map(|(b, csrf)| {
            let token = token.clone();
            tokio::spawn(async move {
                let page = b
                    .post("/login/link", &[("csrf_token", &csrf), ("token", &token)])
                    .await;
                (page.status, b.whoami().await.0)
            })
        })
        .collect();
    let mut results = Vec::new();
    for t in tasks {
        results.push(t.await.unwrap());
    }
    let signed_in = results
        .iter()
        .filter(|(s, who)| *s == 303 && *who == 200)
        .count();
    assert_eq!(signed_in, 1, "{results:?}");
    assert_eq!(
        results.iter().filter(|(s, _)| *s == 410).count(),
        19,
        "{results:?}"
    );
    assert_eq!(
        app.sql("SELECT count(*) FROM sessions WHERE state LIKE '%user_id%'"),
        "1"
    );
}

#[tokio::test]
async fn a_used_link_shows_a_way_forward() {
    let app = spawn_app().await;
    let browser = app.browser();
    let mail = app.request_email(&browser, "again@example.com").await;
    browser.confirm_link(&mail.link()).await;
    let page = browser.get(&mail.link()).await;
    assert_eq!(page.status, 410);
    assert!(page.text().contains("already used"));
    assert!(page.text().contains("Send a new link to a***@example.com"));
}

#[tokio::test]
async fn link_works_until_the_ttl_and_not_after() {
    let app = spawn_app().await;
    app.clock.freeze();
    let browser = app.browser();
    let mail = app.request_email(&browser, "ttl@example.com").await;
    app.clock.advance(time::Duration::seconds(599));
    assert_eq!(browser.confirm_link(&mail.link()).await.status, 303);

    let late = app.browser();
    let mail = app.request_email(&late, "ttl2@example.com").await;
    app.clock.advance(time::Duration::seconds(601));
    let page = late.get(&mail.link()).await;
    assert_eq!(page.status, 410);
    assert!(page.text().contains("expired"), "{}", page.text());
    assert_eq!(late.whoami().await.0, 401);
}

#[tokio::test]
async fn expired_link_offers_one_click_new_link() {
    let app = spawn_app().await;
    let browser = app.browser();
    let mail = app.request_email(&browser, "late@example.com").await;
    app.clock.advance(time::Duration::minutes(11));
    let page = browser.get(&mail.link()).await;
    assert_eq!(page.status, 410);
    let token = hidden(&page.body, "token").unwrap();
    let res = browser
        .post(
            "/login/link/resend",
            &[("csrf_token", &page.csrf()), ("token", &token)],
        )
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(res.location(), Some("/login/check-email?sent=1"));
    let fresh = app.sink().wait_for(2).await.pop().unwrap();
    assert_eq!(fresh.rcpt_tos, vec!["late@example.com"]);
    assert_ne!(fresh.token(), mail.token());
    assert_eq!(browser.confirm_link(&fresh.link()).await.status, 303);
}

#[tokio::test]
async fn garbage_tokens_get_a_clear_page_not_an_error() {
    let app = spawn_app().await;
    let b = app.browser();
    for t in ["", "abc", "%00%0d%0a", &"A".repeat(43), &"x".repeat(5000)] {
        let page = b.get(&format!("/login/link?token={t}")).await;
        assert_eq!(page.status, 404, "{t}");
        assert!(page.text().contains("This link doesn't work"));
    }
}

#[tokio::test]
async fn restart_keeps_unused_links_alive_and_used_ones_used() {
    let mut app = spawn_app().await;
    let a = app.browser();
    let used = app.request_email(&a, "used@example.com").await;
    a.confirm_link(&used.link()).await;
    let unused = app
        .request_email(&app.browser(), "unused@example.com")
        .await;

    app.restart().await;

    let b = app.browser();
    assert_eq!(b.confirm_link(&unused.link()).await.status, 303);
    assert_eq!(b.whoami().await.1["email"], "unused@example.com");
    let page = app.browser().get(&used.link()).await;
    assert_eq!(page.status, 410);
}
