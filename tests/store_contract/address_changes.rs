//! Changing an account's address (SECURITY.md item 28): the account moves only when the new
//! address proves itself, in the transaction that queues the notice to the old one; an undo
//! moves it back, whatever happened since.
use crate::support::*;
use iris::domain::address_change::{ChangeOutcome, ChangeState, RevertOutcome};
use iris::domain::credential::Account;
use iris::secrets::Mac32;
use iris::store::{ChangeProof, ChangeRequest};
use std::time::Duration;

const MAX: u32 = 5;
const TTL: i64 = 600;
const UNDO: Duration = Duration::from_secs(7 * 24 * 3600);

/// One change's secrets, as the test made them.
struct Change {
    id: String,
    token: Mac32,
    code: Mac32,
    revert: Mac32,
}

fn mac(kind: u8, n: u8) -> Mac32 {
    let mut m = [kind; 32];
    m[0] = n;
    m
}

/// Signs `email` in once, so it has an account.
async fn account(f: &Fixture, email: &str, secs: i64) -> Account {
    let c = f.issue(email, at(secs)).await;
    match f.redeem_link(c.token, at(secs + 1)).await {
        iris::domain::credential::Redemption::SignedIn {
            account: Some(a), ..
        } => a,
        other => panic!("expected a sign-in, got {other:?}"),
    }
}

async fn start(f: &Fixture, account: &Account, new: &str, n: u8, secs: i64) -> Change {
    let change = Change {
        id: format!("change-{n}"),
        token: mac(0xa1, n),
        code: mac(0xa2, n),
        revert: mac(0xa3, n),
    };
    let req = ChangeRequest {
        id: change.id.clone(),
        account_id: account.id.clone(),
        old_email: account.email.clone(),
        new_email: email_address(new),
        token_hash: change.token,
        code_hash: change.code,
        revert_hash: change.revert,
        requested_by: "Firefox|Linux".into(),
        expires_at: at(secs + TTL),
        outbox_id: format!("change-mail-{n}"),
        sealed_confirm: b"sealed confirm".to_vec(),
        notice_outbox_id: format!("notice-mail-{n}"),
        sealed_notice: b"sealed notice".to_vec(),
    };
    f.stores
        .address_changes
        .start_change(req, at(secs))
        .await
        .unwrap();
    change
}

async fn confirm(f: &Fixture, proof: ChangeProof<'_>, secs: i64) -> ChangeOutcome {
    f.stores
        .address_changes
        .confirm_change(proof, MAX, UNDO, at(secs))
        .await
        .unwrap()
}

async fn revert(f: &Fixture, c: &Change, secs: i64) -> RevertOutcome {
    f.stores
        .address_changes
        .revert_change(&[c.revert], MAX, at(secs))
        .await
        .unwrap()
}

async fn owner(f: &Fixture, email: &str) -> Option<String> {
    f.stores
        .sign_in
        .account_by_email(&email_address(email))
        .await
        .unwrap()
        .map(|a| a.id)
}

