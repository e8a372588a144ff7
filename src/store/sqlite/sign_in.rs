//! Emailed credentials: issuing (through the batching task), redeeming, reading.
use super::accounts::sign_in_account;
use super::limits::{count_failure, hold};
use super::{placeholders, SqliteStore};
use crate::domain::credential::VoidRefusal;
use crate::domain::credential::{
    Account, Backoff, CodeEntry, CredentialView, FailurePolicy, IssueOutcome, Redemption, Voiding,
};
use crate::domain::EmailAddress;
use crate::secrets::Mac32;
use crate::store::rules::{self, purge_cutoff};
use crate::store::sql::{
    CodeRow, CredentialRow, RedeemedRow, VoidRow, CREDENTIAL_COLUMNS, VOID_COLUMNS,
};
use crate::store::{unix, IssueRequest, Purge, SignInStore, StoreResult};
use async_trait::async_trait;
use std::time::Duration;
use time::OffsetDateTime;

pub(super) struct SqliteSignIn(pub SqliteStore);

/// Voids a credential ("this wasn't me") and reads its address's account, if any.
const VOID_SQL: &str = "UPDATE credentials SET used_at = COALESCE(used_at, ?), outcome = ? \
     WHERE id = ? RETURNING (SELECT a.id FROM accounts a WHERE a.email_key = credentials.email_key)";

#[async_trait]
impl SignInStore for SqliteSignIn {
    async fn issue(&self, req: IssueRequest, now: OffsetDateTime) -> StoreResult<IssueOutcome> {
        self.0.issuer.issue(req, now).await
    }

    async fn redeem_link(
        &self,
        token_hashes: &[Mac32],
        policy: FailurePolicy,
        now: OffsetDateTime,
    ) -> StoreResult<Redemption> {
        let now_s = unix(now);
        let mut tx = self.0.write_tx().await?;
        let sql = format!(
            "UPDATE credentials SET used_at = ?, outcome = 'signed_in' \
             WHERE token_hash IN ({}) AND used_at IS NULL AND expires_at > ? AND attempts < ? \
             AND deliverable = 1 \
             RETURNING id, email, email_key, return_to",
            placeholders(token_hashes.len())
        );
        let mut q = sqlx::query_as::<_, RedeemedRow>(&sql).bind(now_s);
        for h in token_hashes {
            q = q.bind(&h[..]);
        }
        let row = q
            .bind(now_s)
            .bind(policy.max_attempts)
            .fetch_optional(&mut *tx)
            .await?;
        match row {
            Some(row) => {
                let account = sign_in_account(&mut tx, &row.email, &row.email_key, now_s).await?;
                tx.commit().await?;
                Ok(Redemption::SignedIn {
                    email: account.email.clone(),
                    account: Some(account),
                    return_to: row.return_to,
                    credential_id: row.id,
                })
            }
            None => {
                tx.rollback().await?;
                let view = self
                    .credential_by_token(token_hashes, Duration::ZERO, policy, now)
                    .await?;
                Ok(Redemption::Refused(CredentialView::refusal_for(
                    view,
                    Backoff::Exempt,
                )))
            }
        }
    }

    async fn redeem_code(
        &self,
        credential_id: &str,
        code_hashes: &[Mac32],
        policy: FailurePolicy,
        entry: CodeEntry,
        now: OffsetDateTime,
    ) -> StoreResult<Redemption> {
        let now_s = unix(now);
        let mut tx = self.0.write_tx().await?;
        // One conditional write counts the attempt and, if the code matches, consumes the
        // credential; the attempt bound is part of the WHERE, so parallel guesses cannot exceed it.
        let matches = format!(
            "(deliverable = 1 AND code_hash IN ({}))",
            placeholders(code_hashes.len())
        );
        let sql = format!(
            "UPDATE credentials SET attempts = attempts + ?, \
             used_at = CASE WHEN {matches} THEN ? ELSE NULL END, \
             outcome = CASE WHEN {matches} THEN 'signed_in' ELSE NULL END \
             WHERE id = ? AND used_at IS NULL AND expires_at > ? AND attempts < ? \
             AND (? = 2 OR (? = 1 AND attempts = 0) OR NOT EXISTS (SELECT 1 FROM account_failures f \
               WHERE f.email_key = credentials.email_key AND f.locked_until > ?)) \
             RETURNING id, used_at IS NOT NULL AS matched, attempts, email, email_key, return_to"
        );
        let mut q = sqlx::query_as::<_, CodeRow>(&sql).bind(i64::from(entry.uses_tries));
        // Bind order follows the SQL text: IN list, THEN value, IN list again.
        for h in code_hashes {
            q = q.bind(&h[..]);
        }
        q = q.bind(now_s);
        for h in code_hashes {
            q = q.bind(&h[..]);
        }
        let exemption = rules::backoff_exemption(entry.backoff);
        let row = q
            .bind(credential_id)
            .bind(now_s)
            .bind(policy.max_attempts)
            .bind(exemption)
            .bind(exemption)
            .bind(now_s)
            .fetch_optional(&mut *tx)
            .await?;
        let outcome = match row {
            Some(row) if row.matched => {
                let account = sign_in_account(&mut tx, &row.email, &row.email_key, now_s).await?;
                Redemption::SignedIn {
                    email: account.email.clone(),
                    account: Some(account),
                    return_to: row.return_to,
                    credential_id: row.id,
                }
            }
            Some(row) => {
                count_failure(&mut tx, &row.email_key, policy, now_s).await?;
                rules::wrong_code(row.attempts, policy, entry.uses_tries)
            }
            None => {
                tx.rollback().await?;
                let view = self
                    .credential_by_id(credential_id, Duration::ZERO, policy, now)
                    .await?;
                return Ok(Redemption::Refused(CredentialView::refusal_for(
                    view,
                    entry.backoff,
                )));
            }
        };
        tx.commit().await?;
        Ok(outcome)
    }

