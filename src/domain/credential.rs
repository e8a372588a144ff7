//! The vocabulary that the sign-in approaches and the stores share: what an emailed credential
//! is in (its state, why it is refused, what redeeming it did), what issuing one did, and the
//! limits both sides apply. It lives below both, so that `store/` never imports `sign_in/`.
use super::EmailAddress;
use std::time::Duration;
use time::OffsetDateTime;

/// An Iris account (when Iris owns identities).
#[derive(Debug, Clone)]
pub struct Account {
    pub id: String,
    pub email: EmailAddress,
}

/// Per-address send limits, and the day's budget for all addresses together.
#[derive(Debug, Clone, Copy)]
pub struct SendLimits {
    pub cooldown: Duration,
    pub per_hour: u32,
    /// All addresses together, per UTC day.
    pub per_day: u32,
}

/// Wrong codes allowed per credential, and the per-address back-off after repeated failures.
#[derive(Debug, Clone, Copy)]
pub struct FailurePolicy {
    pub max_attempts: u32,
    pub account_failures: u32,
    pub backoff_max: Duration,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueOutcome {
    /// Credential and outbox row committed together.
    Issued { credential_id: String },
    /// Within the cooldown: nothing new was created; the newest live credential stays valid.
    CoolingDown {
        credential_id: Option<String>,
        retry_after: u64,
    },
    /// The hourly budget for this address is spent.
    HourlyLimit { retry_after: u64 },
    /// Too many wrong codes for this address recently: back-off in force.
    Locked { retry_after: u64 },
    /// Today's outbound budget (all addresses) is spent; it renews at midnight UTC.
    DailyBudget { retry_after: u64 },
}

impl IssueOutcome {
    /// How long until another email may go, when this one could not.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            IssueOutcome::Issued { .. } => None,
            IssueOutcome::CoolingDown { retry_after, .. }
            | IssueOutcome::HourlyLimit { retry_after }
            | IssueOutcome::Locked { retry_after }
            | IssueOutcome::DailyBudget { retry_after } => Some(*retry_after),
        }
    }
}

/// Why a credential could not be used. The same for known and unknown addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Unknown,
    Used,
    Superseded,
    Expired,
    TooManyAttempts,
    Locked {
        retry_after: u64,
    },
    /// Its recipient said "this wasn't me": the link and the code no longer work.
    Voided,
}

#[derive(Debug, Clone)]
pub enum Redemption {
    /// `account` is the Iris account when Iris owns the session; `None` when another system
    /// (Kratos) issued it.
    SignedIn {
        account: Option<Account>,
        /// The address signed in to (the browser becomes a known device for it).
        email: EmailAddress,
        return_to: String,
        /// The credential used (Iris's id; for Kratos, its flow), so the session made with it
        /// can be found again ("this wasn't me").
        credential_id: String,
    },
    /// `attempts_left` when known (Kratos does not say).
    WrongCode {
        attempts_left: Option<u32>,
    },
    Refused(Refusal),
}

/// What "this wasn't me" did to an emailed credential.
#[derive(Debug, Clone)]
pub enum Voiding {
    /// Its link and code no longer work, and its address is held for a while. `used_by` is
    /// the account that had signed in with it (its id), if anyone had: the session made with
    /// it is then to be ended. `again`: it was voided before, and this changed nothing (the
    /// hold was not renewed); the answer is the same, so that a caller whose first attempt
    /// failed after the void (ending the session) can finish the job.
    Voided {
        credential_id: String,
        email: EmailAddress,
        used_by: Option<String>,
        again: bool,
    },
    /// Nothing changed.
    Refused(VoidRefusal),
}

/// Why a credential could not be voided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoidRefusal {
    /// No credential has this token (never issued, or purged).
    Unknown,
    /// It expired unused: nobody signed in with it and nobody can.
    Expired,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Pending,
    Sent,
    Failed,
}

/// Whether the address's failure back-off applies to one code entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backoff {
    /// A stranger: it applies.
    Applies,
    /// The browser that asked for this credential: not until it enters a wrong code itself.
    UntilOwnFailure,
    /// A known device for the address: never.
    Exempt,
}

/// How one code entry is judged: which back-off holds it, and whether a wrong code uses up one
/// of the email's tries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeEntry {
    pub backoff: Backoff,
    pub uses_tries: bool,
}

/// What the pages show about a credential: never the secrets.
#[derive(Debug, Clone)]
pub struct CredentialView {
    pub id: String,
    pub email: EmailAddress,
    pub requested_at: OffsetDateTime,
    pub requested_by: String,
    pub expires_at: OffsetDateTime,
    pub state: Result<(), Refusal>,
    pub delivery: Delivery,
    /// When this address may be sent another email.
    pub next_send_at: OffsetDateTime,
    /// Validated when the credential was issued; a resend keeps it.
    pub return_to: String,
    /// Codes entered for it so far (a right one counts too: it ends the credential).
    pub attempts: u32,
}

impl CredentialView {
    /// The view as a browser meets it: the address's back-off does not show where it does not
    /// apply to that browser.
    pub fn for_browser(mut self, backoff: Backoff) -> Self {
        let exempt = match backoff {
            Backoff::Exempt => true,
            Backoff::UntilOwnFailure => self.attempts == 0,
            Backoff::Applies => false,
        };
        if exempt && matches!(self.state, Err(Refusal::Locked { .. })) {
            self.state = Ok(());
        }
        self
    }

    /// Why a redemption that changed nothing was refused, as this browser sees it. A view
    /// that shows no refusal means another request won the race: the credential is used.
    pub fn refusal_for(view: Option<CredentialView>, backoff: Backoff) -> Refusal {
        view.map_or(Refusal::Unknown, |v| {
            v.for_browser(backoff).state.err().unwrap_or(Refusal::Used)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(state: Result<(), Refusal>, attempts: u32) -> CredentialView {
        CredentialView {
            id: "c".into(),
            email: EmailAddress::parse("a@example.com").unwrap(),
            requested_at: OffsetDateTime::UNIX_EPOCH,
            requested_by: String::new(),
            expires_at: OffsetDateTime::UNIX_EPOCH,
            state,
            delivery: Delivery::Pending,
            next_send_at: OffsetDateTime::UNIX_EPOCH,
            return_to: "/".into(),
            attempts,
        }
    }

    const LOCKED: Result<(), Refusal> = Err(Refusal::Locked { retry_after: 30 });

    #[test]
    fn the_back_off_shows_only_to_browsers_it_holds() {
        assert_eq!(view(LOCKED, 0).for_browser(Backoff::Applies).state, LOCKED);
        assert_eq!(view(LOCKED, 3).for_browser(Backoff::Exempt).state, Ok(()));
        assert_eq!(
            view(LOCKED, 0).for_browser(Backoff::UntilOwnFailure).state,
            Ok(())
        );
        assert_eq!(
            view(LOCKED, 1).for_browser(Backoff::UntilOwnFailure).state,
            LOCKED
        );
        // Other refusals hold every browser.
        let used = Err(Refusal::Used);
        assert_eq!(view(used, 0).for_browser(Backoff::Exempt).state, used);
    }

    #[test]
    fn a_refused_redemption_names_the_reason_or_the_race() {
        assert_eq!(
            CredentialView::refusal_for(None, Backoff::Applies),
            Refusal::Unknown
        );
        assert_eq!(
            CredentialView::refusal_for(Some(view(Ok(()), 0)), Backoff::Applies),
            Refusal::Used
        );
        assert_eq!(
            CredentialView::refusal_for(Some(view(Err(Refusal::Expired), 0)), Backoff::Exempt),
            Refusal::Expired
        );
    }
}
