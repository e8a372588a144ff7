//! Server-side session records, keyed by a hash of the cookie's session key.
use super::SqliteStore;
use crate::store::{unix, SessionRecords, StoreResult};
use async_trait::async_trait;
use time::OffsetDateTime;

#[async_trait]
impl SessionRecords for SqliteStore {
    async fn load_session(
        &self,
        key_hash: &[u8],
        now: OffsetDateTime,
    ) -> StoreResult<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT state FROM sessions WHERE key_hash = ? AND expires_at > ?")
                .bind(key_hash)
                .bind(unix(now))
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn save_session(
        &self,
        key_hash: &[u8],
        state: &str,
        expires_at: OffsetDateTime,
    ) -> StoreResult<()> {
        sqlx::query("INSERT INTO sessions (key_hash, state, expires_at) VALUES (?, ?, ?)")
            .bind(key_hash)
            .bind(state)
            .bind(unix(expires_at))
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    async fn update_session(
        &self,
        key_hash: &[u8],
        state: &str,
        expires_at: OffsetDateTime,
    ) -> StoreResult<bool> {
        let done = sqlx::query("UPDATE sessions SET state = ?, expires_at = ? WHERE key_hash = ?")
            .bind(state)
            .bind(unix(expires_at))
            .bind(key_hash)
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn touch_session(&self, key_hash: &[u8], expires_at: OffsetDateTime) -> StoreResult<()> {
        sqlx::query("UPDATE sessions SET expires_at = ? WHERE key_hash = ?")
            .bind(unix(expires_at))
            .bind(key_hash)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    async fn delete_session(&self, key_hash: &[u8]) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE key_hash = ?")
            .bind(key_hash)
            .execute(&self.writer)
            .await?;
        Ok(())
    }
}
