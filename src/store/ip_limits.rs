//! The per-client-IP limit counted in this process (governor's keyed GCRA), for when no Redis
//! is configured: each instance then counts on its own, so N instances allow N times the burst.
use super::{IpLimits, IpQuota, Purge, StoreResult};
use async_trait::async_trait;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;
use time::OffsetDateTime;

pub struct LocalIpLimits {
    limiter: DefaultKeyedRateLimiter<IpAddr>,
    clock: DefaultClock,
}

impl LocalIpLimits {
    /// `None` for a zero interval or burst (the settings' validation refuses both).
    pub fn new(quota: IpQuota) -> Option<Self> {
        let quota = Quota::with_period(quota.interval)?.allow_burst(NonZeroU32::new(quota.burst)?);
        Some(Self {
            limiter: RateLimiter::keyed(quota),
            clock: DefaultClock::default(),
        })
    }
}

#[async_trait]
impl IpLimits for LocalIpLimits {
    async fn check(&self, ip: IpAddr) -> StoreResult<Option<Duration>> {
        Ok(self
            .limiter
            .check_key(&ip)
            .err()
            .map(|not_until| not_until.wait_time_from(self.clock.now())))
    }
}

#[async_trait]
impl Purge for LocalIpLimits {
    /// Forgets addresses whose bucket is full again: without this the map grows with every
    /// address ever seen.
    async fn purge(&self, _grace: Duration, _now: OffsetDateTime) -> StoreResult<u64> {
        let before = self.limiter.len();
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
        Ok(before.saturating_sub(self.limiter.len()) as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_burst_then_a_wait_per_address() {
        let limits = LocalIpLimits::new(IpQuota {
            interval: Duration::from_secs(60),
            burst: 3,
        })
        .unwrap();
        let (a, b): (IpAddr, IpAddr) = ("192.0.2.1".parse().unwrap(), "192.0.2.2".parse().unwrap());
        for _ in 0..3 {
            assert_eq!(limits.check(a).await.unwrap(), None);
        }
        let wait = limits.check(a).await.unwrap().expect("over the burst");
        assert!(
            wait > Duration::from_secs(50) && wait <= Duration::from_secs(60),
            "{wait:?}"
        );
        assert_eq!(
            limits.check(b).await.unwrap(),
            None,
            "another address has its own"
        );
    }
}
