//! Wrong codes: each credential allows `max_attempts` of them, under races too; entries that
//! do not spend the email's tries; codes bound to their own credential (SECURITY.md items 9,
//! 13, 15).
use crate::support::*;
use iris::domain::credential::{Backoff, CodeEntry, Redemption, Refusal};

async fn attempts(f: &Fixture, id: &str) -> u32 {
    f.stores
        .sign_in
        .credential_by_id(id, LIMITS.cooldown, POLICY, at(TTL - 1))
        .await
        .unwrap()
        .unwrap()
        .attempts
}

pub async fn wrong_codes_count_down_and_the_last_try_ends_the_credential(b: Backend) {
    let f = Fixture::open(b).await;
    let c = f.issue("ann@example.com", at(0)).await;
    for (i, left) in [4, 3, 2, 1].into_iter().enumerate() {
        let r = f
            .redeem_code(&c.id, WRONG, KNOWN_DEVICE, at(i as i64))
            .await;
        assert_eq!(wrong_code(&r), Some(left));
    }
    let fifth = f.redeem_code(&c.id, WRONG, KNOWN_DEVICE, at(5)).await;
    assert_eq!(refused(&fifth), Refusal::TooManyAttempts);
    assert_eq!(attempts(&f, &c.id).await, POLICY.max_attempts);

    // Now even the right code fails, and so does the link: the email is spent.
    let right = f.redeem_code(&c.id, c.code, KNOWN_DEVICE, at(6)).await;
    assert_eq!(refused(&right), Refusal::TooManyAttempts);
    assert_eq!(
        refused(&f.redeem_link(c.token, at(7)).await),
        Refusal::TooManyAttempts
    );
    let view = f
        .stores
        .sign_in
        .credential_by_id(&c.id, LIMITS.cooldown, POLICY, at(8))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(view.state, Err(Refusal::TooManyAttempts));
    assert_eq!(
        view.attempts, POLICY.max_attempts,
        "refused entries are not counted"
    );
}

pub async fn concurrent_wrong_codes_never_exceed_max_attempts(b: Backend) {
    let f = Fixture::open(b).await;
    let c = f.issue("ann@example.com", at(0)).await;
    let instances = f.instances(INSTANCES).await;
    let answers = race(RACERS, |i| {
        let (sign_in, id) = (instances[i % INSTANCES].sign_in.clone(), c.id.clone());
        async move {
            sign_in
                .redeem_code(&id, &[WRONG], POLICY, KNOWN_DEVICE, at(1))
                .await
                .unwrap()
        }
    })
    .await;
    let mut left: Vec<u32> = answers
        .iter()
        .filter_map(|r| match r {
            Redemption::WrongCode { attempts_left } => Some(attempts_left.unwrap()),
            _ => None,
        })
        .collect();
    left.sort_unstable();
    assert_eq!(left, [1, 2, 3, 4], "each try counted once: {answers:?}");
    let too_many = answers
        .iter()
        .filter(|r| matches!(r, Redemption::Refused(Refusal::TooManyAttempts)))
        .count();
    assert_eq!(too_many, RACERS - 4, "{answers:?}");
    assert_eq!(attempts(&f, &c.id).await, POLICY.max_attempts);
    assert_eq!(
        refused(&f.redeem_code(&c.id, c.code, KNOWN_DEVICE, at(2)).await),
        Refusal::TooManyAttempts
    );
}

pub async fn entries_that_do_not_use_tries_leave_the_count_alone(b: Backend) {
    let f = Fixture::open(b).await;
    let c = f.issue("ann@example.com", at(0)).await;
    let entry = CodeEntry {
        backoff: Backoff::Exempt,
        uses_tries: false,
    };
    for i in 0..(POLICY.max_attempts + 2) {
        let r = f.redeem_code(&c.id, WRONG, entry, at(i64::from(i))).await;
        assert_eq!(
            wrong_code(&r),
            None,
            "entry {i}: the tries are not the email's"
        );
    }
    assert_eq!(attempts(&f, &c.id).await, 0);
    signed_in(&f.redeem_code(&c.id, c.code, entry, at(10)).await);
}

pub async fn a_code_works_only_for_its_own_credential(b: Backend) {
    let f = Fixture::open(b).await;
    let ann = f.issue("ann@example.com", at(0)).await;
    let bob = f.issue("bob@example.com", at(0)).await;
    let crossed = f.redeem_code(&ann.id, bob.code, KNOWN_DEVICE, at(1)).await;
    assert_eq!(
        wrong_code(&crossed),
        Some(4),
        "another email's code is a wrong code"
    );
    assert_eq!(attempts(&f, &ann.id).await, 1);
    assert_eq!(attempts(&f, &bob.id).await, 0);
    signed_in(&f.redeem_code(&bob.id, bob.code, KNOWN_DEVICE, at(2)).await);
    signed_in(&f.redeem_code(&ann.id, ann.code, KNOWN_DEVICE, at(3)).await);
}

pub async fn a_wrong_code_also_counts_against_the_address(b: Backend) {
    let f = Fixture::open(b).await;
    // Three credentials in turn (each new one supersedes the last), one wrong code each: the
    // address's count goes on across them (SECURITY.md item 14).
    for i in 0..3 {
        let t = 60 * i;
        let c = f.issue("ann@example.com", at(t)).await;
        wrong_code(&f.redeem_code(&c.id, WRONG, KNOWN_DEVICE, at(t + 1)).await);
    }
    assert_eq!(f.locked_for("ann@example.com", at(121)).await, Some(30));
}
