//! The hot path's memory (issue 14): behind nginx `auth_request` every request to the
//! operator's app asks Iris about the same few sessions, thousands of times a second. Two
//! decisions keep that a read, and mostly not even a database read:
//!
//! * **Idle bookkeeping at most once a minute.** The stored expiry moves only when it is more
//!   than [`touch_slack`] behind `now + idle timeout` ([`touch_due`]). A session therefore ends
//!   at most that slack (60 s, or a tenth of a shorter idle timeout) *before* a strictly
//!   per-request idle timer would end it, never later.
//! * **A per-worker cache, fresh for at most [`FRESH_FOR`] (1 s).** A session the store
//!   returned less than a second ago is served from memory. A session deleted on another
//!   instance is therefore refused here within a second; one deleted or changed on *this*
//!   instance (any worker) at once, through [`Invalidations`]. A miss is never cached, and the
//!   idle expiry is checked on every hit. The absolute timeout is in the state itself and
//!   checked on every request (`session::current_user`), so caching cannot stretch it.
//!
//! What is cached cannot go stale, only be revoked: a session's state never changes under its
//! key (signing in issues a new key, signing out deletes it; an update, were there one, voids
//! the instance's caches like a delete).
//!
//! Keys are SHA-256 hashes of session keys (what the store keeps), never the keys themselves.
//! Hand-written: no cache crate offers "fresh for a second unless this instance invalidated
//! it" more simply than this map does.
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use time::{Duration, OffsetDateTime};

pub type KeyHash = [u8; 32];
pub type State = HashMap<String, String>;

/// How long a stored answer is served without asking the store again: the bound on how late a
/// sign-out on another instance takes effect on this one.
pub const FRESH_FOR: Duration = Duration::SECOND;

/// Entries per worker. Only sessions asked about within the last second are worth keeping, so
/// this is ten thousand distinct signed-in sessions per second per worker before the cache
/// starts over (a few MiB at most).
pub const CAPACITY: usize = 10_000;

/// The most the stored expiry may lag behind `now + idle`: 60 s, or a tenth of an idle
/// timeout shorter than ten minutes (so a short timeout is still moved well before it ends).
pub fn touch_slack(idle: Duration) -> Duration {
    let tenth: Duration = idle / 10;
    tenth.min(Duration::MINUTE)
}

/// The expiry to store now, or `None` when the stored one is recent enough. With nothing known
/// about the stored expiry (not cached), the touch is due: a write too many, never one too few.
pub fn touch_due(
    stored: Option<OffsetDateTime>,
    now: OffsetDateTime,
    idle: Duration,
) -> Option<OffsetDateTime> {
    let target = now + idle;
    match stored {
        Some(stored) if target - stored < touch_slack(idle) => None,
        _ => Some(target),
    }
}

/// One counter per instance, shared by its workers: bumped after every delete or update of a
/// session, so that no worker serves an entry fetched before it. (A per-key list would spare
/// other sessions a re-read; sign-outs are rare next to checks, so one number is enough.)
#[derive(Debug, Clone, Default)]
pub struct Invalidations(Arc<AtomicU64>);

impl Invalidations {
    pub fn current(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }

    /// Call after the store's write has completed: a worker that reads the counter after
    /// this reads the store after the write too.
    pub fn bump(&self) {
        self.0.fetch_add(1, Ordering::AcqRel);
    }
}

#[derive(Debug)]
struct Entry {
    state: State,
    /// The stored idle expiry, whole seconds.
    expires_at: OffsetDateTime,
    fetched_at: OffsetDateTime,
    /// `Invalidations::current()` read before the store was asked.
    generation: u64,
}

impl Entry {
    fn fresh(&self, now: OffsetDateTime) -> bool {
        now >= self.fetched_at && now - self.fetched_at < FRESH_FOR
    }
}

/// One worker's cache (each actix worker builds its own `ServerSessions`).
#[derive(Debug)]
pub struct SessionCache {
    entries: HashMap<KeyHash, Entry>,
    capacity: usize,
}

impl SessionCache {
    pub fn new(capacity: usize) -> Self {
        SessionCache {
            entries: HashMap::new(),
            capacity,
        }
    }

    /// The state the store returned for `key` less than `FRESH_FOR` ago, if nothing on this
    /// instance has deleted or changed a session since and its idle expiry has not passed.
    pub fn get(&self, key: &KeyHash, now: OffsetDateTime, generation: u64) -> Option<State> {
        let entry = self.entries.get(key)?;
        (entry.generation == generation && entry.fresh(now) && now < entry.expires_at)
            .then(|| entry.state.clone())
    }

    /// Remembers what the store just returned; `generation` is the counter as read *before*
    /// asking it. When full, stale entries go first, then everything (amortised O(1)).
    pub fn put(
        &mut self,
        key: KeyHash,
        state: State,
        expires_at: OffsetDateTime,
        fetched_at: OffsetDateTime,
        generation: u64,
    ) {
        if self.entries.len() >= self.capacity && !self.entries.contains_key(&key) {
            self.entries.retain(|_, e| e.fresh(fetched_at));
            if self.entries.len() >= self.capacity {
                self.entries.clear();
            }
        }
        let entry = Entry {
            state,
            expires_at,
            fetched_at,
            generation,
        };
        self.entries.insert(key, entry);
    }

    pub fn remove(&mut self, key: &KeyHash) {
        self.entries.remove(key);
    }

    /// The stored expiry last seen for `key`, fresh or not: the stored one only ever moves
    /// forward, so an old value errs towards touching early, never late.
    pub fn stored_expiry(&self, key: &KeyHash) -> Option<OffsetDateTime> {
        self.entries.get(key).map(|e| e.expires_at)
    }

