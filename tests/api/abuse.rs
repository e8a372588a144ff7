//! Rate limits: per client IP at the edge, per address in the store.
use crate::helpers::*;

#[tokio::test]
async fn one_email_per_cooldown_and_a_few_per_hour_per_address() {
    let app = spawn_app().await;
    let b = app.browser();
    app.request_email(&b, "limit@example.com").await;
    for _ in 0..5 {
        let res = app
            .browser()
            .submit("/login", "/login", &[("email", "LIMIT@example.com")])
            .await;
        assert_eq!(res.status, 303);
        assert_eq!(res.location(), Some("/login/check-email?again=1"));
    }
    // Four more after each cooldown: the fifth of the hour is the last one.
    for n in 2..=5 {
        app.clock.advance(time::Duration::seconds(61));
        app.request_email(&app.browser(), "limit@example.com").await;
        assert_eq!(app.sink().messages().len(), n);
    }
    app.clock.advance(time::Duration::seconds(61));
    let res = app
        .browser()
        .submit("/login", "/login", &[("email", "limit@example.com")])
        .await;
    assert_eq!(res.status, 429);
    let wait: u64 = res.header("retry-after").unwrap().parse().unwrap();
    assert!(wait > 60 && wait <= 3600, "{wait}");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(app.sink().messages().len(), 5);
    // An hour later it works again.
    app.clock.advance(time::Duration::seconds(wait as i64 + 1));
    app.request_email(&app.browser(), "limit@example.com").await;
}

#[tokio::test]
async fn per_ip_limit_cannot_be_dodged_with_forwarded_headers() {
    let app = spawn_app_with(
        |s| {
            s.limits.ip_burst = 5;
            s.limits.ip_per_minute = 1;
        },
        &[],
    )
    .await;
    let b = app.browser();
    let token = b.get("/login").await.csrf();
    let mut statuses = vec![];
    for i in 0..10 {
        let res = b
            .client
            .post(b.url("/login"))
            .header("x-forwarded-for", format!("10.0.0.{i}"))
            .header("forwarded", format!("for=10.1.0.{i}"))
            .form(&[
                ("csrf_token", token.as_str()),
                ("email", &format!("ip{i}@example.com")),
            ])
            .send()
            .await
            .unwrap();
        statuses.push(res.status().as_u16());
        if res.status() == 429 {
            assert!(res.headers().get("retry-after").is_some());
        }
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 303).count(),
        5,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 429).count(),
        5,
        "{statuses:?}"
    );
    // Pages (GET) are not limited.
    assert_eq!(b.get("/login").await.status, 200);
}