fn refused(o: &ChangeOutcome) -> ChangeState {
    match o {
        ChangeOutcome::Refused(s) => *s,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

pub async fn the_account_moves_only_when_the_new_address_proves_itself(b: Backend) {
    let f = Fixture::open(b).await;
    let ann = account(&f, "ann@example.com", 0).await;
    let c = start(&f, &ann, "Ann.New@Example.com", 1, 10).await;
    assert_eq!(
        f.count_where("outbox", "recipient = 'Ann.New@example.com'"),
        1,
        "the new address is written to at once"
    );
    assert_eq!(
        f.count_where("outbox", "recipient = 'ann@example.com'"),
        1,
        "only its sign-in email so far"
    );
    assert_eq!(
        owner(&f, "ann@example.com").await,
        Some(ann.id.clone()),
        "nothing moved yet"
    );
    let seen = f
        .stores
        .address_changes
        .change_by_token(&[c.token], MAX, at(11))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (seen.state, seen.new_email.as_str()),
        (ChangeState::Pending, "Ann.New@example.com")
    );
    assert_eq!(
        owner(&f, "ann@example.com").await,
        Some(ann.id.clone()),
        "reading uses nothing"
    );

    let done = confirm(&f, ChangeProof::Link(&[c.token]), 20).await;
    let ChangeOutcome::Changed(view) = done else {
        panic!("expected the change, got {done:?}");
    };
    assert_eq!(
        (view.account_id.as_str(), view.state),
        (ann.id.as_str(), ChangeState::Confirmed)
    );
    assert_eq!(owner(&f, "ann.new@example.com").await, Some(ann.id.clone()));
    assert_eq!(owner(&f, "ann@example.com").await, None);
    assert_eq!(
        f.count_where(
            "outbox",
            "recipient = 'ann@example.com' AND credential_id = 'change-1'"
        ),
        1,
        "the notice to the old address is queued with the move"
    );
    // Used: neither the link nor the code works again.
    assert_eq!(
        refused(&confirm(&f, ChangeProof::Link(&[c.token]), 21).await),
        ChangeState::Confirmed
    );
    let code = ChangeProof::Code {
        id: &c.id,
        code_hashes: &[c.code],
    };
    assert_eq!(
        refused(&confirm(&f, code, 21).await),
        ChangeState::Confirmed
    );
    assert!(matches!(
        confirm(&f, ChangeProof::Link(&[mac(9, 9)]), 21).await,
        ChangeOutcome::Unknown
    ));
}

pub async fn wrong_codes_count_down_and_the_right_one_moves_the_account(b: Backend) {
    let f = Fixture::open(b).await;
    let ann = account(&f, "ann@example.com", 0).await;
    let c = start(&f, &ann, "new@example.com", 1, 10).await;
    let wrong = ChangeProof::Code {
        id: &c.id,
        code_hashes: &[mac(7, 7)],
    };
    assert!(matches!(
        confirm(&f, wrong, 11).await,
        ChangeOutcome::WrongCode { attempts_left: 4 }
    ));
    let right = ChangeProof::Code {
        id: &c.id,
        code_hashes: &[c.code],
    };
    assert!(matches!(
        confirm(&f, right, 12).await,
        ChangeOutcome::Changed(_)
    ));
    assert_eq!(owner(&f, "new@example.com").await, Some(ann.id));

    // Another change's code runs out of tries.
    let bob = account(&f, "bob@example.com", 100).await;
    let c = start(&f, &bob, "bob2@example.com", 2, 110).await;
    for left in (0..MAX).rev() {
        let wrong = ChangeProof::Code {
            id: &c.id,
            code_hashes: &[mac(7, 7)],
        };
        assert!(matches!(
            confirm(&f, wrong, 111).await,
            ChangeOutcome::WrongCode { attempts_left } if attempts_left == left
        ));
    }
    let right = ChangeProof::Code {
        id: &c.id,
        code_hashes: &[c.code],
    };
    assert_eq!(
        refused(&confirm(&f, right, 112).await),
        ChangeState::TooManyAttempts
    );
    assert_eq!(owner(&f, "bob@example.com").await, Some(bob.id));
}

pub async fn a_change_expires_and_a_newer_one_replaces_it(b: Backend) {
    let f = Fixture::open(b).await;
    let ann = account(&f, "ann@example.com", 0).await;
    let late = start(&f, &ann, "late@example.com", 1, 10).await;
    assert_eq!(
        refused(&confirm(&f, ChangeProof::Link(&[late.token]), 10 + TTL).await),
        ChangeState::Expired
    );
    let first = start(&f, &ann, "first@example.com", 2, 1000).await;
    let second = start(&f, &ann, "second@example.com", 3, 1001).await;
    assert_eq!(
        refused(&confirm(&f, ChangeProof::Link(&[first.token]), 1002).await),
        ChangeState::Superseded
    );
    assert!(matches!(
        confirm(&f, ChangeProof::Link(&[second.token]), 1003).await,
        ChangeOutcome::Changed(_)
    ));
    assert_eq!(owner(&f, "second@example.com").await, Some(ann.id));
}

pub async fn an_address_another_account_has_moves_nothing(b: Backend) {
    let f = Fixture::open(b).await;
    let ann = account(&f, "ann@example.com", 0).await;
    let bob = account(&f, "bob@example.com", 100).await;
    let c = start(&f, &ann, "BOB@example.com", 1, 200).await;
    assert!(matches!(
        confirm(&f, ChangeProof::Link(&[c.token]), 201).await,
        ChangeOutcome::Taken
    ));
    assert_eq!(owner(&f, "ann@example.com").await, Some(ann.id));
    assert_eq!(owner(&f, "bob@example.com").await, Some(bob.id));
    assert_eq!(
        f.count_where(
            "outbox",
            "credential_id = 'change-1' AND recipient = 'ann@example.com'"
        ),
        0,
        "no notice for a change that did not happen"
    );
}

/// The old address's undo link restores it, even after a second change (which it voids), and
/// works until its window ends.
pub async fn undo_restores_the_old_address_whatever_happened_since(b: Backend) {
    let f = Fixture::open(b).await;
    let ann = account(&f, "ann@example.com", 0).await;
    let first = start(&f, &ann, "thief@example.com", 1, 10).await;
    assert!(matches!(
        confirm(&f, ChangeProof::Link(&[first.token]), 11).await,
        ChangeOutcome::Changed(_)
    ));
    let moved = Account {
        id: ann.id.clone(),
        email: email_address("thief@example.com"),
    };
    let second = start(&f, &moved, "thief2@example.com", 2, 20).await;
    assert!(matches!(
        confirm(&f, ChangeProof::Link(&[second.token]), 21).await,
        ChangeOutcome::Changed(_)
    ));
    let pending = start(
        &f,
        &Account {
            id: ann.id.clone(),
            email: email_address("thief2@example.com"),
        },
        "thief3@example.com",
        3,
        30,
    )
    .await;

    let undone = revert(&f, &first, 40).await;
    let RevertOutcome::Reverted(view) = undone else {
        panic!("expected the undo, got {undone:?}");
    };
    assert_eq!(
        (view.old_email.as_str(), view.state),
        ("ann@example.com", ChangeState::Reverted)
    );
    assert_eq!(owner(&f, "ann@example.com").await, Some(ann.id.clone()));
    assert_eq!(owner(&f, "thief2@example.com").await, None);
    assert!(matches!(
        revert(&f, &second, 41).await,
        RevertOutcome::Refused(ChangeState::Superseded)
    ));
    assert_eq!(
        refused(&confirm(&f, ChangeProof::Link(&[pending.token]), 42).await),
        ChangeState::Superseded,
        "a change pending at the undo is void"
    );
    assert!(matches!(
        revert(&f, &first, 43).await,
        RevertOutcome::Refused(ChangeState::Reverted)
    ));

    // A later change's undo runs out with its window.
    let c = start(&f, &ann, "next@example.com", 4, 100).await;
    assert!(matches!(
        confirm(&f, ChangeProof::Link(&[c.token]), 101).await,
        ChangeOutcome::Changed(_)
    ));
    let window = UNDO.as_secs() as i64;
    assert!(matches!(
        revert(&f, &c, 101 + window).await,
        RevertOutcome::Refused(ChangeState::Expired)
    ));
    assert_eq!(owner(&f, "next@example.com").await, Some(ann.id));
}

pub async fn undo_refuses_when_another_account_took_the_old_address(b: Backend) {
    let f = Fixture::open(b).await;
    let ann = account(&f, "ann@example.com", 0).await;
    let c = start(&f, &ann, "new@example.com", 1, 10).await;
    assert!(matches!(
        confirm(&f, ChangeProof::Link(&[c.token]), 11).await,
        ChangeOutcome::Changed(_)
    ));
    let other = account(&f, "ann@example.com", 100).await;
    assert_ne!(other.id, ann.id, "the free old address signed up anew");
    assert!(matches!(revert(&f, &c, 200).await, RevertOutcome::Taken));
    assert_eq!(owner(&f, "new@example.com").await, Some(ann.id));
    assert_eq!(owner(&f, "ann@example.com").await, Some(other.id));
}

pub async fn purge_deletes_changes_past_their_window_with_their_emails(b: Backend) {
    let f = Fixture::open(b).await;
    let ann = account(&f, "ann@example.com", 0).await;
    let _pending = start(&f, &ann, "a@example.com", 1, 10).await;
    let done = start(&f, &ann, "b@example.com", 2, 20).await;
    assert!(matches!(
        confirm(&f, ChangeProof::Link(&[done.token]), 21).await,
        ChangeOutcome::Changed(_)
    ));
    let grace = Duration::from_secs(60);
    let removed = f
        .stores
        .address_changes
        .purge(grace, at(20 + TTL + 60))
        .await
        .unwrap();
    assert_eq!(
        (removed, f.count("address_changes")),
        (2, 1),
        "the pending one past its expiry goes with its email; the done one stays for its undo window"
    );
    let window = UNDO.as_secs() as i64;
    let removed = f
        .stores
        .address_changes
        .purge(grace, at(21 + window + 60))
        .await
        .unwrap();
    assert_eq!(f.count("address_changes"), 0);
    assert_eq!(f.count_where("outbox", "credential_id LIKE 'change-%'"), 0);
    assert_eq!(removed, 3, "the change, its email and the notice");
}
