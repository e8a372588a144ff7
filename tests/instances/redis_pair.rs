//! Both instances with Redis (`store.redis_url`): sessions and the per-IP limit live there, so a
//! session made on one instance is good on the other and ends on both, and the limit is counted
//! once for both. Redis lost (`SHUTDOWN NOSAVE`) fails closed: sign-in answers 503, the
//! signed-in checks 503 (never 200), readiness names Redis; both recover by themselves, and
//! everyone signs in again (SECURITY.md item 45).
use crate::harness::Pair;
use crate::redis::Redis;
use crate::sessions::refused_within_a_second;
use std::time::{Duration, Instant};

async fn pair_on(redis: &Redis, extra: &[(&str, &str)]) -> Pair<'static> {
    let url = redis.url();
    let mut settings = vec![("store.redis_url", url.as_str())];
    settings.extend_from_slice(extra);
    Pair::start(&settings).await
}

#[tokio::test]
async fn with_redis_a_session_made_on_one_instance_works_on_the_other_and_ends_on_both() {
    let redis = Redis::start();
    let pair = pair_on(&redis, &[]).await;
    let (on_a, on_b) = pair.browsers();
    let mail = pair.request_email(&on_a, "redis@example.com").await;
    let signed_in = on_b.enter_code(&mail.code()).await;
    assert_eq!(signed_in.status, 303, "{}", signed_in.text());

    for browser in [&on_a, &on_b] {
        let (status, who) = browser.whoami().await;
        assert_eq!(
            (status, who["email"].as_str()),
            (200, Some("redis@example.com"))
        );
    }
    assert_eq!(pair.sql("SELECT count(*) FROM sessions"), "0", "not in SQL");
    let keys = redis
        .cli(&["--scan", "--pattern", "iris:session:*"])
        .unwrap();
    assert!(!keys.is_empty(), "the session is in Redis");

    let home = on_b.get("/").await;
    let out = on_b.post("/logout", &[("csrf_token", &home.csrf())]).await;
    assert_eq!(out.status, 303, "{}", out.text());
    let signed_out = Instant::now();
    // On B at once; on A within a second (its workers' one-second session cache).
    assert_eq!(on_b.whoami().await.0, 401);
    refused_within_a_second(signed_out, || async { on_a.whoami().await.0 }).await;
    let left = redis
        .cli(&["--scan", "--pattern", "iris:session:*"])
        .unwrap();
    assert_eq!(left, "", "the session is gone from Redis");
}

/// A burst of 4, then one a minute: twelve sign-in requests from one client, alternating
/// between the instances, get exactly 4 through and 8 answered 429, not 4 per instance.
#[tokio::test]
async fn with_redis_the_per_ip_limit_is_counted_once_for_both_instances() {
    let redis = Redis::start();
    let pair = pair_on(
        &redis,
        &[("limits.ip_burst", "4"), ("limits.ip_per_minute", "1")],
    )
    .await;
    let mut statuses = Vec::new();
    for i in 0..12 {
        let browser = pair.instance(i).browser();
        let address = format!("limit{i}@example.com");
        let page = browser
            .submit("/login", "/login", &[("email", address.as_str())])
            .await;
        statuses.push(page.status);
    }
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(refused, 8, "{statuses:?}");
    assert!(
        statuses.iter().filter(|s| **s != 429).all(|s| *s == 303),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn with_redis_down_both_fail_closed_and_recover_by_themselves() {
    let redis = Redis::start();
    let mut pair = pair_on(&redis, &[("store.timeout", "2s")]).await;
    let (on_a, on_b) = pair.browsers();
    let mail = pair.request_email(&on_a, "before@example.com").await;
    assert_eq!(on_a.enter_code(&mail.code()).await.status, 303);
    assert_eq!(on_b.whoami().await.0, 200);
    let stranger = pair.b.browser();
    let csrf = stranger.get("/login").await.csrf();

    redis.stop();
    // A worker may still answer from the session it read less than a second ago (the cache's
    // bound, as for a sign-out elsewhere); any check sent a second after the stop gets 503.
    let stopped = Instant::now();
    for browser in [&on_a, &on_b] {
        loop {
            let sent = stopped.elapsed();
            let (status, _) = browser.whoami().await;
            if status == 503 {
                break;
            }
            assert!(
                status == 200 && sent < Duration::from_secs(1),
                "whoami on {} answered {status}, {sent:?} after Redis went down",
                browser.base
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let check = browser.get("/auth/check").await;
        assert_eq!(check.status, 503, "{}", check.text());
    }
    let page = stranger
        .post(
            "/login",
            &[("csrf_token", &csrf), ("email", "during@example.com")],
        )
        .await;
    assert_eq!(page.status, 503, "{}", page.text());
    assert!(
        page.text().contains("Sign-in is unavailable right now"),
        "{}",
        page.text()
    );
    for instance in [&pair.a, &pair.b] {
        assert_eq!(instance.ready_status().await, 503, "{}", instance.name);
    }
    assert_eq!(
        pair.sql("SELECT count(*) FROM credentials WHERE email_key = 'during@example.com'"),
        "0",
        "nothing issued while the limit could not be counted"
    );

    redis.start_again();
    for instance in [&mut pair.a, &mut pair.b] {
        instance.wait_ready(Duration::from_secs(60)).await;
        assert!(instance.is_running(), "{} was restarted", instance.name);
    }
    // Redis lost every session: signed out everywhere, never someone else.
    for browser in [&on_a, &on_b] {
        assert_eq!(browser.whoami().await.0, 401, "{}", browser.base);
    }
    let fresh = pair.b.browser();
    let mail = pair.request_email(&fresh, "after@example.com").await;
    let on_a_too = pair.a.browser();
    assert_eq!(on_a_too.confirm_link(&mail.link()).await.status, 303);
    let (status, who) = on_a_too.whoami().await;
    assert_eq!(
        (status, who["email"].as_str()),
        (200, Some("after@example.com"))
    );
}
