//! Issuing: the cooldown, the hourly and daily budgets, trusted browsers, superseding
//! (SECURITY.md items 10, 16, 44).
use crate::support::*;
use iris::domain::credential::{IssueOutcome, Refusal, SendLimits};

pub async fn a_second_request_within_the_cooldown_keeps_the_newest_live_credential(b: Backend) {
    let f = Fixture::open(b).await;
    let first = f.issue("ann@example.com", at(0)).await;

    let (again, _) = f.request("ann@example.com", at(10));
    let outcome = f.stores.sign_in.issue(again, at(10)).await.unwrap();
    assert_eq!(
        outcome,
        IssueOutcome::CoolingDown {
            credential_id: Some(first.id.clone()),
            retry_after: 50
        }
    );
    assert_eq!(f.count("credentials"), 1, "nothing new was created");
    assert_eq!(f.count("outbox"), 1);

    // Once the cooldown is over a new one is issued; a cooldown after it names the new one.
    let second = f.issue("ann@example.com", at(60)).await;
    let (again, _) = f.request("ann@example.com", at(61));
    assert_eq!(
        f.stores.sign_in.issue(again, at(61)).await.unwrap(),
        IssueOutcome::CoolingDown {
            credential_id: Some(second.id),
            retry_after: 59
        }
    );
}

pub async fn a_cooldown_after_signing_in_names_no_credential(b: Backend) {
    let f = Fixture::open(b).await;
    let c = f.issue("ann@example.com", at(0)).await;
    signed_in(&f.redeem_link(c.token, at(5)).await);
    let (again, _) = f.request("ann@example.com", at(10));
    assert_eq!(
        f.stores.sign_in.issue(again, at(10)).await.unwrap(),
        IssueOutcome::CoolingDown {
            credential_id: None,
            retry_after: 50
        }
    );
}

pub async fn the_hourly_budget_refuses_with_the_wait_until_its_window_ends(b: Backend) {
    let f = Fixture::open(b).await;
    for minute in 0..3 {
        f.issue("ann@example.com", at(60 * minute)).await;
    }
    let (fourth, _) = f.request("ann@example.com", at(180));
    assert_eq!(
        f.stores.sign_in.issue(fourth, at(180)).await.unwrap(),
        IssueOutcome::HourlyLimit { retry_after: 3420 }
    );
    // Another address has its own budget.
    f.issue("bob@example.com", at(180)).await;
    // The window that began with the first email ends an hour later.
    f.issue("ann@example.com", at(3600)).await;
}

pub async fn the_daily_budget_counts_every_address_and_renews_at_midnight_utc(b: Backend) {
    let f = Fixture::open(b).await;
    let limits = SendLimits {
        per_day: 2,
        ..LIMITS
    };
    for (i, email) in ["ann@example.com", "bob@example.com"].iter().enumerate() {
        let (mut req, c) = f.request(email, at(i as i64));
        req.limits = limits;
        assert_eq!(
            f.stores.sign_in.issue(req, at(i as i64)).await.unwrap(),
            IssueOutcome::Issued {
                credential_id: c.id
            }
        );
    }
    let (mut third, _) = f.request("cat@example.com", at(2));
    third.limits = limits;
    assert_eq!(
        f.stores.sign_in.issue(third, at(2)).await.unwrap(),
        IssueOutcome::DailyBudget {
            retry_after: TO_MIDNIGHT - 2
        }
    );
    let stats = f.stores.outbox.stats(at(2)).await.unwrap();
    assert_eq!(stats.emails_today, 2);

    let tomorrow = at(TO_MIDNIGHT as i64);
    let (mut third, c) = f.request("cat@example.com", tomorrow);
    third.limits = limits;
    assert_eq!(
        f.stores.sign_in.issue(third, tomorrow).await.unwrap(),
        IssueOutcome::Issued {
            credential_id: c.id
        }
    );
    let stats = f.stores.outbox.stats(tomorrow).await.unwrap();
    assert_eq!(stats.emails_today, 1, "a new day, a new budget");
}

/// Sends to one address within one second (no cooldown) each count against the day: the
/// budget is a number of emails, however close together they go.
pub async fn sends_within_one_second_each_count_against_the_day(b: Backend) {
    let f = Fixture::open(b).await;
    let limits = SendLimits {
        cooldown: std::time::Duration::ZERO,
        per_day: 2,
        ..LIMITS
    };
    let mut outcomes = Vec::new();
    for _ in 0..3 {
        let (mut req, _) = f.request("ann@example.com", at(5));
        req.limits = limits;
        outcomes.push(f.stores.sign_in.issue(req, at(5)).await.unwrap());
    }
    assert!(
        matches!(outcomes[0], IssueOutcome::Issued { .. }),
        "{outcomes:?}"
    );
    assert!(
        matches!(outcomes[1], IssueOutcome::Issued { .. }),
        "{outcomes:?}"
    );
    assert!(
        matches!(outcomes[2], IssueOutcome::DailyBudget { .. }),
        "{outcomes:?}"
    );
    assert_eq!(f.stores.outbox.stats(at(5)).await.unwrap().emails_today, 2);
}

