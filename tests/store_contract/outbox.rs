//! The outbox: leases, retries, outcomes, stats, and two workers never sending one email twice
//! at once (SECURITY.md items 44, 46, 47, 48).
use crate::support::*;
use iris::domain::credential::Delivery;
use iris::store::OutboxJob;
use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

const LEASE: Duration = Duration::from_secs(60);

async fn claim(f: &Fixture, limit: u32, secs: i64) -> Vec<OutboxJob> {
    f.stores.outbox.claim(LEASE, limit, at(secs)).await.unwrap()
}

fn ids(jobs: &[OutboxJob]) -> BTreeSet<String> {
    jobs.iter().map(|j| j.id.clone()).collect()
}

async fn delivery(f: &Fixture, c: &Credential, secs: i64) -> Delivery {
    f.stores
        .sign_in
        .credential_by_id(&c.id, LIMITS.cooldown, POLICY, at(secs))
        .await
        .unwrap()
        .unwrap()
        .delivery
}

pub async fn a_claim_leases_rows_and_a_lapsed_lease_is_claimable_again(b: Backend) {
    let f = Fixture::open(b).await;
    let ann = f.issue("ann@example.com", at(0)).await;
    let bob = f.issue("bob@example.com", at(0)).await;
    let cat = f.issue("cat@example.com", at(0)).await;

    let first = claim(&f, 2, 1).await;
    assert_eq!(first.len(), 2, "at most the limit");
    let rest = claim(&f, 10, 1).await;
    assert_eq!(rest.len(), 1);
    assert!(ids(&first).is_disjoint(&ids(&rest)));
    let all: BTreeSet<String> = ids(&first).union(&ids(&rest)).cloned().collect();
    let expected = [&ann, &bob, &cat].map(|c| c.outbox_id.clone());
    assert_eq!(all, BTreeSet::from(expected));
    let by_id: HashMap<&str, &Credential> =
        [&ann, &bob, &cat].map(|c| (c.outbox_id.as_str(), c)).into();
    for job in first.iter().chain(&rest) {
        let c = by_id[job.id.as_str()];
        assert_eq!(job.payload, c.payload);
        assert_eq!(job.attempts, 1);
        assert_eq!(job.deadline, at(TTL));
        assert!(job.recipient.ends_with("@example.com"));
    }
    assert_eq!(delivery(&f, &ann, 1).await, Delivery::Pending);

    // Leased: nobody else gets them until the lease lapses.
    assert!(claim(&f, 10, 1).await.is_empty());
    assert!(claim(&f, 10, 60).await.is_empty());
    let again = claim(&f, 10, 61).await;
    assert_eq!(ids(&again), all);
    assert!(again.iter().all(|j| j.attempts == 2));
}

pub async fn sent_rows_drop_their_payload_and_are_never_claimed_again(b: Backend) {
    let f = Fixture::open(b).await;
    let ann = f.issue("ann@example.com", at(0)).await;
    let bob = f.issue("bob@example.com", at(0)).await;
    claim(&f, 10, 0).await;
    f.stores
        .outbox
        .sent(std::slice::from_ref(&ann.outbox_id), at(1))
        .await
        .unwrap();
    f.stores.outbox.sent(&[], at(1)).await.unwrap();
    assert_eq!(delivery(&f, &ann, 1).await, Delivery::Sent);
    assert_eq!(delivery(&f, &bob, 1).await, Delivery::Pending);
    let id = &ann.outbox_id;
    let dropped =
        format!("id = '{id}' AND status = 'sent' AND payload IS NULL AND lease_until IS NULL");
    assert_eq!(
        f.count_where("outbox", &dropped),
        1,
        "payload and lease dropped"
    );
    let later = claim(&f, 10, 3600).await;
    assert_eq!(ids(&later), BTreeSet::from([bob.outbox_id]));
}

pub async fn retry_at_requeues_a_row_for_later(b: Backend) {
    let f = Fixture::open(b).await;
    let ann = f.issue("ann@example.com", at(0)).await;
    claim(&f, 10, 0).await;
    f.stores
        .outbox
        .retry_at(&ann.outbox_id, at(300), "421 try later")
        .await
        .unwrap();
    assert!(claim(&f, 10, 299).await.is_empty(), "not before its time");
    let id = &ann.outbox_id;
    assert_eq!(
        f.sql(&format!(
            "SELECT status, last_error FROM outbox WHERE id = '{id}'"
        )),
        "queued|421 try later"
    );
    let again = claim(&f, 10, 300).await;
    assert_eq!(ids(&again), BTreeSet::from([ann.outbox_id.clone()]));
    assert_eq!(again[0].attempts, 2);
    assert_eq!(again[0].payload, ann.payload);
    assert_eq!(delivery(&f, &ann, 300).await, Delivery::Pending);
}

