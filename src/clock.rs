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
/// jump past a TTL or a back-off without sleeping. `freeze` stops the flow for tests that need
/// second-exact boundaries (TTL − 1 s).
#[derive(Debug, Clone, Default)]
pub struct ManualClock(Arc<Mutex<ClockState>>);

#[derive(Debug, Default)]
struct ClockState {
    shift: Duration,
    frozen_at: Option<OffsetDateTime>,
}

impl ManualClock {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn advance(&self, by: Duration) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).shift += by;
    }

    /// From now on, time only moves by `advance`.
    #[allow(clippy::disallowed_methods)]
    pub fn freeze(&self) {
        let mut state = self.0.lock().unwrap_or_else(|p| p.into_inner());
        state.frozen_at = Some(OffsetDateTime::now_utc());
    }
}

impl Clock for ManualClock {
    #[allow(clippy::disallowed_methods)] // real time plus the test's shift
    fn now(&self) -> OffsetDateTime {
        let state = self.0.lock().unwrap_or_else(|p| p.into_inner());
        state.frozen_at.unwrap_or_else(OffsetDateTime::now_utc) + state.shift
    }
}

pub type SharedClock = Arc<dyn Clock>;
