//! The recent-activity trail (see `migrations/sqlite/0009_trail.sql`).
use super::SqliteStore;
use crate::store::rules::purge_cutoff;
use crate::store::sql::{
    trail_event, trail_record_sql, trail_subject, TrailRow, TRAIL_PURGE, TRAIL_RECENT,
};
use crate::store::{unix, Purge, StoreResult, Trail, TrailEntry, TrailEvent};
use async_trait::async_trait;
use std::time::Duration;
use time::OffsetDateTime;

pub(super) struct SqliteTrail(pub SqliteStore);

#[async_trait]
impl Trail for SqliteTrail {
    async fn record(&self, e: TrailEntry<'_>) -> StoreResult<()> {
        sqlx::query(trail_record_sql(&e.subject))
            .bind(unix(e.at))
            .bind(e.kind.as_str())
            .bind(e.browser)
            .bind(e.ip)
            .bind(trail_subject(&e.subject))
            .execute(&self.0.writer)
            .await?;
        Ok(())
    }

    async fn recent(&self, account_id: &str, limit: u32) -> StoreResult<Vec<TrailEvent>> {
        let rows: Vec<TrailRow> = sqlx::query_as(TRAIL_RECENT)
            .bind(account_id)
            .bind(i64::from(limit))
            .fetch_all(&self.0.pool)
            .await?;
        rows.into_iter().map(trail_event).collect()
    }
}

#[async_trait]
impl Purge for SqliteTrail {
    async fn purge(&self, retention: Duration, now: OffsetDateTime) -> StoreResult<u64> {
        Ok(sqlx::query(TRAIL_PURGE)
            .bind(purge_cutoff(retention, now))
            .execute(&self.0.writer)
            .await?
            .rows_affected())
    }
}
