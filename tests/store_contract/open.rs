//! Opening a store: a fresh one answers, and opening it again (a restart, or a second
//! instance) keeps everything (SECURITY.md item 45).
use crate::support::*;
use iris::domain::credential::Refusal;

pub async fn a_fresh_store_answers_a_ping_and_holds_nothing(b: Backend) {
    let f = Fixture::open(b).await;
    let names: Vec<&str> = f.stores.health.iter().map(|(name, _)| *name).collect();
    let expected: &[&str] = match b {
        Backend::Redis => &["store", "redis"],
        _ => &["store"],
    };
    assert_eq!(names, expected, "every server readiness asks");
    for (name, health) in &f.stores.health {
        health
            .ping()
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    for table in [
        "accounts",
        "credentials",
        "outbox",
        "email_limits",
        "email_budget",
        "account_failures",
        "sessions",
        "kratos_requests",
    ] {
        assert_eq!(f.count(table), 0, "{table}");
    }
}

pub async fn reopening_a_store_keeps_its_rows_and_its_answers(b: Backend) {
    let f = Fixture::open(b).await;
    let used = f.issue("ann@example.com", at(0)).await;
    let live = f.issue("bob@example.com", at(0)).await;
    signed_in(&f.redeem_link(used.token, at(1)).await);
    f.stores
        .sessions
        .save_session(b"session", Some("account-1"), "{}", at(600))
        .await
        .unwrap();

    // Migrations run again on an existing schema and change nothing.
    let again = f.reopen().await;
    for (name, health) in &again.health {
        health
            .ping()
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let used_again = again
        .sign_in
        .redeem_link(&[used.token], POLICY, at(2))
        .await
        .unwrap();
    assert_eq!(
        refused(&used_again),
        Refusal::Used,
        "a used link stays used"
    );
    let live_again = again
        .sign_in
        .redeem_link(&[live.token], POLICY, at(2))
        .await
        .unwrap();
    signed_in(&live_again);
    assert!(again
        .sessions
        .load_session(b"session", at(2))
        .await
        .unwrap()
        .is_some());
    assert_eq!(f.count("accounts"), 2);
}
