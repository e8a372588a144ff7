//! Changing an account's address (SECURITY.md item 28): the new address proves itself with a
//! link or code sent to it, and only then does the account move; the old address is told, and
//! can undo a done change for a while.
use super::EmailAddress;
use time::OffsetDateTime;

/// Where a change stands, as its pages tell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeState {
    /// Waiting for the new address's link or code.
    Pending,
    /// Done; the old address may still undo it until `revert_until`.
    Confirmed,
    Reverted,
    /// Its link and code ran out before use; or, for a done one, its undo window passed.
    Expired,
    /// A newer change for the account replaced it, or an undo voided it.
    Superseded,
    /// Too many wrong codes.
    TooManyAttempts,
}

/// A change as its pages see it: never a secret.
#[derive(Debug, Clone)]
pub struct ChangeView {
    pub id: String,
    pub account_id: String,
    pub old_email: EmailAddress,
    pub new_email: EmailAddress,
    pub requested_at: OffsetDateTime,
    /// `i18n::browser_record` of the browser that asked.
    pub requested_by: String,
    pub expires_at: OffsetDateTime,
    pub confirmed_at: Option<OffsetDateTime>,
    pub state: ChangeState,
}

/// What the new address's link or code did.
#[derive(Debug, Clone)]
pub enum ChangeOutcome {
    /// The account now has the new address; the notice to the old one is queued.
    Changed(Box<ChangeView>),
    WrongCode {
        attempts_left: u32,
    },
    /// Not (or no longer) usable: why.
    Refused(ChangeState),
    /// Unknown link, code or change.
    Unknown,
    /// Another account already has the new address: nothing changed.
    Taken,
}

/// What the old address's undo link did.
#[derive(Debug, Clone)]
pub enum RevertOutcome {
    /// The account has its old address again.
    Reverted(Box<ChangeView>),
    Refused(ChangeState),
    Unknown,
    /// Another account took the old address meanwhile: nothing changed.
    Taken,
}

/// What is stored of a change that decides where it stands (unix seconds).
#[derive(Debug, Clone, Copy)]
pub struct ChangeFacts {
    pub confirmed_at: Option<i64>,
    pub reverted_at: Option<i64>,
    pub superseded: bool,
    pub expires_at: i64,
    pub revert_until: Option<i64>,
    pub attempts: i64,
}

/// Where a change stands at `now`: one rule for every backend.
pub fn change_state(f: &ChangeFacts, max_attempts: u32, now: i64) -> ChangeState {
    match (f.confirmed_at, f.reverted_at) {
        (_, Some(_)) => ChangeState::Reverted,
        (Some(_), None) if f.superseded => ChangeState::Superseded,
        (Some(_), None) if f.revert_until.is_some_and(|u| u > now) => ChangeState::Confirmed,
        (Some(_), None) => ChangeState::Expired,
        (None, None) if f.superseded => ChangeState::Superseded,
        (None, None) if f.attempts >= i64::from(max_attempts) => ChangeState::TooManyAttempts,
        (None, None) if f.expires_at <= now => ChangeState::Expired,
        (None, None) => ChangeState::Pending,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_pending_until_used_run_out_or_replaced() {
        let state = |confirmed_at, reverted_at, superseded, attempts, now| {
            let facts = ChangeFacts {
                confirmed_at,
                reverted_at,
                superseded,
                expires_at: 600,
                revert_until: Some(7_000),
                attempts,
            };
            change_state(&facts, 5, now)
        };
        assert_eq!(state(None, None, false, 0, 599), ChangeState::Pending);
        assert_eq!(state(None, None, false, 0, 600), ChangeState::Expired);
        assert_eq!(
            state(None, None, false, 5, 10),
            ChangeState::TooManyAttempts
        );
        assert_eq!(state(None, None, true, 0, 10), ChangeState::Superseded);
        assert_eq!(
            state(Some(10), None, false, 1, 6_999),
            ChangeState::Confirmed
        );
        assert_eq!(state(Some(10), None, false, 1, 7_000), ChangeState::Expired);
        assert_eq!(
            state(Some(10), Some(20), false, 1, 30),
            ChangeState::Reverted
        );
    }
}
