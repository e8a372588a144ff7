//! Retention (SECURITY.md item 54): each store deletes its own dead rows `grace` after they
//! stopped mattering, and says how many went; what is live stays.
use crate::support::*;
use iris::domain::credential::{Delivery, FailurePolicy};
use iris::store::KratosRequest;
use std::time::Duration;

const GRACE: Duration = Duration::from_secs(3600);
const DAY: i64 = 86_400;
/// The trail's (`audit.retention`'s default): nothing in these tests is that old.
const RETENTION: Duration = Duration::from_secs(90 * DAY as u64);

pub async fn sign_in_purge_deletes_credentials_past_expiry_and_grace_with_their_emails(b: Backend) {
    let f = Fixture::open(b).await;
    f.issue("ann@example.com", at(0)).await;
    f.issue("bob@example.com", at(3600)).await;
    let used = f.issue("cat@example.com", at(3600)).await;
    signed_in(&f.redeem_link(used.token, at(3601)).await);
    f.stores
        .outbox
        .enqueue("courier-1", "kim@example.com", b"x", at(TTL), at(0))
        .await
        .unwrap();

    let sign_in = &f.stores.sign_in;
    // Ann's expired at 600: gone an hour later, with its outbox row.
    assert_eq!(sign_in.purge(GRACE, at(TTL + 3599)).await.unwrap(), 0);
    assert_eq!(sign_in.purge(GRACE, at(TTL + 3600)).await.unwrap(), 2);
    assert_eq!(f.count("credentials"), 2, "used but not expired: kept");
    assert_eq!(f.count("outbox"), 3, "Bob's, Cat's and the courier's");
    assert_eq!(f.count_where("outbox", "id = 'courier-1'"), 1);

    let end = 3600 + TTL;
    assert_eq!(sign_in.purge(GRACE, at(end + 3599)).await.unwrap(), 0);
    assert_eq!(sign_in.purge(GRACE, at(end + 3600)).await.unwrap(), 4);
    assert_eq!(f.count("credentials"), 0);
    assert_eq!(
        f.count("outbox"),
        1,
        "the courier's row is not a credential's"
    );
}

pub async fn limits_purge_deletes_counters_whose_window_and_day_are_over(b: Backend) {
    let f = Fixture::open(b).await;
    let count = |email: &'static str, secs: i64| {
        let limits = f.stores.limits.clone();
        async move {
            let email = email_address(email);
            let outcome = limits.count_send(&email, LIMITS, false, at(secs)).await;
            assert_eq!(outcome.unwrap(), None);
        }
    };
    count("old@example.com", -2 * DAY).await;
    count("ann@example.com", 0).await;
    count("bob@example.com", 5400).await;
    f.fail("dan@example.com", 1, POLICY, at(0)).await;
    f.fail("eve@example.com", 3, POLICY, at(3000)).await;
    // A long back-off: one failure allowed, then 30 s doubled seven times (3840 s).
    let long = FailurePolicy {
        account_failures: 1,
        backoff_max: Duration::from_secs(86_400),
        ..POLICY
    };
    f.fail("fay@example.com", 8, long, at(0)).await;
    assert_eq!(f.locked_for("fay@example.com", at(0)).await, Some(3840));

    // Cutoff 3600: Old's and Ann's windows are over, and so is Old's day; Dan's failure is an
    // hour old; Eve's is recent and Fay's back-off outlasts the cutoff.
    let removed = f.stores.limits.purge(GRACE, at(7200)).await.unwrap();
    assert_eq!(removed, 4);
    assert_eq!(f.count("email_limits"), 1);
    assert_eq!(f.count("email_budget"), 1, "today's is kept");
    assert_eq!(f.count("account_failures"), 2);
    let stats = f.stores.outbox.stats(at(7200)).await.unwrap();
    assert_eq!(stats.emails_today, 2);
    // Bob's cooldown and hourly window survive the purge.
    let outcome = f
        .stores
        .limits
        .count_send(&email_address("bob@example.com"), LIMITS, false, at(5410))
        .await
        .unwrap();
    assert!(outcome.is_some(), "still cooling down: {outcome:?}");
}

