//! Both outbox workers at once (SECURITY.md item 46): rows are claimed with `FOR UPDATE SKIP
//! LOCKED`, so each email goes out exactly once however the two share the queue.
use crate::harness::{Pair, Sender};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// `IRIS_TEST_INSTANCES_EMAILS` (default 1,000).
fn emails() -> usize {
    std::env::var("IRIS_TEST_INSTANCES_EMAILS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000)
}

/// 1,000 emails asked for, alternating A and B, 32 requests in flight: every one answered 303,
/// and with both workers sending, each recipient gets exactly one email with its own
/// Message-ID, the sink saw exactly 1,000 DATA commands (no second try of anything), every
/// outbox row ends `sent` after one claim, and both workers took part.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_emails_are_each_delivered_exactly_once_by_the_two_workers() {
    let total = emails();
    let pair = Pair::start(&[]).await;
    let (on_a, on_b) = pair.browsers();
    let csrf = on_a.get("/login").await.csrf();
    let started = Instant::now();
    let in_flight = Arc::new(Semaphore::new(32));
    let mut tasks = Vec::new();
    for i in 0..total {
        let browser = if i % 2 == 0 { &on_a } else { &on_b }.clone();
        let (csrf, in_flight) = (csrf.clone(), in_flight.clone());
        tasks.push(tokio::spawn(async move {
            let _permit = in_flight.acquire().await.unwrap();
            let email = format!("bulk{i}@example.com");
            let res = browser
                .post("/login", &[("csrf_token", &csrf), ("email", &email)])
                .await;
            (res.status, res.location().map(str::to_owned))
        }));
    }
    for task in tasks {
        let answer = task.await.unwrap();
        assert_eq!(answer, (303, Some("/login/check-email".to_owned())));
    }
    let queued = started.elapsed();
    assert_eq!(
        pair.wait_outbox_drained(Duration::from_secs(300)).await,
        format!("sent {total}")
    );
    println!(
        "{total} emails: asked for in {queued:?}, all delivered after {:?}",
        started.elapsed()
    );

    let deliveries = pair.deliveries();
    let mut per_recipient: HashMap<&str, usize> = HashMap::new();
    for d in &deliveries {
        *per_recipient.entry(d.to.as_str()).or_default() += 1;
    }
    assert_eq!(per_recipient.len(), total, "every recipient");
    assert!(
        per_recipient.values().all(|n| *n == 1),
        "some got two: {:?}",
        per_recipient
            .iter()
            .filter(|(_, n)| **n > 1)
            .collect::<Vec<_>>()
    );
    let ids: HashSet<&str> = deliveries
        .iter()
        .map(|d| d.mail.message_id.as_str())
        .collect();
    assert_eq!(ids.len(), total, "a Message-ID each");
    let attempts = pair.sink.attempts();
    assert_eq!(attempts.len(), total, "one DATA per email");
    assert!(attempts.iter().all(|(_, code)| *code == 250));
    assert_eq!(
        pair.sql("SELECT count(*) FROM outbox WHERE attempts = 1 AND payload IS NULL"),
        total.to_string(),
        "each row claimed once, its payload dropped once sent"
    );
    let by_a = deliveries.iter().filter(|d| d.sender == Sender::A).count();
    println!("sent by A: {by_a}, by B: {}", total - by_a);
    assert!(
        by_a > 0 && by_a < total,
        "both workers sent: A {by_a} of {total}"
    );
}
