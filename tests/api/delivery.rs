//! The outbox: what the email says, and delivery through SMTP trouble.
use crate::helpers::*;
use iris::clock::Clock;
use std::time::Duration;

#[tokio::test]
async fn the_email_has_both_parts_the_code_up_top_and_no_secret_in_the_subject() {
    let app = spawn_app().await;
    let mail = app.request_email(&app.browser(), "mail@example.com").await;
    assert_eq!(mail.subject, "Sign in to Iris");
    assert!(!mail.subject.chars().any(|c| c.is_ascii_digit()));
    assert!(mail.text.find(&mail.code()).unwrap() < mail.text.find("/login/link").unwrap());
    assert!(mail.html.contains(&mail.code()));
    assert!(mail.html.contains(&mail.link().replace('&', "&amp;")));
    assert!(mail.text.contains("If this wasn't you, ignore this email"));
    assert!(mail.text.contains("Firefox on Linux"));
    // When, in words read later: a date and a time with its zone, never a raw timestamp.
    let when = regex::Regex::new(
        r"This was requested on \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4} at \d{2}:\d{2} UTC from Firefox on Linux\.",
    )
    .unwrap();
    assert!(when.is_match(&mail.text), "{}", mail.text);
    let today = app.clock.now();
    assert!(
        mail.text
            .contains(&format!("{} {}", today.month(), today.year())),
        "{}",
        mail.text
    );
    let outbox_id = app.sql("SELECT id FROM outbox");
    assert_eq!(
        mail.message_id.trim_matches(['<', '>']),
        format!("{outbox_id}@127.0.0.1")
    );
    assert_eq!(
        app.sql("SELECT status, payload IS NULL FROM outbox"),
        "sent|1"
    );
}

#[tokio::test]
async fn smtp_down_when_asked_then_delivered_once_it_is_back() {
    let mut app = spawn_app().await;
    let port = app.sink().port;
    let dir = app.sink().dir.clone();
    let b = app.browser();
    // A first email leaves its connection in the pool; the server restarts while it is idle,
    // closing it. The next email goes on a new connection, at its first attempt.
    app.request_email(&b, "first@example.com").await;
    app.sink = None;
    app.sink = Some(SmtpSink::start(&dir, port, &[]));
    app.request_email(&b, "again@example.com").await;
    assert_eq!(
        app.sql(
            "SELECT attempts, last_error IS NULL FROM outbox WHERE recipient = 'again@example.com'"
        ),
        "1|1",
        "a pooled connection the server had closed is replaced, not a failed attempt"
    );

    app.sink = None; // the SMTP server goes away
    let res = b
        .submit("/login", "/login", &[("email", "down@example.com")])
        .await;
    assert_eq!(res.status, 303, "the request succeeds: the email is queued");
    assert_eq!(b.get("/login/check-email").await.status, 200);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    // Still waiting for SMTP (between attempts, or leased for one), never given up on.
    let down = "FROM outbox WHERE recipient = 'down@example.com'";
    let state = app.sql(&format!("SELECT status {down}"));
    assert!(state == "queued" || state == "sending", "{state}");
    assert!(
        app.sql(&format!("SELECT attempts {down}"))
            .parse::<u32>()
            .unwrap()
            >= 1
    );

    app.sink = Some(SmtpSink::start(&dir, port, &[]));
    let mail = app.sink().wait_for(3).await.pop().unwrap();
    assert_eq!(mail.rcpt_tos, vec!["down@example.com"]);
    assert_eq!(b.confirm_link(&mail.link()).await.status, 303);
}

#[tokio::test]
async fn temporary_failures_are_retried_with_growing_gaps() {
    let app = spawn_app_with(|_| {}, &["--data-replies", "421,421,421"]).await;
    app.browser()
        .submit("/login", "/login", &[("email", "retry@example.com")])
        .await;
    let mail = app.sink().wait_for(1).await.pop().unwrap();
    assert_eq!(mail.rcpt_tos, vec!["retry@example.com"]);
    let attempts = app.sink().attempts();
    let codes: Vec<u16> = attempts.iter().map(|a| a.1).collect();
    assert_eq!(codes, vec![421, 421, 421, 250]);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(app.sink().messages().len(), 1, "delivered once");
    assert_eq!(app.sql("SELECT status, attempts FROM outbox"), "sent|4");
}

