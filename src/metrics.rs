//! Prometheus metrics, served on a listener of their own (`server.metrics_bind`), never on the
//! public port. Two kinds:
//! - `iris_events_total{event}`: one counter per security event, counted from the same tracing
//!   events the log carries (`authn_login_fail`, `excess_rate_limit_exceeded`, `email_failed`,
//!   `mail_budget_exhausted`, …), so the log and the metrics cannot disagree; alerts on spikes
//!   of failures and throttles read these (SECURITY.md item 55).
//! - gauges read from the store at each scrape: the outbox (pending, oldest pending age,
//!   failed) and today's email budget.
//! - `iris_store_operation_duration_seconds{op,result}`: every store call's latency, per trait
//!   method, on every backend (`store::StoreObserver`).
use crate::store::{OutboxStats, StoreObserver};
use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;
use std::fmt::Debug;
use tracing::field::{Field, Visit};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, Layer};

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct EventLabel {
    event: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StoreOpLabel {
    op: &'static str,
    result: &'static str,
}

type LatencyFamily = Family<StoreOpLabel, Histogram, fn() -> Histogram>;

/// 100 µs to about 3.3 s, doubling: a local SQLite read to a store at its timeout.
fn latency_buckets() -> Histogram {
    Histogram::new(exponential_buckets(0.0001, 2.0, 16))
}

pub struct Metrics {
    registry: Registry,
    events: Family<EventLabel, Counter>,
    store_latency: LatencyFamily,
    redis_latency: LatencyFamily,
    store_up: Gauge,
    outbox_pending: Gauge,
    outbox_oldest_pending: Gauge,
    outbox_failed: Gauge,
    emails_today: Gauge,
    emails_per_day: Gauge,
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("iris");
        let events = Family::<EventLabel, Counter>::default();
        registry.register(
            "events",
            "Security and delivery events, by their name in the log",
            events.clone(),
        );
        let store_latency = LatencyFamily::new_with_constructor(latency_buckets);
        registry.register(
            "store_operation_duration_seconds",
            "Store calls by operation and result (ok, error)",
            store_latency.clone(),
        );
        let redis_latency = LatencyFamily::new_with_constructor(latency_buckets);
        registry.register(
            "redis_command_duration_seconds",
            "Redis commands (store.redis_url) by operation and result (ok, error)",
            redis_latency.clone(),
        );
        let mut gauge = |name: &str, help: &str| {
            let g = Gauge::default();
            registry.register(name, help, g.clone());
            g
        };
        let store_up = gauge("store_up", "1 when the store answered this scrape");
        let outbox_pending = gauge("outbox_pending", "Emails queued or being sent");
        let outbox_oldest_pending = gauge(
            "outbox_oldest_pending_age_seconds",
            "Age of the oldest email still waiting to be sent (0 when none)",
        );
        let outbox_failed = gauge(
            "outbox_failed",
            "Emails that could not be delivered, until purged",
        );
        let emails_today = gauge("emails_today", "Sign-in emails accepted today (UTC)");
        let emails_per_day = gauge("emails_per_day_limit", "limits.emails_per_day");
        Self {
            registry,
            events,
            store_latency,
            redis_latency,
            store_up,
            outbox_pending,
            outbox_oldest_pending,
            outbox_failed,
            emails_today,
            emails_per_day,
        }
    }

    /// The OpenMetrics text for one scrape; `stats` is `None` when the store did not answer.
    pub fn render(&self, stats: Option<OutboxStats>, per_day: u32) -> String {
        self.emails_per_day.set(i64::from(per_day));
        match stats {
            Some(s) => {
                self.store_up.set(1);
                self.outbox_pending.set(s.pending as i64);
                self.outbox_oldest_pending
                    .set(s.oldest_pending_age_secs as i64);
                self.outbox_failed.set(s.failed as i64);
                self.emails_today.set(s.emails_today as i64);
            }
            None => {
                self.store_up.set(0);
            }
        }
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = encode(&mut out, &self.registry);
        out
    }

    fn count(&self, event: String) {
        self.events.get_or_create(&EventLabel { event }).inc();
    }

    /// Counts an event that does not come from Iris's own log lines (`http_protocol_error`).
    pub fn count_event(&self, event: &str) {
        self.count(event.to_owned());
    }
}

impl StoreObserver for Metrics {
    fn observe(&self, op: &'static str, took: std::time::Duration, ok: bool) {
        observe(&self.store_latency, op, took, ok);
    }
}

/// Where Redis's own command latencies go (`iris_redis_command_duration_seconds`); the store
/// calls that use Redis are timed as store operations too.
pub struct RedisLatency(pub std::sync::Arc<Metrics>);

impl StoreObserver for RedisLatency {
    fn observe(&self, op: &'static str, took: std::time::Duration, ok: bool) {
        observe(&self.0.redis_latency, op, took, ok);
    }
}

fn observe(family: &LatencyFamily, op: &'static str, took: std::time::Duration, ok: bool) {
    let result = if ok { "ok" } else { "error" };
    family
        .get_or_create(&StoreOpLabel { op, result })
        .observe(took.as_secs_f64());
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

/// The tracing layer that counts every event carrying an `event` field.
pub struct EventCounter(pub std::sync::Arc<Metrics>);

impl<S: Subscriber> Layer<S> for EventCounter {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let mut name = EventName(None);
        event.record(&mut name);
        if let Some(name) = name.0 {
            self.0.count(name);
        }
    }
}

struct EventName(Option<String>);

impl Visit for EventName {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "event" {
            self.0 = Some(value.to_owned());
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        if field.name() == "event" && self.0.is_none() {
            self.0 = Some(format!("{value:?}"));
        }
    }
}
