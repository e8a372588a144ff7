//! Per-address send limits, the day's budget and failure counts: the statements that issuing,
//! redeeming and the Kratos approaches share.
use super::SqliteStore;
use crate::domain::credential::{FailurePolicy, IssueOutcome, SendLimits};
use crate::domain::EmailAddress;
use crate::store::rules::{self, budget_day, WINDOW_SECS};
use crate::store::sql::LimitRow;
use crate::store::{unix, AddressLimits, Purge, StoreResult};
use async_trait::async_trait;
use sqlx::{Sqlite, SqliteConnection, Transaction};
use std::collections::HashSet;
use std::time::Duration;
use time::OffsetDateTime;

pub(super) struct SqliteLimits(pub SqliteStore);

#[async_trait]
impl AddressLimits for SqliteLimits {
    async fn count_send(
        &self,
        email: &EmailAddress,
        limits: SendLimits,
        trusted: bool,
        now: OffsetDateTime,
    ) -> StoreResult<Option<IssueOutcome>> {
        let mut tx = self.0.write_tx().await?;
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
        let mut tx = self.0.write_tx().await?;
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
                .fetch_optional(&self.0.pool)
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
        let mut tx = self.0.write_tx().await?;
        count_failure(&mut tx, email.canonical(), policy, unix(now)).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn clear_failures(&self, email: &EmailAddress) -> StoreResult<()> {
        sqlx::query("DELETE FROM account_failures WHERE email_key = ?")
            .bind(email.canonical())
            .execute(&self.0.writer)
            .await?;
        Ok(())
    }
}

#[async_trait]
impl Purge for SqliteLimits {
    /// Limits and failure counts only matter within their window; older rows are dead weight
    /// (one per address ever seen).
    async fn purge(&self, grace: Duration, now: OffsetDateTime) -> StoreResult<u64> {
        let cutoff = rules::purge_cutoff(grace, now);
        let mut tx = self.0.write_tx().await?;
        let mut removed = sqlx::query("DELETE FROM email_limits WHERE window_start + ? <= ?")
            .bind(WINDOW_SECS)
            .bind(cutoff)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        removed += sqlx::query("DELETE FROM email_budget WHERE day < ?")
            .bind(budget_day(cutoff))
            .execute(&mut *tx)
            .await?
            .rows_affected();
        removed += sqlx::query(
            "DELETE FROM account_failures WHERE last_failure_at + ? <= ? AND locked_until <= ?",
        )
        .bind(WINDOW_SECS)
        .bind(cutoff)
        .bind(cutoff)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(removed)
    }
}

/// One email to be counted: the address, when, and whether the asking browser is a known
/// device for it (then neither the hourly budget nor the failure back-off applies).
pub(super) struct Sending<'a> {
    pub key: &'a str,
    pub now: i64,
    pub trusted: bool,
}

