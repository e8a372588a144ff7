//! Address changes on PostgreSQL: the statements of `sqlite/address_changes.rs` in
//! PostgreSQL's dialect (`= ANY($n)` for MAC lists; row locks order concurrent uses), each
//! call within `store.timeout`.
use super::{hashes, PostgresStore};
use crate::domain::address_change::{ChangeOutcome, ChangeState, ChangeView, RevertOutcome};
use crate::secrets::Mac32;
use crate::store::rules::purge_cutoff;
use crate::store::sql::{
    is_unique_violation, ChangeMove, ChangeRow, CHANGE_COLUMNS, CHANGE_MOVE_COLUMNS,
    NOTICE_DEADLINE_SECS,
};
use crate::store::{
    unix, AddressChanges, ChangeProof, ChangeRequest, Purge, StoreError, StoreResult,
};
use async_trait::async_trait;
use sqlx::{PgConnection, Postgres, Transaction};
use std::time::Duration;
use time::OffsetDateTime;

pub(super) struct PostgresAddressChanges(pub PostgresStore);

/// What `purge` deletes (see the SQLite store): `$1` is the cutoff.
const PURGEABLE: &str = "(confirmed_at IS NULL AND expires_at <= $1) \
    OR (confirmed_at IS NOT NULL AND revert_until <= $1)";

impl PostgresAddressChanges {
    async fn find(
        &self,
        column: &str,
        values: Vec<Vec<u8>>,
        max_attempts: u32,
        now: OffsetDateTime,
    ) -> StoreResult<Option<ChangeView>> {
        let sql = format!("SELECT {CHANGE_COLUMNS} FROM address_changes WHERE {column} = ANY($1)");
        self.0
            .timed(async {
                let row: Option<ChangeRow> = sqlx::query_as(&sql)
                    .bind(values)
                    .fetch_optional(&self.0.pool)
                    .await?;
                row.map(|r| r.view(max_attempts, now)).transpose()
            })
            .await
    }

    async fn view_of(
        &self,
        proof: ChangeProof<'_>,
        max_attempts: u32,
        now: OffsetDateTime,
    ) -> StoreResult<Option<ChangeView>> {
        match proof {
            ChangeProof::Link(h) => self.change_by_token(h, max_attempts, now).await,
            ChangeProof::Code { id, .. } => self.change_by_id(id, max_attempts, now).await,
        }
    }
}

/// Moves the account of change `id` to its new address and queues the notice, inside `tx`.
/// `Err(outcome)`: nothing may be committed.
async fn move_account(
    tx: &mut PgConnection,
    id: &str,
    now: i64,
) -> StoreResult<Result<(), ChangeOutcome>> {
    let sql = format!("SELECT {CHANGE_MOVE_COLUMNS} FROM address_changes WHERE id = $1");
    let m: ChangeMove = sqlx::query_as(&sql).bind(id).fetch_one(&mut *tx).await?;
    let moved = sqlx::query(
        "UPDATE accounts SET email = $1, email_key = $2 WHERE id = $3 AND email_key = $4",
    )
    .bind(&m.new_email)
    .bind(&m.new_email_key)
    .bind(&m.account_id)
    .bind(&m.old_email_key)
    .execute(&mut *tx)
    .await;
    match moved {
        Err(e) if is_unique_violation(&e) => return Ok(Err(ChangeOutcome::Taken)),
        Err(e) => return Err(e.into()),
        Ok(done) if done.rows_affected() == 0 => {
            return Ok(Err(ChangeOutcome::Refused(ChangeState::Superseded)))
        }
        Ok(_) => {}
    }
    let notice = m
        .notice
        .ok_or_else(|| StoreError::Corrupt("an address change without its notice".into()))?;
    sqlx::query(
        "INSERT INTO outbox (id, credential_id, recipient, payload, status, next_attempt_at, \
         deadline, created_at) VALUES ($1, $2, $3, $4, 'queued', $5, $6, $5)",
    )
    .bind(&m.notice_outbox_id)
    .bind(id)
    .bind(&m.old_email)
    .bind(notice)
    .bind(now)
    .bind(now + NOTICE_DEADLINE_SECS)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE address_changes SET notice = NULL WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    Ok(Ok(()))
}

