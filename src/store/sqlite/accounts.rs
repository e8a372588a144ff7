//! Accounts and per-account failure counts, used inside the redeem transactions.
use super::issue_batch::{count_sends, Sending};
use super::sign_in::{parse_stored, refusal};
use super::{budget_day, SqliteStore};
use crate::domain::EmailAddress;
use crate::secrets::random_id;
use crate::store::{
    backoff_secs, unix, Account, AddressLimits, FailurePolicy, IssueOutcome, SendLimits,
    StoreResult,
};
use async_trait::async_trait;
use sqlx::SqliteConnection;
use time::OffsetDateTime;

#[async_trait]
impl AddressLimits for SqliteStore {
    async fn count_send(
        &self,
        email: &EmailAddress,
        limits: SendLimits,
        trusted: bool,
        now: OffsetDateTime,
    ) -> StoreResult<Option<IssueOutcome>> {
        let mut tx = self.write_tx().await?;
        let key = email.canonical();
        let send = Sending {
            key,
            now: unix(now),
            trusted,
        };
        let allowed = count_sends(&mut tx, &[send], limits).await?;
        let outcome = if allowed.contains(key) {
            None
        } else {
            Some(refusal(&mut tx, key, limits, trusted, unix(now)).await?)
        };
        tx.commit().await?;
        Ok(outcome)
    }

    async fn uncount_send(&self, email: &EmailAddress, now: OffsetDateTime) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        let undone = sqlx::query(
            "UPDATE email_limits SET last_sent_at = 0, window_count = MAX(window_count - 1, 0) \
             WHERE email_key = ? AND last_sent_at = ?",
        )
        .bind(email.canonical())
        .bind(unix(now))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if undone > 0 {
            sqlx::query("UPDATE email_budget SET used = MAX(used - 1, 0) WHERE day = ?")
                .bind(budget_day(unix(now)))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn locked_for(
        &self,
        email: &EmailAddress,
        now: OffsetDateTime,
    ) -> StoreResult<Option<u64>> {
        let until: Option<i64> =
            sqlx::query_scalar("SELECT locked_until FROM account_failures WHERE email_key = ?")
                .bind(email.canonical())
                .fetch_optional(&self.pool)
                .await?;
        Ok(until
            .filter(|u| *u > unix(now))
            .map(|u| (u - unix(now)) as u64))
    }

    async fn record_failure(
        &self,
        email: &EmailAddress,
        policy: FailurePolicy,
        now: OffsetDateTime,
    ) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        count_failure(&mut tx, email.canonical(), policy, unix(now)).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn clear_failures(&self, email: &EmailAddress) -> StoreResult<()> {
        sqlx::query("DELETE FROM account_failures WHERE email_key = ?")
            .bind(email.canonical())
            .execute(&self.writer)
            .await?;
        Ok(())
    }
}

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
