//! The store's answer to a send, as the browser hears it. Both approaches share it, so their
//! limits answer alike.
use super::Started;
use crate::domain::credential::IssueOutcome;

/// What the store's answer to a send means for the browser; refusals are logged as the
/// security events they are.
pub(super) fn started(outcome: IssueOutcome) -> Started {
    match outcome {
        IssueOutcome::Issued { credential_id } => Started::Sent { credential_id },
        IssueOutcome::CoolingDown {
            credential_id,
            retry_after,
        } => Started::AlreadySent {
            credential_id,
            retry_after,
        },
        IssueOutcome::HourlyLimit { retry_after } | IssueOutcome::Locked { retry_after } => {
            tracing::info!(
                event = "excess_rate_limit_exceeded",
                retry_after,
                "email limit"
            );
            Started::Limited { retry_after }
        }
        IssueOutcome::DailyBudget { retry_after } => {
            // An alert: either real demand outgrew the setting or someone is burning the quota.
            tracing::error!(
                event = "mail_budget_exhausted",
                retry_after,
                "limits.emails_per_day is spent: no sign-in email until midnight UTC"
            );
            Started::MailPaused { retry_after }
        }
    }
}