/// From two server instances at once, each with its own issuing task.
pub async fn fifty_concurrent_requests_never_exceed_the_daily_budget(b: Backend) {
    let f = Fixture::open(b).await;
    let limits = SendLimits {
        per_day: 10,
        ..LIMITS
    };
    let instances = f.instances(INSTANCES).await;
    let outcomes = race(50, |i| {
        let (mut req, _) = f.request(&format!("user{i}@example.com"), at(0));
        req.limits = limits;
        let sign_in = instances[i % INSTANCES].sign_in.clone();
        async move { sign_in.issue(req, at(0)).await.unwrap() }
    })
    .await;
    let mut issued = 0;
    for outcome in outcomes {
        match outcome {
            IssueOutcome::Issued { .. } => issued += 1,
            IssueOutcome::DailyBudget { retry_after } => assert_eq!(retry_after, TO_MIDNIGHT),
            other => panic!("expected Issued or DailyBudget, got {other:?}"),
        }
    }
    assert_eq!(issued, 10);
    assert_eq!(f.count("credentials"), 10);
    assert_eq!(f.count("outbox"), 10);
    let stats = f.stores.outbox.stats(at(0)).await.unwrap();
    assert_eq!(stats.emails_today, 10);
    assert_eq!(stats.pending, 10);
}

/// From two server instances at once: one email, and every other request is told to wait and
/// which credential stays valid.
pub async fn concurrent_requests_for_one_address_issue_once(b: Backend) {
    let f = Fixture::open(b).await;
    let instances = f.instances(INSTANCES).await;
    let outcomes = race(RACERS, |i| {
        let (req, _) = f.request("ann@example.com", at(0));
        let sign_in = instances[i % INSTANCES].sign_in.clone();
        async move { sign_in.issue(req, at(0)).await.unwrap() }
    })
    .await;
    let issued: Vec<&String> = outcomes
        .iter()
        .filter_map(|o| match o {
            IssueOutcome::Issued { credential_id } => Some(credential_id),
            _ => None,
        })
        .collect();
    assert_eq!(issued.len(), 1, "{outcomes:?}");
    let winner = Some(issued[0].clone());
    for outcome in &outcomes {
        if !matches!(outcome, IssueOutcome::Issued { .. }) {
            assert_eq!(
                outcome,
                &IssueOutcome::CoolingDown {
                    credential_id: winner.clone(),
                    retry_after: 60
                }
            );
        }
    }
    assert_eq!(f.count("credentials"), 1);
    assert_eq!(f.count("outbox"), 1);
    assert_eq!(f.stores.outbox.stats(at(0)).await.unwrap().emails_today, 1);
}

pub async fn a_trusted_browser_skips_the_hourly_budget_and_the_back_off_not_the_cooldown(
    b: Backend,
) {
    let f = Fixture::open(b).await;
    for minute in 0..3 {
        f.issue("ann@example.com", at(60 * minute)).await;
    }
    let (stranger, _) = f.request("ann@example.com", at(180));
    assert!(matches!(
        f.stores.sign_in.issue(stranger, at(180)).await.unwrap(),
        IssueOutcome::HourlyLimit { .. }
    ));
    let (mut trusted, c) = f.request("ann@example.com", at(180));
    trusted.trusted = true;
    assert_eq!(
        f.stores.sign_in.issue(trusted, at(180)).await.unwrap(),
        IssueOutcome::Issued {
            credential_id: c.id.clone()
        }
    );

    // The cooldown holds a trusted browser too.
    let (mut trusted, _) = f.request("ann@example.com", at(200));
    trusted.trusted = true;
    assert_eq!(
        f.stores.sign_in.issue(trusted, at(200)).await.unwrap(),
        IssueOutcome::CoolingDown {
            credential_id: Some(c.id),
            retry_after: 40
        }
    );

    // The back-off holds a stranger, not a trusted browser.
    f.fail("ann@example.com", 3, POLICY, at(300)).await;
    let (stranger, _) = f.request("ann@example.com", at(301));
    assert_eq!(
        f.stores.sign_in.issue(stranger, at(301)).await.unwrap(),
        IssueOutcome::Locked { retry_after: 29 }
    );
    let (mut trusted, c) = f.request("ann@example.com", at(301));
    trusted.trusted = true;
    assert_eq!(
        f.stores.sign_in.issue(trusted, at(301)).await.unwrap(),
        IssueOutcome::Issued {
            credential_id: c.id
        }
    );
}

pub async fn a_newer_credential_supersedes_the_older_one(b: Backend) {
    let f = Fixture::open(b).await;
    let old = f.issue("ann@example.com", at(0)).await;
    let new = f.issue("ann@example.com", at(60)).await;

    assert_eq!(
        refused(&f.redeem_link(old.token, at(61)).await),
        Refusal::Superseded
    );
    assert_eq!(
        refused(&f.redeem_code(&old.id, old.code, KNOWN_DEVICE, at(61)).await),
        Refusal::Superseded
    );
    let view = f
        .stores
        .sign_in
        .credential_by_id(&old.id, LIMITS.cooldown, POLICY, at(61))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(view.state, Err(Refusal::Superseded));
    // Another address's credential is not touched.
    let other = f.issue("bob@example.com", at(62)).await;
    f.issue("cat@example.com", at(63)).await;
    signed_in(&f.redeem_link(other.token, at(64)).await);
    signed_in(&f.redeem_link(new.token, at(65)).await);
}