/// Uses the proof in `tx`: the change's id, whether it matched, its attempts.
async fn use_proof(
    tx: &mut Transaction<'static, Postgres>,
    proof: ChangeProof<'_>,
    max_attempts: u32,
    now: i64,
    until: i64,
) -> StoreResult<Option<(String, bool, i64)>> {
    Ok(match proof {
        ChangeProof::Link(h) => {
            sqlx::query_as(
                "UPDATE address_changes SET confirmed_at = $1, revert_until = $2 \
                 WHERE token_hash = ANY($3) AND confirmed_at IS NULL AND NOT superseded \
                 AND expires_at > $1 AND attempts < $4 RETURNING id, TRUE, attempts",
            )
            .bind(now)
            .bind(until)
            .bind(hashes(h))
            .bind(i64::from(max_attempts))
            .fetch_optional(&mut **tx)
            .await?
        }
        ChangeProof::Code { id, code_hashes } => {
            sqlx::query_as(
                "UPDATE address_changes SET attempts = attempts + 1, \
                 confirmed_at = CASE WHEN code_hash = ANY($1) THEN $2 END, \
                 revert_until = CASE WHEN code_hash = ANY($1) THEN $3 END \
                 WHERE id = $4 AND confirmed_at IS NULL AND NOT superseded \
                 AND expires_at > $2 AND attempts < $5 \
                 RETURNING id, confirmed_at IS NOT NULL, attempts",
            )
            .bind(hashes(code_hashes))
            .bind(now)
            .bind(until)
            .bind(id)
            .bind(i64::from(max_attempts))
            .fetch_optional(&mut **tx)
            .await?
        }
    })
}

