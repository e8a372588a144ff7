//! SQLite implementation of the store traits (the embedded default): statements only; the
//! decisions are `store::rules`.
//!
//! SQLite has one writer at a time. Writes therefore go through a pool of exactly one
//! connection, so they queue in-process (fair and cheap) instead of spinning in SQLite's busy
//! handler; reads use a separate pool and run in parallel (WAL). Write transactions still use
//! `BEGIN IMMEDIATE`, so a second process on the same file waits on `busy_timeout` instead of
//! failing a deferred transaction that read first.
mod accounts;
mod address_changes;
mod issue_batch;
mod kratos_requests;
mod limits;
mod outbox;
mod sessions;
mod sign_in;
mod trail;

use super::issue_queue::IssueQueue;
use super::{Health, IpLimits, OpenError, StoreResult, Stores};
use async_trait::async_trait;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// One SQLite database: its pools and its issuing task. Each store trait has a handle of its
/// own over it (`stores`).
#[derive(Clone)]
pub struct SqliteStore {
    /// Readers.
    pool: SqlitePool,
    /// The single writer.
    writer: SqlitePool,
    /// Queue to the task that issues credentials in batches.
    issuer: IssueQueue,
}

impl SqliteStore {
    /// Opens (creating if needed) the database and brings its schema up to date.
    pub async fn open(
        url: &str,
        max_connections: u32,
        timeout: Duration,
    ) -> Result<Self, OpenError> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| OpenError::Url(Arc::new(e)))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(timeout)
            .foreign_keys(true);
        if let Some(dir) = options.get_filename().parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| OpenError::Folder(dir.display().to_string(), e))?;
            }
        }
        // No ping before each use: a local file does not drop connections, and the ping would
        // be one more round trip per request.
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .test_before_acquire(false)
            .acquire_timeout(timeout)
            .connect_with(options.clone())
            .await
            .map_err(|e| OpenError::Connect(Arc::new(e)))?;
        sqlx::migrate!("./migrations/sqlite")
            .run(&writer)
            .await
            .map_err(|e| OpenError::Migrate(Arc::new(e)))?;
        let pool = SqlitePoolOptions::new()
            .max_connections(max_connections)
            .test_before_acquire(false)
            .acquire_timeout(timeout)
            .connect_with(options.read_only(true))
            .await
            .map_err(|e| OpenError::Connect(Arc::new(e)))?;
        let issuer = IssueQueue::spawn(issue_batch::SqliteIssuer(writer.clone()));
        Ok(Self {
            pool,
            writer,
            issuer,
        })
    }

    /// A handle for each store trait, all on this database but the per-IP limit, which SQL
    /// does not keep (`ip_limits`: this process's, or Redis's).
    pub fn stores(self, ip_limits: Arc<dyn IpLimits>) -> Stores {
        Stores {
            sign_in: Arc::new(sign_in::SqliteSignIn(self.clone())),
            limits: Arc::new(limits::SqliteLimits(self.clone())),
            outbox: Arc::new(outbox::SqliteOutbox(self.clone())),
            sessions: Arc::new(sessions::SqliteSessions(self.clone())),
            kratos_requests: Arc::new(kratos_requests::SqliteKratosRequests(self.clone())),
            address_changes: Arc::new(address_changes::SqliteAddressChanges(self.clone())),
            trail: Arc::new(trail::SqliteTrail(self.clone())),
            ip_limits,
            health: vec![("store", Arc::new(self) as Arc<dyn Health>)],
        }
    }

    async fn write_tx(&self) -> StoreResult<Transaction<'static, Sqlite>> {
        Ok(self.writer.begin_with("BEGIN IMMEDIATE").await?)
    }
}

#[async_trait]
impl Health for SqliteStore {
    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}

/// `?, ?, ?` for an `IN (…)` list of `n` values.
fn placeholders(n: usize) -> String {
    vec!["?"; n].join(", ")
}
