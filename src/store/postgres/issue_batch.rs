//! One batch of credentials issued on PostgreSQL (`store::issue_queue`): four round trips for
//! up to 64 requests, the credentials and their outbox rows in one statement. Arrays bound with
//! `UNNEST` keep each statement's text the same whatever the batch's size, so it is prepared
//! once per connection.
use super::limits::{count_sends, refusal, Sending};
use super::timed;
use crate::domain::credential::IssueOutcome;
use crate::store::issue_queue::{IssueBatch, Job};
use crate::store::{unix, Recipients, StoreResult};
use async_trait::async_trait;
use sqlx::{PgConnection, PgPool};
use std::time::Duration;

pub(super) struct PostgresIssuer {
    pub pool: PgPool,
    pub timeout: Duration,
}

#[async_trait]
impl IssueBatch for PostgresIssuer {
    async fn issue_batch(&self, batch: &[Job]) -> StoreResult<Vec<IssueOutcome>> {
        timed(self.timeout, async {
            let mut tx = self.pool.begin().await?;
            let sends: Vec<Sending> = batch
                .iter()
                .map(|j| Sending {
                    key: j.req.email.canonical(),
                    now: unix(j.now),
                    trusted: j.req.trusted,
                })
                .collect();
            // All requests share one limits config (it comes from the settings).
            let allowed = count_sends(&mut tx, &sends, batch[0].req.limits).await?;
            let issued: Vec<&Job> = batch
                .iter()
                .filter(|j| allowed.contains(j.req.email.canonical()))
                .collect();
            if !issued.is_empty() {
                insert(&mut tx, &issued).await?;
            }
            let mut outcomes = Vec::with_capacity(batch.len());
            for job in batch {
                let key = job.req.email.canonical();
                outcomes.push(if allowed.contains(key) {
                    IssueOutcome::Issued {
                        credential_id: job.req.credential_id.clone(),
                    }
                } else {
                    refusal(&mut tx, key, job.req.limits, job.req.trusted, unix(job.now)).await?
                });
            }
            tx.commit().await?;
            Ok(outcomes)
        })
        .await
    }
}

/// Inserts the credentials and their outbox rows. Mail goes to the address of record when
/// there is one (Django CVE-2019-19844); the trigger `credentials_supersede` voids older
/// credentials (security.md item 10).
///
/// SECURITY: an undeliverable request still writes an outbox row (never sent), so both kinds
/// of address do the same work and take the same time (security.md item 19).
async fn insert(conn: &mut PgConnection, jobs: &[&Job]) -> StoreResult<()> {
    let col = |f: fn(&Job) -> String| jobs.iter().map(|j| f(j)).collect::<Vec<String>>();
    let ids = col(|j| j.req.credential_id.clone());
    let emails = col(|j| j.req.email.as_str().to_owned());
    let keys = col(|j| j.req.email.canonical().to_owned());
    let return_tos = col(|j| j.req.return_to.clone());
    let requested_bys = col(|j| j.req.requested_by.clone());
    let outbox_ids = col(|j| j.req.outbox_id.clone());
    let tokens: Vec<Vec<u8>> = jobs.iter().map(|j| j.req.token_hash.to_vec()).collect();
    let codes: Vec<Vec<u8>> = jobs.iter().map(|j| j.req.code_hash.to_vec()).collect();
    let payloads: Vec<Vec<u8>> = jobs.iter().map(|j| j.req.sealed_payload.clone()).collect();
    let times: Vec<i64> = jobs.iter().map(|j| unix(j.now)).collect();
    let expiries: Vec<i64> = jobs.iter().map(|j| unix(j.req.expires_at)).collect();
    let accounts_only: Vec<bool> = jobs
        .iter()
        .map(|j| j.req.recipients == Recipients::Accounts)
        .collect();
    let anyone: Vec<bool> = jobs
        .iter()
        .map(|j| {
            matches!(
                j.req.recipients,
                Recipients::Anyone | Recipients::Decided(true)
            )
        })
        .collect();
    sqlx::query(
        "WITH c AS ( \
           INSERT INTO credentials (id, email, email_key, token_hash, code_hash, return_to, \
             requested_at, requested_by, expires_at, deliverable) \
           SELECT v.id, COALESCE(a.email, v.email), v.key, v.token, v.code, v.return_to, \
             v.req_at, v.req_by, v.expires, (v.accounts_only AND a.id IS NOT NULL) OR v.anyone \
           FROM UNNEST($1::text[], $2::text[], $3::text[], $4::bytea[], $5::bytea[], \
             $6::text[], $7::bigint[], $8::text[], $9::bigint[], $10::boolean[], $11::boolean[]) \
             AS v(id, email, key, token, code, return_to, req_at, req_by, expires, \
               accounts_only, anyone) \
           LEFT JOIN accounts a ON a.email_key = v.key \
           RETURNING id, email, deliverable, requested_at, expires_at) \
         INSERT INTO outbox (id, credential_id, recipient, payload, status, next_attempt_at, \
           deadline, created_at) \
         SELECT o.id, c.id, c.email, CASE WHEN c.deliverable THEN o.payload END, \
           CASE WHEN c.deliverable THEN 'queued' ELSE 'suppressed' END, \
           c.requested_at, c.expires_at, c.requested_at \
         FROM c JOIN UNNEST($1::text[], $12::text[], $13::bytea[]) AS o(credential_id, id, payload) \
           ON o.credential_id = c.id",
    )
    .bind(&ids)
    .bind(&emails)
    .bind(&keys)
    .bind(&tokens)
    .bind(&codes)
    .bind(&return_tos)
    .bind(&times)
    .bind(&requested_bys)
    .bind(&expiries)
    .bind(&accounts_only)
    .bind(&anyone)
    .bind(&outbox_ids)
    .bind(&payloads)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