#[tokio::test]
async fn permanent_failures_stop_and_the_page_says_so() {
    let app = spawn_app_with(|_| {}, &["--reject-all", "550"]).await;
    let b = app.browser();
    b.submit("/login", "/login", &[("email", "bounce@example.com")])
        .await;
    for _ in 0..100 {
        if app.sql("SELECT status FROM outbox") == "failed" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        app.sql("SELECT status, attempts, payload IS NULL FROM outbox"),
        "failed|1|1"
    );
    assert_eq!(app.sink().attempts().len(), 1, "no retry after a 5xx");
    let page = b.get("/login/check-email").await;
    assert!(page.text().contains("couldn't deliver"), "{}", page.text());
}

#[tokio::test]
async fn the_courier_hook_needs_its_api_key() {
    let key = "courier-key-0123456789abcdef0123456789";
    let app = spawn_app_with(
        |s| s.secrets.courier_api_key = Some(key.to_owned().into()),
        &[],
    )
    .await;
    let client = reqwest::Client::new();
    let message = serde_json::json!({
        "recipient": "hook@example.com",
        "template_type": "login_code_valid",
        "template_data": { "login_code": "123456", "to": "hook@example.com" },
        "subject": "ignored",
        "body": "ignored",
        "message_type": "email",
    });
    let url = format!("{}/hooks/kratos/courier", app.address);
    for wrong in [None, Some("nope"), Some(&key[..key.len() - 1])] {
        let mut req = client.post(&url).json(&message);
        if let Some(w) = wrong {
            req = req.header("x-api-key", w);
        }
        assert_eq!(req.send().await.unwrap().status(), 401, "{wrong:?}");
    }
    assert_eq!(app.sql("SELECT count(*) FROM outbox"), "0");

    let ok = client
        .post(&url)
        .header("x-api-key", key)
        .json(&message)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    let mail = app.sink().wait_for(1).await.pop().unwrap();
    assert_eq!(mail.rcpt_tos, vec!["hook@example.com"]);
    assert_eq!(mail.code(), "123456");
    assert!(!mail.subject.contains("123456"));

    // Other templates pass Kratos's own text through.
    let other = serde_json::json!({
        "recipient": "hook@example.com", "template_type": "verification_valid",
        "subject": "Please verify", "body": "Open https://example.com/verify", "template_data": {},
    });
    let ok = client
        .post(&url)
        .header("x-api-key", key)
        .json(&other)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    let mail = app.sink().wait_for(2).await.pop().unwrap();
    assert_eq!(mail.subject, "Please verify");
    assert!(mail.text.contains("Open https://example.com/verify"));
}

#[tokio::test]
async fn the_courier_hook_is_off_without_a_key() {
    let app = spawn_app().await;
    let res = reqwest::Client::new()
        .post(format!("{}/hooks/kratos/courier", app.address))
        .json(&serde_json::json!({ "recipient": "a@example.com", "template_type": "x" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn two_instances_deliver_each_email_exactly_once() {
    let app = spawn_app().await;
    let sibling = app.spawn_sibling().await;
    // Requests go to both instances; both outbox workers compete for the rows.
    for i in 0..20 {
        let base = if i % 2 == 0 {
            &app.address
        } else {
            &sibling.address
        };
        let b = Browser::new(base);
        let res = b
            .submit(
                "/login",
                "/login",
                &[("email", &format!("twice{i}@example.com"))],
            )
            .await;
        assert_eq!(res.status, 303);
    }
    let mails = app.sink().wait_for(20).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let mails_after = app.sink().messages();
    assert_eq!(mails_after.len(), 20, "no email twice");
    let mut ids: Vec<&str> = mails.iter().map(|m| m.message_id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 20, "distinct Message-IDs");
    assert_eq!(
        app.sql("SELECT count(*) FROM outbox WHERE status = 'sent'"),
        "20"
    );
}