pub async fn outbox_purge_fails_emails_past_their_deadline_and_deletes_old_courier_rows(
    b: Backend,
) {
    let f = Fixture::open(b).await;
    let ann = f.issue("ann@example.com", at(0)).await;
    let outbox = &f.stores.outbox;
    for (id, deadline) in [("sent", TTL), ("late", TTL), ("slow", 4000)] {
        outbox
            .enqueue(id, "kim@example.com", b"x", at(deadline), at(0))
            .await
            .unwrap();
    }
    let claimed = outbox
        .claim(Duration::from_secs(60), 10, at(0))
        .await
        .unwrap();
    assert_eq!(claimed.len(), 4);
    outbox.sent(&["sent".to_owned()], at(1)).await.unwrap();
    for id in [ann.outbox_id.as_str(), "late", "slow"] {
        outbox.retry_at(id, at(100), "421").await.unwrap();
    }

    // At the deadline: what was never sent has failed, visibly, and its payload is gone.
    assert_eq!(outbox.purge(GRACE, at(TTL)).await.unwrap(), 0);
    let expired =
        "status = 'failed' AND payload IS NULL AND last_error = 'expired before delivery'";
    assert_eq!(f.count_where("outbox", expired), 2);
    let view = f
        .stores
        .sign_in
        .credential_by_id(&ann.id, LIMITS.cooldown, POLICY, at(TTL))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(view.delivery, Delivery::Failed);
    let stats = outbox.stats(at(TTL)).await.unwrap();
    assert_eq!((stats.pending, stats.failed), (1, 2));
    let due = outbox
        .claim(Duration::from_secs(60), 10, at(TTL))
        .await
        .unwrap();
    let due: Vec<&str> = due.iter().map(|j| j.id.as_str()).collect();
    assert_eq!(due, ["slow"], "only what may still be delivered");

    // `grace` after their deadline the courier's finished rows go; a credential's row goes
    // with its credential (the sign-in store's purge), not here.
    assert_eq!(outbox.purge(GRACE, at(TTL + 3599)).await.unwrap(), 0);
    assert_eq!(outbox.purge(GRACE, at(TTL + 3600)).await.unwrap(), 2);
    assert_eq!(f.count("outbox"), 2);
    assert_eq!(f.count_where("outbox", "id IN ('sent', 'late')"), 0);
    assert_eq!(
        f.count_where("outbox", "id = 'slow' AND status = 'failed'"),
        1
    );
}

pub async fn sessions_purge_deletes_sessions_expired_longer_than_grace(b: Backend) {
    let f = Fixture::open(b).await;
    let s = &f.stores.sessions;
    s.save_session(b"old", None, "{}", at(600)).await.unwrap();
    s.save_session(b"recent", Some("account-1"), "{}", at(3000))
        .await
        .unwrap();
    s.save_session(b"live", Some("account-1"), "{}", at(10_000))
        .await
        .unwrap();
    assert_eq!(s.purge(GRACE, at(4199)).await.unwrap(), 0);
    assert_eq!(s.purge(GRACE, at(4200)).await.unwrap(), 1);
    assert_eq!(f.count("sessions"), 2);
    assert_eq!(s.load_session(b"recent", at(4200)).await.unwrap(), None);
    assert!(s.load_session(b"live", at(4200)).await.unwrap().is_some());
}

pub async fn kratos_requests_purge_deletes_requests_expired_longer_than_grace(b: Backend) {
    let f = Fixture::open(b).await;
    let requests = &f.stores.kratos_requests;
    for (flow, secs) in [("old", 0), ("recent", 3000)] {
        let r = KratosRequest {
            flow_id: flow.into(),
            email: "ann@example.com".into(),
            locale: "en".into(),
            requested_by: "test".into(),
            requested_at: at(secs).unix_timestamp(),
            return_to: "/".into(),
            expires_at: at(secs + TTL).unix_timestamp(),
            used_at: None,
            voided_at: None,
        };
        requests
            .record_request(&r, "ann@example.com")
            .await
            .unwrap();
    }
    assert_eq!(requests.purge(GRACE, at(TTL + 3599)).await.unwrap(), 0);
    assert_eq!(requests.purge(GRACE, at(TTL + 3600)).await.unwrap(), 1);
    assert_eq!(requests.request_by_flow("old").await.unwrap(), None);
    assert!(requests.request_by_flow("recent").await.unwrap().is_some());
}

/// Every store at once, through `Stores::purge` (what `tests/api/retention.rs` checked).
pub async fn purge_removes_what_has_expired_and_keeps_what_is_live(b: Backend) {
    let f = Fixture::open(b).await;
    let start = at(0);
    // Two days back: a day of the outbound budget that is long over.
    let past = start - time::Duration::days(2);
    f.issue("older@example.com", past).await;
    f.issue("old@example.com", start).await;
    let sessions = &f.stores.sessions;
    sessions
        .save_session(b"old-session", None, "{}", start + time::Duration::hours(1))
        .await
        .unwrap();
    let later = start + time::Duration::hours(3);
    f.issue("new@example.com", later).await;
    sessions
        .save_session(
            b"live-session",
            Some("account-1"),
            "{}",
            later + time::Duration::hours(1),
        )
        .await
        .unwrap();

    let removed = f.stores.purge(GRACE, RETENTION, later).await.unwrap();
    assert_eq!(
        removed, 8,
        "2 credentials and their 2 outbox rows, 1 session, 2 limits rows and 1 day's budget"
    );
    for table in ["credentials", "outbox", "sessions", "email_limits"] {
        assert_eq!(f.count(table), 1, "{table}: only the live row is left");
    }
    let day = |t: time::OffsetDateTime| t.unix_timestamp().div_euclid(DAY);
    let budget = |d: i64| f.count_where("email_budget", &format!("day = {d}"));
    assert_eq!(budget(day(past)), 0, "a past day's budget is purged");
    assert_eq!(budget(day(later)), 1, "today's budget is kept");
    assert!(sessions
        .load_session(b"live-session", later)
        .await
        .unwrap()
        .is_some());
    assert_eq!(
        f.stores.purge(GRACE, RETENTION, later).await.unwrap(),
        0,
        "nothing left to do"
    );
}