    async fn release(&self, credential_id: &str, used_at: OffsetDateTime) -> StoreResult<()> {
        sqlx::query(
            "UPDATE credentials SET used_at = NULL, outcome = NULL \
             WHERE id = ? AND used_at = ? AND outcome = 'signed_in'",
        )
        .bind(credential_id)
        .bind(unix(used_at))
        .execute(&self.0.writer)
        .await?;
        Ok(())
    }

    async fn void_credential(
        &self,
        token_hashes: &[Mac32],
        hold_for: Duration,
        now: OffsetDateTime,
    ) -> StoreResult<Voiding> {
        let now_s = unix(now);
        // BEGIN IMMEDIATE: no redemption can slip between the read and the write.
        let mut tx = self.0.write_tx().await?;
        let sql = format!(
            "SELECT {VOID_COLUMNS} FROM credentials WHERE token_hash IN ({})",
            placeholders(token_hashes.len())
        );
        let mut q = sqlx::query_as::<_, VoidRow>(&sql);
        for h in token_hashes {
            q = q.bind(&h[..]);
        }
        let Some(row) = q.fetch_optional(&mut *tx).await? else {
            return Ok(Voiding::Refused(VoidRefusal::Unknown));
        };
        let write = match row.step(now_s) {
            Ok(step) => step,
            Err(refused) => return Ok(refused),
        };
        let account: Option<String> = sqlx::query_scalar(VOID_SQL)
            .bind(now_s)
            .bind(write.outcome)
            .bind(&row.id)
            .fetch_one(&mut *tx)
            .await?;
        if let Some(until) = write.hold_until(hold_for, now_s) {
            hold(&mut tx, &row.email_key, until, now_s).await?;
        }
        tx.commit().await?;
        write.voided(row, account)
    }

    async fn credential_by_token(
        &self,
        token_hashes: &[Mac32],
        cooldown: Duration,
        policy: FailurePolicy,
        now: OffsetDateTime,
    ) -> StoreResult<Option<CredentialView>> {
        let sql = format!(
            "SELECT {CREDENTIAL_COLUMNS} FROM credentials c WHERE c.token_hash IN ({})",
            placeholders(token_hashes.len())
        );
        let mut q = sqlx::query_as::<_, CredentialRow>(&sql);
        for h in token_hashes {
            q = q.bind(&h[..]);
        }
        let row = q.fetch_optional(&self.0.pool).await?;
        row.map(|r| r.view(cooldown, policy, now)).transpose()
    }

    async fn credential_by_id(
        &self,
        id: &str,
        cooldown: Duration,
        policy: FailurePolicy,
        now: OffsetDateTime,
    ) -> StoreResult<Option<CredentialView>> {
        let sql = format!("SELECT {CREDENTIAL_COLUMNS} FROM credentials c WHERE c.id = ?");
        let row = sqlx::query_as::<_, CredentialRow>(&sql)
            .bind(id)
            .fetch_optional(&self.0.pool)
            .await?;
        row.map(|r| r.view(cooldown, policy, now)).transpose()
    }

    async fn account_by_email(&self, email: &EmailAddress) -> StoreResult<Option<Account>> {
        self.account_where("email_key", email.canonical()).await
    }

    async fn account_by_id(&self, id: &str) -> StoreResult<Option<Account>> {
        self.account_where("id", id).await
    }
}

impl SqliteSignIn {
    /// The account whose `column` (a fixed name, never input) holds `value`.
    async fn account_where(
        &self,
        column: &'static str,
        value: &str,
    ) -> StoreResult<Option<Account>> {
        let sql = format!("SELECT id, email FROM accounts WHERE {column} = ?");
        let row: Option<(String, String)> = sqlx::query_as(&sql)
            .bind(value)
            .fetch_optional(&self.0.pool)
            .await?;
        row.map(|(id, email)| {
            Ok(Account {
                id,
                email: rules::stored_email(&email)?,
            })
        })
        .transpose()
    }
}

#[async_trait]
impl Purge for SqliteSignIn {
    /// Credentials past their expiry, with the outbox rows written with them.
    async fn purge(&self, grace: Duration, now: OffsetDateTime) -> StoreResult<u64> {
        let cutoff = purge_cutoff(grace, now);
        let mut tx = self.0.write_tx().await?;
        let mut removed = sqlx::query(
            "DELETE FROM outbox WHERE credential_id IN \
               (SELECT id FROM credentials WHERE expires_at <= ?)",
        )
        .bind(cutoff)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        removed += sqlx::query("DELETE FROM credentials WHERE expires_at <= ?")
            .bind(cutoff)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(removed)
    }
}
