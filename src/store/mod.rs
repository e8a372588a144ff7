//! Storage seams. SQL lives only below this module; callers see these traits and types.
//! Every method that compares against "now" takes it as an argument (the injected clock).
mod sqlite;

pub use sqlite::{OpenError, SqliteStore};

use crate::domain::EmailAddress;
use crate::secrets::Mac32;
pub use crate::sign_in::{Backoff, CodeEntry};
use async_trait::async_trait;
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Shared, because one failed batch answers every request in it.
    #[error("the database is unavailable")]
    Unavailable(#[source] Arc<sqlx::Error>),
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        StoreError::Unavailable(Arc::new(e))
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

#[derive(Debug, Clone)]
pub struct Account {
    pub id: String,
    pub email: EmailAddress,
}

/// Everything needed to issue one emailed credential, decided before the transaction starts.
#[derive(Debug)]
pub struct IssueRequest {
    pub email: EmailAddress,
    pub recipients: Recipients,
    pub credential_id: String,
    pub token_hash: Mac32,
    pub code_hash: Mac32,
    pub return_to: String,
    pub requested_by: String,
    pub expires_at: OffsetDateTime,
    pub outbox_id: String,
    /// Sealed email content (token, code, context); the store never sees it in clear.
    pub sealed_payload: Vec<u8>,
    pub limits: SendLimits,
    /// The asking browser has signed in to this address before (its known-device cookie): the
    /// hourly budget and the failure back-off do not apply to it (the cooldown does).
    pub trusted: bool,
}

/// Which addresses a sign-in email is actually delivered to (the others get the same answer
/// and the same work, and no email: security.md item 19).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipients {
    /// Any address (sign-up on).
    Anyone,
    /// Addresses with an account in this store.
    Accounts,
    /// Another system owns the identities (Kratos) and has said whether this address has one;
    /// this store's accounts are not consulted.
    Decided(bool),
}

#[derive(Debug, Clone, Copy)]
pub struct SendLimits {
    pub cooldown: Duration,
    pub per_hour: u32,
    /// All addresses together, per UTC day.
    pub per_day: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueOutcome {
    /// Credential and outbox row committed together.
    Issued { credential_id: String },
    /// Within the cooldown: nothing new was created; the newest live credential stays valid.
    CoolingDown {
        credential_id: Option<String>,
        retry_after: u64,
    },
    /// The hourly budget for this address is spent.
    HourlyLimit { retry_after: u64 },
    /// Too many wrong codes for this address recently: back-off in force.
    Locked { retry_after: u64 },
    /// Today's outbound budget (all addresses) is spent; it renews at midnight UTC.
    DailyBudget { retry_after: u64 },
}

/// Why a credential could not be used. The same for known and unknown addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Unknown,
    Used,
    Superseded,
    Expired,
    TooManyAttempts,
    Locked { retry_after: u64 },
}

#[derive(Debug, Clone)]
pub enum Redemption {
    /// `account` is the Iris account when Iris owns the session; `None` when another system
    /// (Kratos) issued it.
    SignedIn {
        account: Option<Account>,
        /// The address signed in to (the browser becomes a known device for it).
        email: EmailAddress,
        return_to: String,
    },
    /// `attempts_left` when known (Kratos does not say).
    WrongCode {
        attempts_left: Option<u32>,
    },
    Refused(Refusal),
}

#[derive(Debug, Clone, Copy)]
pub struct FailurePolicy {
    pub max_attempts: u32,
    pub account_failures: u32,
    pub backoff_max: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Pending,
    Sent,
    Failed,
}

/// What the pages show about a credential: never the secrets.
#[derive(Debug, Clone)]
pub struct CredentialView {
    pub id: String,
    pub email: EmailAddress,
    pub requested_at: OffsetDateTime,
    pub requested_by: String,
    pub expires_at: OffsetDateTime,
    pub state: Result<(), Refusal>,
    pub delivery: Delivery,
    /// When this address may be sent another email.
    pub next_send_at: OffsetDateTime,
    /// Validated when the credential was issued; a resend keeps it.
    pub return_to: String,
    /// Wrong codes entered for it so far.
    pub attempts: u32,
}

