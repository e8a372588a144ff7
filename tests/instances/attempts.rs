//! Attempt counting and the per-address back-off across instances (SECURITY.md items 13, 14).
use crate::harness::{unix_now, Pair};
use crate::helpers::Browser;
use std::sync::Arc;
use tokio::sync::Barrier;

const GUESSES: usize = 20;
const CODE_ATTEMPTS: usize = 5;

/// The browser that asked sends 20 wrong codes at once, half through A and half through B:
/// exactly `limits.code_attempts` (5) are counted on the credential and the address, four
/// answered "wrong code" (400) and the fifth and every later one refused (429); the right code
/// is refused then too. Five failures are the back-off threshold here, and the back-off holds
/// on both instances: a new email for the address is refused (429, within 30 s) on A and on B,
/// though the cooldown is off, and nothing more is sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_wrong_codes_at_once_on_both_instances_count_exactly_the_allowed_attempts() {
    let pair = Pair::start(&[
        ("limits.code_attempts", &CODE_ATTEMPTS.to_string()),
        ("limits.account_failures", &CODE_ATTEMPTS.to_string()),
        ("limits.email_cooldown", "0s"),
    ])
    .await;
    let victim = "guessed@example.com";
    let (on_a, on_b) = pair.browsers();
    let mail = pair.request_email(&on_a, victim).await;
    let csrf = on_b.get("/login/check-email").await.csrf();

    let barrier = Arc::new(Barrier::new(GUESSES));
    let tasks: Vec<_> = (0..GUESSES)
        .map(|i| {
            let browser: Browser = if i % 2 == 0 { &on_a } else { &on_b }.clone();
            let (csrf, wrong) = (csrf.clone(), mail.wrong_code());
            let barrier = barrier.clone();
            tokio::spawn(async move {
                barrier.wait().await;
                let res = browser
                    .post("/login/code", &[("csrf_token", &csrf), ("code", wrong)])
                    .await;
                (res.status, res.text())
            })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    let mut statuses: Vec<u16> = answers.iter().map(|(s, _)| *s).collect();
    statuses.sort_unstable();
    assert_eq!(
        statuses,
        [
            vec![400; CODE_ATTEMPTS - 1],
            vec![429; GUESSES - CODE_ATTEMPTS + 1]
        ]
        .concat(),
        "{answers:#?}"
    );
    assert_eq!(
        pair.sql("SELECT attempts FROM credentials"),
        CODE_ATTEMPTS.to_string()
    );
    let failures = pair.sql("SELECT failures, locked_until FROM account_failures");
    let (failures, locked_until) = failures.split_once('|').unwrap();
    assert_eq!(failures, CODE_ATTEMPTS.to_string());
    let locked_for = locked_until.parse::<i64>().unwrap() - unix_now();
    assert!(
        (1..=30).contains(&locked_for),
        "back-off of 30 s: {locked_for}"
    );

    // The right code is refused now, on both.
    for browser in [&on_a, &on_b] {
        let res = browser
            .post(
                "/login/code",
                &[("csrf_token", &csrf), ("code", &mail.code())],
            )
            .await;
        assert_eq!(res.status, 429, "{}", res.text());
        assert_eq!(browser.whoami().await.0, 401);
    }

    // The address's back-off holds on both instances.
    for instance in [&pair.a, &pair.b] {
        let res = instance
            .browser()
            .submit("/login", "/login", &[("email", victim)])
            .await;
        assert_eq!(res.status, 429, "{}: {}", instance.name, res.text());
        let wait: i64 = res.header("retry-after").unwrap().parse().unwrap();
        assert!((1..=30).contains(&wait), "{}: {wait}", instance.name);
    }
    assert_eq!(pair.sql("SELECT count(*) FROM credentials"), "1");
    assert_eq!(pair.sql("SELECT count(*) FROM outbox"), "1");
    assert_eq!(pair.received(), 1);
}
