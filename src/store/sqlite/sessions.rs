//! Server-side session records, keyed by a hash of the cookie's session key.
use super::SqliteStore;
use crate::store::rules::purge_cutoff;
use crate::store::{
    account_session, stored, unix, AccountSession, Purge, SessionRecords, StoreResult,
    StoredSession,
};
use async_trait::async_trait;
use std::time::Duration;
use time::OffsetDateTime;

pub(super) struct SqliteSessions(pub SqliteStore);

#[async_trait]
impl SessionRecords for SqliteSessions {
    async fn load_session(
        &self,
        key_hash: &[u8],
        now: OffsetDateTime,
    ) -> StoreResult<Option<StoredSession>> {
        let row: Option<(String, i64)> = sqlx::query_as(
            "SELECT state, expires_at FROM sessions WHERE key_hash = ? AND expires_at > ?",
        )
        .bind(key_hash)
        .bind(unix(now))
        .fetch_optional(&self.0.pool)
        .await?;
        Ok(row.map(stored))
    }

    async fn save_session(
        &self,
        key_hash: &[u8],
        account_id: Option<&str>,
        state: &str,
        expires_at: OffsetDateTime,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO sessions (key_hash, account_id, state, expires_at) VALUES (?, ?, ?, ?)",
        )
        .bind(key_hash)
        .bind(account_id)
        .bind(state)
        .bind(unix(expires_at))
        .execute(&self.0.writer)
        .await?;
        Ok(())
    }

    async fn update_session(
        &self,
        key_hash: &[u8],
        account_id: Option<&str>,
        state: &str,
        expires_at: OffsetDateTime,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE sessions SET account_id = ?, state = ?, expires_at = ? WHERE key_hash = ?",
        )
        .bind(account_id)
        .bind(state)
        .bind(unix(expires_at))
        .bind(key_hash)
        .execute(&self.0.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn touch_session(&self, key_hash: &[u8], expires_at: OffsetDateTime) -> StoreResult<()> {
        let at = unix(expires_at);
        sqlx::query("UPDATE sessions SET expires_at = ? WHERE key_hash = ? AND expires_at < ?")
            .bind(at)
            .bind(key_hash)
            .bind(at)
            .execute(&self.0.writer)
            .await?;
        Ok(())
    }

    async fn delete_session(&self, key_hash: &[u8]) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE key_hash = ?")
            .bind(key_hash)
            .execute(&self.0.writer)
            .await?;
        Ok(())
    }

    async fn account_sessions(
        &self,
        account_id: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Vec<AccountSession>> {
        let rows: Vec<(Vec<u8>, i64, String)> = sqlx::query_as(
            "SELECT key_hash, expires_at, state FROM sessions WHERE account_id = ? AND expires_at > ? \
             ORDER BY expires_at, key_hash",
        )
        .bind(account_id)
        .bind(unix(now))
        .fetch_all(&self.0.pool)
        .await?;
        Ok(rows.into_iter().map(account_session).collect())
    }

    async fn end_account_sessions(
        &self,
        account_id: &str,
        keep: Option<&[u8]>,
    ) -> StoreResult<u64> {
        Ok(
            sqlx::query("DELETE FROM sessions WHERE account_id = ? AND key_hash IS NOT ?")
                .bind(account_id)
                .bind(keep)
                .execute(&self.0.writer)
                .await?
                .rows_affected(),
        )
    }
}

#[async_trait]
impl Purge for SqliteSessions {
    async fn purge(&self, grace: Duration, now: OffsetDateTime) -> StoreResult<u64> {
        Ok(sqlx::query("DELETE FROM sessions WHERE expires_at <= ?")
            .bind(purge_cutoff(grace, now))
            .execute(&self.0.writer)
            .await?
            .rows_affected())
    }
}
