//! Storage seams. SQL lives only below this module; callers see these traits and the domain's
//! credential vocabulary. Each trait has its own handle in `Stores`, so one backend can take
//! over some of them (sessions, say) while the others stay where they are. Every method that
//! compares against "now" takes it as an argument (the injected clock).
mod ip_limits;
mod issue_queue;
mod measured;
mod postgres;
pub mod purge;
mod redis;
pub mod rules;
mod sql;
mod sqlite;
mod trail;

pub use ip_limits::LocalIpLimits;
pub use measured::StoreObserver;
pub use postgres::PostgresStore;
pub use purge::Purger;
pub use redis::RedisStore;
pub use sqlite::SqliteStore;
pub use trail::{Trail, TrailEntry, TrailEvent, TrailSubject};

use crate::domain::address_change::{ChangeOutcome, ChangeView, RevertOutcome};
use crate::domain::credential::{
    Account, CodeEntry, CredentialView, FailurePolicy, IssueOutcome, Redemption, SendLimits,
    VoidRefusal, Voiding,
};
use crate::domain::EmailAddress;
use crate::secrets::Mac32;
use async_trait::async_trait;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;

/// What a backend's failure carries, whatever the backend: its error, kept as the source so
/// the log shows the whole chain. Shared, because one failed batch answers every request in it.
pub type BackendError = Arc<dyn std::error::Error + Send + Sync + 'static>;

