//! `AddressLimits`: the same limits for emails whose credentials live elsewhere (Kratos).
use crate::support::*;
use iris::domain::credential::{IssueOutcome, SendLimits};
use iris::store::Stores;

async fn count_send(
    f: &Fixture,
    email: &str,
    limits: SendLimits,
    trusted: bool,
    secs: i64,
) -> Option<IssueOutcome> {
    f.stores
        .limits
        .count_send(&email_address(email), limits, trusted, at(secs))
        .await
        .unwrap()
}

async fn uncount_send(f: &Fixture, email: &str, secs: i64) {
    f.stores
        .limits
        .uncount_send(&email_address(email), at(secs))
        .await
        .unwrap();
}

pub async fn count_send_applies_the_cooldown_and_the_hourly_budget(b: Backend) {
    let f = Fixture::open(b).await;
    assert_eq!(
        count_send(&f, "ann@example.com", LIMITS, false, 0).await,
        None
    );
    assert_eq!(
        count_send(&f, "ann@example.com", LIMITS, false, 10).await,
        Some(IssueOutcome::CoolingDown {
            credential_id: None,
            retry_after: 50
        })
    );
    // Canonical addresses share their limits.
    assert!(matches!(
        count_send(&f, "ANN@example.com", LIMITS, false, 10).await,
        Some(IssueOutcome::CoolingDown { .. })
    ));
    assert_eq!(
        count_send(&f, "ann@example.com", LIMITS, false, 60).await,
        None
    );
    assert_eq!(
        count_send(&f, "ann@example.com", LIMITS, false, 120).await,
        None
    );
    assert_eq!(
        count_send(&f, "ann@example.com", LIMITS, false, 180).await,
        Some(IssueOutcome::HourlyLimit { retry_after: 3420 })
    );
    // A trusted browser skips the hourly budget, not the cooldown.
    assert_eq!(
        count_send(&f, "ann@example.com", LIMITS, true, 180).await,
        None
    );
    assert_eq!(
        count_send(&f, "ann@example.com", LIMITS, true, 200).await,
        Some(IssueOutcome::CoolingDown {
            credential_id: None,
            retry_after: 40
        })
    );
    let stats = f.stores.outbox.stats(at(200)).await.unwrap();
    assert_eq!(stats.emails_today, 4);
    assert_eq!(f.count("credentials"), 0, "counting creates no credential");
}

pub async fn count_send_is_refused_during_the_back_off_unless_trusted(b: Backend) {
    let f = Fixture::open(b).await;
    f.fail("ann@example.com", 3, POLICY, at(0)).await;
    assert_eq!(
        count_send(&f, "ann@example.com", LIMITS, false, 10).await,
        Some(IssueOutcome::Locked { retry_after: 20 })
    );
    assert_eq!(
        count_send(&f, "ann@example.com", LIMITS, true, 10).await,
        None
    );
    assert_eq!(
        count_send(&f, "ann@example.com", LIMITS, false, 70).await,
        None
    );
}

pub async fn uncount_send_gives_back_the_cooldown_and_the_days_budget(b: Backend) {
    let f = Fixture::open(b).await;
    let one_a_day = SendLimits {
        per_day: 1,
        ..LIMITS
    };
    assert_eq!(
        count_send(&f, "ann@example.com", one_a_day, false, 0).await,
        None
    );
    assert_eq!(
        count_send(&f, "bob@example.com", one_a_day, false, 0).await,
        Some(IssueOutcome::DailyBudget {
            retry_after: TO_MIDNIGHT
        })
    );
    uncount_send(&f, "ann@example.com", 0).await;
    let stats = f.stores.outbox.stats(at(0)).await.unwrap();
    assert_eq!(stats.emails_today, 0);
    // The day's budget is back, for anyone…
    assert_eq!(
        count_send(&f, "bob@example.com", one_a_day, false, 1).await,
        None
    );
    // …and so is the address's cooldown.
    assert_eq!(
        count_send(&f, "ann@example.com", LIMITS, false, 2).await,
        None
    );
}

