//! PostgreSQL implementation of the store traits, for several Iris instances on one database:
//! statements only; the decisions are `store::rules`, as for SQLite.
//!
//! What several instances need, and where it is: single use is one conditional write (a second
//! writer waits for the first's row lock, then finds the row used); the day's budget row is
//! locked at the start of every counting transaction, so two instances never both see its last
//! room; outbox rows are claimed with `FOR UPDATE SKIP LOCKED`; the purge takes a transaction
//! advisory lock per store and skips when another instance holds it; migrations take sqlx's
//! session advisory lock (its Postgres migrator locks by default), so instances starting
//! together run them once. Every call is bounded by `store.timeout` on the client side too:
//! a server that stops answering (not just refusing) still gets a 503 in time.
mod address_changes;
mod issue_batch;
mod kratos_requests;
mod limits;
mod outbox;
mod sessions;
mod sign_in;
mod trail;

use super::issue_queue::IssueQueue;
use super::{Health, IpLimits, OpenError, StoreError, StoreResult, Stores};
use async_trait::async_trait;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgConnection, PgPool};
use std::future::Future;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// One PostgreSQL database: its pool and this instance's issuing task. Each store trait has a
/// handle of its own over it (`stores`).
#[derive(Clone)]
pub struct PostgresStore {
    pool: PgPool,
    issuer: IssueQueue,
    timeout: Duration,
}

impl PostgresStore {
    /// Connects (`sslmode` and the other URL parameters as libpq reads them) and brings the
    /// schema up to date.
    pub async fn open(
        url: &str,
        max_connections: u32,
        timeout: Duration,
    ) -> Result<Self, OpenError> {
        let options = PgConnectOptions::from_str(url)
            .map_err(|e| OpenError::Url(Arc::new(e)))?
            .application_name("iris")
            // The server gives up on a statement too, so a slow one frees its connection.
            .options([("statement_timeout", format!("{}ms", timeout.as_millis()))]);
        let pool = PgPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(timeout)
            .connect_with(options.clone())
            .await
            .map_err(|e| OpenError::Connect(Arc::new(e)))?;
        sqlx::migrate!("./migrations/postgres")
            .run(&pool)
            .await
            .map_err(|e| OpenError::Migrate(Arc::new(e)))?;
        let issuer = issue_batch::PostgresIssuer::connect(options, timeout)
            .await
            .map_err(|e| OpenError::Connect(Arc::new(e)))?;
        let issuer = IssueQueue::spawn(issuer);
        Ok(Self {
            pool,
            issuer,
            timeout,
        })
    }

    /// A handle for each store trait, all on this database but the per-IP limit, which SQL
    /// does not keep (`ip_limits`: this process's, or Redis's).
    pub fn stores(self, ip_limits: Arc<dyn IpLimits>) -> Stores {
        Stores {
            sign_in: Arc::new(sign_in::PostgresSignIn(self.clone())),
            limits: Arc::new(limits::PostgresLimits(self.clone())),
            outbox: Arc::new(outbox::PostgresOutbox(self.clone())),
            sessions: Arc::new(sessions::PostgresSessions(self.clone())),
            kratos_requests: Arc::new(kratos_requests::PostgresKratosRequests(self.clone())),
            address_changes: Arc::new(address_changes::PostgresAddressChanges(self.clone())),
            trail: Arc::new(trail::PostgresTrail(self.clone())),
            ip_limits,
            health: vec![("store", Arc::new(self) as Arc<dyn Health>)],
        }
    }

    /// Runs a store call within `store.timeout`.
    async fn timed<T>(&self, call: impl Future<Output = StoreResult<T>>) -> StoreResult<T> {
        timed(self.timeout, call).await
    }
}

pub(super) async fn timed<T>(
    limit: Duration,
    call: impl Future<Output = StoreResult<T>>,
) -> StoreResult<T> {
    tokio::time::timeout(limit, call)
        .await
        .map_err(|e| StoreError::Unavailable(Arc::new(e)))?
}

#[async_trait]
impl Health for PostgresStore {
    async fn ping(&self) -> StoreResult<()> {
        self.timed(async {
            sqlx::query("SELECT 1").execute(&self.pool).await?;
            Ok(())
        })
        .await
    }
}

/// Advisory lock keys, one per store's purge ("Iris" and a number).
const PURGE_LOCK: i64 = 0x4972_6973_0000;

/// Takes this store's purge lock for the transaction, unless another instance holds it: then
/// that instance is purging, and this one skips its turn.
async fn purge_lock(conn: &mut PgConnection, store: i64) -> StoreResult<bool> {
    Ok(sqlx::query_scalar("SELECT pg_try_advisory_xact_lock($1)")
        .bind(PURGE_LOCK + store)
        .fetch_one(conn)
        .await?)
}

/// Deletes with `sql` (one `$1`: the purge cutoff) under store `lock`'s purge lock; 0 when
/// another instance holds it.
async fn purge_expired(
    pool: &PgPool,
    lock: i64,
    sql: &str,
    grace: Duration,
    now: time::OffsetDateTime,
) -> StoreResult<u64> {
    let mut tx = pool.begin().await?;
    if !purge_lock(&mut tx, lock).await? {
        return Ok(0);
    }
    let removed = sqlx::query(sql)
        .bind(super::rules::purge_cutoff(grace, now))
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok(removed)
}

/// The MACs as PostgreSQL's `bytea[]`, for `= ANY($n)`.
fn hashes(macs: &[crate::secrets::Mac32]) -> Vec<Vec<u8>> {
    macs.iter().map(|m| m.to_vec()).collect()
}

/// SQLite's `?` placeholders as PostgreSQL's `$1`, `$2`, … (for statements both backends
/// share; none of them has a `?` inside a literal).
fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push_str(&format!("${n}"));
        } else {
            out.push(c);
        }
    }
    out
}