#[tokio::test]
async fn trusted_proxies_separate_clients_by_forwarded_for() {
    let app = spawn_app_with(
        |s| {
            s.limits.ip_burst = 2;
            s.limits.ip_per_minute = 1;
            s.server.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
        },
        &[],
    )
    .await;
    let b = app.browser();
    let token = b.get("/login").await.csrf();
    let post = |client_ip: String, n: usize| {
        let b = b.clone();
        let token = token.clone();
        async move {
            b.client
                .post(b.url("/login"))
                .header("x-forwarded-for", client_ip)
                .form(&[
                    ("csrf_token", token.as_str()),
                    ("email", &format!("p{n}@example.com")),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    let a: Vec<u16> = vec![
        post("203.0.113.1".into(), 1).await,
        post("203.0.113.1".into(), 2).await,
        post("203.0.113.1".into(), 3).await,
    ];
    assert_eq!(a, vec![303, 303, 429]);
    assert_eq!(
        post("203.0.113.2".into(), 4).await,
        303,
        "another client behind the proxy has its own budget"
    );
    // IPv6: one /64 is one client, however many of its addresses it uses.
    let v6: Vec<u16> = vec![
        post("2001:db8:0:7::1".into(), 5).await,
        post("2001:db8:0:7::2".into(), 6).await,
        post("2001:db8:0:7:ffff:1:2:3".into(), 7).await,
    ];
    assert_eq!(v6, vec![303, 303, 429]);
    assert_eq!(
        post("2001:db8:0:8::1".into(), 8).await,
        303,
        "the next /64 is another client"
    );
}

#[tokio::test]
async fn the_429_page_is_the_same_for_known_and_unknown_addresses() {
    let app = spawn_app_with(|s| s.limits.email_per_hour = 1, &[]).await;
    app.clock.freeze(); // Retry-After must not differ by a second between the two requests

    app.sql("INSERT INTO accounts (id, email, email_key, created_at) VALUES ('a1', 'k@example.com', 'k@example.com', 0)");
    let mut pages = vec![];
    for email in ["k@example.com", "u@example.com"] {
        app.browser()
            .submit("/login", "/login", &[("email", email)])
            .await;
    }
    app.clock.advance(time::Duration::seconds(61));
    for email in ["k@example.com", "u@example.com"] {
        pages.push(
            app.browser()
                .submit("/login", "/login", &[("email", email)])
                .await,
        );
    }
    assert_eq!(pages[0].status, 429);
    assert_eq!(pages[0].status, pages[1].status);
    assert_eq!(pages[0].body, pages[1].body);
    assert_eq!(
        pages[0].header("retry-after"),
        pages[1].header("retry-after")
    );
}

#[tokio::test]
async fn oversized_and_malformed_bodies_get_clean_4xx_pages() {
    let app = spawn_app().await;
    let b = app.browser();
    let token = b.get("/login").await.csrf();
    let big = b
        .post(
            "/login",
            &[("csrf_token", &token), ("email", &"a".repeat(100_000))],
        )
        .await;
    assert_eq!(big.status, 413);
    let res = b
        .client
        .post(b.url("/login"))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert!(res.status().is_client_error());
    let res = b
        .client
        .post(b.url("/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("%%%&&&=\u{0}")
        .send()
        .await
        .unwrap();
    assert!(res.status().is_client_error(), "{}", res.status());
    let long = b
        .post(
            "/login",
            &[
                ("csrf_token", &token),
                ("email", &format!("{}@example.com", "a".repeat(300))),
            ],
        )
        .await;
    assert_eq!(long.status, 400);
    assert!(long.text().contains("too long"));
}

/// SECURITY.md item 16: a global daily budget. Past it every address, known or not, gets the
/// same 503 page with `Retry-After` up to midnight UTC, and no email is queued; a browser still
/// in its cooldown keeps its inbox page, codes already sent keep working, and the budget renews
/// at midnight UTC.
#[tokio::test]
async fn the_daily_email_budget_pauses_sending_for_every_address_alike() {
    use iris::clock::Clock;
    let app = spawn_app_with(|s| s.limits.emails_per_day = 2, &[]).await;
    app.clock.freeze();
    app.sql("INSERT INTO accounts (id, email, email_key, created_at) VALUES ('a1', 'k@example.com', 'k@example.com', 0)");
    let first = app.browser();
    let mail = app.request_email(&first, "a@example.com").await;
    app.request_email(&app.browser(), "b@example.com").await;

    let mut pages = vec![];
    for email in ["k@example.com", "u@example.com"] {
        pages.push(
            app.browser()
                .submit("/login", "/login", &[("email", email)])
                .await,
        );
    }
    let now = app.clock.now().unix_timestamp();
    let to_midnight = 86_400 - now.rem_euclid(86_400);
    for page in &pages {
        assert_eq!(page.status, 503);
        assert!(page.text().contains("Sign-in emails are paused"));
        assert_eq!(page.header("retry-after"), Some(&*to_midnight.to_string()));
    }
    assert_eq!(pages[0].body, pages[1].body);
    assert_eq!(app.sql("SELECT COUNT(*) FROM outbox"), "2");

    // Within its cooldown the first browser goes back to its inbox, and its code still works.
    let again = first
        .submit("/login", "/login", &[("email", "a@example.com")])
        .await;
    assert_eq!(again.location(), Some("/login/check-email?again=1"));
    assert_eq!(first.enter_code(&mail.code()).await.status, 303);
    assert_eq!(first.whoami().await.0, 200);

    // A new UTC day, a new budget.
    app.clock.advance(time::Duration::seconds(to_midnight));
    app.request_email(&app.browser(), "k@example.com").await;
    assert_eq!(app.sql("SELECT COUNT(*) FROM outbox"), "3");
}

/// Concurrent requests are issued in batches (one transaction each): the day's budget is
/// filled exactly, never exceeded.
#[tokio::test]
async fn concurrent_requests_fill_the_daily_budget_exactly() {
    let app = spawn_app_with(|s| s.limits.emails_per_day = 5, &[]).await;
    let mut ready = Vec::new();
    for n in 0..12 {
        let b = app.browser();
        let csrf = b.get("/login").await.csrf();
        ready.push((b, csrf, format!("c{n}@example.com")));
    }
    let tasks: Vec<_> = ready
        .into_iter()
        .map(|(b, csrf, email)| {
            tokio::spawn(async move {
                b.post("/login", &[("csrf_token", &csrf), ("email", &email)])
                    .await
                    .status
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    statuses.sort_unstable();
    assert_eq!(statuses, [vec![303; 5], vec![503; 7]].concat());
    assert_eq!(app.sql("SELECT COUNT(*) FROM outbox"), "5");
    assert_eq!(app.sql("SELECT SUM(used) FROM email_budget"), "5");
}

/// `Retry-After` is the true wait: retrying after it succeeds (it used to round down, so the
/// retry met the limit again), and the 429s of the code box say it too.
#[tokio::test]
async fn retry_after_is_the_true_wait_everywhere() {
    let app = spawn_app_with(
        |s| {
            s.limits.ip_burst = 1;
            s.limits.ip_per_minute = 30; // one request every 2 s
        },
        &[],
    )
    .await;
    let b = app.browser();
    let token = b.get("/login").await.csrf();
    let form = [("csrf_token", token.as_str()), ("email", "nope")];
    let post = || b.post("/login", &form);
    assert_eq!(post().await.status, 400, "the burst");
    let limited = post().await;
    assert_eq!(limited.status, 429);
    let wait: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert_eq!(wait, 2, "the bucket refills every 2 s");
    assert!(
        limited.text().contains("in 2 seconds"),
        "{}",
        limited.text()
    );
    tokio::time::sleep(std::time::Duration::from_secs(wait)).await;
    assert_eq!(post().await.status, 400, "retrying as told works");

    // The code box: too many wrong codes for this email.
    let app = spawn_app_with(|s| s.limits.code_attempts = 1, &[]).await;
    let b = app.browser();
    let mail = app.request_email(&b, "retry@example.com").await;
    let wrong = mail.wrong_code();
    b.enter_code(wrong).await;
    let refused = b.enter_code(wrong).await;
    assert_eq!(refused.status, 429);
    let wait: u64 = refused.header("retry-after").unwrap().parse().unwrap();
    assert!(
        (1..=60).contains(&wait),
        "until a new email may be sent: {wait}"
    );
}
