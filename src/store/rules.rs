//! The decisions every backend shares, as pure functions of what a backend read: a credential's
//! state, why a send was refused, the back-off after failures, the windows that limits and
//! retention use. Backends keep only their statements; the contract suite proves they agree.
//! Where a decision must be atomic (a conditional write), the statement carries it, and takes
//! its numbers from here.
use super::{StoreError, StoreResult};
use crate::domain::credential::{
    Backoff, Delivery, FailurePolicy, IssueOutcome, Redemption, Refusal, SendLimits, VoidRefusal,
};
use crate::domain::EmailAddress;
use std::time::Duration;
use time::OffsetDateTime;

/// The hourly budget's window, and how long a failure counts toward the back-off.
pub const WINDOW_SECS: i64 = 3600;
const DAY_SECS: i64 = 86_400;

/// The daily email budget's day (UTC) for a unix time, as `email_budget.day` stores it.
pub fn budget_day(unix_s: i64) -> i64 {
    unix_s.div_euclid(DAY_SECS)
}

/// Back-off once an address passes its failure threshold: 30 s, doubling, capped.
pub fn backoff_secs(failures: u32, policy: FailurePolicy) -> u64 {
    if failures < policy.account_failures {
        return 0;
    }
    let over = (failures - policy.account_failures).min(16);
    (30u64 << over).min(policy.backoff_max.as_secs())
}

/// How the statements encode a `Backoff` (compared in SQL: 2 exempt, 1 until the browser's
/// own failure, 0 applies).
pub fn backoff_exemption(backoff: Backoff) -> i64 {
    match backoff {
        Backoff::Applies => 0,
        Backoff::UntilOwnFailure => 1,
        Backoff::Exempt => 2,
    }
}

/// What a backend reads about one credential.
#[derive(Debug, Clone, Default)]
pub struct CredentialFacts<'a> {
    pub used_at: Option<i64>,
    /// `signed_in`, `superseded`, `VOIDED` or `VOIDED_AFTER_USE` once used.
    pub outcome: Option<&'a str>,
    pub expires_at: i64,
    pub attempts: i64,
    /// The address's back-off end (0: none).
    pub locked_until: i64,
}

/// A credential's state: usable, or the first reason it is not.
pub fn credential_state(
    facts: &CredentialFacts<'_>,
    policy: FailurePolicy,
    now_s: i64,
) -> Result<(), Refusal> {
    if facts.used_at.is_some() {
        Err(match facts.outcome {
            Some("superseded") => Refusal::Superseded,
            Some(VOIDED | VOIDED_AFTER_USE) => Refusal::Voided,
            _ => Refusal::Used,
        })
    } else if facts.expires_at <= now_s {
        Err(Refusal::Expired)
    } else if facts.attempts >= i64::from(policy.max_attempts) {
        Err(Refusal::TooManyAttempts)
    } else if facts.locked_until > now_s {
        Err(Refusal::Locked {
            retry_after: (facts.locked_until - now_s) as u64,
        })
    } else {
        Ok(())
    }
}

/// `credentials.outcome` of a credential voided by "this wasn't me" before anyone used it (or
/// after a newer email superseded it), and of one voided after someone signed in with it. A
/// value of the existing column rather than a new one: `used_at` is set either way, so every
/// statement that redeems (`used_at IS NULL`) or gives back (`outcome = 'signed_in'`) already
/// leaves a voided credential alone.
pub const VOIDED: &str = "voided";
pub const VOIDED_AFTER_USE: &str = "voided_after_use";

/// What "this wasn't me" does to a credential a backend read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoidStep {
    /// Void it: set `outcome` to this (and `used_at`, if unset, to now). `was_used`: someone
    /// signed in with it, so the caller ends that session. `again`: it was voided before; the
    /// write changes nothing and the address's hold is not renewed.
    Void {
        outcome: &'static str,
        was_used: bool,
        again: bool,
    },
    Refuse(VoidRefusal),
}