/// Today's budget, then back-off, cooldown and hourly budget per address: checked and counted
/// in one conditional upsert (the trigger `email_budget_on_*` counts the day). Sends are tried
/// in order and only as many as the day has room for, so the budget is never exceeded.
/// Returns the addresses that may be sent to.
pub(super) async fn count_sends(
    tx: &mut Transaction<'static, Sqlite>,
    sends: &[Sending<'_>],
    limits: SendLimits,
) -> StoreResult<HashSet<String>> {
    let rows: Vec<String> = (0..sends.len())
        .map(|i| {
            format!(
                "(?{}, ?{}, {}, ?{})",
                6 + 3 * i,
                7 + 3 * i,
                i + 1,
                8 + 3 * i
            )
        })
        .collect();
    // The room left today is read once, before the first row is counted (SQLite evaluates an
    // uncorrelated scalar subquery once per statement).
    let sql = format!(
        "INSERT INTO email_limits (email_key, last_sent_at, window_start, window_count, trusted) \
         SELECT v.column1, v.column2, v.column2, 1, v.column4 FROM (VALUES {}) AS v \
         WHERE v.column3 <= ?3 - COALESCE((SELECT used FROM email_budget WHERE day = ?4), 0) \
           AND (v.column4 OR NOT EXISTS (SELECT 1 FROM account_failures f \
           WHERE f.email_key = v.column1 AND f.locked_until > v.column2)) \
         ON CONFLICT (email_key) DO UPDATE SET last_sent_at = excluded.last_sent_at, \
           window_start = CASE WHEN window_start + ?5 <= excluded.last_sent_at \
             THEN excluded.last_sent_at ELSE window_start END, \
           window_count = CASE WHEN window_start + ?5 <= excluded.last_sent_at \
             THEN 1 ELSE window_count + 1 END, \
           trusted = excluded.trusted \
         WHERE last_sent_at + ?1 <= excluded.last_sent_at \
           AND (excluded.trusted OR window_start + ?5 <= excluded.last_sent_at \
             OR window_count < ?2) \
         RETURNING email_key",
        rows.join(", ")
    );
    let day = sends.first().map_or(0, |s| budget_day(s.now));
    let mut q = sqlx::query_scalar::<_, String>(&sql)
        .bind(limits.cooldown.as_secs() as i64)
        .bind(i64::from(limits.per_hour))
        .bind(i64::from(limits.per_day))
        .bind(day)
        .bind(WINDOW_SECS);
    for s in sends {
        q = q.bind(s.key).bind(s.now).bind(s.trusted);
    }
    Ok(q.fetch_all(&mut **tx).await?.into_iter().collect())
}

/// Why `count_sends` did not count a send to `key` (`rules::send_refusal`). Runs inside the
/// same transaction, so it sees what the upsert saw.
pub(super) async fn refusal(
    tx: &mut Transaction<'static, Sqlite>,
    key: &str,
    limits: SendLimits,
    trusted: bool,
    now_s: i64,
) -> StoreResult<IssueOutcome> {
    let row: LimitRow = sqlx::query_as(
        "SELECT COALESCE((SELECT locked_until FROM account_failures WHERE email_key = ?1), 0) \
           AS locked_until, \
         COALESCE(l.last_sent_at, 0) AS last_sent_at, \
         COALESCE(l.window_start, 0) AS window_start, \
         COALESCE(l.window_count, 0) AS window_count, \
         (SELECT id FROM credentials WHERE email_key = ?1 AND used_at IS NULL \
           AND expires_at > ?2 ORDER BY requested_at DESC LIMIT 1) AS newest_live \
         FROM (SELECT 1) LEFT JOIN email_limits l ON l.email_key = ?1",
    )
    .bind(key)
    .bind(now_s)
    .fetch_one(&mut **tx)
    .await?;
    Ok(rules::send_refusal(row.into(), limits, trusted, now_s))
}

/// Counts one failure for the address (a failure older than the window no longer counts) and
/// sets its back-off (`rules::backoff_secs`).
pub(super) async fn count_failure(
    conn: &mut SqliteConnection,
    key: &str,
    policy: FailurePolicy,
    now_s: i64,
) -> StoreResult<()> {
    let failures: i64 = sqlx::query_scalar(
        "INSERT INTO account_failures (email_key, failures, last_failure_at, locked_until) \
         VALUES (?, 1, ?, 0) ON CONFLICT (email_key) DO UPDATE SET \
         failures = CASE WHEN last_failure_at < excluded.last_failure_at - ? THEN 1 \
         ELSE failures + 1 END, last_failure_at = excluded.last_failure_at RETURNING failures",
    )
    .bind(key)
    .bind(now_s)
    .bind(WINDOW_SECS)
    .fetch_one(&mut *conn)
    .await?;
    let wait = rules::backoff_secs(failures.clamp(0, i64::from(u32::MAX)) as u32, policy);
    if wait > 0 {
        // MAX: a wrong code never shortens a longer hold ("this wasn't me", `hold`).
        sqlx::query(
            "UPDATE account_failures SET locked_until = MAX(locked_until, ?) WHERE email_key = ?",
        )
        .bind(now_s + wait as i64)
        .bind(key)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Holds the address with the failure back-off until `until` ("this wasn't me"), keeping a
/// back-off already in force that ends later; the failure count is left as it was.
pub(super) async fn hold(
    conn: &mut SqliteConnection,
    key: &str,
    until: i64,
    now_s: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO account_failures (email_key, failures, last_failure_at, locked_until) \
         VALUES (?, 0, ?, ?) ON CONFLICT (email_key) DO UPDATE SET \
         locked_until = MAX(locked_until, excluded.locked_until)",
    )
    .bind(key)
    .bind(now_s)
    .bind(until)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
