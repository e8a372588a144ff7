//! The recent-activity trail's seam: whose trail an event goes on, and the trait each SQL
//! backend implements (`sqlite/trail.rs`, `postgres/trail.rs`). The event itself is the
//! domain's (`domain::TrailEvent`), as the pages read it too.
use super::{Purge, StoreResult};
pub use crate::domain::TrailEvent;
use crate::domain::TrailKind;
use async_trait::async_trait;
use time::OffsetDateTime;

/// Whose trail an event goes on: an account the caller knows, or the account (if any) behind
/// an address or a credential, looked up in the same statement that records it, so that a
/// caller who knows only those pays no extra round trip, and nothing is recorded when no
/// account has the address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrailSubject<'a> {
    Account(&'a str),
    /// Canonical address (`EmailAddress::canonical`).
    Address(&'a str),
    /// An Iris credential's id.
    Credential(&'a str),
}

/// An event to record: what happened, to whom, when, from which browser and masked IP.
#[derive(Debug, Clone, Copy)]
pub struct TrailEntry<'a> {
    pub subject: TrailSubject<'a>,
    pub kind: TrailKind,
    /// `i18n::browser_record`; empty for an operator.
    pub browser: &'a str,
    /// `domain::masked_ip`; empty for an operator.
    pub ip: &'a str,
    pub at: OffsetDateTime,
}

/// `Purge::purge(grace, now)` deletes the events `grace` old or older: the purge job passes
/// `audit.retention` as the trail's grace (`Stores::purge`).
#[async_trait]
pub trait Trail: Purge {
    /// Records one event on its subject's trail (none when the subject names no account).
    async fn record(&self, entry: TrailEntry<'_>) -> StoreResult<()>;

    /// The account's newest `limit` events, newest first (in the order recorded when they
    /// share a second).
    async fn recent(&self, account_id: &str, limit: u32) -> StoreResult<Vec<TrailEvent>>;
}
