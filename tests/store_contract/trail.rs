//! The recent-activity trail: recorded for an account, or for the account behind an address
//! or a credential (none when there is none), read newest first, purged by retention. On
//! `Backend::Redis` the trail stays in SQL: the same tests hold.
use crate::support::*;
use iris::domain::credential::Redemption;
use iris::domain::TrailKind;
use iris::store::{TrailEntry, TrailEvent, TrailSubject};
use std::time::Duration;

/// Signs `email` in once (by link), which creates its account; the account's id.
async fn account(f: &Fixture, email: &str, secs: i64) -> String {
    let c = f.issue(email, at(secs)).await;
    match f.redeem_link(c.token, at(secs + 1)).await {
        Redemption::SignedIn {
            account: Some(a), ..
        } => a.id,
        other => panic!("expected a sign-in with an account, got {other:?}"),
    }
}

async fn record(f: &Fixture, subject: TrailSubject<'_>, kind: TrailKind, secs: i64) {
    let entry = TrailEntry {
        subject,
        kind,
        browser: "Firefox|Linux",
        ip: "203.0.113.x",
        at: at(secs),
    };
    f.stores.trail.record(entry).await.unwrap();
}

async fn recent(f: &Fixture, account_id: &str, limit: u32) -> Vec<TrailEvent> {
    f.stores.trail.recent(account_id, limit).await.unwrap()
}

fn kinds(events: &[TrailEvent]) -> Vec<TrailKind> {
    events.iter().map(|e| e.kind).collect()
}

pub async fn the_trail_lists_the_newest_events_first_up_to_the_limit(b: Backend) {
    let f = Fixture::open(b).await;
    let me = TrailSubject::Account("acct-1");
    // 25 events over 25 seconds, then two in one second: those keep the order recorded.
    for i in 0..25 {
        record(&f, me, TrailKind::WrongCode, i).await;
    }
    record(&f, me, TrailKind::SignedInWithCode, 100).await;
    record(&f, me, TrailKind::SignedOut, 100).await;

    let events = recent(&f, "acct-1", 20).await;
    assert_eq!(events.len(), 20);
    assert_eq!(
        kinds(&events[..3]),
        [
            TrailKind::SignedOut,
            TrailKind::SignedInWithCode,
            TrailKind::WrongCode
        ]
    );
    let times: Vec<i64> = events.iter().map(|e| e.at.unix_timestamp()).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");
    assert_eq!(events[2].at, at(24));
    assert_eq!(events[19].at, at(7), "the oldest five are past the limit");
    assert_eq!(
        events[0],
        TrailEvent {
            at: at(100),
            account_id: "acct-1".into(),
            kind: TrailKind::SignedOut,
            browser: "Firefox|Linux".into(),
            ip: "203.0.113.x".into(),
        }
    );
    assert_eq!(recent(&f, "acct-1", 100).await.len(), 27);
}

pub async fn an_account_sees_only_its_own_events(b: Backend) {
    let f = Fixture::open(b).await;
    record(&f, TrailSubject::Account("ann"), TrailKind::SignedOut, 0).await;
    record(
        &f,
        TrailSubject::Account("bob"),
        TrailKind::SignedInWithLink,
        1,
    )
    .await;
    record(&f, TrailSubject::Account("bob"), TrailKind::NotMe, 2).await;
    assert_eq!(kinds(&recent(&f, "ann", 20).await), [TrailKind::SignedOut]);
    assert_eq!(
        kinds(&recent(&f, "bob", 20).await),
        [TrailKind::NotMe, TrailKind::SignedInWithLink]
    );
    assert!(recent(&f, "cat", 20).await.is_empty());
}

pub async fn an_address_or_a_credential_records_on_its_account_and_nothing_without_one(b: Backend) {
    let f = Fixture::open(b).await;
    let ann = account(&f, "Ann@Example.com", 0).await;
    let before = recent(&f, &ann, 20).await.len();
    let key = email_address("ann@example.com").canonical().to_owned();
    record(
        &f,
        TrailSubject::Address(&key),
        TrailKind::OperatorLiftedBackOff,
        10,
    )
    .await;
    // (After the cooldown.)
    let pending = f.issue("ann@example.com", at(100)).await;
    record(
        &f,
        TrailSubject::Credential(&pending.id),
        TrailKind::WrongCode,
        110,
    )
    .await;
    let events = recent(&f, &ann, 20).await;
    assert_eq!(
        kinds(&events[..events.len() - before]),
        [
            TrailKind::WrongCode,
            TrailKind::EmailRequested,
            TrailKind::OperatorLiftedBackOff
        ]
    );

    // No account has this address, no credential has this id: nothing is written.
    let trail_rows = f.count("trail_events");
    let stranger = f.issue("nobody@example.com", at(140)).await;
    record(
        &f,
        TrailSubject::Address("nobody@example.com"),
        TrailKind::OperatorLiftedBackOff,
        141,
    )
    .await;
    record(
        &f,
        TrailSubject::Credential(&stranger.id),
        TrailKind::WrongCode,
        142,
    )
    .await;
    record(
        &f,
        TrailSubject::Credential("no-such-credential"),
        TrailKind::WrongCode,
        143,
    )
    .await;
    assert_eq!(f.count("trail_events"), trail_rows);
}

pub async fn issuing_to_an_account_records_the_request_with_its_browser_and_masked_ip(b: Backend) {
    let f = Fixture::open(b).await;
    // The first email to an address has no account to record on (it signs up by using it).
    let ann = account(&f, "ann@example.com", 0).await;
    assert_eq!(
        kinds(&recent(&f, &ann, 20).await),
        [],
        "nothing before the account"
    );
    let (req, _) = f.request("ann@example.com", at(120));
    let (browser, ip) = (req.requested_by.clone(), req.requested_ip.clone());
    f.stores.sign_in.issue(req, at(120)).await.unwrap();
    assert_eq!(
        recent(&f, &ann, 20).await,
        [TrailEvent {
            at: at(120),
            account_id: ann.clone(),
            kind: TrailKind::EmailRequested,
            browser,
            ip,
        }]
    );
    // Refused within the cooldown: no email, no event.
    let (again, _) = f.request("ann@example.com", at(121));
    f.stores.sign_in.issue(again, at(121)).await.unwrap();
    assert_eq!(recent(&f, &ann, 20).await.len(), 1);
}

pub async fn purge_deletes_events_once_they_are_as_old_as_the_retention(b: Backend) {
    let f = Fixture::open(b).await;
    let retention = Duration::from_secs(90 * 86_400);
    let days = |d: i64| d * 86_400;
    record(
        &f,
        TrailSubject::Account("ann"),
        TrailKind::SignedInWithLink,
        0,
    )
    .await;
    record(&f, TrailSubject::Account("ann"), TrailKind::SignedOut, 10).await;
    let trail = &f.stores.trail;
    assert_eq!(trail.purge(retention, at(days(90) - 1)).await.unwrap(), 0);
    assert_eq!(trail.purge(retention, at(days(90))).await.unwrap(), 1);
    assert_eq!(kinds(&recent(&f, "ann", 20).await), [TrailKind::SignedOut]);
    assert_eq!(trail.purge(retention, at(days(90) + 9)).await.unwrap(), 0);
    // The purge job passes audit.retention to the trail, not the other stores' grace.
    let grace = Duration::from_secs(3600);
    assert_eq!(
        f.stores
            .purge(grace, retention, at(days(90) + 10))
            .await
            .unwrap(),
        1
    );
    assert!(recent(&f, "ann", 20).await.is_empty());
}