#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    #[error("the database is unavailable")]
    Unavailable(#[source] BackendError),
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Why a backend could not be opened. Each names `store.url`; none repeats the URL (it may
/// hold a password).
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("store.url: {0}")]
    Url(#[source] BackendError),
    #[error("store.url: cannot create the database folder {0}: {1}")]
    Folder(String, #[source] std::io::Error),
    #[error("store.url: cannot open the database: {0}")]
    Connect(#[source] BackendError),
    #[error("store.url: migrations failed: {0}")]
    Migrate(#[source] BackendError),
    #[error("store.redis_url: cannot connect: {0}")]
    Redis(#[source] BackendError),
    #[error("{0}")]
    Config(&'static str),
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
    /// `domain::masked_ip` of the asking client: the trail's "email requested" event says it.
    pub requested_ip: String,
    pub outbox_id: String,
    /// Sealed email content (token, code, context); the store never sees it in clear.
    pub sealed_payload: Vec<u8>,
    pub limits: SendLimits,
    /// The asking browser has signed in to this address before (its known-device cookie): the
    /// hourly budget and the failure back-off do not apply to it (the cooldown does).
    pub trusted: bool,
}

/// Which addresses a sign-in email is actually delivered to (the others get the same answer
/// and the same work, and no email: SECURITY.md item 19).
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

impl Recipients {
    /// Delivered only when the address has an account in this store.
    pub fn needs_account(self) -> bool {
        self == Recipients::Accounts
    }

    /// Delivered whatever this store knows of the address.
    pub fn always(self) -> bool {
        matches!(self, Recipients::Anyone | Recipients::Decided(true))
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

/// Every trait deletes its own dead rows: what is older than `grace` past its end.
#[async_trait]
pub trait Purge: Send + Sync {
    /// Deletes what this store no longer needs; returns how many rows went. A backend shared
    /// by several instances runs it on one instance at a time.
    async fn purge(&self, grace: Duration, now: OffsetDateTime) -> StoreResult<u64>;
}

#[async_trait]
pub trait SignInStore: Purge {
    /// Checks the address's back-off and send limits, then commits the credential and its outbox
    /// row in one transaction (SECURITY.md item 44). Mail goes to the stored address of record.
    async fn issue(&self, req: IssueRequest, now: OffsetDateTime) -> StoreResult<IssueOutcome>;

    /// Consumes the credential whose token MAC is one of `token_hashes` with a single
    /// conditional write; at most one caller ever gets `SignedIn` (SECURITY.md item 4). The
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

    /// "This wasn't me", in one transaction: voids the credential whose token MAC is one of
    /// `token_hashes` (its link and its code), used or not, and holds its address with the
    /// failure back-off for `hold` (a back-off already in force that ends later is kept).
    /// A used credential names the account that signed in with it. One voided before gets the
    /// same answer marked `again`, and nothing changes (the hold is not renewed). Refuses,
    /// changing nothing, an unknown token and one that expired unused (`rules::void_step`). A
    /// redemption racing it either signs in first (and is named) or finds the credential voided.
    async fn void_credential(
        &self,
        token_hashes: &[Mac32],
        hold: Duration,
        now: OffsetDateTime,
    ) -> StoreResult<Voiding>;

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

    /// The account an address belongs to (`None`: it never signed in), for operators.
    async fn account_by_email(&self, email: &EmailAddress) -> StoreResult<Option<Account>>;

    /// The account with this id (an application's consent names it: Hydra's subject).
    async fn account_by_id(&self, id: &str) -> StoreResult<Option<Account>>;
}

/// Per-address limits and failure counts for flows whose credentials live elsewhere (Kratos):
/// the same rules and tables as Iris's own credentials.
#[async_trait]
pub trait AddressLimits: Purge {
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
pub trait OutboxStore: Purge {
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
    /// Leases up to `limit` due rows (queued, or sending with a lapsed lease); two workers,
    /// in one process or in two, never hold the same row at once.
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
    /// The outbox and today's budget now (a read; for `/metrics`).
    async fn stats(&self, now: OffsetDateTime) -> StoreResult<OutboxStats>;
}

/// A live session as stored: its state and when it ends unless touched (the idle expiry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSession {
    pub state: String,
    /// Whole seconds, as stored.
    pub expires_at: OffsetDateTime,
}

/// One of an account's live sessions, as the account page and the admin listener list them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountSession {
    pub key_hash: Vec<u8>,
    /// When it ends unless used (the idle expiry, whole seconds).
    pub expires_at: OffsetDateTime,
    /// Its state, as saved (what the account page says of it is in there).
    pub state: String,
}

/// Server-side session records, keyed by a hash of the cookie's session key. A session that
/// is signed in carries its account's id, so an account's sessions can be listed and ended.
#[async_trait]
pub trait SessionRecords: Purge {
    /// The session's state and stored expiry, or `None` once it has expired (`expires_at <=
    /// now`) or is gone. The expiry lets the caller decide whether a touch is due at all
    /// (`web::session` moves it at most once a minute), so a check is a read, not a write.
    async fn load_session(
        &self,
        key_hash: &[u8],
        now: OffsetDateTime,
    ) -> StoreResult<Option<StoredSession>>;
    async fn save_session(
        &self,
        key_hash: &[u8],
        account_id: Option<&str>,
        state: &str,
        expires_at: OffsetDateTime,
    ) -> StoreResult<()>;
    /// Updates a stored session; `false` when it is gone (deleted or purged), so a concurrent
    /// request can never bring a signed-out session back. (An expired one never loads.)
    async fn update_session(
        &self,
        key_hash: &[u8],
        account_id: Option<&str>,
        state: &str,
        expires_at: OffsetDateTime,
    ) -> StoreResult<bool>;
    /// Moves the expiry forward to `expires_at`; never backward (a later value stays), and a
    /// session that is gone stays gone. Instances and workers that decide a touch is due at the
    /// same moment thus agree, whatever order their writes land in.
    async fn touch_session(&self, key_hash: &[u8], expires_at: OffsetDateTime) -> StoreResult<()>;
    async fn delete_session(&self, key_hash: &[u8]) -> StoreResult<()>;
    /// An account's sessions still live at `now`, the soonest to end first.
    async fn account_sessions(
        &self,
        account_id: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Vec<AccountSession>>;
    /// Ends every session of an account ("sign out everywhere"), or every one but `keep`
    /// ("everywhere else"); how many were ended.
    async fn end_account_sessions(&self, account_id: &str, keep: Option<&[u8]>)
        -> StoreResult<u64>;
}

/// The per-client-IP limit (GCRA: one request per interval, bursts of a set size), counted in
/// this process or, with Redis, once for every instance.
#[async_trait]
pub trait IpLimits: Purge {
    /// Counts one request from `ip` (already reduced to its bucket): `None` when it may go
    /// ahead, or how long until it may.
    async fn check(&self, ip: IpAddr) -> StoreResult<Option<Duration>>;
}

/// The rate and burst of `IpLimits`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpQuota {
    /// One request per this much time, on average.
    pub interval: Duration,
    /// Requests allowed at once after a quiet spell.
    pub burst: u32,
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
    /// When Kratos redeemed this request's link, or took its code, through Iris.
    pub used_at: Option<i64>,
    /// When its email was stopped ("I didn't ask for this"): Iris refuses the flow since.
    pub voided_at: Option<i64>,
}

/// What "this wasn't me" did to a request Iris made to Kratos.
#[derive(Debug, Clone)]
pub enum RequestVoiding {
    /// Stopped now, or (`again`) before: the request as it was read.
    Voided {
        request: KratosRequest,
        again: bool,
    },
    Refused(VoidRefusal),
}

#[async_trait]
pub trait KratosRequests: Purge {
    /// Records (or refreshes, on a resend in the same flow) a request.
    async fn record_request(&self, request: &KratosRequest, email_key: &str) -> StoreResult<()>;
    async fn request_by_flow(&self, flow_id: &str) -> StoreResult<Option<KratosRequest>>;
    /// Kratos redeemed the request's link: later visits to it say "already used".
    async fn mark_request_used(&self, flow_id: &str, now: OffsetDateTime) -> StoreResult<()>;
    /// "This wasn't me" for a request's email: marks it voided (Iris refuses the flow from then
    /// on) and holds its address with the failure back-off for `hold` (keeping a later end), in
    /// one transaction; the same rules as `SignInStore::void_credential` (`rules::void_step`):
    /// `again` when voided before (nothing renewed), refused when unknown or expired unused.
    async fn void_request(
        &self,
        flow_id: &str,
        hold: Duration,
        now: OffsetDateTime,
    ) -> StoreResult<RequestVoiding>;
    /// The newest live request for an address (for Kratos's code emails, which name no flow).
    async fn latest_request(
        &self,
        email_key: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Option<KratosRequest>>;
}

/// Everything needed to start an address change, decided before the transaction starts.
#[derive(Debug)]
pub struct ChangeRequest {
    pub id: String,
    pub account_id: String,
    /// The account's address now: the change applies only while it still is.
    pub old_email: EmailAddress,
    pub new_email: EmailAddress,
    pub token_hash: Mac32,
    pub code_hash: Mac32,
    /// The undo link's, for the notice to the old address.
    pub revert_hash: Mac32,
    pub requested_by: String,
    pub expires_at: OffsetDateTime,
    /// The email to the new address (sealed), queued now.
    pub outbox_id: String,
    pub sealed_confirm: Vec<u8>,
    /// The notice to the old address (sealed), queued when the change is confirmed.
    pub notice_outbox_id: String,
    pub sealed_notice: Vec<u8>,
}

/// What proves the new address: its link, or its code for one change.
#[derive(Debug, Clone, Copy)]
pub enum ChangeProof<'a> {
    Link(&'a [Mac32]),
    Code {
        id: &'a str,
        code_hashes: &'a [Mac32],
    },
}

/// Address changes (SECURITY.md item 28). The account moves in the same transaction that uses
/// the proof and queues the notice to the old address; an undo moves it back.
#[async_trait]
pub trait AddressChanges: Purge {
    /// Voids the account's pending changes, records this one and queues its email to the new
    /// address, in one transaction.
    async fn start_change(&self, req: ChangeRequest, now: OffsetDateTime) -> StoreResult<()>;
    /// Read-only, for the pages.
    async fn change_by_id(
        &self,
        id: &str,
        max_attempts: u32,
        now: OffsetDateTime,
    ) -> StoreResult<Option<ChangeView>>;
    async fn change_by_token(
        &self,
        token_hashes: &[Mac32],
        max_attempts: u32,
        now: OffsetDateTime,
    ) -> StoreResult<Option<ChangeView>>;
    async fn change_by_revert_token(
        &self,
        revert_hashes: &[Mac32],
        max_attempts: u32,
        now: OffsetDateTime,
    ) -> StoreResult<Option<ChangeView>>;
    /// Uses the proof (a wrong code counts, up to `max_attempts`), moves the account to the new
    /// address if it still has the old one and no other account has the new one, and queues
    /// the notice; the undo link then works for `revert_within`.
    async fn confirm_change(
        &self,
        proof: ChangeProof<'_>,
        max_attempts: u32,
        revert_within: Duration,
        now: OffsetDateTime,
    ) -> StoreResult<ChangeOutcome>;
    /// Gives the account its old address back (whatever it has now, so a second change cannot
    /// outrun the undo) and voids the account's other changes.
    async fn revert_change(
        &self,
        revert_hashes: &[Mac32],
        max_attempts: u32,
        now: OffsetDateTime,
    ) -> StoreResult<RevertOutcome>;
}

/// Readiness: can the backend answer a trivial query right now?
#[async_trait]
pub trait Health: Send + Sync {
    async fn ping(&self) -> StoreResult<()>;
}

/// One handle per store trait. Built in one place (`startup::deps`) from the settings; every
/// other module takes only the handles it uses.
#[derive(Clone)]
pub struct Stores {
    pub sign_in: Arc<dyn SignInStore>,
    pub limits: Arc<dyn AddressLimits>,
    pub outbox: Arc<dyn OutboxStore>,
    pub sessions: Arc<dyn SessionRecords>,
    pub kratos_requests: Arc<dyn KratosRequests>,
    pub ip_limits: Arc<dyn IpLimits>,
    pub address_changes: Arc<dyn AddressChanges>,
    /// Always SQL, Redis or not: the trail is written where the credentials are.
    pub trail: Arc<dyn Trail>,
    /// Every server the stores stand on, by the name readiness reports (`store`, `redis`).
    pub health: Vec<(&'static str, Arc<dyn Health>)>,
}

impl Stores {
    /// Every store's purge, one after the other; how many rows went in all. The trail keeps
    /// its events for `retention` (`audit.retention`), the others their dead rows for `grace`.
    pub async fn purge(
        &self,
        grace: Duration,
        retention: Duration,
        now: OffsetDateTime,
    ) -> StoreResult<u64> {
        Ok(self.sign_in.purge(grace, now).await?
            + self.limits.purge(grace, now).await?
            + self.outbox.purge(grace, now).await?
            + self.sessions.purge(grace, now).await?
            + self.kratos_requests.purge(grace, now).await?
            + self.ip_limits.purge(grace, now).await?
            + self.address_changes.purge(grace, now).await?
            + self.trail.purge(retention, now).await?)
    }
}

pub(crate) fn unix(t: OffsetDateTime) -> i64 {
    t.unix_timestamp()
}

pub fn from_unix(s: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(s).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// A `sessions` row's `(key_hash, expires_at, state)` as `account_sessions` returns it.
pub(crate) fn account_session(
    (key_hash, expires_at, state): (Vec<u8>, i64, String),
) -> AccountSession {
    AccountSession {
        key_hash,
        expires_at: from_unix(expires_at),
        state,
    }
}

/// A `sessions` row's `(state, expires_at)` as the trait returns it, for every SQL backend.
pub(crate) fn stored((state, expires_at): (String, i64)) -> StoredSession {
    StoredSession {
        state,
        expires_at: from_unix(expires_at),
    }
}
