//! What the SQL backends share: their rows, decoded with `sqlx::FromRow` into the types the
//! rules read, and the mapping of SQLx's errors to the backend-neutral `StoreError`.
use super::rules::{self, CredentialFacts, LimitFacts};
use super::{
    from_unix, KratosRequest, OutboxJob, RequestVoiding, StoreError, StoreResult, TrailEvent,
    TrailSubject,
};
use crate::domain::address_change::{change_state, ChangeFacts, ChangeView};
use crate::domain::credential::{CredentialView, FailurePolicy, VoidRefusal, Voiding};
use crate::domain::TrailKind;
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        StoreError::Unavailable(Arc::new(e))
    }
}

/// A credential as both pages read it: with its address's back-off end, its address's last
/// send and its email's outbox status (the statements name these columns so).
#[derive(Debug, sqlx::FromRow)]
pub(super) struct CredentialRow {
    id: String,
    email: String,
    requested_at: i64,
    requested_by: String,
    expires_at: i64,
    used_at: Option<i64>,
    outcome: Option<String>,
    attempts: i64,
    locked_until: i64,
    last_sent_at: i64,
    status: Option<String>,
    return_to: String,
}

impl CredentialRow {
    pub fn view(
        self,
        cooldown: Duration,
        policy: FailurePolicy,
        now: OffsetDateTime,
    ) -> StoreResult<CredentialView> {
        let facts = CredentialFacts {
            used_at: self.used_at,
            outcome: self.outcome.as_deref(),
            expires_at: self.expires_at,
            attempts: self.attempts,
            locked_until: self.locked_until,
        };
        let state = rules::credential_state(&facts, policy, now.unix_timestamp());
        Ok(CredentialView {
            id: self.id,
            email: rules::stored_email(&self.email)?,
            requested_at: from_unix(self.requested_at),
            requested_by: self.requested_by,
            expires_at: from_unix(self.expires_at),
            state,
            delivery: rules::delivery(self.status.as_deref()),
            next_send_at: from_unix(self.last_sent_at + cooldown.as_secs() as i64),
            return_to: self.return_to,
            attempts: self.attempts.clamp(0, i64::from(u32::MAX)) as u32,
        })
    }
}

/// The columns `CredentialRow` decodes, for a credential `c` (the same text on both backends).
pub(super) const CREDENTIAL_COLUMNS: &str = "c.id, c.email, c.requested_at, c.requested_by, \
     c.expires_at, c.used_at, c.outcome, c.attempts, \
     COALESCE((SELECT locked_until FROM account_failures f WHERE f.email_key = c.email_key), 0) \
       AS locked_until, \
     COALESCE((SELECT last_sent_at FROM email_limits l WHERE l.email_key = c.email_key), 0) \
       AS last_sent_at, \
     (SELECT status FROM outbox o WHERE o.credential_id = c.id) AS status, c.return_to";

/// What the refusal of a send reads (see `rules::send_refusal`).
#[derive(Debug, sqlx::FromRow)]
pub(super) struct LimitRow {
    locked_until: i64,
    last_sent_at: i64,
    window_start: i64,
    window_count: i64,
    newest_live: Option<String>,
}

impl From<LimitRow> for LimitFacts {
    fn from(r: LimitRow) -> Self {
        LimitFacts {
            locked_until: r.locked_until,
            last_sent_at: r.last_sent_at,
            window_start: r.window_start,
            window_count: r.window_count,
            newest_live: r.newest_live,
        }
    }
}

/// A redeemed credential: whose it was and where the browser goes next.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct RedeemedRow {
    pub id: String,
    pub email: String,
    pub email_key: String,
    pub return_to: String,
}

/// A credential as "this wasn't me" reads it, to decide (`rules::void_step`).
#[derive(Debug, sqlx::FromRow)]
pub(super) struct VoidRow {
    pub id: String,
    pub email: String,
    pub email_key: String,
    used_at: Option<i64>,
    outcome: Option<String>,
    expires_at: i64,
}

impl VoidRow {
    /// What to write, or the answer at once when nothing is to change.
    pub fn step(&self, now_s: i64) -> Result<VoidWrite, Voiding> {
        let facts = CredentialFacts {
            used_at: self.used_at,
            outcome: self.outcome.as_deref(),
            expires_at: self.expires_at,
            ..CredentialFacts::default()
        };
        match rules::void_step(&facts, now_s) {
            rules::VoidStep::Void {
                outcome,
                was_used,
                again,
            } => Ok(VoidWrite {
                outcome,
                was_used,
                again,
            }),
            rules::VoidStep::Refuse(why) => Err(Voiding::Refused(why)),
        }
    }
}

