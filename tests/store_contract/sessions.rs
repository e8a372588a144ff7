//! Server-side session records (SECURITY.md items 22 and 25).
use crate::support::*;
use iris::store::SessionRecords;

const KEY: &[u8] = b"key-hash-of-session-one-32-bytes";

async fn load(s: &dyn SessionRecords, key: &[u8], secs: i64) -> Option<String> {
    s.load_session(key, at(secs))
        .await
        .unwrap()
        .map(|s| s.state)
}

async fn expiry(s: &dyn SessionRecords, key: &[u8], secs: i64) -> Option<time::OffsetDateTime> {
    s.load_session(key, at(secs))
        .await
        .unwrap()
        .map(|s| s.expires_at)
}

pub async fn a_saved_session_loads_updates_and_is_deleted(b: Backend) {
    let f = Fixture::open(b).await;
    let s = f.stores.sessions.as_ref();
    assert_eq!(load(s, KEY, 0).await, None);
    s.save_session(KEY, None, r#"{"csrf":"a"}"#, at(3600))
        .await
        .unwrap();
    assert_eq!(load(s, KEY, 0).await.as_deref(), Some(r#"{"csrf":"a"}"#));
    assert_eq!(load(s, b"another key", 0).await, None);

    assert!(s
        .update_session(KEY, Some("account-1"), r#"{"csrf":"b"}"#, at(3600))
        .await
        .unwrap());
    assert_eq!(load(s, KEY, 1).await.as_deref(), Some(r#"{"csrf":"b"}"#));
    assert_eq!(f.count_where("sessions", "account_id = 'account-1'"), 1);
    // Updating as signed out drops the account.
    assert!(s
        .update_session(KEY, None, r#"{"csrf":"c"}"#, at(3600))
        .await
        .unwrap());
    assert_eq!(f.count_where("sessions", "account_id IS NULL"), 1);

    s.delete_session(KEY).await.unwrap();
    assert_eq!(load(s, KEY, 2).await, None);
    assert_eq!(f.count("sessions"), 0);
    // Deleting again is not an error.
    s.delete_session(KEY).await.unwrap();
}

pub async fn updating_a_deleted_session_does_not_bring_it_back(b: Backend) {
    let f = Fixture::open(b).await;
    let s = f.stores.sessions.as_ref();
    s.save_session(KEY, Some("account-1"), "{}", at(3600))
        .await
        .unwrap();
    s.delete_session(KEY).await.unwrap();
    let updated = s
        .update_session(KEY, Some("account-1"), r#"{"late":true}"#, at(7200))
        .await
        .unwrap();
    assert!(!updated, "a signed-out session stays signed out");
    s.touch_session(KEY, at(7200)).await.unwrap();
    assert_eq!(load(s, KEY, 0).await, None);
    assert_eq!(f.count("sessions"), 0);
}

pub async fn a_session_expires_at_its_time_and_touching_extends_it(b: Backend) {
    let f = Fixture::open(b).await;
    let s = f.stores.sessions.as_ref();
    s.save_session(KEY, None, "{}", at(600)).await.unwrap();
    assert!(load(s, KEY, 599).await.is_some());
    assert_eq!(load(s, KEY, 600).await, None, "expired at its time");

    s.touch_session(KEY, at(1200)).await.unwrap();
    assert!(
        load(s, KEY, 600).await.is_some(),
        "touched: alive again until 1200"
    );
    assert!(load(s, KEY, 1199).await.is_some());
    assert_eq!(load(s, KEY, 1200).await, None);
    // Touching a session that is not there creates nothing.
    s.touch_session(b"no such key", at(1200)).await.unwrap();
    assert_eq!(f.count("sessions"), 1);
}

pub async fn a_session_saved_signed_in_keeps_its_account_id(b: Backend) {
    let f = Fixture::open(b).await;
    let s = f.stores.sessions.as_ref();
    s.save_session(KEY, Some("account-7"), "{}", at(600))
        .await
        .unwrap();
    s.save_session(b"anonymous", None, "{}", at(600))
        .await
        .unwrap();
    s.save_session(b"second device", Some("account-7"), "{}", at(600))
        .await
        .unwrap();
    assert_eq!(f.count_where("sessions", "account_id = 'account-7'"), 2);
    assert_eq!(f.count_where("sessions", "account_id IS NULL"), 1);
    // Touching keeps it too.
    s.touch_session(KEY, at(1200)).await.unwrap();
    assert_eq!(f.count_where("sessions", "account_id = 'account-7'"), 2);
    assert_eq!(
        f.sql("SELECT state FROM sessions WHERE account_id IS NULL"),
        "{}"
    );
}

pub async fn session_keys_are_opaque_bytes(b: Backend) {
    let f = Fixture::open(b).await;
    let s = f.stores.sessions.as_ref();
    // Hashes are raw bytes: zero bytes and invalid UTF-8 included.
    let zeros = [0u8; 32];
    let high = [0xFFu8; 32];
    s.save_session(&zeros, None, "zeros", at(600))
        .await
        .unwrap();
    s.save_session(&high, None, "high", at(600)).await.unwrap();
    assert_eq!(load(s, &zeros, 0).await.as_deref(), Some("zeros"));
    assert_eq!(load(s, &high, 0).await.as_deref(), Some("high"));
    assert_eq!(load(s, &zeros[..31], 0).await, None);
}

pub async fn loading_returns_the_stored_expiry_in_whole_seconds(b: Backend) {
    let f = Fixture::open(b).await;
    let s = f.stores.sessions.as_ref();
    let half_past = at(600) + time::Duration::milliseconds(500);
    s.save_session(KEY, None, "{}", half_past).await.unwrap();
    assert_eq!(expiry(s, KEY, 0).await, Some(at(600)));
    assert!(s.update_session(KEY, None, "{}", at(900)).await.unwrap());
    assert_eq!(expiry(s, KEY, 0).await, Some(at(900)));
    s.touch_session(KEY, at(1500)).await.unwrap();
    assert_eq!(expiry(s, KEY, 0).await, Some(at(1500)));
}

/// Two workers (or instances) that both find a touch due write in any order: the later expiry
/// wins, so a slow writer can never shorten a session another has just extended.
pub async fn touching_never_moves_the_expiry_back(b: Backend) {
    let f = Fixture::open(b).await;
    let s = f.stores.sessions.as_ref();
    s.save_session(KEY, None, "{}", at(600)).await.unwrap();
    s.touch_session(KEY, at(1200)).await.unwrap();
    s.touch_session(KEY, at(900)).await.unwrap();
    assert_eq!(expiry(s, KEY, 0).await, Some(at(1200)));
    s.touch_session(KEY, at(1200)).await.unwrap();
    assert_eq!(expiry(s, KEY, 0).await, Some(at(1200)));
    assert!(load(s, KEY, 1199).await.is_some());
    assert_eq!(load(s, KEY, 1200).await, None);
}

/// Redis keeps, beside each session, a set per account of its sessions by expiry (what the
/// account page will list and end): saving, touching, changing account and deleting keep it
/// right.
pub async fn an_accounts_sessions_are_listed_by_expiry_in_redis(b: Backend) {
    let f = Fixture::open(b).await;
    let redis = f.redis.clone().expect("a Redis fixture");
    let s = f.stores.sessions.as_ref();
    let listed = || {
        redis
            .cli(&[
                "ZRANGE",
                "iris:account-sessions:account-7",
                "0",
                "-1",
                "WITHSCORES",
            ])
            .unwrap()
    };
    s.save_session(b"one", Some("account-7"), "{}", at(600))
        .await
        .unwrap();
    s.save_session(b"two", Some("account-7"), "{}", at(900))
        .await
        .unwrap();
    s.save_session(b"anon", None, "{}", at(900)).await.unwrap();
    let one = "iris:session:6f6e65";
    let two = "iris:session:74776f";
    assert_eq!(
        listed(),
        format!(
            "{one}\n{}\n{two}\n{}",
            at(600).unix_timestamp(),
            at(900).unix_timestamp()
        )
    );
    s.touch_session(b"one", at(1200)).await.unwrap();
    assert_eq!(
        listed(),
        format!(
            "{two}\n{}\n{one}\n{}",
            at(900).unix_timestamp(),
            at(1200).unix_timestamp()
        )
    );
    // Signed out in place (the same session key, no account): it leaves the set.
    assert!(s.update_session(b"two", None, "{}", at(900)).await.unwrap());
    s.delete_session(b"one").await.unwrap();
    assert_eq!(listed(), "");
}

/// An account's live sessions, soonest to end first, and no one else's; ending them all but
/// one ("sign out everywhere else"), then all ("everywhere"). Expired ones are not listed.
pub async fn an_accounts_live_sessions_are_listed_and_ended(b: Backend) {
    let f = Fixture::open(b).await;
    let s = f.stores.sessions.as_ref();
    s.save_session(b"laptop", Some("acct-a"), r#"{"user":"laptop"}"#, at(900))
        .await
        .unwrap();
    s.save_session(b"phone", Some("acct-a"), "{}", at(600))
        .await
        .unwrap();
    s.save_session(b"old tab", Some("acct-a"), "{}", at(300))
        .await
        .unwrap();
    s.save_session(b"someone else", Some("acct-b"), "{}", at(900))
        .await
        .unwrap();
    s.save_session(b"anonymous", None, "{}", at(900))
        .await
        .unwrap();

    let listed = |secs| async move {
        s.account_sessions("acct-a", at(secs))
            .await
            .unwrap()
            .into_iter()
            .map(|x| (String::from_utf8(x.key_hash).unwrap(), x.expires_at))
            .collect::<Vec<_>>()
    };
    let laptop = s.account_sessions("acct-a", at(0)).await.unwrap();
    assert_eq!(
        laptop.last().map(|x| x.state.as_str()),
        Some(r#"{"user":"laptop"}"#),
        "each listed with its state, for the account page"
    );
    assert_eq!(
        listed(0).await,
        vec![
            ("old tab".to_owned(), at(300)),
            ("phone".to_owned(), at(600)),
            ("laptop".to_owned(), at(900)),
        ]
    );
    assert_eq!(
        listed(300).await.len(),
        2,
        "expired at its time, not listed"
    );
    assert!(s
        .account_sessions("nobody", at(0))
        .await
        .unwrap()
        .is_empty());

    // Everywhere else: the laptop stays signed in; the account's others end.
    let ended = s
        .end_account_sessions("acct-a", Some(b"laptop"))
        .await
        .unwrap();
    assert_eq!(
        ended, 2,
        "the phone, and the old tab (expired, not yet purged)"
    );
    assert_eq!(listed(0).await, vec![("laptop".to_owned(), at(900))]);
    assert!(s.load_session(b"phone", at(0)).await.unwrap().is_none());
    assert!(s
        .load_session(b"someone else", at(0))
        .await
        .unwrap()
        .is_some());
    assert!(s.load_session(b"anonymous", at(0)).await.unwrap().is_some());

    // Everywhere.
    assert_eq!(s.end_account_sessions("acct-a", None).await.unwrap(), 1);
    assert!(listed(0).await.is_empty());
    assert!(s.load_session(b"laptop", at(0)).await.unwrap().is_none());
    assert!(s
        .load_session(b"someone else", at(0))
        .await
        .unwrap()
        .is_some());
}
