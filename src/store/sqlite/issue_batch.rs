//! One batch of credentials issued on SQLite (`store::issue_queue`): each request to SQLite's
//! single writer is a round trip to its connection thread, so a batch is one transaction of
//! multi-row statements, five round trips for up to 64 requests.
use super::limits::{count_sends, refusal, Sending};
use crate::domain::credential::IssueOutcome;
use crate::store::issue_queue::{IssueBatch, Job};
use crate::store::{unix, StoreError, StoreResult};
use async_trait::async_trait;
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::collections::HashMap;

/// SQLite's statements for one batch (see `IssueBatch`).
pub(super) struct SqliteIssuer(pub SqlitePool);

#[async_trait]
impl IssueBatch for SqliteIssuer {
    async fn issue_batch(&self, batch: &[Job]) -> StoreResult<Vec<IssueOutcome>> {
        process(&self.0, batch).await
    }
}

async fn process(writer: &SqlitePool, batch: &[Job]) -> StoreResult<Vec<IssueOutcome>> {
    let mut tx = writer.begin_with("BEGIN IMMEDIATE").await?;
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
        let recipients = insert_credentials(&mut tx, &issued).await?;
        insert_outbox(&mut tx, &issued, &recipients).await?;
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
}

/// Inserts the credentials; mail goes to the address of record when there is one (Django
/// CVE-2019-19844). The trigger `credentials_supersede` voids older ones (SECURITY.md item 10).
/// Returns each credential's recipient and whether it will be delivered.
async fn insert_credentials(
    tx: &mut Transaction<'static, Sqlite>,
    jobs: &[&Job],
) -> StoreResult<HashMap<String, (String, bool)>> {
    const N: usize = 12;
    let rows: Vec<String> =
        (0..jobs.len())
            .map(|i| {
                let p = |k: usize| format!("?{}", 1 + N * i + k);
                format!(
                "({}, COALESCE((SELECT email FROM accounts WHERE email_key = {key}), {}), {key}, \
                 {}, {}, {}, {}, {}, {}, {}, \
                 ({} AND EXISTS (SELECT 1 FROM accounts WHERE email_key = {key})) OR {})",
                p(0), p(2), p(3), p(4), p(5), p(6), p(7), p(8), p(9), p(10), p(11),
                key = p(1)
            )
            })
            .collect();
    let sql = format!(
        "INSERT INTO credentials (id, email, email_key, token_hash, code_hash, return_to, \
         requested_at, requested_by, requested_ip, expires_at, deliverable) VALUES {} \
         RETURNING id, email, deliverable",
        rows.join(", ")
    );
    let mut q = sqlx::query_as::<_, (String, String, bool)>(&sql);
    for job in jobs {
        let r = &job.req;
        q = q
            .bind(&r.credential_id)
            .bind(r.email.canonical())
            .bind(r.email.as_str())
            .bind(&r.token_hash[..])
            .bind(&r.code_hash[..])
            .bind(&r.return_to)
            .bind(unix(job.now))
            .bind(&r.requested_by)
            .bind(&r.requested_ip)
            .bind(unix(r.expires_at))
            .bind(r.recipients.needs_account())
            .bind(r.recipients.always());
    }
    Ok(q.fetch_all(&mut **tx)
        .await?
        .into_iter()
        .map(|(id, email, deliverable)| (id, (email, deliverable)))
        .collect())
}

/// SECURITY: an undeliverable request still writes an outbox row (never sent), so both kinds of
/// address do the same work and take the same time (SECURITY.md item 19).
async fn insert_outbox(
    tx: &mut Transaction<'static, Sqlite>,
    jobs: &[&Job],
    recipients: &HashMap<String, (String, bool)>,
) -> StoreResult<()> {
    let sql = format!(
        "INSERT INTO outbox (id, credential_id, recipient, payload, status, next_attempt_at, \
         deadline, created_at) VALUES {}",
        vec!["(?, ?, ?, ?, ?, ?, ?, ?)"; jobs.len()].join(", ")
    );
    let mut q = sqlx::query(&sql);
    for job in jobs {
        let r = &job.req;
        let (recipient, deliverable) = recipients
            .get(&r.credential_id)
            .ok_or_else(|| StoreError::Corrupt("inserted credential not returned".into()))?;
        q = q
            .bind(&r.outbox_id)
            .bind(&r.credential_id)
            .bind(recipient)
            .bind(deliverable.then_some(&r.sealed_payload[..]))
            .bind(if *deliverable { "queued" } else { "suppressed" })
            .bind(unix(job.now))
            .bind(unix(r.expires_at))
            .bind(unix(job.now));
    }
    q.execute(&mut **tx).await?;
    Ok(())
}
