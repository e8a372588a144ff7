//! The per-address back-off after repeated failures: 30 s, doubling, capped; whom it holds;
//! what lifts it (SECURITY.md items 14 and 20).
use crate::support::*;
use iris::domain::credential::{Backoff, CodeEntry, FailurePolicy, Refusal};
use std::time::Duration;

/// The browser that asked for the email.
const ASKER: CodeEntry = CodeEntry {
    backoff: Backoff::UntilOwnFailure,
    uses_tries: true,
};

pub async fn wrong_codes_past_the_threshold_hold_the_address_for_thirty_seconds(b: Backend) {
    let f = Fixture::open(b).await;
    let c = f.issue("ann@example.com", at(0)).await;
    for left in [4, 3, 2] {
        assert_eq!(
            wrong_code(&f.redeem_code(&c.id, WRONG, STRANGER, at(1)).await),
            Some(left)
        );
    }
    assert_eq!(f.locked_for("ann@example.com", at(1)).await, Some(30));
    assert_eq!(f.locked_for("ann@example.com", at(2)).await, Some(29));

    // Held: even the right code is refused, and the try is not spent.
    let right = f.redeem_code(&c.id, c.code, STRANGER, at(2)).await;
    assert_eq!(refused(&right), Refusal::Locked { retry_after: 29 });
    let view = f
        .stores
        .sign_in
        .credential_by_id(&c.id, LIMITS.cooldown, POLICY, at(2))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(view.state, Err(Refusal::Locked { retry_after: 29 }));
    assert_eq!(view.attempts, 3);

    // A new email is refused too, with the same wait.
    let (req, _) = f.request("ann@example.com", at(2));
    assert_eq!(
        f.stores.sign_in.issue(req, at(2)).await.unwrap(),
        iris::domain::credential::IssueOutcome::Locked { retry_after: 29 }
    );

    // Once the wait is over the next failure doubles it.
    assert_eq!(f.locked_for("ann@example.com", at(31)).await, None);
    assert_eq!(
        wrong_code(&f.redeem_code(&c.id, WRONG, STRANGER, at(31)).await),
        Some(1)
    );
    assert_eq!(f.locked_for("ann@example.com", at(31)).await, Some(60));
    let right = f.redeem_code(&c.id, c.code, STRANGER, at(90)).await;
    assert_eq!(refused(&right), Refusal::Locked { retry_after: 1 });
    signed_in(&f.redeem_code(&c.id, c.code, STRANGER, at(91)).await);
}

pub async fn the_back_off_doubles_with_each_failure_up_to_its_cap(b: Backend) {
    let f = Fixture::open(b).await;
    let policy = FailurePolicy {
        backoff_max: Duration::from_secs(100),
        ..POLICY
    };
    f.fail("ann@example.com", 2, policy, at(0)).await;
    assert_eq!(f.locked_for("ann@example.com", at(0)).await, None);
    for wait in [30, 60, 100, 100] {
        f.fail("ann@example.com", 1, policy, at(0)).await;
        assert_eq!(f.locked_for("ann@example.com", at(0)).await, Some(wait));
    }
    // The wait counts from the latest failure.
    f.fail("ann@example.com", 1, policy, at(50)).await;
    assert_eq!(f.locked_for("ann@example.com", at(50)).await, Some(100));
    assert_eq!(f.locked_for("ann@example.com", at(149)).await, Some(1));
    assert_eq!(f.locked_for("ann@example.com", at(150)).await, None);
    assert_eq!(f.locked_for("bob@example.com", at(50)).await, None);
}

pub async fn failures_an_hour_after_the_last_one_start_the_count_again(b: Backend) {
    let f = Fixture::open(b).await;
    f.fail("ann@example.com", 2, POLICY, at(0)).await;
    f.fail("ann@example.com", 1, POLICY, at(3601)).await;
    assert_eq!(f.locked_for("ann@example.com", at(3601)).await, None);
    f.fail("ann@example.com", 1, POLICY, at(3602)).await;
    assert_eq!(f.locked_for("ann@example.com", at(3602)).await, None);
    f.fail("ann@example.com", 1, POLICY, at(3603)).await;
    assert_eq!(f.locked_for("ann@example.com", at(3603)).await, Some(30));
}

pub async fn a_known_device_is_never_held_by_the_back_off(b: Backend) {
    let f = Fixture::open(b).await;
    let c = f.issue("ann@example.com", at(0)).await;
    f.fail("ann@example.com", 3, POLICY, at(1)).await;
    assert_eq!(
        refused(&f.redeem_code(&c.id, WRONG, STRANGER, at(2)).await),
        Refusal::Locked { retry_after: 29 }
    );
    assert_eq!(
        wrong_code(&f.redeem_code(&c.id, WRONG, KNOWN_DEVICE, at(2)).await),
        Some(4)
    );
    signed_in(&f.redeem_code(&c.id, c.code, KNOWN_DEVICE, at(3)).await);
}

pub async fn the_asking_browser_is_held_only_after_its_own_wrong_code(b: Backend) {
    let f = Fixture::open(b).await;
    let c = f.issue("ann@example.com", at(0)).await;
    f.fail("ann@example.com", 3, POLICY, at(1)).await;
    // Others' failures do not hold the browser that asked for the email…
    assert_eq!(
        wrong_code(&f.redeem_code(&c.id, WRONG, ASKER, at(2)).await),
        Some(4)
    );
    // …its own do: the fourth failure holds the address for 60 s from then.
    let right = f.redeem_code(&c.id, c.code, ASKER, at(3)).await;
    assert_eq!(refused(&right), Refusal::Locked { retry_after: 59 });
    signed_in(&f.redeem_code(&c.id, c.code, ASKER, at(62)).await);
}

pub async fn the_asking_browser_signs_in_despite_others_failures(b: Backend) {
    let f = Fixture::open(b).await;
    let c = f.issue("ann@example.com", at(0)).await;
    f.fail("ann@example.com", 3, POLICY, at(1)).await;
    signed_in(&f.redeem_code(&c.id, c.code, ASKER, at(2)).await);
    assert_eq!(f.locked_for("ann@example.com", at(2)).await, None);
}

pub async fn a_link_is_not_held_by_the_back_off_and_signing_in_lifts_it(b: Backend) {
    let f = Fixture::open(b).await;
    let c = f.issue("ann@example.com", at(0)).await;
    f.fail("ann@example.com", 3, POLICY, at(1)).await;
    assert_eq!(f.locked_for("ann@example.com", at(2)).await, Some(29));
    signed_in(&f.redeem_link(c.token, at(2)).await);
    assert_eq!(f.locked_for("ann@example.com", at(2)).await, None);
    // The count starts again from zero.
    f.fail("ann@example.com", 2, POLICY, at(3)).await;
    assert_eq!(f.locked_for("ann@example.com", at(3)).await, None);
    f.fail("ann@example.com", 1, POLICY, at(3)).await;
    assert_eq!(f.locked_for("ann@example.com", at(3)).await, Some(30));
}

pub async fn clearing_failures_lifts_the_back_off(b: Backend) {
    let f = Fixture::open(b).await;
    let c = f.issue("ann@example.com", at(0)).await;
    f.fail("ann@example.com", 5, POLICY, at(1)).await;
    assert_eq!(f.locked_for("ann@example.com", at(1)).await, Some(120));
    f.stores
        .limits
        .clear_failures(&email_address("ann@example.com"))
        .await
        .unwrap();
    assert_eq!(f.locked_for("ann@example.com", at(1)).await, None);
    signed_in(&f.redeem_code(&c.id, c.code, STRANGER, at(2)).await);
}
