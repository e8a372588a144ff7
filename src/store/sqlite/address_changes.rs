//! Address changes on SQLite (see `migrations/sqlite/0010_address_changes.sql`).
use super::{placeholders, SqliteStore};
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
use sqlx::{Sqlite, Transaction};
use std::time::Duration;
use time::OffsetDateTime;

pub(super) struct SqliteAddressChanges(pub SqliteStore);

/// What `purge` deletes: pending changes past their expiry, done ones past their undo window
/// (two `?`, the same cutoff), and their emails with them.
const PURGEABLE: &str = "(confirmed_at IS NULL AND expires_at <= ?) \
    OR (confirmed_at IS NOT NULL AND revert_until <= ?)";

impl SqliteAddressChanges {
    async fn find(
        &self,
        column: &str,
        values: &[&[u8]],
        max_attempts: u32,
        now: OffsetDateTime,
    ) -> StoreResult<Option<ChangeView>> {
        let sql = format!(
            "SELECT {CHANGE_COLUMNS} FROM address_changes WHERE {column} IN ({})",
            placeholders(values.len())
        );
        let mut q = sqlx::query_as::<_, ChangeRow>(&sql);
        for v in values {
            q = q.bind(*v);
        }
        let row = q.fetch_optional(&self.0.pool).await?;
        row.map(|r| r.view(max_attempts, now)).transpose()
    }
}

fn slices(macs: &[Mac32]) -> Vec<&[u8]> {
    macs.iter().map(|m| &m[..]).collect()
}

/// Moves the account of change `id` to its new address and queues the notice, inside `tx`.
/// `Err(outcome)`: nothing may be committed.
async fn move_account(
    tx: &mut Transaction<'static, Sqlite>,
    id: &str,
    now: i64,
) -> StoreResult<Result<(), ChangeOutcome>> {
    let sql = format!("SELECT {CHANGE_MOVE_COLUMNS} FROM address_changes WHERE id = ?");
    let m: ChangeMove = sqlx::query_as(&sql).bind(id).fetch_one(&mut **tx).await?;
    let moved =
        sqlx::query("UPDATE accounts SET email = ?, email_key = ? WHERE id = ? AND email_key = ?")
            .bind(&m.new_email)
            .bind(&m.new_email_key)
            .bind(&m.account_id)
            .bind(&m.old_email_key)
            .execute(&mut **tx)
            .await;
    match moved {
        Err(e) if is_unique_violation(&e) => return Ok(Err(ChangeOutcome::Taken)),
        Err(e) => return Err(e.into()),
        // The account's address changed since the change was asked for.
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
         deadline, created_at) VALUES (?, ?, ?, ?, 'queued', ?, ?, ?)",
    )
    .bind(&m.notice_outbox_id)
    .bind(id)
    .bind(&m.old_email)
    .bind(notice)
    .bind(now)
    .bind(now + NOTICE_DEADLINE_SECS)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE address_changes SET notice = NULL WHERE id = ?")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(Ok(()))
}

