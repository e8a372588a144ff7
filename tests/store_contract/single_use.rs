//! Redeeming: once and only once, under races too (from two server instances at once);
//! expiry; reading never consumes; release (SECURITY.md items 3, 4, 11).
use crate::support::*;
use iris::domain::credential::{Delivery, Redemption, Refusal};

/// Exactly one sign-in; every other answer says the credential is used.
fn exactly_one_sign_in(answers: &[Redemption]) {
    let signed_in = answers
        .iter()
        .filter(|r| matches!(r, Redemption::SignedIn { .. }))
        .count();
    assert_eq!(signed_in, 1, "{answers:?}");
    for r in answers {
        if !matches!(r, Redemption::SignedIn { .. }) {
            assert_eq!(refused(r), Refusal::Used);
        }
    }
}

pub async fn single_use_under_a_race_signs_in_once(b: Backend) {
    let f = Fixture::open(b).await;
    let token = f.issue("ann@example.com", at(0)).await.token;
    let instances = f.instances(INSTANCES).await;
    let answers = race(RACERS, |i| {
        let sign_in = instances[i % INSTANCES].sign_in.clone();
        async move { sign_in.redeem_link(&[token], POLICY, at(1)).await.unwrap() }
    })
    .await;
    exactly_one_sign_in(&answers);
    assert_eq!(f.count("accounts"), 1);
}

pub async fn the_right_code_under_a_race_signs_in_once(b: Backend) {
    let f = Fixture::open(b).await;
    let c = f.issue("ann@example.com", at(0)).await;
    let code = c.code;
    let instances = f.instances(INSTANCES).await;
    let answers = race(RACERS, |i| {
        let (sign_in, id) = (instances[i % INSTANCES].sign_in.clone(), c.id.clone());
        async move {
            sign_in
                .redeem_code(&id, &[code], POLICY, KNOWN_DEVICE, at(1))
                .await
                .unwrap()
        }
    })
    .await;
    exactly_one_sign_in(&answers);
    let view = f
        .stores
        .sign_in
        .credential_by_id(&c.id, LIMITS.cooldown, POLICY, at(2))
        .await
        .unwrap()
        .unwrap();
    // Every entry is a try (as Kratos counts submissions), the right one included; the
    // refused racers changed nothing.
    assert_eq!(view.attempts, 1);
}

pub async fn a_redeemed_link_voids_its_code_and_a_redeemed_code_its_link(b: Backend) {
    let f = Fixture::open(b).await;
    let by_link = f.issue("ann@example.com", at(0)).await;
    let by_code = f.issue("bob@example.com", at(0)).await;
    signed_in(&f.redeem_link(by_link.token, at(1)).await);
    signed_in(
        &f.redeem_code(&by_code.id, by_code.code, STRANGER, at(1))
            .await,
    );

    let code_after_link = f
        .redeem_code(&by_link.id, by_link.code, KNOWN_DEVICE, at(2))
        .await;
    assert_eq!(refused(&code_after_link), Refusal::Used);
    assert_eq!(
        refused(&f.redeem_link(by_code.token, at(2)).await),
        Refusal::Used
    );
    assert_eq!(
        refused(&f.redeem_link(by_link.token, at(3)).await),
        Refusal::Used
    );
}

pub async fn signing_in_names_the_account_the_address_and_where_to_go(b: Backend) {
    let f = Fixture::open(b).await;
    let c = f.issue("ann@example.com", at(0)).await;
    let first = f.redeem_link(c.token, at(1)).await;
    let Redemption::SignedIn {
        account: Some(account),
        email,
        return_to,
        credential_id,
    } = first
    else {
        panic!("expected a sign-in with an account, got {first:?}");
    };
    assert_eq!(credential_id, c.id, "names the credential used");
    assert_eq!(email.as_str(), "ann@example.com");
    assert_eq!(account.email, email);
    assert_eq!(return_to, "/after/1");

    // The next sign-in to the address finds the same account.
    let c = f.issue("ann@example.com", at(60)).await;
    let again = f.redeem_code(&c.id, c.code, STRANGER, at(61)).await;
    let Redemption::SignedIn {
        account: Some(again),
        credential_id: by_code,
        ..
    } = again
    else {
        panic!("expected a sign-in with an account, got {again:?}");
    };
    assert_eq!(again.id, account.id);
    assert_eq!(by_code, c.id);

    // Found by its id too (an application's consent names the account that way), and only it.
    let by_id = f.stores.sign_in.account_by_id(&account.id).await.unwrap();
    assert_eq!(by_id.map(|a| a.email), Some(email));
    let unknown = f
        .stores
        .sign_in
        .account_by_id("no-such-account")
        .await
        .unwrap();
    assert!(unknown.is_none());
    assert_eq!(f.count("accounts"), 1);
}

