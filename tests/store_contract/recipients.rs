//! Who is sent the email: the address of record, and addresses that get the same answer and
//! the same work but no email (SECURITY.md items 19, 41, 48).
use crate::support::*;
use iris::domain::credential::{Delivery, IssueOutcome, Refusal};
use iris::store::Recipients;
use std::time::Duration;

/// An address that will get no email: the same answer and the same rows as one that will,
/// but the credential never signs anyone in and its outbox row is never sent.
async fn undeliverable(b: Backend, recipients: Recipients) {
    let f = Fixture::open(b).await;
    let (mut req, c) = f.request("nobody@example.com", at(0));
    req.recipients = recipients;
    assert_eq!(
        f.stores.sign_in.issue(req, at(0)).await.unwrap(),
        IssueOutcome::Issued {
            credential_id: c.id.clone()
        }
    );
    assert_eq!(f.count("credentials"), 1);
    assert_eq!(f.count("outbox"), 1);
    let payloads = f.count_where("outbox", "payload IS NOT NULL");
    assert_eq!(payloads, 0, "no sealed email is kept for it");

    for later in [0, 60, 3600] {
        let claimed = f
            .stores
            .outbox
            .claim(Duration::from_secs(60), 10, at(later))
            .await
            .unwrap();
        assert!(claimed.is_empty(), "claimed {claimed:?}");
    }
    let view = f
        .stores
        .sign_in
        .credential_by_id(&c.id, LIMITS.cooldown, POLICY, at(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(view.delivery, Delivery::Pending, "it looks like any other");
    assert_eq!(view.state, Ok(()));

    assert_eq!(refused(&f.redeem_link(c.token, at(2)).await), Refusal::Used);
    assert_eq!(
        wrong_code(&f.redeem_code(&c.id, c.code, KNOWN_DEVICE, at(3)).await),
        Some(4),
        "its right code answers like a wrong one"
    );
    assert_eq!(f.count("accounts"), 0);
}

pub async fn an_unknown_address_among_accounts_gets_a_credential_that_never_works(b: Backend) {
    undeliverable(b, Recipients::Accounts).await;
}

pub async fn an_address_decided_unknown_gets_a_credential_that_never_works(b: Backend) {
    undeliverable(b, Recipients::Decided(false)).await;
}

pub async fn an_address_decided_known_is_sent_its_email_and_signs_in(b: Backend) {
    let f = Fixture::open(b).await;
    let (mut req, c) = f.request("kim@example.com", at(0));
    req.recipients = Recipients::Decided(true);
    f.stores.sign_in.issue(req, at(0)).await.unwrap();
    let claimed = f
        .stores
        .outbox
        .claim(Duration::from_secs(60), 10, at(0))
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].id, c.outbox_id);
    assert_eq!(
        signed_in(&f.redeem_link(c.token, at(1)).await).as_str(),
        "kim@example.com"
    );
}

pub async fn mail_to_an_account_goes_to_its_address_of_record(b: Backend) {
    let f = Fixture::open(b).await;
    // Signing up records the address as first typed (the domain lowercased).
    let first = f.issue("Ann.Lee@Example.COM", at(0)).await;
    let recorded = signed_in(&f.redeem_link(first.token, at(1)).await).clone();
    assert_eq!(recorded.as_str(), "Ann.Lee@example.com");
    assert_eq!(f.count("accounts"), 1);
    f.stores
        .outbox
        .sent(&[first.outbox_id], at(1))
        .await
        .unwrap();

    let (mut req, c) = f.request("ann.lee@example.com", at(60));
    req.recipients = Recipients::Accounts;
    f.stores.sign_in.issue(req, at(60)).await.unwrap();
    let claimed = f
        .stores
        .outbox
        .claim(Duration::from_secs(60), 10, at(60))
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].id, c.outbox_id);
    assert_eq!(claimed[0].recipient, recorded.as_str());
    assert_eq!(claimed[0].payload, c.payload);
    let again = f.redeem_code(&c.id, c.code, KNOWN_DEVICE, at(61)).await;
    assert_eq!(signed_in(&again).as_str(), recorded.as_str());
    assert_eq!(f.count("accounts"), 1, "the same account");
}
