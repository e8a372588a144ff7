//! Per-address send limits, the day's budget and failure counts on PostgreSQL.
use super::{purge_lock, PostgresStore};
use crate::domain::credential::{FailurePolicy, IssueOutcome, SendLimits};
use crate::domain::EmailAddress;
use crate::store::rules::{self, budget_day, WINDOW_SECS};
use crate::store::sql::LimitRow;
use crate::store::{unix, AddressLimits, Purge, StoreResult};
use async_trait::async_trait;
use sqlx::PgConnection;
use std::collections::HashSet;
use std::time::Duration;
use time::OffsetDateTime;

pub(super) struct PostgresLimits(pub PostgresStore);

#[async_trait]
impl AddressLimits for PostgresLimits {
    async fn count_send(
        &self,
        email: &EmailAddress,
        limits: SendLimits,
        trusted: bool,
        now: OffsetDateTime,
    ) -> StoreResult<Option<IssueOutcome>> {
        self.0
            .timed(async {
                let mut tx = self.0.pool.begin().await?;
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
            })
            .await
    }

    async fn uncount_send(&self, email: &EmailAddress, now: OffsetDateTime) -> StoreResult<()> {
        self.0
            .timed(async {
                let mut tx = self.0.pool.begin().await?;
                let undone = sqlx::query(
                    "UPDATE email_limits SET last_sent_at = 0, \
                     window_count = GREATEST(window_count - 1, 0) \
                     WHERE email_key = $1 AND last_sent_at = $2",
                )
                .bind(email.canonical())
                .bind(unix(now))
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if undone > 0 {
                    sqlx::query(
                        "UPDATE email_budget SET used = GREATEST(used - 1, 0) WHERE day = $1",
                    )
                    .bind(budget_day(unix(now)))
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            })
            .await
    }

    async fn locked_for(
        &self,
        email: &EmailAddress,
        now: OffsetDateTime,
    ) -> StoreResult<Option<u64>> {
        self.0
            .timed(async {
                let until: Option<i64> = sqlx::query_scalar(
                    "SELECT locked_until FROM account_failures WHERE email_key = $1",
                )
                .bind(email.canonical())
                .fetch_optional(&self.0.pool)
                .await?;
                Ok(until
                    .filter(|u| *u > unix(now))
                    .map(|u| (u - unix(now)) as u64))
            })
            .await
    }

    async fn record_failure(
        &self,
        email: &EmailAddress,
        policy: FailurePolicy,
        now: OffsetDateTime,
    ) -> StoreResult<()> {
        self.0
            .timed(async {
                let mut tx = self.0.pool.begin().await?;
                count_failure(&mut tx, email.canonical(), policy, unix(now)).await?;
                tx.commit().await?;
                Ok(())
            })
            .await
    }

    async fn clear_failures(&self, email: &EmailAddress) -> StoreResult<()> {
        self.0
            .timed(async {
                sqlx::query("DELETE FROM account_failures WHERE email_key = $1")
                    .bind(email.canonical())
                    .execute(&self.0.pool)
                    .await?;
                Ok(())
            })
            .await
    }
}

#[async_trait]
impl Purge for PostgresLimits {
    /// Limits and failure counts only matter within their window.
    async fn purge(&self, grace: Duration, now: OffsetDateTime) -> StoreResult<u64> {
        let cutoff = rules::purge_cutoff(grace, now);
        let mut tx = self.0.pool.begin().await?;
        if !purge_lock(&mut tx, 2).await? {
            return Ok(0);
        }
        let mut removed = sqlx::query("DELETE FROM email_limits WHERE window_start + $1 <= $2")
            .bind(WINDOW_SECS)
            .bind(cutoff)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        removed += sqlx::query("DELETE FROM email_budget WHERE day < $1")
            .bind(budget_day(cutoff))
            .execute(&mut *tx)
            .await?
            .rows_affected();
        removed += sqlx::query(
            "DELETE FROM account_failures WHERE last_failure_at + $1 <= $2 AND locked_until <= $2",
        )
        .bind(WINDOW_SECS)
        .bind(cutoff)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(removed)
    }
}

/// One email to be counted (see the SQLite twin).
pub(super) struct Sending<'a> {
    pub key: &'a str,
    pub now: i64,
    pub trusted: bool,
}

/// Today's budget, then back-off, cooldown and hourly budget per address, checked and counted
/// in one conditional upsert (the `email_budget_on_*` triggers count the day): the CTEs
/// `budget` and `counted`, whose `counted` names the addresses that may be sent to. Parameters
/// $1 to $8 are `SendBinds`'. Sends are tried in order and only as many as the day has room for
/// (`ord`), so the budget is never exceeded.
///
/// SECURITY: today's budget row is locked first, and held to the commit, so the room read here
/// is exact across every instance (SECURITY.md item 16): a concurrent counter waits for this
/// transaction, then reads what it used. The lock is taken by an upsert because `ON CONFLICT
/// DO UPDATE` always reads the newest committed row, as a plain read in this isolation level
/// would not (the statement's snapshot is older than the lock it waited for).
pub(super) const COUNT_SENDS: &str = "budget AS ( \
       INSERT INTO email_budget (day, used) VALUES ($1, 0) \
       ON CONFLICT (day) DO UPDATE SET used = email_budget.used RETURNING used), \
     counted AS ( \
       INSERT INTO email_limits AS l (email_key, last_sent_at, window_start, window_count, \
         trusted) \
       SELECT v.key, v.at, v.at, 1, v.trusted \
       FROM UNNEST($2::text[], $3::bigint[], $4::boolean[]) WITH ORDINALITY \
         AS v(key, at, trusted, ord) \
       WHERE v.ord <= $5 - (SELECT used FROM budget) \
         AND (v.trusted OR NOT EXISTS (SELECT 1 FROM account_failures f \
           WHERE f.email_key = v.key AND f.locked_until > v.at)) \
       ON CONFLICT (email_key) DO UPDATE SET last_sent_at = excluded.last_sent_at, \
         window_start = CASE WHEN l.window_start + $6 <= excluded.last_sent_at \
           THEN excluded.last_sent_at ELSE l.window_start END, \
         window_count = CASE WHEN l.window_start + $6 <= excluded.last_sent_at \
           THEN 1 ELSE l.window_count + 1 END, \
         trusted = excluded.trusted \
       WHERE l.last_sent_at + $7 <= excluded.last_sent_at \
         AND (excluded.trusted OR l.window_start + $6 <= excluded.last_sent_at \
           OR l.window_count < $8) \
       RETURNING l.email_key)";

