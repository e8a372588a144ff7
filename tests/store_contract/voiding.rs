//! "This wasn't me": voiding an emailed credential, used or not, and holding its address
//! (issue 15 §2). The session made with a used one is the web layer's to end: the store names
//! the account.
use crate::support::*;
use iris::domain::credential::{IssueOutcome, Redemption, Refusal, VoidRefusal, Voiding};
use iris::secrets::Mac32;
use std::time::Duration;

/// How long a test's "this wasn't me" holds the address.
const HOLD: Duration = Duration::from_secs(3600);

impl Fixture {
    async fn void(&self, token: Mac32, now: time::OffsetDateTime) -> Voiding {
        self.stores
            .sign_in
            .void_credential(&[token], HOLD, now)
            .await
            .unwrap()
    }
}

/// The account that had signed in with the credential voided now (not before), or the panic
/// says otherwise.
fn voided(v: &Voiding, credential: &Credential) -> Option<String> {
    voided_again(v, credential, false)
}

fn voided_again(v: &Voiding, credential: &Credential, before: bool) -> Option<String> {
    match v {
        Voiding::Voided {
            credential_id,
            email,
            used_by,
            again,
        } => {
            assert_eq!(credential_id, &credential.id);
            assert_eq!(email.as_str(), "ann@example.com");
            assert_eq!(*again, before, "voided before?");
            used_by.clone()
        }
        other => panic!("expected the credential voided, got {other:?}"),
    }
}