pub async fn uncount_send_takes_back_only_the_send_counted_at_that_moment(b: Backend) {
    let f = Fixture::open(b).await;
    assert_eq!(
        count_send(&f, "ann@example.com", LIMITS, false, 0).await,
        None
    );
    uncount_send(&f, "ann@example.com", 5).await;
    uncount_send(&f, "bob@example.com", 0).await;
    assert!(matches!(
        count_send(&f, "ann@example.com", LIMITS, false, 10).await,
        Some(IssueOutcome::CoolingDown { .. })
    ));
    let stats = f.stores.outbox.stats(at(10)).await.unwrap();
    assert_eq!(stats.emails_today, 1);
}

pub async fn uncounted_sends_give_back_the_hourly_budget(b: Backend) {
    let f = Fixture::open(b).await;
    for minute in 0..3 {
        assert_eq!(
            count_send(&f, "ann@example.com", LIMITS, false, 60 * minute).await,
            None
        );
    }
    uncount_send(&f, "ann@example.com", 120).await;
    assert_eq!(
        count_send(&f, "ann@example.com", LIMITS, false, 180).await,
        None
    );
    assert!(matches!(
        count_send(&f, "ann@example.com", LIMITS, false, 240).await,
        Some(IssueOutcome::HourlyLimit { .. })
    ));
}

pub async fn record_failure_and_locked_for_share_the_back_off_of_codes(b: Backend) {
    let f = Fixture::open(b).await;
    // Failures recorded here hold Iris's own codes for the address too.
    let c = f.issue("ann@example.com", at(0)).await;
    f.fail("ANN@example.com", 3, POLICY, at(1)).await;
    assert_eq!(f.locked_for("ann@example.com", at(1)).await, Some(30));
    assert_eq!(
        refused(&f.redeem_code(&c.id, c.code, STRANGER, at(2)).await),
        iris::domain::credential::Refusal::Locked { retry_after: 29 }
    );
    // And wrong codes count here.
    wrong_code(&f.redeem_code(&c.id, WRONG, KNOWN_DEVICE, at(3)).await);
    assert_eq!(f.locked_for("ann@example.com", at(3)).await, Some(60));
}

/// `count_send` for many addresses at once, from two server instances.
async fn count_concurrently(
    f: &Fixture,
    emails: Vec<String>,
    limits: SendLimits,
) -> Vec<Option<IssueOutcome>> {
    let instances: Vec<Stores> = f.instances(INSTANCES).await;
    race(emails.len(), |i| {
        let limits_store = instances[i % INSTANCES].limits.clone();
        let email = email_address(&emails[i]);
        async move {
            limits_store
                .count_send(&email, limits, false, at(0))
                .await
                .unwrap()
        }
    })
    .await
}

pub async fn concurrent_sends_never_exceed_the_daily_budget(b: Backend) {
    let f = Fixture::open(b).await;
    let limits = SendLimits {
        per_day: 10,
        ..LIMITS
    };
    let emails = (0..50).map(|i| format!("user{i}@example.com")).collect();
    let outcomes = count_concurrently(&f, emails, limits).await;
    let counted = outcomes.iter().filter(|o| o.is_none()).count();
    assert_eq!(counted, 10, "{outcomes:?}");
    for outcome in outcomes.into_iter().flatten() {
        assert_eq!(
            outcome,
            IssueOutcome::DailyBudget {
                retry_after: TO_MIDNIGHT
            }
        );
    }
    assert_eq!(f.stores.outbox.stats(at(0)).await.unwrap().emails_today, 10);
}

pub async fn concurrent_sends_to_one_address_count_once(b: Backend) {
    let f = Fixture::open(b).await;
    let emails = vec!["ann@example.com".to_owned(); RACERS];
    let outcomes = count_concurrently(&f, emails, LIMITS).await;
    let counted = outcomes.iter().filter(|o| o.is_none()).count();
    assert_eq!(counted, 1, "{outcomes:?}");
    for outcome in outcomes.into_iter().flatten() {
        assert_eq!(
            outcome,
            IssueOutcome::CoolingDown {
                credential_id: None,
                retry_after: 60
            }
        );
    }
    assert_eq!(f.stores.outbox.stats(at(0)).await.unwrap().emails_today, 1);
}
