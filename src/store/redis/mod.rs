//! Redis (`store.redis_url`), for what several instances must share but need not keep in SQL:
//! the per-IP limit (`ip_limits`) and the sessions (`sessions`). Tokens, codes and the outbox
//! stay in SQL, where a credential and its email commit in one transaction (SECURITY.md item
//! 44); Redis holding them could lose one without the other.
//!
//! One multiplexed connection per instance (redis-rs's `ConnectionManager`: every request is
//! pipelined on it, and it reconnects by itself after Redis comes back). Every call is bounded
//! by `store.timeout`, and any failure is a `StoreError::Unavailable`: the callers fail closed
//! (503 for sign-in, never a session).
mod ip_limits;
mod sessions;

use super::{
    Health, IpLimits, IpQuota, OpenError, SessionRecords, StoreError, StoreObserver, StoreResult,
};
use async_trait::async_trait;
use redis::aio::ConnectionManager;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Keys Iris writes start with this, so one Redis can serve other applications too.
const PREFIX: &str = "iris:";

#[derive(Clone)]
pub struct RedisStore {
    conn: ConnectionManager,
    timeout: Duration,
    /// Each command's latency (`iris_redis_command_duration_seconds`).
    observer: Arc<dyn StoreObserver>,
}

impl RedisStore {
    /// Connects (the first connection is made now, so a wrong URL fails at startup).
    pub async fn open(
        url: &str,
        timeout: Duration,
        observer: Arc<dyn StoreObserver>,
    ) -> Result<Self, OpenError> {
        let client = redis::Client::open(url).map_err(|e| OpenError::Redis(Arc::new(e)))?;
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_connection_timeout(Some(timeout))
            .set_response_timeout(Some(timeout))
            // Reconnecting is retried a few times within about a second; after that each
            // failed command starts it again, so Iris recovers whenever Redis does.
            .set_number_of_retries(3)
            .set_max_delay(Duration::from_millis(500));
        let conn =
            tokio::time::timeout(timeout, ConnectionManager::new_with_config(client, config))
                .await
                .map_err(|e| OpenError::Redis(Arc::new(e)))?
                .map_err(|e| OpenError::Redis(Arc::new(e)))?;
        Ok(Self {
            conn,
            timeout,
            observer,
        })
    }

    /// The per-IP limit, shared by every instance on this Redis.
    pub fn ip_limits(&self, quota: IpQuota) -> Arc<dyn IpLimits> {
        Arc::new(ip_limits::RedisIpLimits {
            redis: self.clone(),
            quota,
        })
    }

    /// Sessions, shared by every instance on this Redis.
    pub fn sessions(&self) -> Arc<dyn SessionRecords> {
        Arc::new(sessions::RedisSessions(self.clone()))
    }

    pub fn health(&self) -> Arc<dyn Health> {
        Arc::new(self.clone())
    }

    /// Runs one command (or script) within `store.timeout`, timed as `op`.
    async fn run<T>(
        &self,
        op: &'static str,
        call: impl Future<Output = redis::RedisResult<T>>,
    ) -> StoreResult<T> {
        let start = Instant::now();
        let result = match tokio::time::timeout(self.timeout, call).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(e)) => Err(StoreError::Unavailable(Arc::new(e))),
            Err(e) => Err(StoreError::Unavailable(Arc::new(e))),
        };
        self.observer.observe(op, start.elapsed(), result.is_ok());
        result
    }
}

#[async_trait]
impl Health for RedisStore {
    async fn ping(&self) -> StoreResult<()> {
        let mut conn = self.conn.clone();
        self.run("ping", async move {
            redis::cmd("PING").query_async::<String>(&mut conn).await
        })
        .await
        .map(|_| ())
    }
}
