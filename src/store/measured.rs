//! Every store call timed, per operation, whatever the backend: a decorator over `Stores`
//! that reports to a `StoreObserver` (the metrics' latency histograms).
use super::{
    AccountSession, AddressChanges, AddressLimits, ChangeProof, ChangeRequest, Health, IpLimits,
    IssueRequest, KratosRequest, KratosRequests, OutboxJob, OutboxStats, OutboxStore, Purge,
    RequestVoiding, SessionRecords, SignInStore, StoreResult, StoredSession, Stores, Trail,
    TrailEntry, TrailEvent,
};
use crate::domain::address_change::{ChangeOutcome, ChangeView, RevertOutcome};
use crate::domain::credential::{
    Account, CodeEntry, CredentialView, FailurePolicy, IssueOutcome, Redemption, SendLimits,
    Voiding,
};
use crate::domain::EmailAddress;
use crate::secrets::Mac32;
use async_trait::async_trait;
use std::sync::Arc;
use std::time::{Duration, Instant};
use time::OffsetDateTime;

/// Where the timings go: `op` is the trait method's name (`issue`, `redeem_code`, …).
pub trait StoreObserver: Send + Sync {
    fn observe(&self, op: &'static str, took: Duration, ok: bool);
}

/// No one listening (`iris migrate`, tests that do not look at timings).
impl StoreObserver for () {
    fn observe(&self, _op: &'static str, _took: Duration, _ok: bool) {}
}

/// One store handle, timed.
struct Measured<T: ?Sized> {
    inner: Arc<T>,
    observer: Arc<dyn StoreObserver>,
}

impl<T: ?Sized> Measured<T> {
    async fn time<R>(
        &self,
        op: &'static str,
        call: impl std::future::Future<Output = StoreResult<R>>,
    ) -> StoreResult<R> {
        let start = Instant::now();
        let result = call.await;
        self.observer.observe(op, start.elapsed(), result.is_ok());
        result
    }
}

impl Stores {
    /// The same stores, each call timed for `observer`.
    pub fn measured(self, observer: Arc<dyn StoreObserver>) -> Stores {
        fn wrap<T: ?Sized>(inner: Arc<T>, observer: &Arc<dyn StoreObserver>) -> Measured<T> {
            Measured {
                inner,
                observer: observer.clone(),
            }
        }
        Stores {
            sign_in: Arc::new(wrap(self.sign_in, &observer)),
            limits: Arc::new(wrap(self.limits, &observer)),
            outbox: Arc::new(wrap(self.outbox, &observer)),
            sessions: Arc::new(wrap(self.sessions, &observer)),
            kratos_requests: Arc::new(wrap(self.kratos_requests, &observer)),
            ip_limits: Arc::new(wrap(self.ip_limits, &observer)),
            address_changes: Arc::new(wrap(self.address_changes, &observer)),
            trail: Arc::new(wrap(self.trail, &observer)),
            health: (self.health.into_iter())
                .map(|(name, h)| (name, Arc::new(wrap(h, &observer)) as Arc<dyn Health>))
                .collect(),
        }
    }
}

#[async_trait]
impl<T: Purge + ?Sized> Purge for Measured<T> {
    async fn purge(&self, grace: Duration, now: OffsetDateTime) -> StoreResult<u64> {
        self.time("purge", self.inner.purge(grace, now)).await
    }
}

#[async_trait]
impl<T: SignInStore + ?Sized> SignInStore for Measured<T> {
    async fn issue(&self, req: IssueRequest, now: OffsetDateTime) -> StoreResult<IssueOutcome> {
        self.time("issue", self.inner.issue(req, now)).await
    }

    async fn redeem_link(
        &self,
        token_hashes: &[Mac32],
        policy: FailurePolicy,
        now: OffsetDateTime,
    ) -> StoreResult<Redemption> {
        let call = self.inner.redeem_link(token_hashes, policy, now);
        self.time("redeem_link", call).await
    }

    async fn redeem_code(
        &self,
        credential_id: &str,
        code_hashes: &[Mac32],
        policy: FailurePolicy,
        entry: CodeEntry,
        now: OffsetDateTime,
    ) -> StoreResult<Redemption> {
        let call = self
            .inner
            .redeem_code(credential_id, code_hashes, policy, entry, now);
        self.time("redeem_code", call).await
    }

    async fn release(&self, credential_id: &str, used_at: OffsetDateTime) -> StoreResult<()> {
        self.time("release", self.inner.release(credential_id, used_at))
            .await
    }

    async fn void_credential(
        &self,
        token_hashes: &[Mac32],
        hold: Duration,
        now: OffsetDateTime,
    ) -> StoreResult<Voiding> {
        let call = self.inner.void_credential(token_hashes, hold, now);
        self.time("void_credential", call).await
    }

