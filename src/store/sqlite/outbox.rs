//! The outbox: rows written with their credential, leased and finished by the mail worker.
use super::{placeholders, SqliteStore};
use crate::store::rules::{budget_day, purge_cutoff};
use crate::store::sql::{OutboxRow, StatsRow, COURIER};
use crate::store::{unix, OutboxJob, OutboxStats, OutboxStore, Purge, StoreResult};
use async_trait::async_trait;
use std::time::Duration;
use time::OffsetDateTime;

pub(super) struct SqliteOutbox(pub SqliteStore);

#[async_trait]
impl OutboxStore for SqliteOutbox {
    async fn enqueue(
        &self,
        id: &str,
        recipient: &str,
        sealed_payload: &[u8],
        deadline: OffsetDateTime,
        now: OffsetDateTime,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO outbox (id, credential_id, recipient, payload, status, next_attempt_at, \
             deadline, created_at) VALUES (?, ?, ?, ?, 'queued', ?, ?, ?)",
        )
        .bind(id)
        .bind(COURIER)
        .bind(recipient)
        .bind(sealed_payload)
        .bind(unix(now))
        .bind(unix(deadline))
        .bind(unix(now))
        .execute(&self.0.writer)
        .await?;
        Ok(())
    }

    async fn claim(
        &self,
        lease: Duration,
        limit: u32,
        now: OffsetDateTime,
    ) -> StoreResult<Vec<OutboxJob>> {
        let now_s = unix(now);
        // One UPDATE … RETURNING takes the lease, so two workers never hold the same row
        // (SQLite serialises writers).
        let rows: Vec<OutboxRow> = sqlx::query_as(
            "UPDATE outbox SET status = 'sending', lease_until = ?, attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM outbox WHERE payload IS NOT NULL AND ( \
               (status = 'queued' AND next_attempt_at <= ?) OR \
               (status = 'sending' AND lease_until <= ?)) ORDER BY next_attempt_at LIMIT ?) \
             RETURNING id, recipient, payload, attempts, deadline",
        )
        .bind(now_s + lease.as_secs() as i64)
        .bind(now_s)
        .bind(now_s)
        .bind(limit)
        .fetch_all(&self.0.writer)
        .await?;
        Ok(rows.into_iter().map(OutboxJob::from).collect())
    }

    async fn sent(&self, ids: &[String], now: OffsetDateTime) -> StoreResult<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let sql = format!(
            "UPDATE outbox SET status = 'sent', payload = NULL, lease_until = NULL, \
             last_error = NULL, finished_at = ? WHERE id IN ({})",
            placeholders(ids.len())
        );
        let mut q = sqlx::query(&sql).bind(unix(now));
        for id in ids {
            q = q.bind(id);
        }
        q.execute(&self.0.writer).await?;
        Ok(())
    }

    async fn retry_at(&self, id: &str, at: OffsetDateTime, error: &str) -> StoreResult<()> {
        sqlx::query(
            "UPDATE outbox SET status = 'queued', next_attempt_at = ?, lease_until = NULL, \
             last_error = ? WHERE id = ? AND status = 'sending'",
        )
        .bind(unix(at))
        .bind(error)
        .bind(id)
        .execute(&self.0.writer)
        .await?;
        Ok(())
    }

    async fn failed(&self, id: &str, error: &str, now: OffsetDateTime) -> StoreResult<()> {
        sqlx::query(
            "UPDATE outbox SET status = 'failed', payload = NULL, lease_until = NULL, \
             last_error = ?, finished_at = ? WHERE id = ?",
        )
        .bind(error)
        .bind(unix(now))
        .bind(id)
        .execute(&self.0.writer)
        .await?;
        Ok(())
    }

    async fn stats(&self, now: OffsetDateTime) -> StoreResult<OutboxStats> {
        let now_s = unix(now);
        let StatsRow {
            pending,
            oldest,
            failed,
            today,
        } = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM outbox WHERE status IN ('queued', 'sending')) \
                       AS pending, \
                     COALESCE((SELECT MIN(created_at) FROM outbox \
                       WHERE status IN ('queued', 'sending')), ?1) AS oldest, \
                     (SELECT COUNT(*) FROM outbox WHERE status = 'failed') AS failed, \
                     COALESCE((SELECT used FROM email_budget WHERE day = ?2), 0) AS today",
        )
        .bind(now_s)
        .bind(budget_day(now_s))
        .fetch_one(&self.0.pool)
        .await?;
        let count = |n: i64| u64::try_from(n).unwrap_or(0);
        Ok(OutboxStats {
            pending: count(pending),
            oldest_pending_age_secs: count(now_s - oldest),
            failed: count(failed),
            emails_today: count(today),
        })
    }
}

#[async_trait]
impl Purge for SqliteOutbox {
    /// Emails past their deadline that never went out become failures the user can see; the
    /// courier's finished emails go once their deadline is `grace` behind (a sign-in email's
    /// row goes with its credential).
    async fn purge(&self, grace: Duration, now: OffsetDateTime) -> StoreResult<u64> {
        let mut tx = self.0.write_tx().await?;
        sqlx::query(
            "UPDATE outbox SET status = 'failed', payload = NULL, \
             last_error = 'expired before delivery', finished_at = ? \
             WHERE payload IS NOT NULL AND deadline <= ?",
        )
        .bind(unix(now))
        .bind(unix(now))
        .execute(&mut *tx)
        .await?;
        let removed = sqlx::query(
            "DELETE FROM outbox WHERE credential_id = ? AND payload IS NULL AND deadline <= ?",
        )
        .bind(COURIER)
        .bind(purge_cutoff(grace, now))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(removed)
    }
}