/// A void to write (`rules::VoidStep::Void`).
pub(super) struct VoidWrite {
    pub outcome: &'static str,
    was_used: bool,
    again: bool,
}

impl VoidWrite {
    /// Until when to hold the address: not at all when it was voided before (a second press
    /// renews nothing).
    pub fn hold_until(&self, hold: Duration, now_s: i64) -> Option<i64> {
        (!self.again).then(|| rules::hold_until(hold, now_s))
    }

    /// The answer once written; `account` is the address's, named only if it signed in.
    pub fn voided(&self, row: VoidRow, account: Option<String>) -> StoreResult<Voiding> {
        Ok(Voiding::Voided {
            email: rules::stored_email(&row.email)?,
            credential_id: row.id,
            used_by: account.filter(|_| self.was_used),
            again: self.again,
        })
    }
}

/// The columns of `VoidRow`, for both backends' statements.
pub(super) const VOID_COLUMNS: &str = "id, email, email_key, used_at, outcome, expires_at";

/// A code entry's effect on its credential.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct CodeRow {
    pub id: String,
    pub matched: bool,
    pub attempts: i64,
    pub email: String,
    pub email_key: String,
    pub return_to: String,
}

#[derive(Debug, sqlx::FromRow)]
pub(super) struct OutboxRow {
    id: String,
    recipient: String,
    payload: Vec<u8>,
    attempts: i64,
    deadline: i64,
}

