//! Time is injected: everything that compares against "now" asks a `Clock`, so tests can move it.
use std::sync::{Arc, Mutex};
use time::{Duration, OffsetDateTime};

pub trait Clock: Send + Sync + 'static {
    /// The current UTC time. The only source of "now" for expiry, limits and sessions.
    fn now(&self) -> OffsetDateTime;
}

#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)] // the one place allowed to read the system clock
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// Real time plus a shift the test controls: time still flows (workers, retries), and a test can
/// jump past a TTL or a back-off without sleeping.
#[derive(Debug, Clone, Default)]
pub struct ManualClock(Arc<Mutex<Duration>>);

impl ManualClock {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn advance(&self, by: Duration) {
        let mut shift = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *shift += by;
    }
}

impl Clock for ManualClock {
    #[allow(clippy::disallowed_methods)] // real time plus the test's shift
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc() + *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

pub type SharedClock = Arc<dyn Clock>;