pub async fn a_failed_row_drops_its_payload_and_shows_as_failed(b: Backend) {
    let f = Fixture::open(b).await;
    let ann = f.issue("ann@example.com", at(0)).await;
    claim(&f, 10, 0).await;
    f.stores
        .outbox
        .failed(&ann.outbox_id, "550 no such user", at(1))
        .await
        .unwrap();
    assert_eq!(delivery(&f, &ann, 2).await, Delivery::Failed);
    assert_eq!(f.count_where("outbox", "payload IS NOT NULL"), 0);
    let id = &ann.outbox_id;
    assert_eq!(
        f.sql(&format!(
            "SELECT status, last_error FROM outbox WHERE id = '{id}'"
        )),
        "failed|550 no such user"
    );
    assert!(claim(&f, 10, 3600).await.is_empty());
    let stats = f.stores.outbox.stats(at(2)).await.unwrap();
    assert_eq!((stats.pending, stats.failed), (0, 1));
}

pub async fn an_enqueued_courier_email_is_claimable(b: Backend) {
    let f = Fixture::open(b).await;
    f.stores
        .outbox
        .enqueue(
            "courier-1",
            "Kim@example.com",
            b"sealed courier",
            at(TTL),
            at(0),
        )
        .await
        .unwrap();
    let jobs = claim(&f, 10, 0).await;
    assert_eq!(jobs.len(), 1);
    let job = &jobs[0];
    assert_eq!(job.id, "courier-1");
    assert_eq!(job.recipient, "Kim@example.com");
    assert_eq!(job.payload, b"sealed courier");
    assert_eq!(job.attempts, 1);
    assert_eq!(job.deadline, at(TTL));
    let stats = f.stores.outbox.stats(at(0)).await.unwrap();
    assert_eq!(
        stats.emails_today, 0,
        "enqueueing does not spend the day's budget"
    );
}

/// Two workers in each of two instances, claiming small batches until none is left.
pub async fn claimers_in_two_instances_claim_each_of_two_hundred_rows_exactly_once(b: Backend) {
    let f = Fixture::open(b).await;
    for i in 0..200 {
        f.stores
            .outbox
            .enqueue(
                &format!("row-{i:03}"),
                "kim@example.com",
                b"x",
                at(TTL),
                at(0),
            )
            .await
            .unwrap();
    }
    let instances = f.instances(2).await;
    let claimers = race(4, |i| {
        let outbox = instances[i % 2].outbox.clone();
        async move {
            let mut mine = Vec::new();
            loop {
                let jobs = outbox
                    .claim(Duration::from_secs(600), 7, at(1))
                    .await
                    .unwrap();
                if jobs.is_empty() {
                    return mine;
                }
                mine.extend(jobs.into_iter().map(|j| j.id));
            }
        }
    })
    .await;
    let claimed: Vec<&String> = claimers.iter().flatten().collect();
    let distinct: BTreeSet<&String> = claimed.iter().copied().collect();
    assert_eq!(claimed.len(), 200, "no row twice");
    assert_eq!(distinct.len(), 200, "every row once");
    assert!(claim(&f, 10, 2).await.is_empty());
}

pub async fn stats_count_pending_failed_and_todays_emails(b: Backend) {
    let f = Fixture::open(b).await;
    let empty = f.stores.outbox.stats(at(0)).await.unwrap();
    assert_eq!(
        (
            empty.pending,
            empty.oldest_pending_age_secs,
            empty.failed,
            empty.emails_today
        ),
        (0, 0, 0, 0)
    );
    let ann = f.issue("ann@example.com", at(0)).await;
    let bob = f.issue("bob@example.com", at(10)).await;
    let cat = f.issue("cat@example.com", at(20)).await;
    f.stores
        .outbox
        .enqueue("courier-1", "kim@example.com", b"x", at(TTL), at(30))
        .await
        .unwrap();
    claim(&f, 10, 40).await;
    f.stores
        .outbox
        .failed(&ann.outbox_id, "550", at(41))
        .await
        .unwrap();
    f.stores
        .outbox
        .sent(&[bob.outbox_id], at(41))
        .await
        .unwrap();
    f.stores
        .outbox
        .retry_at(&cat.outbox_id, at(100), "421")
        .await
        .unwrap();
    let stats = f.stores.outbox.stats(at(120)).await.unwrap();
    assert_eq!(stats.pending, 2, "one queued for a retry, one being sent");
    assert_eq!(stats.oldest_pending_age_secs, 100, "cat's, queued at 20");
    assert_eq!(stats.failed, 1);
    assert_eq!(stats.emails_today, 3, "sign-in emails only");
}