impl From<OutboxRow> for OutboxJob {
    fn from(r: OutboxRow) -> Self {
        OutboxJob {
            id: r.id,
            recipient: r.recipient,
            payload: r.payload,
            attempts: r.attempts.clamp(0, i64::from(u32::MAX)) as u32,
            deadline: from_unix(r.deadline),
        }
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(super) struct StatsRow {
    pub pending: i64,
    pub oldest: i64,
    pub failed: i64,
    pub today: i64,
}

#[derive(Debug, sqlx::FromRow)]
pub(super) struct KratosRequestRow {
    flow_id: String,
    email: String,
    locale: String,
    requested_by: String,
    requested_at: i64,
    return_to: String,
    expires_at: i64,
    used_at: Option<i64>,
    voided_at: Option<i64>,
}

impl KratosRequestRow {
    /// "This wasn't me" on a request, as on Iris's own credentials (`rules::void_step`):
    /// whether it was voided before (then nothing is written), or the refusal to answer.
    pub fn voided_before(&self, now_s: i64) -> Result<bool, VoidRefusal> {
        match self.void_step(now_s) {
            rules::VoidStep::Void { again, .. } => Ok(again),
            rules::VoidStep::Refuse(why) => Err(why),
        }
    }

    /// The answer once written.
    pub fn voided(self, again: bool) -> RequestVoiding {
        RequestVoiding::Voided {
            request: self.into(),
            again,
        }
    }

    fn void_step(&self, now_s: i64) -> rules::VoidStep {
        let outcome = match (self.voided_at, self.used_at) {
            (Some(_), Some(_)) => Some(rules::VOIDED_AFTER_USE),
            (Some(_), None) => Some(rules::VOIDED),
            (None, Some(_)) => Some("signed_in"),
            (None, None) => None,
        };
        let facts = CredentialFacts {
            used_at: self.used_at.or(self.voided_at),
            outcome,
            expires_at: self.expires_at,
            ..CredentialFacts::default()
        };
        rules::void_step(&facts, now_s)
    }

    /// The address's lookup key.
    pub fn email_key(&self) -> StoreResult<String> {
        Ok(rules::stored_email(&self.email)?.canonical().to_owned())
    }
}

impl From<KratosRequestRow> for KratosRequest {
    fn from(r: KratosRequestRow) -> Self {
        KratosRequest {
            flow_id: r.flow_id,
            email: r.email,
            locale: r.locale,
            requested_by: r.requested_by,
            requested_at: r.requested_at,
            return_to: r.return_to,
            expires_at: r.expires_at,
            used_at: r.used_at,
            voided_at: r.voided_at,
        }
    }
}

/// The outbox's `credential_id` for emails that belong to no Iris credential (Kratos's courier).
pub(super) const COURIER: &str = "kratos-courier";

/// The columns of `KratosRequestRow`, for both backends' statements.
pub(super) const KRATOS_REQUEST_COLUMNS: &str =
    "flow_id, email, locale, requested_by, requested_at, return_to, expires_at, used_at, \
     voided_at";

/// An address change as the pages read it (`CHANGE_COLUMNS`).
#[derive(Debug, sqlx::FromRow)]
pub(super) struct ChangeRow {
    id: String,
    account_id: String,
    old_email: String,
    new_email: String,
    requested_at: i64,
    requested_by: String,
    expires_at: i64,
    confirmed_at: Option<i64>,
    reverted_at: Option<i64>,
    superseded: bool,
    revert_until: Option<i64>,
    attempts: i64,
}

pub(super) const CHANGE_COLUMNS: &str = "id, account_id, old_email, new_email, requested_at, \
    requested_by, expires_at, confirmed_at, reverted_at, superseded, revert_until, attempts";

impl ChangeRow {
    pub fn view(self, max_attempts: u32, now: OffsetDateTime) -> StoreResult<ChangeView> {
        let facts = ChangeFacts {
            confirmed_at: self.confirmed_at,
            reverted_at: self.reverted_at,
            superseded: self.superseded,
            expires_at: self.expires_at,
            revert_until: self.revert_until,
            attempts: self.attempts,
        };
        Ok(ChangeView {
            state: change_state(&facts, max_attempts, now.unix_timestamp()),
            id: self.id,
            account_id: self.account_id,
            old_email: rules::stored_email(&self.old_email)?,
            new_email: rules::stored_email(&self.new_email)?,
            requested_at: from_unix(self.requested_at),
            requested_by: self.requested_by,
            expires_at: from_unix(self.expires_at),
            confirmed_at: self.confirmed_at.map(from_unix),
        })
    }
}

/// What a confirmation needs of the change it just used, read in its transaction.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct ChangeMove {
    pub account_id: String,
    pub old_email: String,
    pub old_email_key: String,
    pub new_email: String,
    pub new_email_key: String,
    pub notice: Option<Vec<u8>>,
    pub notice_outbox_id: String,
}

pub(super) const CHANGE_MOVE_COLUMNS: &str =
    "account_id, old_email, old_email_key, new_email, new_email_key, notice, notice_outbox_id";

/// How long the notice to the old address may wait to be sent: a day (it is about a change
/// its owner can undo for longer).
pub(super) const NOTICE_DEADLINE_SECS: i64 = 24 * 3600;

/// Whether a failed statement broke a unique constraint (another account has the address).
pub(super) fn is_unique_violation(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .is_some_and(|d| d.is_unique_violation())
}
/// A `trail_events` row: `(at, account_id, kind, browser, ip)`.
pub(super) type TrailRow = (i64, String, String, String, String);

pub(super) fn trail_event(
    (at, account_id, kind, browser, ip): TrailRow,
) -> StoreResult<TrailEvent> {
    Ok(TrailEvent {
        at: from_unix(at),
        account_id,
        kind: TrailKind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown trail kind {kind:?}")))?,
        browser,
        ip,
    })
}

/// The trail's statements with `?` placeholders (PostgreSQL's are numbered from them):
/// recording binds `at, kind, browser, ip` and then the subject, whose account is looked up in
/// the same statement (no row when none matches).
pub(super) fn trail_record_sql(subject: &TrailSubject<'_>) -> &'static str {
    match subject {
        TrailSubject::Account(_) => {
            "INSERT INTO trail_events (at, kind, browser, ip, account_id) SELECT ?, ?, ?, ?, ?"
        }
        TrailSubject::Address(_) => {
            "INSERT INTO trail_events (at, kind, browser, ip, account_id) \
             SELECT ?, ?, ?, ?, id FROM accounts WHERE email_key = ?"
        }
        TrailSubject::Credential(_) => {
            "INSERT INTO trail_events (at, kind, browser, ip, account_id) \
             SELECT ?, ?, ?, ?, a.id FROM credentials c \
             JOIN accounts a ON a.email_key = c.email_key WHERE c.id = ?"
        }
    }
}

/// The subject's bind: an account id, a canonical address or a credential id.
pub(super) fn trail_subject<'a>(subject: &TrailSubject<'a>) -> &'a str {
    match *subject {
        TrailSubject::Account(s) | TrailSubject::Address(s) | TrailSubject::Credential(s) => s,
    }
}

/// Binds: account id, limit. Ties in a second keep the order recorded (the row id).
pub(super) const TRAIL_RECENT: &str = "SELECT at, account_id, kind, browser, ip \
     FROM trail_events WHERE account_id = ? ORDER BY at DESC, id DESC LIMIT ?";

/// Binds: the cutoff (`rules::purge_cutoff(retention, now)`).
pub(super) const TRAIL_PURGE: &str = "DELETE FROM trail_events WHERE at <= ?";
