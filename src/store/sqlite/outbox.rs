//! The outbox: rows written with their credential, leased and finished by the mail worker.
use super::{budget_day, placeholders, SqliteStore};
use crate::store::{from_unix, unix, OutboxJob, OutboxStats, OutboxStore, StoreResult};
use async_trait::async_trait;
use std::time::Duration;
use time::OffsetDateTime;

#[async_trait]
impl OutboxStore for SqliteStore {
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
             deadline, created_at) VALUES (?, 'kratos-courier', ?, ?, 'queued', ?, ?, ?)",
        )
        .bind(id)
        .bind(recipient)
        .bind(sealed_payload)
        .bind(unix(now))
        .bind(unix(deadline))
        .bind(unix(now))
        .execute(&self.writer)
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
        // (SQLite serialises writers; PostgreSQL would add FOR UPDATE SKIP LOCKED).
        let rows: Vec<(String, String, Vec<u8>, i64, i64)> = sqlx::query_as(
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
        .fetch_all(&self.writer)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, recipient, payload, attempts, deadline)| OutboxJob {
                id,
                recipient,
                payload,
                attempts: attempts.clamp(0, i64::from(u32::MAX)) as u32,
                deadline: from_unix(deadline),
            })
            .collect())
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
        q.execute(&self.writer).await?;
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
        .execute(&self.writer)
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
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    async fn purge(&self, grace: Duration, now: OffsetDateTime) -> StoreResult<u64> {
        let cutoff = unix(now) - grace.as_secs() as i64;
        let mut tx = self.write_tx().await?;
        let mut removed = 0;
        // Rows past their deadline that never went out are failures the user should see.
        sqlx::query(
            "UPDATE outbox SET status = 'failed', payload = NULL, last_error = 'expired before delivery', \
             finished_at = ? WHERE payload IS NOT NULL AND deadline <= ?",
        )
        .bind(unix(now))
        .bind(unix(now))
        .execute(&mut *tx)
        .await?;
        // Limits and failure counts only matter within their hour; older rows are dead weight
        // (one per address ever seen).
        for sql in [
            "DELETE FROM outbox WHERE credential_id IN \
               (SELECT id FROM credentials WHERE expires_at <= ?)",
            "DELETE FROM credentials WHERE expires_at <= ?",
            "DELETE FROM sessions WHERE expires_at <= ?",
            "DELETE FROM kratos_requests WHERE expires_at <= ?",
            "DELETE FROM email_limits WHERE window_start + 3600 <= ?",
            "DELETE FROM email_budget WHERE (day + 1) * 86400 <= ?",
            "DELETE FROM account_failures WHERE last_failure_at + 3600 <= ? AND locked_until <= ?",
        ] {
            let mut q = sqlx::query(sql);
            for _ in 0..sql.matches('?').count() {
                q = q.bind(cutoff);
            }
            removed += q.execute(&mut *tx).await?.rows_affected();
        }
        tx.commit().await?;
        Ok(removed)
    }

    async fn stats(&self, now: OffsetDateTime) -> StoreResult<OutboxStats> {
        let now_s = unix(now);
        let (pending, oldest, failed, today): (i64, i64, i64, i64) = sqlx::query_as(
            "SELECT COALESCE(SUM(status IN ('queued', 'sending')), 0), \
             COALESCE(MIN(CASE WHEN status IN ('queued', 'sending') THEN created_at END), ?1), \
             COALESCE(SUM(status = 'failed'), 0), \
             COALESCE((SELECT used FROM email_budget WHERE day = ?2), 0) \
             FROM outbox",
        )
        .bind(now_s)
        .bind(budget_day(now_s))
        .fetch_one(&self.pool)
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
