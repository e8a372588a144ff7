//! Credentials, send limits, per-account failures and accounts.
use super::accounts::{count_failure, sign_in_account};
use super::issue_batch::Job;
use super::{budget_day, placeholders, SqliteStore};
use crate::domain::EmailAddress;
use crate::secrets::Mac32;
use crate::store::{
    from_unix, unix, Backoff, CodeEntry, CredentialView, Delivery, FailurePolicy, IssueOutcome,
    IssueRequest, Redemption, Refusal, SendLimits, SignInStore, StoreError, StoreResult,
};
use async_trait::async_trait;
use sqlx::{Sqlite, Transaction};
use std::time::Duration;
use time::OffsetDateTime;

type CredentialRow = (
    String,
    String,
    i64,
    String,
    i64,
    Option<i64>,
    Option<String>,
    i64,
    i64,
    i64,
    Option<String>,
    String,
);
const CREDENTIAL_COLUMNS: &str = "c.id, c.email, c.requested_at, c.requested_by, c.expires_at, \
     c.used_at, c.outcome, c.attempts, \
     COALESCE((SELECT locked_until FROM account_failures f WHERE f.email_key = c.email_key), 0), \
     COALESCE((SELECT last_sent_at FROM email_limits l WHERE l.email_key = c.email_key), 0), \
     (SELECT status FROM outbox o WHERE o.credential_id = c.id), c.return_to";

#[async_trait]
impl SignInStore for SqliteStore {
    async fn issue(&self, req: IssueRequest, now: OffsetDateTime) -> StoreResult<IssueOutcome> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let stopped = || StoreError::Corrupt("the issuing task has stopped".into());
        self.issuer
            .send(Job { req, now, reply })
            .await
            .map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }

    async fn redeem_link(
        &self,
        token_hashes: &[Mac32],
        policy: FailurePolicy,
        now: OffsetDateTime,
    ) -> StoreResult<Redemption> {
        let now_s = unix(now);
        let mut tx = self.write_tx().await?;
        let sql = format!(
            "UPDATE credentials SET used_at = ?, outcome = 'signed_in' \
             WHERE token_hash IN ({}) AND used_at IS NULL AND expires_at > ? AND attempts < ? \
             AND deliverable = 1 \
             RETURNING email, email_key, return_to",
            placeholders(token_hashes.len())
        );
        let mut q = sqlx::query_as::<_, (String, String, String)>(&sql).bind(now_s);
        for h in token_hashes {
            q = q.bind(&h[..]);
        }
        let row = q
            .bind(now_s)
            .bind(policy.max_attempts)
            .fetch_optional(&mut *tx)
            .await?;
        match row {
            Some((email, key, return_to)) => {
                let account = sign_in_account(&mut tx, &email, &key, now_s).await?;
                tx.commit().await?;
                Ok(Redemption::SignedIn {
                    email: account.email.clone(),
                    account: Some(account),
                    return_to,
                })
            }
            None => {
                tx.rollback().await?;
                let view = self
                    .credential_by_token(token_hashes, Duration::ZERO, policy, now)
                    .await?;
                Ok(Redemption::Refused(view.map_or(Refusal::Unknown, |v| {
                    v.for_browser(Backoff::Exempt)
                        .state
                        .err()
                        .unwrap_or(Refusal::Used)
                })))
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
        let backoff = entry.backoff;
        let now_s = unix(now);
        let mut tx = self.write_tx().await?;
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
             RETURNING used_at IS NOT NULL, attempts, email, email_key, return_to"
        );
        let mut q = sqlx::query_as::<_, (bool, i64, String, String, String)>(&sql)
            .bind(i64::from(entry.uses_tries));
        // Bind order follows the SQL text: IN list, THEN value, IN list again.
        for h in code_hashes {
            q = q.bind(&h[..]);
        }
        q = q.bind(now_s);
        for h in code_hashes {
            q = q.bind(&h[..]);
        }
        let exemption = match backoff {
            Backoff::Applies => 0,
            Backoff::UntilOwnFailure => 1,
            Backoff::Exempt => 2,
        };
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
            Some((true, _, email, key, return_to)) => {
                let account = sign_in_account(&mut tx, &email, &key, now_s).await?;
                Redemption::SignedIn {
                    email: account.email.clone(),
                    account: Some(account),
                    return_to,
                }
            }
            Some((false, attempts, _, key, _)) => {
                count_failure(&mut tx, &key, policy, now_s).await?;
                let left = i64::from(policy.max_attempts)
                    .saturating_sub(attempts)
                    .max(0);
                if !entry.uses_tries {
                    // The tries are the asking browser's; this one is held by the back-off.
                    Redemption::WrongCode {
                        attempts_left: None,
                    }
                } else if left == 0 {
                    Redemption::Refused(Refusal::TooManyAttempts)
                } else {
                    Redemption::WrongCode {
                        attempts_left: Some(left as u32),
                    }
                }
            }
            None => {
                tx.rollback().await?;
                let view = self
                    .credential_by_id(credential_id, Duration::ZERO, policy, now)
                    .await?;
                return Ok(Redemption::Refused(view.map_or(Refusal::Unknown, |v| {
                    v.for_browser(backoff).state.err().unwrap_or(Refusal::Used)
                })));
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
        .execute(&self.writer)
        .await?;
        Ok(())
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
        let row = q.fetch_optional(&self.pool).await?;
        row.map(|r| view(r, cooldown, policy, now)).transpose()
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
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| view(r, cooldown, policy, now)).transpose()
    }
}

