//! The purge job: every store deletes its dead rows once a minute. Several instances may run
//! it at once; a shared backend lets one of them do the work at a time.
use super::Stores;
use crate::clock::SharedClock;
use std::time::Duration;
use tokio::sync::watch;

/// How often the job runs.
const EVERY: Duration = Duration::from_secs(60);
/// How long spent credentials and expired sessions are kept before deletion.
const GRACE: Duration = Duration::from_secs(3600);

pub struct Purger {
    pub stores: Stores,
    pub clock: SharedClock,
    /// How long the trail keeps its events (`audit.retention`).
    pub retention: Duration,
}

impl Purger {
    /// Runs until `stop` says so or its sender is dropped.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        loop {
            tokio::select! {
                _ = tokio::time::sleep(EVERY) => {}
                changed = stop.changed() => if changed.is_err() || *stop.borrow() { return },
            }
            match self
                .stores
                .purge(GRACE, self.retention, self.clock.now())
                .await
            {
                Ok(n) if n > 0 => tracing::info!(
                    rows = n,
                    "purged spent credentials, sessions and old trail events"
                ),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "purge failed"),
            }
        }
    }
}