#[async_trait]
impl AddressChanges for SqliteAddressChanges {
    async fn start_change(&self, req: ChangeRequest, now: OffsetDateTime) -> StoreResult<()> {
        let now_s = unix(now);
        let mut tx = self.0.write_tx().await?;
        sqlx::query(
            "UPDATE address_changes SET superseded = 1 \
             WHERE account_id = ? AND confirmed_at IS NULL",
        )
        .bind(&req.account_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO address_changes (id, account_id, old_email, old_email_key, new_email, \
             new_email_key, token_hash, code_hash, revert_hash, requested_at, requested_by, \
             expires_at, notice, notice_outbox_id) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            "INSERT INTO outbox (id, credential_id, recipient, payload, status, next_attempt_at, \
             deadline, created_at) VALUES (?, ?, ?, ?, 'queued', ?, ?, ?)",
        )
        .bind(&req.outbox_id)
        .bind(&req.id)
        .bind(req.new_email.as_str())
        .bind(&req.sealed_confirm)
        .bind(now_s)
        .bind(unix(req.expires_at))
        .bind(now_s)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn change_by_id(
        &self,
        id: &str,
        max_attempts: u32,
        now: OffsetDateTime,
    ) -> StoreResult<Option<ChangeView>> {
        let sql = format!("SELECT {CHANGE_COLUMNS} FROM address_changes WHERE id = ?");
        let row: Option<ChangeRow> = sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(&self.0.pool)
            .await?;
        row.map(|r| r.view(max_attempts, now)).transpose()
    }

    async fn change_by_token(
        &self,
        token_hashes: &[Mac32],
        max_attempts: u32,
        now: OffsetDateTime,
    ) -> StoreResult<Option<ChangeView>> {
        self.find("token_hash", &slices(token_hashes), max_attempts, now)
            .await
    }

    async fn change_by_revert_token(
        &self,
        revert_hashes: &[Mac32],
        max_attempts: u32,
        now: OffsetDateTime,
    ) -> StoreResult<Option<ChangeView>> {
        self.find("revert_hash", &slices(revert_hashes), max_attempts, now)
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
        let mut tx = self.0.write_tx().await?;
        // One conditional write uses the proof; a wrong code counts, within the bound.
        let used: Option<(String, bool, i64)> = match proof {
            ChangeProof::Link(hashes) => {
                let sql = format!(
                    "UPDATE address_changes SET confirmed_at = ?, revert_until = ? \
                     WHERE token_hash IN ({}) AND confirmed_at IS NULL AND superseded = 0 \
                     AND expires_at > ? AND attempts < ? RETURNING id, 1, attempts",
                    placeholders(hashes.len())
                );
                let mut q = sqlx::query_as(&sql).bind(now_s).bind(until);
                for h in hashes {
                    q = q.bind(&h[..]);
                }
                q.bind(now_s)
                    .bind(max_attempts)
                    .fetch_optional(&mut *tx)
                    .await?
            }
            ChangeProof::Code { id, code_hashes } => {
                let matches = format!("code_hash IN ({})", placeholders(code_hashes.len()));
                let sql = format!(
                    "UPDATE address_changes SET attempts = attempts + 1, \
                     confirmed_at = CASE WHEN {matches} THEN ? END, \
                     revert_until = CASE WHEN {matches} THEN ? END \
                     WHERE id = ? AND confirmed_at IS NULL AND superseded = 0 \
                     AND expires_at > ? AND attempts < ? \
                     RETURNING id, confirmed_at IS NOT NULL, attempts"
                );
                let mut q = sqlx::query_as(&sql);
                for h in code_hashes {
                    q = q.bind(&h[..]);
                }
                q = q.bind(now_s);
                for h in code_hashes {
                    q = q.bind(&h[..]);
                }
                q.bind(until)
                    .bind(id)
                    .bind(now_s)
                    .bind(max_attempts)
                    .fetch_optional(&mut *tx)
                    .await?
            }
        };
        let Some((id, matched, attempts)) = used else {
            tx.rollback().await?;
            let view = match proof {
                ChangeProof::Link(hashes) => {
                    self.change_by_token(hashes, max_attempts, now).await?
                }
                ChangeProof::Code { id, .. } => self.change_by_id(id, max_attempts, now).await?,
            };
            return Ok(view.map_or(ChangeOutcome::Unknown, |v| ChangeOutcome::Refused(v.state)));
        };
        if !matched {
            tx.commit().await?;
            return Ok(ChangeOutcome::WrongCode {
                attempts_left: max_attempts
                    .saturating_sub(attempts.clamp(0, i64::from(u32::MAX)) as u32),
            });
        }
        if let Err(refused) = move_account(&mut tx, &id, now_s).await? {
            tx.rollback().await?;
            return Ok(refused);
        }
        tx.commit().await?;
        let view = self.change_by_id(&id, max_attempts, now).await?;
        view.map(|v| ChangeOutcome::Changed(Box::new(v)))
            .ok_or_else(|| StoreError::Corrupt("a confirmed change vanished".into()))
    }

    async fn revert_change(
        &self,
        revert_hashes: &[Mac32],
        max_attempts: u32,
        now: OffsetDateTime,
    ) -> StoreResult<RevertOutcome> {
        let now_s = unix(now);
        let mut tx = self.0.write_tx().await?;
        let sql = format!(
            "UPDATE address_changes SET reverted_at = ? WHERE revert_hash IN ({}) \
             AND confirmed_at IS NOT NULL AND reverted_at IS NULL AND superseded = 0 \
             AND revert_until > ? RETURNING id, account_id, old_email, old_email_key",
            placeholders(revert_hashes.len())
        );
        let mut q = sqlx::query_as::<_, (String, String, String, String)>(&sql).bind(now_s);
        for h in revert_hashes {
            q = q.bind(&h[..]);
        }
        let Some((id, account_id, old_email, old_key)) =
            q.bind(now_s).fetch_optional(&mut *tx).await?
        else {
            tx.rollback().await?;
            let view = self
                .change_by_revert_token(revert_hashes, max_attempts, now)
                .await?;
            return Ok(view.map_or(RevertOutcome::Unknown, |v| RevertOutcome::Refused(v.state)));
        };
        let moved = sqlx::query("UPDATE accounts SET email = ?, email_key = ? WHERE id = ?")
            .bind(&old_email)
            .bind(&old_key)
            .bind(&account_id)
            .execute(&mut *tx)
            .await;
        match moved {
            Err(e) if is_unique_violation(&e) => {
                tx.rollback().await?;
                return Ok(RevertOutcome::Taken);
            }
            Err(e) => return Err(e.into()),
            Ok(_) => {}
        }
        // Every other change of the account, pending or done, no longer applies.
        sqlx::query("UPDATE address_changes SET superseded = 1 WHERE account_id = ? AND id <> ?")
            .bind(&account_id)
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        let view = self.change_by_id(&id, max_attempts, now).await?;
        view.map(|v| RevertOutcome::Reverted(Box::new(v)))
            .ok_or_else(|| StoreError::Corrupt("a reverted change vanished".into()))
    }
}

#[async_trait]
impl Purge for SqliteAddressChanges {
    /// Pending changes past their expiry, done ones past their undo window, each plus `grace`.
    async fn purge(&self, grace: Duration, now: OffsetDateTime) -> StoreResult<u64> {
        let cutoff = purge_cutoff(grace, now);
        let mut tx = self.0.write_tx().await?;
        let mut removed = 0;
        for table in [
            "outbox WHERE credential_id IN (SELECT id FROM address_changes WHERE",
            "address_changes WHERE (",
        ] {
            let sql = format!("DELETE FROM {table} {PURGEABLE})");
            removed += sqlx::query(&sql)
                .bind(cutoff)
                .bind(cutoff)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        }
        tx.commit().await?;
        Ok(removed)
    }
}
