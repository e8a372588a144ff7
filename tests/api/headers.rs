//! Security headers on every response, errors included.
use crate::helpers::*;

fn assert_hardened(page: &Page, what: &str) {
    let csp = page
        .header("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no CSP"));
    for part in [
        "default-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
    ] {
        assert!(csp.contains(part), "{what}: CSP lacks {part}");
    }
    assert!(!csp.contains("unsafe-inline"), "{what}");
    // Token pages send no Referer at all; every other page keeps its URL on this origin.
    let policy = if what.starts_with("/login/link?") || what.starts_with("/login/not-me?") {
        "no-referrer"
    } else {
        "same-origin"
    };
    assert_eq!(page.header("referrer-policy"), Some(policy), "{what}");
    assert_eq!(
        page.header("x-content-type-options"),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(
        page.header("cross-origin-opener-policy"),
        Some("same-origin"),
        "{what}"
    );
    assert!(page.header("server").is_none(), "{what}: server banner");
    assert!(
        page.header("content-type")
            .is_some_and(|c| c.contains("charset"))
            || page.body.is_empty(),
        "{what}: charset"
    );
}

#[tokio::test]
async fn every_route_and_error_carries_the_security_headers() {
    let app = spawn_app_with(
        |s| {
            s.limits.ip_burst = 3;
            s.limits.ip_per_minute = 1;
        },
        &[],
    )
    .await;
    let b = app.browser();
    let mut pages = vec![];
    for path in [
        "/login",
        "/login/check-email",
        "/",
        "/login/link?token=x",
        "/login/not-me?token=x",
        "/sessions/whoami",
        "/auth/check",
        "/health/alive",
        "/health/ready",
        "/static/iris.css",
        "/nope",
        "/login/code",
        "/logout",
    ] {
        pages.push((path.to_owned(), b.get(path).await));
    }
    pages.push((
        "PUT /login (405)".into(),
        into_page(b.client.put(b.url("/login")).send().await.unwrap()).await,
    ));
    pages.push((
        "POST oversized (413)".into(),
        b.post("/login", &[("email", &"a".repeat(40_000))]).await,
    ));
    for _ in 0..5 {
        pages.push((
            "POST flood".into(),
            b.post("/login", &[("email", "x@example.com")]).await,
        ));
    }
    let statuses: Vec<u16> = pages.iter().map(|(_, p)| p.status).collect();
    for code in [200, 303, 401, 403, 404, 405, 413, 429] {
        assert!(statuses.contains(&code), "no {code} seen in {statuses:?}");
    }
    for (what, page) in &pages {
        assert_hardened(page, what);
        if !what.starts_with("/static") {
            assert_eq!(page.header("cache-control"), Some("no-store"), "{what}");
        }
    }
    let limited = pages.iter().find(|(_, p)| p.status == 429).unwrap();
    assert!(limited.1.header("retry-after").is_some());
    assert!(limited.1.text().contains("Too many"));
    let missing = pages.iter().find(|(w, _)| w == "/nope").unwrap();
    assert!(missing.1.text().contains("Page not found"));
    assert!(missing.1.text().contains("Request id:"));
    let not_allowed = pages.iter().find(|(_, p)| p.status == 405).unwrap();
    assert!(not_allowed.1.text().contains("doesn't accept"));
}

/// `GET /logout` is where Hydra sends an application's sign-out (with a challenge); without
/// one it goes to the account page, and signs nobody out: only the button's POST does.
#[tokio::test]
async fn a_get_of_logout_signs_nobody_out() {
    let app = spawn_app().await;
    let me = app.browser();
    let mail = app.request_email(&me, "stay@example.com").await;
    me.confirm_link(&mail.link()).await;
    let page = me.get("/logout").await;
    assert_eq!(page.status, 303);
    assert_eq!(page.location(), Some("/"));
    assert_eq!(me.whoami().await.0, 200, "still signed in");
    // Without Hydra, its pages are not there.
    for path in [
        "/logout?logout_challenge=x",
        "/consent?consent_challenge=x",
        "/login?login_challenge=x",
    ] {
        assert_eq!(me.get(path).await.status, 404, "{path}");
    }
}

