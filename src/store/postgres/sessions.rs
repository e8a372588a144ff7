//! Server-side session records on PostgreSQL, keyed by a hash of the cookie's session key.
use super::{purge_expired, PostgresStore};
use crate::store::{
    account_session, stored, unix, AccountSession, Purge, SessionRecords, StoreResult,
    StoredSession,
};
use async_trait::async_trait;
use std::time::Duration;
use time::OffsetDateTime;

pub(super) struct PostgresSessions(pub PostgresStore);

#[async_trait]
impl SessionRecords for PostgresSessions {
    async fn load_session(
        &self,
        key_hash: &[u8],
        now: OffsetDateTime,
    ) -> StoreResult<Option<StoredSession>> {
        self.0
            .timed(async {
                let row: Option<(String, i64)> = sqlx::query_as(
                    "SELECT state, expires_at FROM sessions WHERE key_hash = $1 AND expires_at > $2",
                )
                .bind(key_hash)
                .bind(unix(now))
                .fetch_optional(&self.0.pool)
                .await?;
                Ok(row.map(stored))
            })
            .await
    }

    async fn save_session(
        &self,
        key_hash: &[u8],
        account_id: Option<&str>,
        state: &str,
        expires_at: OffsetDateTime,
    ) -> StoreResult<()> {
        self.0
            .timed(async {
                sqlx::query(
                    "INSERT INTO sessions (key_hash, account_id, state, expires_at) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(key_hash)
                .bind(account_id)
                .bind(state)
                .bind(unix(expires_at))
                .execute(&self.0.pool)
                .await?;
                Ok(())
            })
            .await
    }

    async fn update_session(
        &self,
        key_hash: &[u8],
        account_id: Option<&str>,
        state: &str,
        expires_at: OffsetDateTime,
    ) -> StoreResult<bool> {
        self.0
            .timed(async {
                let done = sqlx::query(
                    "UPDATE sessions SET account_id = $1, state = $2, expires_at = $3 \
                     WHERE key_hash = $4",
                )
                .bind(account_id)
                .bind(state)
                .bind(unix(expires_at))
                .bind(key_hash)
                .execute(&self.0.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            })
            .await
    }

    async fn touch_session(&self, key_hash: &[u8], expires_at: OffsetDateTime) -> StoreResult<()> {
        self.0
            .timed(async {
                sqlx::query(
                    "UPDATE sessions SET expires_at = $1 WHERE key_hash = $2 AND expires_at < $1",
                )
                .bind(unix(expires_at))
                .bind(key_hash)
                .execute(&self.0.pool)
                .await?;
                Ok(())
            })
            .await
    }

    async fn delete_session(&self, key_hash: &[u8]) -> StoreResult<()> {
        self.0
            .timed(async {
                sqlx::query("DELETE FROM sessions WHERE key_hash = $1")
                    .bind(key_hash)
                    .execute(&self.0.pool)
                    .await?;
                Ok(())
            })
            .await
    }

    async fn account_sessions(
        &self,
        account_id: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Vec<AccountSession>> {
        self.0
            .timed(async {
                let rows: Vec<(Vec<u8>, i64, String)> = sqlx::query_as(
                    "SELECT key_hash, expires_at, state FROM sessions \
                     WHERE account_id = $1 AND expires_at > $2 ORDER BY expires_at, key_hash",
                )
                .bind(account_id)
                .bind(unix(now))
                .fetch_all(&self.0.pool)
                .await?;
                Ok(rows.into_iter().map(account_session).collect())
            })
            .await
    }

    async fn end_account_sessions(
        &self,
        account_id: &str,
        keep: Option<&[u8]>,
    ) -> StoreResult<u64> {
        self.0
            .timed(async {
                Ok(sqlx::query(
                    "DELETE FROM sessions WHERE account_id = $1 \
                     AND key_hash IS DISTINCT FROM $2",
                )
                .bind(account_id)
                .bind(keep)
                .execute(&self.0.pool)
                .await?
                .rows_affected())
            })
            .await
    }
}

#[async_trait]
impl Purge for PostgresSessions {
    async fn purge(&self, grace: Duration, now: OffsetDateTime) -> StoreResult<u64> {
        let sql = "DELETE FROM sessions WHERE expires_at <= $1";
        purge_expired(&self.0.pool, 4, sql, grace, now).await
    }
}