    /// After a touch: the expiry now stored (whole seconds, as the store keeps it).
    pub fn set_expiry(&mut self, key: &KeyHash, at: OffsetDateTime) {
        if let Some(e) = self.entries.get_mut(key) {
            e.expires_at = OffsetDateTime::from_unix_timestamp(at.unix_timestamp()).unwrap_or(at);
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const KEY: KeyHash = [7; 32];
    const HOUR: Duration = Duration::HOUR;

    fn t(secs: f64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap() + Duration::seconds_f64(secs)
    }

    fn state(v: &str) -> State {
        State::from([("user".to_owned(), v.to_owned())])
    }

    #[test]
    fn a_touch_is_due_only_once_the_stored_expiry_lags_a_minute() {
        let stored = t(3600.0);
        assert_eq!(touch_due(Some(stored), t(0.0), HOUR), None);
        assert_eq!(touch_due(Some(stored), t(59.9), HOUR), None);
        assert_eq!(touch_due(Some(stored), t(60.0), HOUR), Some(t(3660.0)));
        assert_eq!(
            touch_due(None, t(1.0), HOUR),
            Some(t(3601.0)),
            "unknown: touch"
        );
    }

    #[test]
    fn a_short_idle_timeout_is_touched_within_a_tenth_of_it() {
        let idle = Duration::seconds(30);
        assert_eq!(touch_slack(idle), Duration::seconds(3));
        assert_eq!(touch_slack(HOUR), Duration::MINUTE);
        assert_eq!(touch_due(Some(t(30.0)), t(2.9), idle), None);
        assert_eq!(touch_due(Some(t(30.0)), t(3.0), idle), Some(t(33.0)));
    }

    #[test]
    fn requests_every_second_write_once_a_minute_and_never_end_early_by_more() {
        // A request every second for an hour, as a busy `auth_request` would send.
        let mut stored = t(3600.0);
        let mut writes = 0;
        for s in 0..=3600 {
            let now = t(f64::from(s));
            if let Some(new) = touch_due(Some(stored), now, HOUR) {
                stored = new;
                writes += 1;
            }
            let per_request_end = now + HOUR;
            assert!(stored <= per_request_end, "never later than per request");
            assert!(
                per_request_end - stored <= Duration::MINUTE,
                "at most 60 s early"
            );
        }
        assert_eq!(writes, 60, "at 60 s, 120 s, …, 3600 s");
    }

    #[test]
    fn a_hit_is_served_for_under_a_second_then_the_store_is_asked() {
        let mut c = SessionCache::new(10);
        c.put(KEY, state("a"), t(3600.0), t(0.0), 0);
        assert_eq!(c.get(&KEY, t(0.0), 0), Some(state("a")));
        assert_eq!(c.get(&KEY, t(0.999), 0), Some(state("a")));
        assert_eq!(c.get(&KEY, t(1.0), 0), None, "a second old: ask again");
        assert_eq!(c.get(&KEY, t(-0.5), 0), None, "clock went back: ask again");
        assert_eq!(c.get(&[8; 32], t(0.0), 0), None);
    }

    #[test]
    fn an_invalidation_on_this_instance_ends_every_hit_at_once() {
        let inv = Invalidations::default();
        let mut c = SessionCache::new(10);
        let before = inv.current();
        c.put(KEY, state("a"), t(3600.0), t(0.0), before);
        inv.bump(); // a sign-out on another worker of this instance
        assert_eq!(c.get(&KEY, t(0.1), inv.current()), None);
    }

    #[test]
    fn a_read_that_raced_a_sign_out_is_never_served() {
        // Worker A reads the counter and asks the store; worker B's sign-out lands and bumps
        // before A's answer (the row as it was) is put: A's entry carries the old number.
        let inv = Invalidations::default();
        let mut c = SessionCache::new(10);
        let asked_at = inv.current();
        inv.bump();
        c.put(KEY, state("a"), t(3600.0), t(0.0), asked_at);
        assert_eq!(c.get(&KEY, t(0.0), inv.current()), None);
    }

    #[test]
    fn an_idle_expired_session_is_not_served_from_memory() {
        let mut c = SessionCache::new(10);
        c.put(KEY, state("a"), t(10.0), t(9.5), 0);
        assert!(c.get(&KEY, t(9.9), 0).is_some());
        assert_eq!(c.get(&KEY, t(10.0), 0), None);
    }

    #[test]
    fn removing_and_touching_update_the_entry() {
        let mut c = SessionCache::new(10);
        c.put(KEY, state("a"), t(3600.0), t(0.0), 0);
        c.set_expiry(&KEY, t(3660.7));
        assert_eq!(c.stored_expiry(&KEY), Some(t(3660.0)), "whole seconds");
        c.remove(&KEY);
        assert_eq!(c.stored_expiry(&KEY), None);
        assert_eq!(c.get(&KEY, t(0.0), 0), None);
    }

    #[test]
    fn the_cache_never_grows_past_its_capacity() {
        let mut c = SessionCache::new(3);
        for i in 0..3u8 {
            c.put([i; 32], state("old"), t(3600.0), t(0.0), 0);
        }
        // Stale entries make room first; the fresh one stays.
        c.put([9; 32], state("fresh"), t(3600.0), t(1.5), 0);
        c.put([3; 32], state("new"), t(3600.0), t(2.0), 0);
        assert_eq!(c.len(), 2);
        // All fresh and full: start over rather than scan on every insert.
        c.put([4; 32], state("x"), t(3600.0), t(2.0), 0);
        c.put([5; 32], state("y"), t(3600.0), t(2.0), 0);
        assert!(c.len() <= 3);
        assert!(c.get(&[5; 32], t(2.0), 0).is_some());
    }
}