impl CredentialView {
    /// The view as this browser meets it: the account's back-off does not show where it does
    /// not apply to the browser (see `sign_in::Backoff`).
    pub fn for_browser(mut self, backoff: Backoff) -> Self {
        let exempt = match backoff {
            Backoff::Exempt => true,
            Backoff::UntilOwnFailure => self.attempts == 0,
            Backoff::Applies => false,
        };
        if exempt && matches!(self.state, Err(Refusal::Locked { .. })) {
            self.state = Ok(());
        }
        self
    }
}

#[derive(Debug, Clone)]
pub struct OutboxJob {
    pub id: String,
    pub recipient: String,
    pub payload: Vec<u8>,
    pub attempts: u32,
    pub deadline: OffsetDateTime,
}

#[async_trait]
pub trait SignInStore: Send + Sync {
    /// Checks the address's back-off and send limits, then commits the credential and its outbox
    /// row in one transaction (security.md item 44). Mail goes to the stored address of record.
    async fn issue(&self, req: IssueRequest, now: OffsetDateTime) -> StoreResult<IssueOutcome>;

    /// Consumes the credential whose token MAC is one of `token_hashes` with a single
    /// conditional write; at most one caller ever gets `SignedIn` (security.md item 4). The
    /// account's failure back-off does not apply: it slows the guessing of codes, and a link
    /// cannot be guessed.
    async fn redeem_link(
        &self,
        token_hashes: &[Mac32],
        policy: FailurePolicy,
        now: OffsetDateTime,
    ) -> StoreResult<Redemption>;

    /// Counts the attempt and consumes the credential if the code matches, in one conditional
    /// write; a wrong code also counts against the account (across credentials). `entry` says
    /// whether the account's back-off stops this browser, and whether its wrong codes use up
    /// the credential's tries.
    async fn redeem_code(
        &self,
        credential_id: &str,
        code_hashes: &[Mac32],
        policy: FailurePolicy,
        entry: CodeEntry,
        now: OffsetDateTime,
    ) -> StoreResult<Redemption>;

    /// Gives back a credential that `redeem_*` consumed at `used_at` when what should have
    /// followed failed (Kratos could not be reached for the session): the email still works.
    async fn release(&self, credential_id: &str, used_at: OffsetDateTime) -> StoreResult<()>;

    /// Read-only: what the confirm page shows for a link. Never consumes anything.
    async fn credential_by_token(
        &self,
        token_hashes: &[Mac32],
        cooldown: Duration,
        policy: FailurePolicy,
        now: OffsetDateTime,
    ) -> StoreResult<Option<CredentialView>>;

    /// Read-only: what the check-your-inbox page shows.
    async fn credential_by_id(
        &self,
        id: &str,
        cooldown: Duration,
        policy: FailurePolicy,
        now: OffsetDateTime,
    ) -> StoreResult<Option<CredentialView>>;
}

/// Per-address limits and failure counts for flows whose credentials live elsewhere (Kratos):
/// the same rules and tables as Iris's own credentials.
#[async_trait]
pub trait AddressLimits: Send + Sync {
    /// Counts one email to `email` if back-off, cooldown and hourly budget allow it (for a
    /// `trusted` browser, a known device for the address, the cooldown alone); otherwise says
    /// why not (never `Issued`).
    async fn count_send(
        &self,
        email: &EmailAddress,
        limits: SendLimits,
        trusted: bool,
        now: OffsetDateTime,
    ) -> StoreResult<Option<IssueOutcome>>;
    /// Takes back a `count_send` made at `now` whose email could not be requested (the
    /// dependency failed): a failed request must not cost the user a cooldown.
    async fn uncount_send(&self, email: &EmailAddress, now: OffsetDateTime) -> StoreResult<()>;
    /// Seconds of back-off left for this address, if any.
    async fn locked_for(
        &self,
        email: &EmailAddress,
        now: OffsetDateTime,
    ) -> StoreResult<Option<u64>>;
    async fn record_failure(
        &self,
        email: &EmailAddress,
        policy: FailurePolicy,
        now: OffsetDateTime,
    ) -> StoreResult<()>;
    async fn clear_failures(&self, email: &EmailAddress) -> StoreResult<()>;
}

/// The outbox and today's budget at one moment, for the metrics.
#[derive(Debug, Clone, Copy, Default)]
pub struct OutboxStats {
    /// Queued or being sent.
    pub pending: u64,
    pub oldest_pending_age_secs: u64,
    /// Failed and not yet purged.
    pub failed: u64,
    /// Sign-in emails counted against today's budget (UTC).
    pub emails_today: u64,
}

