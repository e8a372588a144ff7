//! The recent-activity trail, on PostgreSQL (the statements are SQLite's, numbered).
use super::{numbered, purge_expired, PostgresStore};
use crate::store::sql::{
    trail_event, trail_record_sql, trail_subject, TrailRow, TRAIL_PURGE, TRAIL_RECENT,
};
use crate::store::{unix, Purge, StoreResult, Trail, TrailEntry, TrailEvent};
use async_trait::async_trait;
use std::time::Duration;
use time::OffsetDateTime;

pub(super) struct PostgresTrail(pub PostgresStore);

#[async_trait]
impl Trail for PostgresTrail {
    async fn record(&self, e: TrailEntry<'_>) -> StoreResult<()> {
        let sql = numbered(trail_record_sql(&e.subject));
        self.0
            .timed(async {
                sqlx::query(&sql)
                    .bind(unix(e.at))
                    .bind(e.kind.as_str())
                    .bind(e.browser)
                    .bind(e.ip)
                    .bind(trail_subject(&e.subject))
                    .execute(&self.0.pool)
                    .await?;
                Ok(())
            })
            .await
    }

    async fn recent(&self, account_id: &str, limit: u32) -> StoreResult<Vec<TrailEvent>> {
        let sql = numbered(TRAIL_RECENT);
        let rows: Vec<TrailRow> = self
            .0
            .timed(async {
                Ok(sqlx::query_as(&sql)
                    .bind(account_id)
                    .bind(i64::from(limit))
                    .fetch_all(&self.0.pool)
                    .await?)
            })
            .await?;
        rows.into_iter().map(trail_event).collect()
    }
}

#[async_trait]
impl Purge for PostgresTrail {
    async fn purge(&self, retention: Duration, now: OffsetDateTime) -> StoreResult<u64> {
        purge_expired(&self.0.pool, 6, &numbered(TRAIL_PURGE), retention, now).await
    }
}