fn void_refused(v: &Voiding) -> VoidRefusal {
    match v {
        Voiding::Refused(why) => *why,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

pub async fn voiding_an_unused_credential_refuses_its_link_and_its_code_and_holds_the_address(
    b: Backend,
) {
    let f = Fixture::open(b).await;
    let c = f.issue("ann@example.com", at(0)).await;
    assert_eq!(voided(&f.void(c.token, at(10)).await, &c), None);

    // Both halves of the email are dead, even for a known device (exempt from the hold).
    assert_eq!(
        refused(&f.redeem_link(c.token, at(11)).await),
        Refusal::Voided
    );
    assert_eq!(
        refused(&f.redeem_code(&c.id, c.code, KNOWN_DEVICE, at(11)).await),
        Refusal::Voided
    );
    let view = f
        .stores
        .sign_in
        .credential_by_token(&[c.token], LIMITS.cooldown, POLICY, at(11))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(view.state, Err(Refusal::Voided));
    assert_eq!(f.count("accounts"), 0, "nobody signed in");

    // The address is held: strangers get no new email; a known device still does, and its
    // link works (links are never held).
    assert_eq!(
        f.locked_for("ann@example.com", at(70)).await,
        Some(3600 - 60)
    );
    let (stranger, _) = f.request("ann@example.com", at(70));
    assert_eq!(
        f.stores.sign_in.issue(stranger, at(70)).await.unwrap(),
        IssueOutcome::Locked { retry_after: 3540 }
    );
    let (mut known, fresh) = f.request("ann@example.com", at(70));
    known.trusted = true;
    assert!(matches!(
        f.stores.sign_in.issue(known, at(70)).await.unwrap(),
        IssueOutcome::Issued { .. }
    ));
    signed_in(&f.redeem_link(fresh.token, at(71)).await);
}

pub async fn voiding_a_used_credential_names_the_account_that_signed_in_with_it(b: Backend) {
    let f = Fixture::open(b).await;
    let c = f.issue("ann@example.com", at(0)).await;
    let Redemption::SignedIn {
        account: Some(account),
        ..
    } = f.redeem_link(c.token, at(1)).await
    else {
        panic!("expected a sign-in");
    };
    // Long after the email expired: the session it made may still be live.
    let later = TTL + 600;
    assert_eq!(
        voided(&f.void(c.token, at(later)).await, &c),
        Some(account.id)
    );
    // Giving it back (a failed Kratos handover) cannot revive it.
    f.stores.sign_in.release(&c.id, at(1)).await.unwrap();
    assert_eq!(
        refused(&f.redeem_link(c.token, at(later + 1)).await),
        Refusal::Voided
    );
    assert_eq!(f.locked_for("ann@example.com", at(later)).await, Some(3600));
}

pub async fn an_unknown_token_or_one_that_expired_unused_is_refused_and_changes_nothing(
    b: Backend,
) {
    let f = Fixture::open(b).await;
    assert_eq!(
        void_refused(&f.void(WRONG, at(0)).await),
        VoidRefusal::Unknown
    );
    let c = f.issue("ann@example.com", at(0)).await;
    assert_eq!(
        void_refused(&f.void(c.token, at(TTL)).await),
        VoidRefusal::Expired
    );
    assert_eq!(f.locked_for("ann@example.com", at(TTL)).await, None);
    assert_eq!(f.count("account_failures"), 0);
}

/// A second void gives the same answer, marked `again`, and changes nothing: a caller whose
/// first attempt failed after the void (ending the session) can still finish.
pub async fn voiding_twice_changes_nothing_the_second_time(b: Backend) {
    let f = Fixture::open(b).await;
    let c = f.issue("ann@example.com", at(0)).await;
    voided(&f.void(c.token, at(0)).await, &c);
    assert_eq!(
        voided_again(&f.void(c.token, at(100)).await, &c, true),
        None
    );
    // The hold still ends an hour after the first one, not the second.
    assert_eq!(
        f.locked_for("ann@example.com", at(100)).await,
        Some(3600 - 100)
    );
    // Even once expired, it is the same answer.
    assert_eq!(
        voided_again(&f.void(c.token, at(TTL + 1)).await, &c, true),
        None
    );
    // Used (by a known device: the address is held), then voided twice: both name the account.
    let (mut known, d) = f.request("ann@example.com", at(200));
    known.trusted = true;
    f.stores.sign_in.issue(known, at(200)).await.unwrap();
    let Redemption::SignedIn {
        account: Some(account),
        ..
    } = f.redeem_link(d.token, at(201)).await
    else {
        panic!("expected a sign-in");
    };
    let first = voided(&f.void(d.token, at(202)).await, &d);
    assert_eq!(first.as_deref(), Some(account.id.as_str()));
    assert_eq!(
        voided_again(&f.void(d.token, at(203)).await, &d, true),
        first
    );
    // The hold runs from the first void, not the second.
    assert_eq!(f.locked_for("ann@example.com", at(203)).await, Some(3599));
}

pub async fn a_hold_keeps_a_longer_back_off_and_wrong_codes_never_shorten_it(b: Backend) {
    let f = Fixture::open(b).await;
    // A back-off at its cap (an hour from 200 s) outlasts the hold made at 0.
    let c = f.issue("ann@example.com", at(0)).await;
    let capped = iris::domain::credential::FailurePolicy {
        backoff_max: Duration::from_secs(7200),
        ..POLICY
    };
    f.fail("ann@example.com", 12, capped, at(200)).await;
    let before = f.locked_for("ann@example.com", at(200)).await.unwrap();
    assert!(before > 3600, "{before}");
    voided(&f.void(c.token, at(200)).await, &c);
    assert_eq!(f.locked_for("ann@example.com", at(200)).await, Some(before));

    // The other way round: a hold, then failures whose back-off is shorter.
    let d = f.issue("bob@example.com", at(0)).await;
    f.void(d.token, at(0)).await;
    f.fail("bob@example.com", POLICY.account_failures, POLICY, at(10))
        .await;
    assert_eq!(f.locked_for("bob@example.com", at(10)).await, Some(3590));
}

/// Links redeemed and voided at once, from two instances: either the void came first (nobody
/// signed in, and it names nobody) or a sign-in did (exactly one, and the void names it).
pub async fn voiding_and_redeeming_under_a_race_end_one_way_or_the_other(b: Backend) {
    let f = Fixture::open(b).await;
    let c = f.issue("ann@example.com", at(0)).await;
    let instances = f.instances(INSTANCES).await;
    let token = c.token;
    let answers = race(RACERS, |i| {
        let sign_in = instances[i % INSTANCES].sign_in.clone();
        async move {
            if i % 2 == 0 {
                Ok(sign_in.redeem_link(&[token], POLICY, at(1)).await.unwrap())
            } else {
                Err(sign_in
                    .void_credential(&[token], HOLD, at(1))
                    .await
                    .unwrap())
            }
        }
    })
    .await;
    let sign_ins = answers
        .iter()
        .filter(|a| matches!(a, Ok(Redemption::SignedIn { .. })))
        .count();
    let voids: Vec<(bool, Option<String>)> = answers
        .iter()
        .filter_map(|a| match a {
            Err(Voiding::Voided { again, used_by, .. }) => Some((*again, used_by.clone())),
            Err(other) => panic!("every void is answered as a void: {other:?}"),
            Ok(_) => None,
        })
        .collect();
    assert!(sign_ins <= 1, "{answers:?}");
    let first: Vec<_> = voids.iter().filter(|(again, _)| !again).collect();
    assert_eq!(first.len(), 1, "exactly one first void: {answers:?}");
    // Every void names the sign-in, if one came first, and only then.
    for (_, used_by) in &voids {
        assert_eq!(used_by.is_some(), sign_ins == 1, "{answers:?}");
    }
    for a in &answers {
        if let Ok(r @ (Redemption::WrongCode { .. } | Redemption::Refused(_))) = a {
            assert!(
                matches!(refused(r), Refusal::Used | Refusal::Voided),
                "{r:?}"
            );
        }
    }
    assert_eq!(refused(&f.redeem_link(token, at(2)).await), Refusal::Voided);
}