#[async_trait]
pub trait OutboxStore: Send + Sync {
    /// Queues an email that belongs to no Iris credential (Kratos's courier hook): the sealed
    /// payload is sent before `deadline` or fails.
    async fn enqueue(
        &self,
        id: &str,
        recipient: &str,
        sealed_payload: &[u8],
        deadline: OffsetDateTime,
        now: OffsetDateTime,
    ) -> StoreResult<()>;
    /// Leases up to `limit` due rows (queued, or sending with a lapsed lease).
    async fn claim(
        &self,
        lease: Duration,
        limit: u32,
        now: OffsetDateTime,
    ) -> StoreResult<Vec<OutboxJob>>;
    /// Marks these rows sent and drops their sealed payloads.
    async fn sent(&self, ids: &[String], now: OffsetDateTime) -> StoreResult<()>;
    async fn retry_at(&self, id: &str, at: OffsetDateTime, error: &str) -> StoreResult<()>;
    /// Marks failed and drops the sealed payload.
    async fn failed(&self, id: &str, error: &str, now: OffsetDateTime) -> StoreResult<()>;
    /// Deletes spent credentials, expired sessions and stale payloads older than `grace`.
    async fn purge(&self, grace: Duration, now: OffsetDateTime) -> StoreResult<u64>;
    /// The outbox and today's budget now (a read; for `/metrics`).
    async fn stats(&self, now: OffsetDateTime) -> StoreResult<OutboxStats>;
}

#[async_trait]
pub trait SessionRecords: Send + Sync {
    async fn load_session(
        &self,
        key_hash: &[u8],
        now: OffsetDateTime,
    ) -> StoreResult<Option<String>>;
    async fn save_session(
        &self,
        key_hash: &[u8],
        state: &str,
        expires_at: OffsetDateTime,
    ) -> StoreResult<()>;
    /// Updates a live session; `false` when it is gone (purged or expired), so a concurrent
    /// request can never bring a signed-out session back.
    async fn update_session(
        &self,
        key_hash: &[u8],
        state: &str,
        expires_at: OffsetDateTime,
    ) -> StoreResult<bool>;
    async fn touch_session(&self, key_hash: &[u8], expires_at: OffsetDateTime) -> StoreResult<()>;
    async fn delete_session(&self, key_hash: &[u8]) -> StoreResult<()>;
}

/// A sign-in request Iris made to Kratos for a browser. No secret: Kratos holds those.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KratosRequest {
    pub flow_id: String,
    /// As typed (its canonical form is the lookup key).
    pub email: String,
    pub locale: String,
    pub requested_by: String,
    pub requested_at: i64,
    pub return_to: String,
    pub expires_at: i64,
    /// When Kratos redeemed this request's link through Iris.
    pub used_at: Option<i64>,
}

#[async_trait]
pub trait KratosRequests: Send + Sync {
    /// Records (or refreshes, on a resend in the same flow) a request.
    async fn record_request(&self, request: &KratosRequest, email_key: &str) -> StoreResult<()>;
    async fn request_by_flow(&self, flow_id: &str) -> StoreResult<Option<KratosRequest>>;
    /// Kratos redeemed the request's link: later visits to it say "already used".
    async fn mark_request_used(&self, flow_id: &str, now: OffsetDateTime) -> StoreResult<()>;
    /// The newest live request for an address (for Kratos's code emails, which name no flow).
    async fn latest_request(
        &self,
        email_key: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Option<KratosRequest>>;
}

#[async_trait]
pub trait Store:
    SignInStore + AddressLimits + OutboxStore + SessionRecords + KratosRequests
{
    /// Readiness: can the store answer a trivial query right now?
    async fn ping(&self) -> StoreResult<()>;
}

pub type SharedStore = Arc<dyn Store>;

pub(crate) fn unix(t: OffsetDateTime) -> i64 {
    t.unix_timestamp()
}

pub fn from_unix(s: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(s).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// Back-off once an account passes its failure threshold: 30 s, doubling, capped.
pub(crate) fn backoff_secs(failures: u32, policy: FailurePolicy) -> u64 {
    if failures < policy.account_failures {
        return 0;
    }
    let over = (failures - policy.account_failures).min(16);
    (30u64 << over).min(policy.backoff_max.as_secs())
}
