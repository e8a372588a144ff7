//! `/metrics` on its own listener: the outbox and budget gauges read from the store at each
//! scrape (SECURITY.md item 55: "the outbox-age gauge rises while the sink is down").
use crate::helpers::*;
use std::net::SocketAddr;

fn with_metrics(s: &mut iris::config::Settings) {
    s.server.metrics_bind = Some(SocketAddr::from(([127, 0, 0, 1], free_port())));
}

#[tokio::test]
async fn the_outbox_age_rises_while_smtp_is_down_and_falls_once_it_is_back() {
    let mut app = spawn_app_with(with_metrics, &[]).await;
    let scrape = app.metrics().await;
    assert_eq!(sample(&scrape, "iris_store_up"), Some(1.0));
    assert_eq!(sample(&scrape, "iris_outbox_pending"), Some(0.0));
    assert_eq!(sample(&scrape, "iris_emails_per_day_limit"), Some(10_000.0));

    let (port, dir) = (app.sink().port, app.sink().dir.clone());
    app.sink = None; // the SMTP server goes away
    let b = app.browser();
    b.submit("/login", "/login", &[("email", "late@example.com")])
        .await;
    app.clock.advance(time::Duration::seconds(90));
    let scrape = app.metrics().await;
    assert_eq!(
        sample(&scrape, "iris_outbox_pending"),
        Some(1.0),
        "{scrape}"
    );
    let age = sample(&scrape, "iris_outbox_oldest_pending_age_seconds").unwrap();
    assert!((90.0..120.0).contains(&age), "{age}");
    assert_eq!(sample(&scrape, "iris_emails_today"), Some(1.0));

    app.sink = Some(SmtpSink::start(&dir, port, &[]));
    app.sink().wait_for(1).await;
    let mut scrape = app.metrics().await;
    for _ in 0..50 {
        if sample(&scrape, "iris_outbox_pending") == Some(0.0) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        scrape = app.metrics().await;
    }
    assert_eq!(
        sample(&scrape, "iris_outbox_pending"),
        Some(0.0),
        "{scrape}"
    );
    assert_eq!(
        sample(&scrape, "iris_outbox_oldest_pending_age_seconds"),
        Some(0.0)
    );
}

#[tokio::test]
async fn failed_deliveries_show_until_purged_and_metrics_stay_off_the_public_port() {
    let app = spawn_app_with(with_metrics, &["--reject-all", "550"]).await;
    let b = app.browser();
    b.submit("/login", "/login", &[("email", "bounce@example.com")])
        .await;
    let mut failed = None;
    for _ in 0..100 {
        failed = sample(&app.metrics().await, "iris_outbox_failed");
        if failed == Some(1.0) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(failed, Some(1.0));
    assert_eq!(b.get("/metrics").await.status, 404);
}

/// Every store call is timed per operation: a sign-in's issue and redeem show in the
/// histograms, and a store that fails shows as `result="error"`.
#[tokio::test]
async fn store_calls_are_timed_per_operation_and_result() {
    let app = spawn_app_with(with_metrics, &[]).await;
    let b = app.browser();
    let mail = app.request_email(&b, "timed@example.com").await;
    b.enter_code(&mail.code()).await;
    let scrape = app.metrics().await;
    let count = |op: &str, result: &str| {
        sample(
            &scrape,
            &format!(
                "iris_store_operation_duration_seconds_count{{op=\"{op}\",result=\"{result}\"}}"
            ),
        )
    };
    assert_eq!(count("issue", "ok"), Some(1.0), "{scrape}");
    assert_eq!(count("redeem_code", "ok"), Some(1.0), "{scrape}");
    assert!(count("claim", "ok").unwrap_or(0.0) >= 1.0, "{scrape}");
    assert_eq!(count("issue", "error"), None, "{scrape}");
    let slowest = sample(
        &scrape,
        "iris_store_operation_duration_seconds_bucket{le=\"+Inf\",op=\"issue\",result=\"ok\"}",
    );
    assert_eq!(slowest, Some(1.0), "{scrape}");
}

/// With Redis, its commands are timed too: the per-IP limit's script shows up under
/// `iris_redis_command_duration_seconds` once a form has been posted, and as a store operation.
#[tokio::test]
async fn redis_commands_have_latency_histograms() {
    let redis = crate::redis::Redis::start();
    let url = redis.url();
    let app = spawn_app_with(
        |s| {
            with_metrics(s);
            s.store.redis_url = Some(url.parse().unwrap());
        },
        &[],
    )
    .await;
    let b = app.browser();
    let page = b
        .submit("/login", "/login", &[("email", "timed@example.com")])
        .await;
    assert_eq!(page.status, 303, "{}", page.text());
    let scrape = app.metrics().await;
    let count = |name: &str| sample(&scrape, name).unwrap_or(0.0);
    assert!(
        count(r#"iris_redis_command_duration_seconds_count{op="ip_limit",result="ok"}"#) >= 1.0,
        "{scrape}"
    );
    assert!(
        count(r#"iris_store_operation_duration_seconds_count{op="ip_limit",result="ok"}"#) >= 1.0,
        "{scrape}"
    );
}
