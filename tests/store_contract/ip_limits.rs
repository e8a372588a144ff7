//! The per-IP limit (`IpLimits`, `IP_QUOTA`: bursts of 3, then one a minute): counted in each
//! process without Redis, once for every instance with it. These run on real time (Redis's
//! clock decides), which the quota makes irrelevant: nothing refills within a test.
use crate::support::*;
use std::net::IpAddr;
use std::time::Duration;

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

pub async fn a_burst_is_allowed_then_each_address_waits_for_its_next_turn(b: Backend) {
    let f = Fixture::open(b).await;
    let limits = &f.stores.ip_limits;
    for n in 0..IP_QUOTA.burst {
        assert_eq!(
            limits.check(ip("192.0.2.1")).await.unwrap(),
            None,
            "request {n}"
        );
    }
    let wait = limits
        .check(ip("192.0.2.1"))
        .await
        .unwrap()
        .expect("past the burst");
    assert!(
        wait > Duration::from_secs(55) && wait <= IP_QUOTA.interval,
        "the wait is the next turn's: {wait:?}"
    );
    // A refused request does not push the turn further away.
    let again = limits
        .check(ip("192.0.2.1"))
        .await
        .unwrap()
        .expect("still waiting");
    assert!(again <= wait, "{again:?} after {wait:?}");
    assert_eq!(
        limits.check(ip("192.0.2.2")).await.unwrap(),
        None,
        "another address has a bucket of its own"
    );
}

/// Twenty requests from one address at once, alternating between two instances: with Redis
/// the burst is allowed once in all; without it, once per instance (docs/scaling-out.md says so).
pub async fn concurrent_requests_through_two_instances_share_a_bucket_only_on_redis(b: Backend) {
    let f = Fixture::open(b).await;
    let instances = f.instances(INSTANCES).await;
    let answers = race(RACERS, |i| {
        let limits = instances[i % INSTANCES].ip_limits.clone();
        async move { limits.check(ip("198.51.100.7")).await.unwrap() }
    })
    .await;
    let allowed = answers.iter().filter(|wait| wait.is_none()).count();
    let expected = match b {
        Backend::Redis => IP_QUOTA.burst as usize,
        Backend::Sqlite | Backend::Postgres => IP_QUOTA.burst as usize * INSTANCES,
    };
    assert_eq!(allowed, expected, "{answers:?}");
}

/// Redis stopped (`SHUTDOWN NOSAVE`): the limit cannot be counted, so it refuses (an error,
/// which the web layer answers with 503), never allows; when Redis is back the same handle
/// counts again, from an empty bucket (Redis lost everything).
pub async fn with_redis_down_the_limit_fails_closed_and_recovers_by_itself(b: Backend) {
    let f = Fixture::open(b).await;
    let redis = f.redis.clone().expect("a Redis fixture");
    let limits = &f.stores.ip_limits;
    assert_eq!(limits.check(ip("203.0.113.9")).await.unwrap(), None);

    tokio::task::spawn_blocking({
        let redis = redis.clone();
        move || redis.stop()
    })
    .await
    .unwrap();
    for _ in 0..3 {
        assert!(
            limits.check(ip("203.0.113.9")).await.is_err(),
            "with Redis down the limit must not allow"
        );
    }

    tokio::task::spawn_blocking({
        let redis = redis.clone();
        move || redis.start_again()
    })
    .await
    .unwrap();
    let mut recovered = false;
    for _ in 0..100 {
        if let Ok(answer) = limits.check(ip("203.0.113.9")).await {
            assert_eq!(answer, None, "an empty bucket after a restart without data");
            recovered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        recovered,
        "the limit never answered again after Redis came back"
    );
}