/// A used credential can be voided as long as it is stored (its session may still be live); an
/// unused one only while it could still be used. A superseded one is voided too: its link was
/// already dead, but the address is held all the same. A voided one gives the same answer
/// again, marked `again`, even once expired.
pub fn void_step(facts: &CredentialFacts<'_>, now_s: i64) -> VoidStep {
    match facts.outcome {
        Some(outcome @ (VOIDED | VOIDED_AFTER_USE)) => VoidStep::Void {
            outcome: if outcome == VOIDED {
                VOIDED
            } else {
                VOIDED_AFTER_USE
            },
            was_used: outcome == VOIDED_AFTER_USE,
            again: true,
        },
        Some("signed_in") if facts.used_at.is_some() => VoidStep::Void {
            outcome: VOIDED_AFTER_USE,
            was_used: true,
            again: false,
        },
        _ if facts.expires_at <= now_s => VoidStep::Refuse(VoidRefusal::Expired),
        _ => VoidStep::Void {
            outcome: VOIDED,
            was_used: false,
            again: false,
        },
    }
}

/// Until when "this wasn't me" holds an address with the failure back-off. The statement keeps
/// the later of this and a back-off already in force: a hold never shortens one.
pub fn hold_until(hold: Duration, now_s: i64) -> i64 {
    now_s + hold.as_secs() as i64
}

/// The delivery the pages show for an outbox status. SECURITY: an undeliverable row
/// (`suppressed`) reports "pending" like a queued one, so the pages for unknown addresses look
/// exactly like those for known ones (SECURITY.md item 48).
pub fn delivery(status: Option<&str>) -> Delivery {
    match status {
        Some("sent") => Delivery::Sent,
        Some("failed") => Delivery::Failed,
        _ => Delivery::Pending,
    }
}

/// What a backend reads about an address whose send was not counted.
#[derive(Debug, Clone, Default)]
pub struct LimitFacts {
    pub locked_until: i64,
    pub last_sent_at: i64,
    pub window_start: i64,
    pub window_count: i64,
    /// The newest unused, unexpired credential for the address (it stays valid in a cooldown).
    pub newest_live: Option<String>,
}

/// Why a send was not counted: back-off, cooldown (with the credential that stays valid) or
/// the hourly budget; when none of them holds, the day's budget had no room left.
pub fn send_refusal(
    facts: LimitFacts,
    limits: SendLimits,
    trusted: bool,
    now_s: i64,
) -> IssueOutcome {
    let wait = |until: i64| (until - now_s).max(1) as u64;
    let cooldown_end = facts.last_sent_at + limits.cooldown.as_secs() as i64;
    if facts.locked_until > now_s && !trusted {
        IssueOutcome::Locked {
            retry_after: wait(facts.locked_until),
        }
    } else if now_s < cooldown_end {
        IssueOutcome::CoolingDown {
            credential_id: facts.newest_live,
            retry_after: wait(cooldown_end),
        }
    } else if now_s < facts.window_start + WINDOW_SECS
        && facts.window_count >= i64::from(limits.per_hour)
        && !trusted
    {
        IssueOutcome::HourlyLimit {
            retry_after: wait(facts.window_start + WINDOW_SECS),
        }
    } else {
        IssueOutcome::DailyBudget {
            retry_after: wait((budget_day(now_s) + 1) * DAY_SECS),
        }
    }
}

/// The answer to a wrong code, `attempts` being the credential's count after this one.
pub fn wrong_code(attempts: i64, policy: FailurePolicy, uses_tries: bool) -> Redemption {
    let left = i64::from(policy.max_attempts)
        .saturating_sub(attempts)
        .max(0);
    if !uses_tries {
        // The tries are the asking browser's; this one is held by the back-off.
        Redemption::WrongCode {
            attempts_left: None,
        }
    } else if left == 0 {
        Redemption::Refused(Refusal::TooManyAttempts)
    } else {
        Redemption::WrongCode {
            attempts_left: Some(left as u32),
        }
    }
}

