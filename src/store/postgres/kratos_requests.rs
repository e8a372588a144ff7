//! Requests Iris made to Kratos for a browser, on PostgreSQL.
use super::limits::hold;
use super::{purge_expired, PostgresStore};
use crate::domain::credential::VoidRefusal;
use crate::store::rules;
use crate::store::sql::{KratosRequestRow, KRATOS_REQUEST_COLUMNS as COLUMNS};
use crate::store::{unix, KratosRequest, KratosRequests, Purge, RequestVoiding, StoreResult};
use async_trait::async_trait;
use std::time::Duration;
use time::OffsetDateTime;

pub(super) struct PostgresKratosRequests(pub PostgresStore);

#[async_trait]
impl KratosRequests for PostgresKratosRequests {
    async fn record_request(&self, r: &KratosRequest, email_key: &str) -> StoreResult<()> {
        self.0
            .timed(async {
                sqlx::query(
                    "INSERT INTO kratos_requests (flow_id, email_key, email, locale, \
                     requested_by, requested_at, return_to, expires_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                     ON CONFLICT (flow_id) DO UPDATE SET requested_at = excluded.requested_at, \
                     expires_at = excluded.expires_at, locale = excluded.locale, \
                     requested_by = excluded.requested_by",
                )
                .bind(&r.flow_id)
                .bind(email_key)
                .bind(&r.email)
                .bind(&r.locale)
                .bind(&r.requested_by)
                .bind(r.requested_at)
                .bind(&r.return_to)
                .bind(r.expires_at)
                .execute(&self.0.pool)
                .await?;
                Ok(())
            })
            .await
    }

    async fn request_by_flow(&self, flow_id: &str) -> StoreResult<Option<KratosRequest>> {
        let sql = format!("SELECT {COLUMNS} FROM kratos_requests WHERE flow_id = $1");
        let row: Option<KratosRequestRow> = self
            .0
            .timed(async {
                Ok(sqlx::query_as(&sql)
                    .bind(flow_id)
                    .fetch_optional(&self.0.pool)
                    .await?)
            })
            .await?;
        Ok(row.map(KratosRequest::from))
    }

    async fn mark_request_used(&self, flow_id: &str, now: OffsetDateTime) -> StoreResult<()> {
        self.0
            .timed(async {
                sqlx::query(
                    "UPDATE kratos_requests SET used_at = $1 \
                     WHERE flow_id = $2 AND used_at IS NULL",
                )
                .bind(unix(now))
                .bind(flow_id)
                .execute(&self.0.pool)
                .await?;
                Ok(())
            })
            .await
    }

    async fn void_request(
        &self,
        flow_id: &str,
        hold_for: Duration,
        now: OffsetDateTime,
    ) -> StoreResult<RequestVoiding> {
        let now_s = unix(now);
        let sql = format!("SELECT {COLUMNS} FROM kratos_requests WHERE flow_id = $1 FOR UPDATE");
        self.0
            .timed(async {
                let mut tx = self.0.pool.begin().await?;
                let row: Option<KratosRequestRow> = sqlx::query_as(&sql)
                    .bind(flow_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let Some(row) = row else {
                    return Ok(RequestVoiding::Refused(VoidRefusal::Unknown));
                };
                let again = match row.voided_before(now_s) {
                    Ok(again) => again,
                    Err(why) => return Ok(RequestVoiding::Refused(why)),
                };
                if !again {
                    sqlx::query("UPDATE kratos_requests SET voided_at = $1 WHERE flow_id = $2")
                        .bind(now_s)
                        .bind(flow_id)
                        .execute(&mut *tx)
                        .await?;
                    let until = rules::hold_until(hold_for, now_s);
                    hold(&mut tx, &row.email_key()?, until, now_s).await?;
                }
                tx.commit().await?;
                Ok(row.voided(again))
            })
            .await
    }

    async fn latest_request(
        &self,
        email_key: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Option<KratosRequest>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM kratos_requests WHERE email_key = $1 AND expires_at > $2 \
             ORDER BY requested_at DESC LIMIT 1"
        );
        let row: Option<KratosRequestRow> = self
            .0
            .timed(async {
                Ok(sqlx::query_as(&sql)
                    .bind(email_key)
                    .bind(unix(now))
                    .fetch_optional(&self.0.pool)
                    .await?)
            })
            .await?;
        Ok(row.map(KratosRequest::from))
    }
}

#[async_trait]
impl Purge for PostgresKratosRequests {
    async fn purge(&self, grace: Duration, now: OffsetDateTime) -> StoreResult<u64> {
        let sql = "DELETE FROM kratos_requests WHERE expires_at <= $1";
        purge_expired(&self.0.pool, 5, sql, grace, now).await
    }
}