    async fn credential_by_token(
        &self,
        token_hashes: &[Mac32],
        cooldown: Duration,
        policy: FailurePolicy,
        now: OffsetDateTime,
    ) -> StoreResult<Option<CredentialView>> {
        let call = self
            .inner
            .credential_by_token(token_hashes, cooldown, policy, now);
        self.time("credential_by_token", call).await
    }

    async fn credential_by_id(
        &self,
        id: &str,
        cooldown: Duration,
        policy: FailurePolicy,
        now: OffsetDateTime,
    ) -> StoreResult<Option<CredentialView>> {
        let call = self.inner.credential_by_id(id, cooldown, policy, now);
        self.time("credential_by_id", call).await
    }

    async fn account_by_email(&self, email: &EmailAddress) -> StoreResult<Option<Account>> {
        self.time("account_by_email", self.inner.account_by_email(email))
            .await
    }

    async fn account_by_id(&self, id: &str) -> StoreResult<Option<Account>> {
        self.time("account_by_id", self.inner.account_by_id(id))
            .await
    }
}

#[async_trait]
impl<T: AddressLimits + ?Sized> AddressLimits for Measured<T> {
    async fn count_send(
        &self,
        email: &EmailAddress,
        limits: SendLimits,
        trusted: bool,
        now: OffsetDateTime,
    ) -> StoreResult<Option<IssueOutcome>> {
        let call = self.inner.count_send(email, limits, trusted, now);
        self.time("count_send", call).await
    }

    async fn uncount_send(&self, email: &EmailAddress, now: OffsetDateTime) -> StoreResult<()> {
        self.time("uncount_send", self.inner.uncount_send(email, now))
            .await
    }

    async fn locked_for(
        &self,
        email: &EmailAddress,
        now: OffsetDateTime,
    ) -> StoreResult<Option<u64>> {
        self.time("locked_for", self.inner.locked_for(email, now))
            .await
    }

    async fn record_failure(
        &self,
        email: &EmailAddress,
        policy: FailurePolicy,
        now: OffsetDateTime,
    ) -> StoreResult<()> {
        let call = self.inner.record_failure(email, policy, now);
        self.time("record_failure", call).await
    }

    async fn clear_failures(&self, email: &EmailAddress) -> StoreResult<()> {
        self.time("clear_failures", self.inner.clear_failures(email))
            .await
    }
}

#[async_trait]
impl<T: OutboxStore + ?Sized> OutboxStore for Measured<T> {
    async fn enqueue(
        &self,
        id: &str,
        recipient: &str,
        sealed_payload: &[u8],
        deadline: OffsetDateTime,
        now: OffsetDateTime,
    ) -> StoreResult<()> {
        let call = self
            .inner
            .enqueue(id, recipient, sealed_payload, deadline, now);
        self.time("enqueue", call).await
    }

    async fn claim(
        &self,
        lease: Duration,
        limit: u32,
        now: OffsetDateTime,
    ) -> StoreResult<Vec<OutboxJob>> {
        self.time("claim", self.inner.claim(lease, limit, now))
            .await
    }

    async fn sent(&self, ids: &[String], now: OffsetDateTime) -> StoreResult<()> {
        self.time("sent", self.inner.sent(ids, now)).await
    }

    async fn retry_at(&self, id: &str, at: OffsetDateTime, error: &str) -> StoreResult<()> {
        self.time("retry_at", self.inner.retry_at(id, at, error))
            .await
    }

    async fn failed(&self, id: &str, error: &str, now: OffsetDateTime) -> StoreResult<()> {
        self.time("failed", self.inner.failed(id, error, now)).await
    }

    async fn stats(&self, now: OffsetDateTime) -> StoreResult<OutboxStats> {
        self.time("stats", self.inner.stats(now)).await
    }
}

#[async_trait]
impl<T: SessionRecords + ?Sized> SessionRecords for Measured<T> {
    async fn load_session(
        &self,
        key_hash: &[u8],
        now: OffsetDateTime,
    ) -> StoreResult<Option<StoredSession>> {
        self.time("load_session", self.inner.load_session(key_hash, now))
            .await
    }

    async fn save_session(
        &self,
        key_hash: &[u8],
        account_id: Option<&str>,
        state: &str,
        expires_at: OffsetDateTime,
    ) -> StoreResult<()> {
        let call = self
            .inner
            .save_session(key_hash, account_id, state, expires_at);
        self.time("save_session", call).await
    }

    async fn update_session(
        &self,
        key_hash: &[u8],
        account_id: Option<&str>,
        state: &str,
        expires_at: OffsetDateTime,
    ) -> StoreResult<bool> {
        let call = self
            .inner
            .update_session(key_hash, account_id, state, expires_at);
        self.time("update_session", call).await
    }