pub async fn a_credential_works_until_its_expiry_and_not_at_it(b: Backend) {
    let f = Fixture::open(b).await;
    let link = f.issue("ann@example.com", at(0)).await;
    let code = f.issue("bob@example.com", at(0)).await;
    let late_link = f.issue("cat@example.com", at(0)).await;
    let late_code = f.issue("dan@example.com", at(0)).await;

    signed_in(&f.redeem_link(link.token, at(TTL - 1)).await);
    signed_in(
        &f.redeem_code(&code.id, code.code, STRANGER, at(TTL - 1))
            .await,
    );
    assert_eq!(
        refused(&f.redeem_link(late_link.token, at(TTL)).await),
        Refusal::Expired
    );
    let late = f
        .redeem_code(&late_code.id, late_code.code, STRANGER, at(TTL))
        .await;
    assert_eq!(refused(&late), Refusal::Expired);
}

pub async fn an_unknown_token_or_credential_is_refused_as_unknown(b: Backend) {
    let f = Fixture::open(b).await;
    let c = f.issue("ann@example.com", at(0)).await;
    assert_eq!(
        refused(&f.redeem_link(WRONG, at(1)).await),
        Refusal::Unknown
    );
    assert_eq!(
        refused(&f.redeem_code("no-such-id", c.code, STRANGER, at(1)).await),
        Refusal::Unknown
    );
    let view = f
        .stores
        .sign_in
        .credential_by_token(&[WRONG], LIMITS.cooldown, POLICY, at(1))
        .await
        .unwrap();
    assert!(view.is_none());
}

pub async fn reading_a_credential_shows_it_and_never_consumes_it(b: Backend) {
    let f = Fixture::open(b).await;
    let c = f.issue("Ann@Example.com", at(0)).await;
    for _ in 0..3 {
        let view = f
            .stores
            .sign_in
            .credential_by_token(&[WRONG, c.token], LIMITS.cooldown, POLICY, at(5))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(view.id, c.id);
        assert_eq!(view.email.as_str(), "Ann@example.com");
        assert_eq!(view.requested_at, at(0));
        assert_eq!(view.requested_by, "browser 1");
        assert_eq!(view.expires_at, at(TTL));
        assert_eq!(view.return_to, "/after/1");
        assert_eq!(view.state, Ok(()));
        assert_eq!(view.delivery, Delivery::Pending);
        assert_eq!(view.next_send_at, at(60));
        assert_eq!(view.attempts, 0);
    }
    let by_id = f
        .stores
        .sign_in
        .credential_by_id(&c.id, LIMITS.cooldown, POLICY, at(5))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_id.id, c.id);
    assert!(f
        .stores
        .sign_in
        .credential_by_id("no-such-id", LIMITS.cooldown, POLICY, at(5))
        .await
        .unwrap()
        .is_none());
    // Any of several MACs (key rotation) finds it, and it still signs in once.
    signed_in(
        &f.stores
            .sign_in
            .redeem_link(&[WRONG, c.token], POLICY, at(6))
            .await
            .unwrap(),
    );
    let view = f
        .stores
        .sign_in
        .credential_by_id(&c.id, LIMITS.cooldown, POLICY, at(7))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(view.state, Err(Refusal::Used));
}

pub async fn release_makes_a_redeemed_credential_redeemable_again(b: Backend) {
    let f = Fixture::open(b).await;
    let c = f.issue("ann@example.com", at(0)).await;
    signed_in(&f.redeem_link(c.token, at(5)).await);

    // Only the redemption it names: another moment's is not given back.
    f.stores.sign_in.release(&c.id, at(4)).await.unwrap();
    assert_eq!(refused(&f.redeem_link(c.token, at(6)).await), Refusal::Used);

    f.stores.sign_in.release(&c.id, at(5)).await.unwrap();
    signed_in(&f.redeem_code(&c.id, c.code, STRANGER, at(7)).await);
    assert_eq!(refused(&f.redeem_link(c.token, at(8)).await), Refusal::Used);
}

pub async fn release_never_revives_a_superseded_credential(b: Backend) {
    let f = Fixture::open(b).await;
    let old = f.issue("ann@example.com", at(0)).await;
    f.issue("ann@example.com", at(60)).await;
    // Superseded at the newer one's request time.
    f.stores.sign_in.release(&old.id, at(60)).await.unwrap();
    assert_eq!(
        refused(&f.redeem_link(old.token, at(61)).await),
        Refusal::Superseded
    );
}
