//! Emailed credentials on PostgreSQL: issuing (through the batching task), redeeming, reading.
use super::limits::{count_failure, hold};
use super::{hashes, purge_lock, PostgresStore};
use crate::domain::credential::{
    Account, Backoff, CodeEntry, CredentialView, FailurePolicy, IssueOutcome, Redemption,
    VoidRefusal, Voiding,
};
use crate::domain::EmailAddress;
use crate::secrets::{random_id, Mac32};
use crate::store::rules::{self, purge_cutoff, stored_email};
use crate::store::sql::{
    CodeRow, CredentialRow, RedeemedRow, VoidRow, CREDENTIAL_COLUMNS, VOID_COLUMNS,
};
use crate::store::{unix, IssueRequest, Purge, SignInStore, StoreResult};
use async_trait::async_trait;
use sqlx::PgConnection;
use std::time::Duration;
use time::OffsetDateTime;

pub(super) struct PostgresSignIn(pub PostgresStore);

#[async_trait]
impl SignInStore for PostgresSignIn {
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
        let signed_in = self
            .0
            .timed(async {
                let mut tx = self.0.pool.begin().await?;
                // A concurrent redeemer waits for this row's lock, then finds it used.
                let row: Option<RedeemedRow> = sqlx::query_as(
                    "UPDATE credentials SET used_at = $1, outcome = 'signed_in' \
                     WHERE token_hash = ANY($2) AND used_at IS NULL AND expires_at > $1 \
                     AND attempts < $3 AND deliverable \
                     RETURNING id, email, email_key, return_to",
                )
                .bind(now_s)
                .bind(hashes(token_hashes))
                .bind(i64::from(policy.max_attempts))
                .fetch_optional(&mut *tx)
                .await?;
                let Some(row) = row else {
                    return Ok(None);
                };
                let account = sign_in_account(&mut tx, &row.email, &row.email_key, now_s).await?;
                tx.commit().await?;
                Ok(Some(Redemption::SignedIn {
                    email: account.email.clone(),
                    account: Some(account),
                    return_to: row.return_to,
                    credential_id: row.id,
                }))
            })
            .await?;
        match signed_in {
            Some(redemption) => Ok(redemption),
            None => {
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
        let outcome = self
            .0
            .timed(async {
                let mut tx = self.0.pool.begin().await?;
                // One conditional write counts the attempt and, if the code matches, consumes
                // the credential; the attempt bound is rechecked on the newest row after a
                // concurrent writer's lock, so parallel guesses cannot exceed it.
                let row: Option<CodeRow> = sqlx::query_as(
                    "UPDATE credentials SET attempts = attempts + $1, \
                     used_at = CASE WHEN deliverable AND code_hash = ANY($2) THEN $3 END, \
                     outcome = CASE WHEN deliverable AND code_hash = ANY($2) \
                       THEN 'signed_in' END \
                     WHERE id = $4 AND used_at IS NULL AND expires_at > $3 AND attempts < $5 \
                     AND ($6 = 2 OR ($6 = 1 AND attempts = 0) OR NOT EXISTS ( \
                       SELECT 1 FROM account_failures f \
                       WHERE f.email_key = credentials.email_key AND f.locked_until > $3)) \
                     RETURNING id, used_at IS NOT NULL AS matched, attempts, email, email_key, \
                       return_to",
                )
                .bind(i64::from(entry.uses_tries))
                .bind(hashes(code_hashes))
                .bind(now_s)
                .bind(credential_id)
                .bind(i64::from(policy.max_attempts))
                .bind(rules::backoff_exemption(entry.backoff))
                .fetch_optional(&mut *tx)
                .await?;
                let outcome = match row {
                    Some(row) if row.matched => {
                        let account =
                            sign_in_account(&mut tx, &row.email, &row.email_key, now_s).await?;
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
                    None => return Ok(None),
                };
                tx.commit().await?;
                Ok(Some(outcome))
            })
            .await?;
        match outcome {
            Some(outcome) => Ok(outcome),
            None => {
                let view = self
                    .credential_by_id(credential_id, Duration::ZERO, policy, now)
                    .await?;
                Ok(Redemption::Refused(CredentialView::refusal_for(
                    view,
                    entry.backoff,
                )))
            }
        }
    }

    async fn release(&self, credential_id: &str, used_at: OffsetDateTime) -> StoreResult<()> {
        self.0
            .timed(async {
                sqlx::query(
                    "UPDATE credentials SET used_at = NULL, outcome = NULL \
                     WHERE id = $1 AND used_at = $2 AND outcome = 'signed_in'",
                )
                .bind(credential_id)
                .bind(unix(used_at))
                .execute(&self.0.pool)
                .await?;
                Ok(())
            })
            .await
    }

    async fn void_credential(
        &self,
        token_hashes: &[Mac32],
        hold_for: Duration,
        now: OffsetDateTime,
    ) -> StoreResult<Voiding> {
        let now_s = unix(now);
        let sql =
            format!("SELECT {VOID_COLUMNS} FROM credentials WHERE token_hash = ANY($1) FOR UPDATE");
        self.0
            .timed(async {
                let mut tx = self.0.pool.begin().await?;
                // The row lock: a redemption waits, then finds the credential voided; one that
                // committed first is seen here as used.
                let row: Option<VoidRow> = sqlx::query_as(&sql)
                    .bind(hashes(token_hashes))
                    .fetch_optional(&mut *tx)
                    .await?;
                let Some(row) = row else {
                    return Ok(Voiding::Refused(VoidRefusal::Unknown));
                };
                let write = match row.step(now_s) {
                    Ok(step) => step,
                    Err(refused) => return Ok(refused),
                };
                let account: Option<String> = sqlx::query_scalar(
                    "UPDATE credentials SET used_at = COALESCE(used_at, $1), outcome = $2 \
                     WHERE id = $3 RETURNING \
                     (SELECT a.id FROM accounts a WHERE a.email_key = credentials.email_key)",
                )
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
            })
            .await
    }

    async fn credential_by_token(
        &self,
        token_hashes: &[Mac32],
        cooldown: Duration,
        policy: FailurePolicy,
        now: OffsetDateTime,
    ) -> StoreResult<Option<CredentialView>> {
        let sql =
            format!("SELECT {CREDENTIAL_COLUMNS} FROM credentials c WHERE c.token_hash = ANY($1)");
        let row: Option<CredentialRow> = self
            .0
            .timed(async {
                Ok(sqlx::query_as(&sql)
                    .bind(hashes(token_hashes))
                    .fetch_optional(&self.0.pool)
                    .await?)
            })
            .await?;
        row.map(|r| r.view(cooldown, policy, now)).transpose()
    }

    async fn credential_by_id(
        &self,
        id: &str,
        cooldown: Duration,
        policy: FailurePolicy,
        now: OffsetDateTime,
    ) -> StoreResult<Option<CredentialView>> {
        let sql = format!("SELECT {CREDENTIAL_COLUMNS} FROM credentials c WHERE c.id = $1");
        let row: Option<CredentialRow> = self
            .0
            .timed(async {
                Ok(sqlx::query_as(&sql)
                    .bind(id)
                    .fetch_optional(&self.0.pool)
                    .await?)
            })
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

impl PostgresSignIn {
    /// The account whose `column` (a fixed name, never input) holds `value`.
    async fn account_where(
        &self,
        column: &'static str,
        value: &str,
    ) -> StoreResult<Option<Account>> {
        let sql = format!("SELECT id, email FROM accounts WHERE {column} = $1");
        let row: Option<(String, String)> = self
            .0
            .timed(async {
                Ok(sqlx::query_as(&sql)
                    .bind(value)
                    .fetch_optional(&self.0.pool)
                    .await?)
            })
            .await?;
        row.map(|(id, email)| {
            Ok(Account {
                id,
                email: stored_email(&email)?,
            })
        })
        .transpose()
    }
}

#[async_trait]
impl Purge for PostgresSignIn {
    /// Credentials past their expiry, with the outbox rows written with them.
    async fn purge(&self, grace: Duration, now: OffsetDateTime) -> StoreResult<u64> {
        let cutoff = purge_cutoff(grace, now);
        let mut tx = self.0.pool.begin().await?;
        if !purge_lock(&mut tx, 1).await? {
            return Ok(0);
        }
        let mut removed = sqlx::query(
            "DELETE FROM outbox WHERE credential_id IN \
               (SELECT id FROM credentials WHERE expires_at <= $1)",
        )
        .bind(cutoff)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        removed += sqlx::query("DELETE FROM credentials WHERE expires_at <= $1")
            .bind(cutoff)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(removed)
    }
}

/// Finds or creates (sign-up on first use) the account, and clears its failure count. Two
/// instances signing one new address in at once meet on `email_key`'s unique index: the second
/// waits for the first's commit, inserts nothing, and reads the first's account.
async fn sign_in_account(
    conn: &mut PgConnection,
    email: &str,
    key: &str,
    now_s: i64,
) -> StoreResult<Account> {
    sqlx::query(
        "INSERT INTO accounts (id, email, email_key, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (email_key) DO NOTHING",
    )
    .bind(random_id())
    .bind(email)
    .bind(key)
    .bind(now_s)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM account_failures WHERE email_key = $1")
        .bind(key)
        .execute(&mut *conn)
        .await?;
    let (id, email): (String, String) =
        sqlx::query_as("SELECT id, email FROM accounts WHERE email_key = $1")
            .bind(key)
            .fetch_one(&mut *conn)
            .await?;
    Ok(Account {
        id,
        email: stored_email(&email)?,
    })
}