    async fn touch_session(&self, key_hash: &[u8], expires_at: OffsetDateTime) -> StoreResult<()> {
        let call = self.inner.touch_session(key_hash, expires_at);
        self.time("touch_session", call).await
    }

    async fn delete_session(&self, key_hash: &[u8]) -> StoreResult<()> {
        self.time("delete_session", self.inner.delete_session(key_hash))
            .await
    }

    async fn account_sessions(
        &self,
        account_id: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Vec<AccountSession>> {
        let call = self.inner.account_sessions(account_id, now);
        self.time("account_sessions", call).await
    }

    async fn end_account_sessions(
        &self,
        account_id: &str,
        keep: Option<&[u8]>,
    ) -> StoreResult<u64> {
        let call = self.inner.end_account_sessions(account_id, keep);
        self.time("end_account_sessions", call).await
    }
}

#[async_trait]
impl<T: KratosRequests + ?Sized> KratosRequests for Measured<T> {
    async fn record_request(&self, request: &KratosRequest, email_key: &str) -> StoreResult<()> {
        let call = self.inner.record_request(request, email_key);
        self.time("record_request", call).await
    }

    async fn request_by_flow(&self, flow_id: &str) -> StoreResult<Option<KratosRequest>> {
        self.time("request_by_flow", self.inner.request_by_flow(flow_id))
            .await
    }

    async fn mark_request_used(&self, flow_id: &str, now: OffsetDateTime) -> StoreResult<()> {
        let call = self.inner.mark_request_used(flow_id, now);
        self.time("mark_request_used", call).await
    }

    async fn latest_request(
        &self,
        email_key: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Option<KratosRequest>> {
        let call = self.inner.latest_request(email_key, now);
        self.time("latest_request", call).await
    }

    async fn void_request(
        &self,
        flow_id: &str,
        hold: Duration,
        now: OffsetDateTime,
    ) -> StoreResult<RequestVoiding> {
        let call = self.inner.void_request(flow_id, hold, now);
        self.time("void_request", call).await
    }
}

#[async_trait]
impl<T: IpLimits + ?Sized> IpLimits for Measured<T> {
    async fn check(&self, ip: std::net::IpAddr) -> StoreResult<Option<Duration>> {
        self.time("ip_limit", self.inner.check(ip)).await
    }
}

#[async_trait]
impl<T: Health + ?Sized> Health for Measured<T> {
    async fn ping(&self) -> StoreResult<()> {
        self.time("ping", self.inner.ping()).await
    }
}

#[async_trait]
impl<T: AddressChanges + ?Sized> AddressChanges for Measured<T> {
    async fn start_change(&self, req: ChangeRequest, now: OffsetDateTime) -> StoreResult<()> {
        self.time("start_change", self.inner.start_change(req, now))
            .await
    }

    async fn change_by_id(
        &self,
        id: &str,
        max_attempts: u32,
        now: OffsetDateTime,
    ) -> StoreResult<Option<ChangeView>> {
        let call = self.inner.change_by_id(id, max_attempts, now);
        self.time("change_by_id", call).await
    }

    async fn change_by_token(
        &self,
        token_hashes: &[Mac32],
        max_attempts: u32,
        now: OffsetDateTime,
    ) -> StoreResult<Option<ChangeView>> {
        let call = self.inner.change_by_token(token_hashes, max_attempts, now);
        self.time("change_by_token", call).await
    }

    async fn change_by_revert_token(
        &self,
        revert_hashes: &[Mac32],
        max_attempts: u32,
        now: OffsetDateTime,
    ) -> StoreResult<Option<ChangeView>> {
        let call = self
            .inner
            .change_by_revert_token(revert_hashes, max_attempts, now);
        self.time("change_by_revert_token", call).await
    }

    async fn confirm_change(
        &self,
        proof: ChangeProof<'_>,
        max_attempts: u32,
        revert_within: Duration,
        now: OffsetDateTime,
    ) -> StoreResult<ChangeOutcome> {
        let call = self
            .inner
            .confirm_change(proof, max_attempts, revert_within, now);
        self.time("confirm_change", call).await
    }

    async fn revert_change(
        &self,
        revert_hashes: &[Mac32],
        max_attempts: u32,
        now: OffsetDateTime,
    ) -> StoreResult<RevertOutcome> {
        let call = self.inner.revert_change(revert_hashes, max_attempts, now);
        self.time("revert_change", call).await
    }
}

#[async_trait]
impl<T: Trail + ?Sized> Trail for Measured<T> {
    async fn record(&self, entry: TrailEntry<'_>) -> StoreResult<()> {
        self.time("trail_record", self.inner.record(entry)).await
    }

    async fn recent(&self, account_id: &str, limit: u32) -> StoreResult<Vec<TrailEvent>> {
        self.time("trail_recent", self.inner.recent(account_id, limit))
            .await
    }
}
