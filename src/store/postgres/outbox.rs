//! The outbox on PostgreSQL: rows written with their credential, leased and finished by every
//! instance's mail worker.
use super::{purge_lock, PostgresStore};
use crate::store::rules::{budget_day, purge_cutoff};
use crate::store::sql::{OutboxRow, StatsRow, COURIER};
use crate::store::{unix, OutboxJob, OutboxStats, OutboxStore, Purge, StoreResult};
use async_trait::async_trait;
use std::time::Duration;
use time::OffsetDateTime;

pub(super) struct PostgresOutbox(pub PostgresStore);

#[async_trait]
impl OutboxStore for PostgresOutbox {
    async fn enqueue(
        &self,
        id: &str,
        recipient: &str,
        sealed_payload: &[u8],
        deadline: OffsetDateTime,
        now: OffsetDateTime,
    ) -> StoreResult<()> {
        self.0
            .timed(async {
                sqlx::query(
                    "INSERT INTO outbox (id, credential_id, recipient, payload, status, \
                     next_attempt_at, deadline, created_at) \
                     VALUES ($1, $2, $3, $4, 'queued', $5, $6, $5)",
                )
                .bind(id)
                .bind(COURIER)
                .bind(recipient)
                .bind(sealed_payload)
                .bind(unix(now))
                .bind(unix(deadline))
                .execute(&self.0.pool)
                .await?;
                Ok(())
            })
            .await
    }

    async fn claim(
        &self,
        lease: Duration,
        limit: u32,
        now: OffsetDateTime,
    ) -> StoreResult<Vec<OutboxJob>> {
        let now_s = unix(now);
        // SKIP LOCKED: a row another instance's worker is taking right now is passed over
        // instead of waited for, so workers never queue behind each other or take a row twice.
        // Due rows are found through two partial indexes, each read in order only as far as
        // the limit: one `OR` over both states made PostgreSQL fetch and sort every due row, so
        // a backlog of 14k rows cost 20-30 ms a claim, just when the worker was behind.
        let rows: Vec<OutboxRow> = self
            .0
            .timed(async {
                Ok(sqlx::query_as(
                    "WITH queued AS (SELECT id, next_attempt_at AS due FROM outbox \
                       WHERE status = 'queued' AND next_attempt_at <= $2 \
                       AND payload IS NOT NULL \
                       ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED), \
                     leased AS (SELECT id, lease_until AS due FROM outbox \
                       WHERE status = 'sending' AND lease_until <= $2 \
                       AND payload IS NOT NULL \
                       ORDER BY lease_until LIMIT $3 FOR UPDATE SKIP LOCKED), \
                     picked AS (SELECT id FROM \
                       (SELECT * FROM queued UNION ALL SELECT * FROM leased) AS due_rows \
                       ORDER BY due LIMIT $3) \
                     UPDATE outbox SET status = 'sending', lease_until = $1, \
                       attempts = attempts + 1 \
                     WHERE id IN (SELECT id FROM picked) \
                     RETURNING id, recipient, payload, attempts, deadline",
                )
                .bind(now_s + lease.as_secs() as i64)
                .bind(now_s)
                .bind(i64::from(limit))
                .fetch_all(&self.0.pool)
                .await?)
            })
            .await?;
        Ok(rows.into_iter().map(OutboxJob::from).collect())
    }

    async fn sent(&self, ids: &[String], now: OffsetDateTime) -> StoreResult<()> {
        if ids.is_empty() {
            return Ok(());
        }
        self.0
            .timed(async {
                sqlx::query(
                    "UPDATE outbox SET status = 'sent', payload = NULL, lease_until = NULL, \
                     last_error = NULL, finished_at = $1 WHERE id = ANY($2)",
                )
                .bind(unix(now))
                .bind(ids)
                .execute(&self.0.pool)
                .await?;
                Ok(())
            })
            .await
    }

    async fn retry_at(&self, id: &str, at: OffsetDateTime, error: &str) -> StoreResult<()> {
        self.0
            .timed(async {
                sqlx::query(
                    "UPDATE outbox SET status = 'queued', next_attempt_at = $1, \
                     lease_until = NULL, last_error = $2 WHERE id = $3 AND status = 'sending'",
                )
                .bind(unix(at))
                .bind(error)
                .bind(id)
                .execute(&self.0.pool)
                .await?;
                Ok(())
            })
            .await
    }

    async fn failed(&self, id: &str, error: &str, now: OffsetDateTime) -> StoreResult<()> {
        self.0
            .timed(async {
                sqlx::query(
                    "UPDATE outbox SET status = 'failed', payload = NULL, lease_until = NULL, \
                     last_error = $1, finished_at = $2 WHERE id = $3",
                )
                .bind(error)
                .bind(unix(now))
                .bind(id)
                .execute(&self.0.pool)
                .await?;
                Ok(())
            })
            .await
    }

    async fn stats(&self, now: OffsetDateTime) -> StoreResult<OutboxStats> {
        let now_s = unix(now);
        let StatsRow {
            pending,
            oldest,
            failed,
            today,
        } = self
            .0
            .timed(async {
                Ok(sqlx::query_as(
                    "SELECT (SELECT COUNT(*) FROM outbox WHERE status IN ('queued', 'sending')) \
                       AS pending, \
                     COALESCE((SELECT MIN(created_at) FROM outbox \
                       WHERE status IN ('queued', 'sending')), $1) AS oldest, \
                     (SELECT COUNT(*) FROM outbox WHERE status = 'failed') AS failed, \
                     COALESCE((SELECT used FROM email_budget WHERE day = $2), 0) AS today",
                )
                .bind(now_s)
                .bind(budget_day(now_s))
                .fetch_one(&self.0.pool)
                .await?)
            })
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
impl Purge for PostgresOutbox {
    /// As on SQLite: undelivered emails past their deadline fail; the courier's finished ones go.
    async fn purge(&self, grace: Duration, now: OffsetDateTime) -> StoreResult<u64> {
        let mut tx = self.0.pool.begin().await?;
        if !purge_lock(&mut tx, 3).await? {
            return Ok(0);
        }
        sqlx::query(
            "UPDATE outbox SET status = 'failed', payload = NULL, \
             last_error = 'expired before delivery', finished_at = $1 \
             WHERE payload IS NOT NULL AND deadline <= $1",
        )
        .bind(unix(now))
        .execute(&mut *tx)
        .await?;
        let removed = sqlx::query(
            "DELETE FROM outbox WHERE credential_id = $1 AND payload IS NULL AND deadline <= $2",
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
