//! Crash safety (SECURITY.md item 47): an instance killed while sending loses no email; the
//! other sends what it had claimed once the claim's lease (`mail.lease`, 10 s here) has
//! lapsed. At least once, never twice with different Message-IDs.
use crate::harness::{eventually, Pair, Sender};
use std::collections::HashMap;
use std::time::{Duration, Instant};

const EMAILS: usize = 40;
/// The sink answers each DATA after this long (s), so a wave of sends is in flight for seconds.
const SINK_DELAY: &str = "3";
/// A worker's SMTP connections (`mail.smtp_connections`, default): one wave of sends.
const WAVE: usize = 16;
/// `mail.lease`: longer than A's batch takes (two waves of SINK_DELAY), short for the test.
const LEASE: &str = "10s";

/// B is paused (SIGSTOP) while A takes the queue, so every row leased when A dies is A's. A
/// claims a first email alone, and while the sink sits on it the other 39 are queued; A then
/// claims a batch of them (up to 32) and sends it in waves of 16. Once the first wave has
/// reached the sink (A marks a batch `sent` only when all of it is done), A is killed
/// (SIGKILL) with the second wave in flight, and B runs again: it sends the rows nobody held
/// at once, and A's leased rows only after their lease, with one more attempt each. Every
/// recipient gets the email at least once; those that got it twice (the first wave) got the
/// same Message-ID twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_instance_killed_while_sending_loses_no_email_the_other_sends_it_after_the_lease() {
    let mut pair = Pair::start_with(&[("mail.lease", LEASE)], &["--delay", SINK_DELAY]).await;
    pair.b.pause();
    let browser = pair.a.browser();
    let csrf = browser.get("/login").await.csrf();
    let ask = |i: usize| {
        let (browser, csrf) = (browser.clone(), csrf.clone());
        tokio::spawn(async move {
            let email = format!("crash{i}@example.com");
            browser
                .post("/login", &[("csrf_token", &csrf), ("email", &email)])
                .await
                .status
        })
    };
    assert_eq!(ask(0).await.unwrap(), 303);
    eventually(
        "A to claim the first email",
        Duration::from_secs(60),
        || {
            let claimed = pair.sql("SELECT count(*) FROM outbox WHERE status = 'sending'");
            (claimed == "1").then_some(())
        },
    )
    .await;
    let tasks: Vec<_> = (1..EMAILS).map(ask).collect();
    for task in tasks {
        assert_eq!(task.await.unwrap(), 303);
    }

    // The first email and the first wave of the batch have arrived; the second wave has just
    // gone out and the sink holds it for SINK_DELAY seconds.
    pair.wait_received(1 + WAVE, Duration::from_secs(60)).await;
    pair.a.kill9();
    let killed_at = Instant::now();
    let orphans: HashMap<String, i64> = pair
        .sql("SELECT recipient, lease_until FROM outbox WHERE status = 'sending'")
        .lines()
        .map(|row| {
            let (to, until) = row.split_once('|').unwrap();
            (to.to_owned(), until.parse().unwrap())
        })
        .collect();
    assert!(
        orphans.len() > WAVE && orphans.len() <= 32,
        "A held a batch (at most 32 rows) beyond its first wave: {}",
        orphans.len()
    );
    pair.b.resume();

    assert_eq!(
        pair.wait_outbox_drained(Duration::from_secs(240)).await,
        format!("sent {EMAILS}")
    );
    println!(
        "{} rows were A's when it died; all sent {:?} after the kill",
        orphans.len(),
        killed_at.elapsed()
    );

    // At least once, each with one Message-ID.
    let deliveries = pair.deliveries();
    let mut per_recipient: HashMap<&str, Vec<_>> = HashMap::new();
    for d in &deliveries {
        per_recipient.entry(d.to.as_str()).or_default().push(d);
    }
    assert_eq!(per_recipient.len(), EMAILS, "every recipient");
    let mut twice = 0;
    for (to, copies) in &per_recipient {
        let first = &copies[0].mail.message_id;
        assert!(
            copies.iter().all(|c| &c.mail.message_id == first),
            "{to}: copies with different Message-IDs"
        );
        assert!(copies.len() <= 2, "{to}: {} copies", copies.len());
        if copies.len() == 2 {
            twice += 1;
            assert!(orphans.contains_key(*to), "{to} twice, yet not A's");
            assert_eq!(copies[0].sender, Sender::A, "{to}");
            assert_eq!(copies[1].sender, Sender::B, "{to}");
        }
    }
    println!("{twice} emails went out twice (A's copy reached the sink before it died)");
    assert!(
        twice >= WAVE,
        "the first wave went out again: {twice} twice"
    );

    // A's rows: claimed again by B only once their lease had lapsed, and sent by B.
    for (to, lease_until) in &orphans {
        let row = pair.sql(&format!(
            "SELECT attempts, finished_at >= {lease_until} FROM outbox WHERE recipient = '{to}'"
        ));
        assert_eq!(row, "2|t", "{to}: claimed twice, finished after the lease");
        let by_b = per_recipient[to.as_str()]
            .iter()
            .find(|d| d.sender == Sender::B)
            .unwrap_or_else(|| panic!("{to}: B never sent it"));
        assert!(
            by_b.received_at >= *lease_until as f64,
            "{to}: B sent it at {} before the lease ended at {lease_until}",
            by_b.received_at
        );
    }
    assert_eq!(
        pair.sql("SELECT count(*) FROM outbox WHERE attempts = 1"),
        (EMAILS - orphans.len()).to_string(),
        "the rows nobody held were claimed once"
    );
}