/// GET and HEAD change nothing (SECURITY.md item 30): every GET route, crawled with both
/// methods by a signed-in browser and a stranger, leaves every table as it was (sessions may
/// only have their idle expiry pushed back) and sends no mail.
#[tokio::test]
async fn crawling_every_get_route_changes_nothing() {
    let app = spawn_app().await;
    let me = app.browser();
    let mail = app.request_email(&me, "crawl@example.com").await;
    me.confirm_link(&mail.link()).await;
    let pending = app.browser();
    let open = app.request_email(&pending, "open@example.com").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let snapshot = || {
        app.sql(
            "SELECT (SELECT group_concat(id || used_at || attempts) FROM credentials), \
                    (SELECT group_concat(id || status || attempts) FROM outbox), \
                    (SELECT group_concat(email_key || last_sent_at || window_count) FROM email_limits), \
                    (SELECT count(*) FROM account_failures), (SELECT count(*) FROM accounts), \
                    (SELECT group_concat(hex(key_hash) || state) FROM sessions)",
        )
    };
    let before = snapshot();
    let sent = app.sink().messages().len();
    let routes = [
        "/".to_owned(),
        "/login".into(),
        "/login?return_to=/x".into(),
        "/login/check-email".into(),
        "/login/check-email?again=1".into(),
        open.link(),
        mail.link(),
        "/login/link?token=nonsense".into(),
        open.not_me_link(),
        mail.not_me_link(),
        "/login/not-me?token=nonsense".into(),
        "/sessions/whoami".into(),
        "/auth/check".into(),
        "/health/alive".into(),
        "/health/ready".into(),
        "/static/iris.css".into(),
        "/error?id=x".into(),
        "/settings".into(),
        "/registration".into(),
        "/logout".into(),
        "/logout?logout_challenge=x".into(),
        "/consent?consent_challenge=x".into(),
        "/login?login_challenge=x".into(),
        "/login/app?app=x&tag=y".into(),
        "/login/code".into(),
        "/nope".into(),
    ];
    for browser in [&me, &pending, &app.browser()] {
        for route in &routes {
            let url = browser.url(route);
            browser.client.head(&url).send().await.unwrap();
            browser.client.get(&url).send().await.unwrap();
        }
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(snapshot(), before);
    assert_eq!(app.sink().messages().len(), sent);
    assert_eq!(me.whoami().await.0, 200, "still signed in");
    assert_eq!(
        pending.confirm_link(&open.link()).await.status,
        303,
        "the open link still works"
    );
}

/// HEAD is answered wherever GET is (RFC 9110 §9.3.2): same status and headers, no body.
#[tokio::test]
async fn head_is_answered_wherever_get_is() {
    let app = spawn_app().await;
    let b = app.browser();
    for path in [
        "/login",
        "/login/check-email",
        "/",
        "/login/link?token=x",
        "/login/not-me?token=x",
        "/sessions/whoami",
        "/auth/check",
        "/error?id=x",
        "/settings",
        "/registration",
        "/recovery",
        "/verification",
        "/health/alive",
        "/health/ready",
        "/static/iris.css",
        "/static/theme.css",
        "/static/favicon.svg",
        "/nope",
    ] {
        let get = b.get(path).await;
        let head = into_page(b.client.head(b.url(path)).send().await.unwrap()).await;
        assert_eq!(head.status, get.status, "HEAD {path}");
        assert_ne!(head.status, 405, "HEAD {path}");
        assert!(head.body.is_empty(), "HEAD {path} has a body");
        assert_eq!(
            head.header("content-type"),
            get.header("content-type"),
            "HEAD {path}"
        );
    }
}