#[async_trait]
impl AddressChanges for PostgresAddressChanges {
    async fn start_change(&self, req: ChangeRequest, now: OffsetDateTime) -> StoreResult<()> {
        let now_s = unix(now);
        self.0
            .timed(async {
                let mut tx = self.0.pool.begin().await?;
                sqlx::query(
                    "UPDATE address_changes SET superseded = TRUE \
                     WHERE account_id = $1 AND confirmed_at IS NULL",
                )
                .bind(&req.account_id)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO address_changes (id, account_id, old_email, old_email_key, \
                     new_email, new_email_key, token_hash, code_hash, revert_hash, requested_at, \
                     requested_by, expires_at, notice, notice_outbox_id) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                )
                .bind(&req.id)
                .bind(&req.account_id)
                .bind(req.old_email.as_str())
                .bind(req.old_email.canonical())
                .bind(req.new_email.as_str())
                .bind(req.new_email.canonical())
                .bind(&req.token_hash[..])
                .bind(&req.code_hash[..])
                .bind(&req.revert_hash[..])
                .bind(now_s)
                .bind(&req.requested_by)
                .bind(unix(req.expires_at))
                .bind(&req.sealed_notice)
                .bind(&req.notice_outbox_id)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO outbox (id, credential_id, recipient, payload, status, \
                     next_attempt_at, deadline, created_at) \
                     VALUES ($1, $2, $3, $4, 'queued', $5, $6, $5)",
                )
                .bind(&req.outbox_id)
                .bind(&req.id)
                .bind(req.new_email.as_str())
                .bind(&req.sealed_confirm)
                .bind(now_s)
                .bind(unix(req.expires_at))
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            })
            .await
    }

    async fn change_by_id(
        &self,
        id: &str,
        max_attempts: u32,
        now: OffsetDateTime,
    ) -> StoreResult<Option<ChangeView>> {
        let sql = format!("SELECT {CHANGE_COLUMNS} FROM address_changes WHERE id = $1");
        self.0
            .timed(async {
                let row: Option<ChangeRow> = sqlx::query_as(&sql)
                    .bind(id)
                    .fetch_optional(&self.0.pool)
                    .await?;
                row.map(|r| r.view(max_attempts, now)).transpose()
            })
            .await
    }

    async fn change_by_token(
        &self,
        token_hashes: &[Mac32],
        max_attempts: u32,
        now: OffsetDateTime,
    ) -> StoreResult<Option<ChangeView>> {
        self.find("token_hash", hashes(token_hashes), max_attempts, now)
            .await
    }

    async fn change_by_revert_token(
        &self,
        revert_hashes: &[Mac32],
        max_attempts: u32,
        now: OffsetDateTime,
    ) -> StoreResult<Option<ChangeView>> {
        self.find("revert_hash", hashes(revert_hashes), max_attempts, now)
            .await
    }

    async fn confirm_change(
        &self,
        proof: ChangeProof<'_>,
        max_attempts: u32,
        revert_within: Duration,
        now: OffsetDateTime,
    ) -> StoreResult<ChangeOutcome> {
        let now_s = unix(now);
        let until = now_s + revert_within.as_secs() as i64;
        let done = self
            .0
            .timed(async {
                let mut tx = self.0.pool.begin().await?;
                let Some((id, matched, attempts)) =
                    use_proof(&mut tx, proof, max_attempts, now_s, until).await?
                else {
                    return Ok(Err(None));
                };
                if !matched {
                    tx.commit().await?;
                    let left = i64::from(max_attempts).saturating_sub(attempts).max(0) as u32;
                    return Ok(Err(Some(ChangeOutcome::WrongCode {
                        attempts_left: left,
                    })));
                }
                if let Err(refused) = move_account(&mut tx, &id, now_s).await? {
                    tx.rollback().await?;
                    return Ok(Err(Some(refused)));
                }
                tx.commit().await?;
                Ok(Ok(id))
            })
            .await?;
        match done {
            Ok(id) => {
                let view = self.change_by_id(&id, max_attempts, now).await?;
                view.map(|v| ChangeOutcome::Changed(Box::new(v)))
                    .ok_or_else(|| StoreError::Corrupt("a confirmed change vanished".into()))
            }
            Err(Some(outcome)) => Ok(outcome),
            Err(None) => Ok(self
                .view_of(proof, max_attempts, now)
                .await?
                .map_or(ChangeOutcome::Unknown, |v| ChangeOutcome::Refused(v.state))),
        }
    }

    async fn revert_change(
        &self,
        revert_hashes: &[Mac32],
        max_attempts: u32,
        now: OffsetDateTime,
    ) -> StoreResult<RevertOutcome> {
        let now_s = unix(now);
        let done = self
            .0
            .timed(async {
                let mut tx = self.0.pool.begin().await?;
                let row: Option<(String, String, String, String)> = sqlx::query_as(
                    "UPDATE address_changes SET reverted_at = $1 WHERE revert_hash = ANY($2) \
                     AND confirmed_at IS NOT NULL AND reverted_at IS NULL AND NOT superseded \
                     AND revert_until > $1 RETURNING id, account_id, old_email, old_email_key",
                )
                .bind(now_s)
                .bind(hashes(revert_hashes))
                .fetch_optional(&mut *tx)
                .await?;
                let Some((id, account_id, old_email, old_key)) = row else {
                    return Ok(None);
                };
                let moved = sqlx::query("UPDATE accounts SET email = $1, email_key = $2 WHERE id = $3")
                    .bind(&old_email)
                    .bind(&old_key)
                    .bind(&account_id)
                    .execute(&mut *tx)
                    .await;
                match moved {
                    Err(e) if is_unique_violation(&e) => {
                        tx.rollback().await?;
                        return Ok(Some(Err(RevertOutcome::Taken)));
                    }
                    Err(e) => return Err(e.into()),
                    Ok(_) => {}
                }
                sqlx::query(
                    "UPDATE address_changes SET superseded = TRUE WHERE account_id = $1 AND id <> $2",
                )
                .bind(&account_id)
                .bind(&id)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(Some(Ok(id)))
            })
            .await?;
        match done {
            Some(Ok(id)) => {
                let view = self.change_by_id(&id, max_attempts, now).await?;
                view.map(|v| RevertOutcome::Reverted(Box::new(v)))
                    .ok_or_else(|| StoreError::Corrupt("a reverted change vanished".into()))
            }
            Some(Err(outcome)) => Ok(outcome),
            None => Ok(self
                .change_by_revert_token(revert_hashes, max_attempts, now)
                .await?
                .map_or(RevertOutcome::Unknown, |v| RevertOutcome::Refused(v.state))),
        }
    }
}

#[async_trait]
impl Purge for PostgresAddressChanges {
    async fn purge(&self, grace: Duration, now: OffsetDateTime) -> StoreResult<u64> {
        let cutoff = purge_cutoff(grace, now);
        self.0
            .timed(async {
                let mut tx = self.0.pool.begin().await?;
                let mut removed = 0;
                for table in [
                    "outbox WHERE credential_id IN (SELECT id FROM address_changes WHERE",
                    "address_changes WHERE (",
                ] {
                    let sql = format!("DELETE FROM {table} {PURGEABLE})");
                    removed += sqlx::query(&sql)
                        .bind(cutoff)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                }
                tx.commit().await?;
                Ok(removed)
            })
            .await
    }
}
