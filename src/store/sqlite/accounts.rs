//! Accounts and per-account failure counts, used inside the redeem transactions.
use super::sign_in::parse_stored;
use crate::secrets::random_id;
use crate::store::{backoff_secs, Account, FailurePolicy, StoreResult};
use sqlx::SqliteConnection;

/// Finds or creates (sign-up on first use) the account, and clears its failure count.
pub(super) async fn sign_in_account(
    conn: &mut SqliteConnection,
    email: &str,
    key: &str,
    now_s: i64,
) -> StoreResult<Account> {
    sqlx::query(
        "INSERT INTO accounts (id, email, email_key, created_at) VALUES (?, ?, ?, ?) \
         ON CONFLICT (email_key) DO NOTHING",
    )
    .bind(random_id())
    .bind(email)
    .bind(key)
    .bind(now_s)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM account_failures WHERE email_key = ?")
        .bind(key)
        .execute(&mut *conn)
        .await?;
    let (id, email): (String, String) =
        sqlx::query_as("SELECT id, email FROM accounts WHERE email_key = ?")
            .bind(key)
            .fetch_one(&mut *conn)
            .await?;
    Ok(Account {
        id,
        email: parse_stored(&email)?,
    })
}

pub(super) async fn count_failure(
    conn: &mut SqliteConnection,
    key: &str,
    policy: FailurePolicy,
    now_s: i64,
) -> StoreResult<()> {
    let failures: i64 = sqlx::query_scalar(
        "INSERT INTO account_failures (email_key, failures, last_failure_at, locked_until) \
         VALUES (?, 1, ?, 0) ON CONFLICT (email_key) DO UPDATE SET \
         failures = CASE WHEN last_failure_at < excluded.last_failure_at - 3600 THEN 1 \
         ELSE failures + 1 END, last_failure_at = excluded.last_failure_at RETURNING failures",
    )
    .bind(key)
    .bind(now_s)
    .fetch_one(&mut *conn)
    .await?;
    let wait = backoff_secs(failures.clamp(0, i64::from(u32::MAX)) as u32, policy);
    if wait > 0 {
        sqlx::query("UPDATE account_failures SET locked_until = ? WHERE email_key = ?")
            .bind(now_s + wait as i64)
            .bind(key)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