/// Rows whose end is at or before this are purged (`grace` after they stopped mattering).
pub fn purge_cutoff(grace: Duration, now: OffsetDateTime) -> i64 {
    now.unix_timestamp() - grace.as_secs() as i64
}

/// A stored address, read back (they were valid when stored).
pub fn stored_email(email: &str) -> StoreResult<EmailAddress> {
    EmailAddress::from_stored(email)
        .map_err(|_| StoreError::Corrupt("a stored email address no longer parses".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: FailurePolicy = FailurePolicy {
        max_attempts: 5,
        account_failures: 3,
        backoff_max: Duration::from_secs(3600),
    };
    const LIMITS: SendLimits = SendLimits {
        cooldown: Duration::from_secs(60),
        per_hour: 5,
        per_day: 1000,
    };
    const NOW: i64 = 1_000_000;

    #[test]
    fn back_off_starts_at_the_threshold_doubles_and_is_capped() {
        let secs: Vec<u64> = (0..6).map(|f| backoff_secs(f, POLICY)).collect();
        assert_eq!(secs, [0, 0, 0, 30, 60, 120]);
        assert_eq!(backoff_secs(40, POLICY), 3600);
        assert_eq!(backoff_secs(u32::MAX, POLICY), 3600);
    }

    #[test]
    fn a_credential_state_names_the_first_reason() {
        let live = CredentialFacts {
            expires_at: NOW + 60,
            ..Default::default()
        };
        assert_eq!(credential_state(&live, POLICY, NOW), Ok(()));
        let cases = [
            (
                CredentialFacts {
                    used_at: Some(NOW),
                    outcome: Some("superseded"),
                    expires_at: NOW - 1,
                    ..live.clone()
                },
                Refusal::Superseded,
            ),
            (
                CredentialFacts {
                    used_at: Some(NOW),
                    outcome: Some("signed_in"),
                    ..live.clone()
                },
                Refusal::Used,
            ),
            (
                CredentialFacts {
                    expires_at: NOW,
                    attempts: 9,
                    ..live.clone()
                },
                Refusal::Expired,
            ),
            (
                CredentialFacts {
                    attempts: 5,
                    locked_until: NOW + 5,
                    ..live.clone()
                },
                Refusal::TooManyAttempts,
            ),
            (
                CredentialFacts {
                    locked_until: NOW + 5,
                    ..live.clone()
                },
                Refusal::Locked { retry_after: 5 },
            ),
        ];
        for (facts, refusal) in cases {
            assert_eq!(
                credential_state(&facts, POLICY, NOW),
                Err(refusal),
                "{facts:?}"
            );
        }
    }

    #[test]
    fn an_undeliverable_email_looks_pending() {
        assert_eq!(delivery(Some("suppressed")), Delivery::Pending);
        assert_eq!(delivery(Some("queued")), Delivery::Pending);
        assert_eq!(delivery(None), Delivery::Pending);
        assert_eq!(delivery(Some("sent")), Delivery::Sent);
        assert_eq!(delivery(Some("failed")), Delivery::Failed);
    }

    #[test]
    fn a_refused_send_names_back_off_then_cooldown_then_hour_then_day() {
        let locked = LimitFacts {
            locked_until: NOW + 30,
            last_sent_at: NOW - 10,
            newest_live: Some("c1".into()),
            ..Default::default()
        };
        assert_eq!(
            send_refusal(locked.clone(), LIMITS, false, NOW),
            IssueOutcome::Locked { retry_after: 30 }
        );
        // A known device is not held by the back-off, but the cooldown holds it.
        assert_eq!(
            send_refusal(locked, LIMITS, true, NOW),
            IssueOutcome::CoolingDown {
                credential_id: Some("c1".into()),
                retry_after: 50
            }
        );
        let hour = LimitFacts {
            last_sent_at: NOW - 120,
            window_start: NOW - 600,
            window_count: 5,
            ..Default::default()
        };
        assert_eq!(
            send_refusal(hour.clone(), LIMITS, false, NOW),
            IssueOutcome::HourlyLimit { retry_after: 3000 }
        );
        let day = send_refusal(hour, LIMITS, true, NOW);
        let midnight = (budget_day(NOW) + 1) * DAY_SECS;
        assert_eq!(
            day,
            IssueOutcome::DailyBudget {
                retry_after: (midnight - NOW) as u64
            }
        );
    }

    #[test]
    fn a_wait_is_never_zero_seconds() {
        let facts = LimitFacts {
            last_sent_at: NOW - 60,
            ..Default::default()
        };
        // The cooldown ended exactly now: not cooling down; the day is what refused it.
        assert!(matches!(
            send_refusal(facts, LIMITS, false, NOW),
            IssueOutcome::DailyBudget { .. }
        ));
        let facts = LimitFacts {
            locked_until: NOW + 1,
            ..Default::default()
        };
        assert_eq!(
            send_refusal(facts, LIMITS, false, NOW),
            IssueOutcome::Locked { retry_after: 1 }
        );
    }

    #[test]
    fn a_wrong_code_counts_down_the_asking_browsers_tries() {
        assert!(matches!(
            wrong_code(1, POLICY, true),
            Redemption::WrongCode {
                attempts_left: Some(4)
            }
        ));
        assert!(matches!(
            wrong_code(5, POLICY, true),
            Redemption::Refused(Refusal::TooManyAttempts)
        ));
        assert!(matches!(
            wrong_code(5, POLICY, false),
            Redemption::WrongCode {
                attempts_left: None
            }
        ));
    }

    #[test]
    fn voiding_takes_used_and_live_credentials_once_and_refuses_the_rest() {
        let live = CredentialFacts {
            expires_at: NOW + 60,
            ..Default::default()
        };
        let unused = VoidStep::Void {
            outcome: VOIDED,
            was_used: false,
            again: false,
        };
        assert_eq!(void_step(&live, NOW), unused);
        let superseded = CredentialFacts {
            used_at: Some(NOW - 1),
            outcome: Some("superseded"),
            ..live.clone()
        };
        assert_eq!(void_step(&superseded, NOW), unused);
        // Used, even long expired: its session may still be live.
        let used = CredentialFacts {
            used_at: Some(NOW - 900),
            outcome: Some("signed_in"),
            expires_at: NOW - 600,
            ..Default::default()
        };
        assert_eq!(
            void_step(&used, NOW),
            VoidStep::Void {
                outcome: VOIDED_AFTER_USE,
                was_used: true,
                again: false
            }
        );
        let expired = CredentialFacts {
            expires_at: NOW,
            ..Default::default()
        };
        assert_eq!(
            void_step(&expired, NOW),
            VoidStep::Refuse(VoidRefusal::Expired)
        );
        for outcome in [VOIDED, VOIDED_AFTER_USE] {
            let again = CredentialFacts {
                used_at: Some(NOW),
                outcome: Some(outcome),
                ..live.clone()
            };
            // Again: the same answer, nothing new to write.
            assert_eq!(
                void_step(&again, NOW),
                VoidStep::Void {
                    outcome,
                    was_used: outcome == VOIDED_AFTER_USE,
                    again: true
                }
            );
            assert_eq!(credential_state(&again, POLICY, NOW), Err(Refusal::Voided));
        }
        assert_eq!(hold_until(Duration::from_secs(3600), NOW), NOW + 3600);
    }

    #[test]
    fn days_are_utc_and_negative_times_round_down() {
        assert_eq!(budget_day(0), 0);
        assert_eq!(budget_day(86_399), 0);
        assert_eq!(budget_day(86_400), 1);
        assert_eq!(budget_day(-1), -1);
    }
}