fn view(
    row: CredentialRow,
    cooldown: Duration,
    policy: FailurePolicy,
    now: OffsetDateTime,
) -> StoreResult<CredentialView> {
    let (
        id,
        email,
        requested_at,
        requested_by,
        expires_at,
        used_at,
        outcome,
        attempts,
        locked_until,
        last_sent,
        status,
        return_to,
    ) = row;
    let now_s = unix(now);
    let state = if used_at.is_some() {
        Err(match outcome.as_deref() {
            Some("superseded") => Refusal::Superseded,
            _ => Refusal::Used,
        })
    } else if expires_at <= now_s {
        Err(Refusal::Expired)
    } else if attempts >= i64::from(policy.max_attempts) {
        Err(Refusal::TooManyAttempts)
    } else if locked_until > now_s {
        Err(Refusal::Locked {
            retry_after: (locked_until - now_s) as u64,
        })
    } else {
        Ok(())
    };
    // SECURITY: an undeliverable row reports "pending" like a queued one, so the pages for
    // unknown addresses look exactly like those for known ones (security.md item 48).
    let delivery = match status.as_deref() {
        Some("sent") => Delivery::Sent,
        Some("failed") => Delivery::Failed,
        _ => Delivery::Pending,
    };
    Ok(CredentialView {
        id,
        email: parse_stored(&email)?,
        requested_at: from_unix(requested_at),
        requested_by,
        expires_at: from_unix(expires_at),
        state,
        delivery,
        next_send_at: from_unix(last_sent + cooldown.as_secs() as i64),
        return_to,
        attempts: attempts.max(0) as u32,
    })
}

pub(super) fn parse_stored(email: &str) -> StoreResult<EmailAddress> {
    EmailAddress::from_stored(email)
        .map_err(|_| StoreError::Corrupt("a stored email address no longer parses".into()))
}

/// Why `count_sends` did not count a send to `key`: back-off, cooldown (with the credential
/// that stays valid) or the hourly budget; when none of them holds, the day's budget had no
/// room left for it. Runs inside the same transaction, so it sees what the upsert saw.
pub(super) async fn refusal(
    tx: &mut Transaction<'static, Sqlite>,
    key: &str,
    limits: SendLimits,
    trusted: bool,
    now_s: i64,
) -> StoreResult<IssueOutcome> {
    let (locked_until, last, start, count): (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT COALESCE((SELECT locked_until FROM account_failures WHERE email_key = ?1), 0), \
         COALESCE(l.last_sent_at, 0), COALESCE(l.window_start, 0), COALESCE(l.window_count, 0) \
         FROM (SELECT 1) LEFT JOIN email_limits l ON l.email_key = ?1",
    )
    .bind(key)
    .fetch_one(&mut **tx)
    .await?;
    let wait = |until: i64| (until - now_s).max(1) as u64;
    Ok(if locked_until > now_s && !trusted {
        IssueOutcome::Locked {
            retry_after: wait(locked_until),
        }
    } else if now_s < last + limits.cooldown.as_secs() as i64 {
        IssueOutcome::CoolingDown {
            credential_id: newest_live(tx, key, now_s).await?,
            retry_after: wait(last + limits.cooldown.as_secs() as i64),
        }
    } else if now_s < start + 3600 && count >= i64::from(limits.per_hour) && !trusted {
        IssueOutcome::HourlyLimit {
            retry_after: wait(start + 3600),
        }
    } else {
        IssueOutcome::DailyBudget {
            retry_after: wait((budget_day(now_s) + 1) * 86_400),
        }
    })
}

async fn newest_live(
    tx: &mut Transaction<'static, Sqlite>,
    key: &str,
    now_s: i64,
) -> StoreResult<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM credentials WHERE email_key = ? AND used_at IS NULL AND expires_at > ? \
         ORDER BY requested_at DESC LIMIT 1",
    )
    .bind(key)
    .bind(now_s)
    .fetch_optional(&mut **tx)
    .await?)
}
