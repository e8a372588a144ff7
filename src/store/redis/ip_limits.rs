//! The per-IP limit in Redis: one GCRA step per request, atomically, in one Lua script, so
//! every instance draws on the same bucket (N instances allow the burst once, not N times).
//!
//! GCRA keeps one number per address: the theoretical arrival time (TAT) of the next request.
//! A request at `now` is allowed when `TAT - (burst - 1) * interval <= now`, and moves TAT on by
//! one interval. Time is Redis's own (`TIME`), so instances with skewed clocks still agree;
//! Redis 5+ replicates a script's effects rather than the script, which allows that. The key
//! expires when the bucket is full again, so idle addresses cost nothing.
use super::{RedisStore, PREFIX};
use crate::store::{IpLimits, IpQuota, Purge, StoreResult};
use async_trait::async_trait;
use redis::Script;
use std::net::IpAddr;
use std::sync::LazyLock;
use std::time::Duration;
use time::OffsetDateTime;

/// KEYS[1]: the address's key; ARGV[1]: the interval in µs; ARGV[2]: the burst. Returns 0
/// when allowed, else the µs to wait.
static GCRA: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local tolerance = interval * (tonumber(ARGV[2]) - 1)
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
local allowed_at = tat - tolerance
if now < allowed_at then return allowed_at - now end
tat = tat + interval
redis.call('SET', KEYS[1], tat, 'PX', math.floor((tat - now) / 1000) + 1)
return 0
",
    )
});

pub(super) struct RedisIpLimits {
    pub redis: RedisStore,
    pub quota: IpQuota,
}

#[async_trait]
impl IpLimits for RedisIpLimits {
    async fn check(&self, ip: IpAddr) -> StoreResult<Option<Duration>> {
        let mut conn = self.redis.conn.clone();
        let key = format!("{PREFIX}ip:{ip}");
        let interval = self.quota.interval.as_micros().max(1) as u64;
        let burst = self.quota.burst;
        let wait: u64 = self
            .redis
            .run("ip_limit", async move {
                GCRA.key(key)
                    .arg(interval)
                    .arg(burst)
                    .invoke_async(&mut conn)
                    .await
            })
            .await?;
        Ok((wait > 0).then(|| Duration::from_micros(wait)))
    }
}

#[async_trait]
impl Purge for RedisIpLimits {
    /// Nothing to do: each key expires by itself once its bucket is full again.
    async fn purge(&self, _grace: Duration, _now: OffsetDateTime) -> StoreResult<u64> {
        Ok(0)
    }
}