/// The values of `COUNT_SENDS`' parameters $1 to $8, for `sends` (in their order).
pub(super) struct SendBinds<'a> {
    day: i64,
    keys: Vec<&'a str>,
    times: Vec<i64>,
    trusted: Vec<bool>,
    limits: SendLimits,
}

impl<'a> SendBinds<'a> {
    /// `None` for no sends.
    pub fn new(sends: &[Sending<'a>], limits: SendLimits) -> Option<Self> {
        let first = sends.first()?;
        Some(SendBinds {
            day: budget_day(first.now),
            keys: sends.iter().map(|s| s.key).collect(),
            times: sends.iter().map(|s| s.now).collect(),
            trusted: sends.iter().map(|s| s.trusted).collect(),
            limits,
        })
    }

    pub fn bind<'q, O>(
        &'q self,
        q: sqlx::query::QueryScalar<'q, sqlx::Postgres, O, sqlx::postgres::PgArguments>,
    ) -> sqlx::query::QueryScalar<'q, sqlx::Postgres, O, sqlx::postgres::PgArguments> {
        q.bind(self.day)
            .bind(&self.keys)
            .bind(&self.times)
            .bind(&self.trusted)
            .bind(i64::from(self.limits.per_day))
            .bind(WINDOW_SECS)
            .bind(self.limits.cooldown.as_secs() as i64)
            .bind(i64::from(self.limits.per_hour))
    }
}

/// Counts these sends (`COUNT_SENDS`); returns the addresses that may be sent to.
pub(super) async fn count_sends(
    conn: &mut PgConnection,
    sends: &[Sending<'_>],
    limits: SendLimits,
) -> StoreResult<HashSet<String>> {
    let Some(binds) = SendBinds::new(sends, limits) else {
        return Ok(HashSet::new());
    };
    let sql = format!("WITH {COUNT_SENDS} SELECT email_key FROM counted");
    let rows: Vec<String> = binds
        .bind(sqlx::query_scalar(&sql))
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Why `count_sends` did not count a send to `key` (`rules::send_refusal`), in the same
/// transaction.
pub(super) async fn refusal(
    conn: &mut PgConnection,
    key: &str,
    limits: SendLimits,
    trusted: bool,
    now_s: i64,
) -> StoreResult<IssueOutcome> {
    let row: LimitRow = sqlx::query_as(
        "SELECT COALESCE((SELECT locked_until FROM account_failures WHERE email_key = $1), 0) \
           AS locked_until, \
         COALESCE(l.last_sent_at, 0) AS last_sent_at, \
         COALESCE(l.window_start, 0) AS window_start, \
         COALESCE(l.window_count, 0) AS window_count, \
         (SELECT id FROM credentials WHERE email_key = $1 AND used_at IS NULL \
           AND expires_at > $2 ORDER BY requested_at DESC LIMIT 1) AS newest_live \
         FROM (SELECT 1) AS one LEFT JOIN email_limits l ON l.email_key = $1",
    )
    .bind(key)
    .bind(now_s)
    .fetch_one(&mut *conn)
    .await?;
    Ok(rules::send_refusal(row.into(), limits, trusted, now_s))
}

/// Counts one failure for the address and sets its back-off (`rules::backoff_secs`).
pub(super) async fn count_failure(
    conn: &mut PgConnection,
    key: &str,
    policy: FailurePolicy,
    now_s: i64,
) -> StoreResult<()> {
    let failures: i64 = sqlx::query_scalar(
        "INSERT INTO account_failures AS a (email_key, failures, last_failure_at, locked_until) \
         VALUES ($1, 1, $2, 0) ON CONFLICT (email_key) DO UPDATE SET \
         failures = CASE WHEN a.last_failure_at < excluded.last_failure_at - $3 THEN 1 \
         ELSE a.failures + 1 END, last_failure_at = excluded.last_failure_at \
         RETURNING failures",
    )
    .bind(key)
    .bind(now_s)
    .bind(WINDOW_SECS)
    .fetch_one(&mut *conn)
    .await?;
    let wait = rules::backoff_secs(failures.clamp(0, i64::from(u32::MAX)) as u32, policy);
    if wait > 0 {
        // GREATEST: a wrong code never shortens a longer hold ("this wasn't me", `hold`).
        sqlx::query(
            "UPDATE account_failures SET locked_until = GREATEST(locked_until, $1) \
             WHERE email_key = $2",
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
    conn: &mut PgConnection,
    key: &str,
    until: i64,
    now_s: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO account_failures AS a (email_key, failures, last_failure_at, locked_until) \
         VALUES ($1, 0, $2, $3) ON CONFLICT (email_key) DO UPDATE SET \
         locked_until = GREATEST(a.locked_until, excluded.locked_until)",
    )
    .bind(key)
    .bind(now_s)
    .bind(until)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
