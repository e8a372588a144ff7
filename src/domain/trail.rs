//! What the recent-activity trail says happened to an account: the vocabulary the store,
//! the pages and the admin listener share. A kind is stored as a short, stable string
//! (`as_str`): renaming a variant must not change what older rows mean.
use time::OffsetDateTime;

/// One event as stored and read back. SECURITY: it holds no token, code, link or full
/// address, only what a person needs to tell their own activity from someone else's
/// (SECURITY.md, "The sign-in trail").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrailEvent {
    /// Whole seconds, as stored.
    pub at: OffsetDateTime,
    pub account_id: String,
    pub kind: TrailKind,
    /// `i18n::browser_record` (`name|os`); empty for an operator's action.
    pub browser: String,
    /// `domain::masked_ip` (`203.0.113.x`); empty for an operator's action.
    pub ip: String,
}

/// One kind of event on an account's trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TrailKind {
    /// A sign-in email was issued to the account's address (recorded by the store itself, in
    /// the issuing transaction: `migrations/sqlite/0009_trail.sql`,
    /// `store/postgres/issue_batch.rs`).
    EmailRequested,
    SignedInWithLink,
    SignedInWithCode,
    WrongCode,
    SignedOut,
    SignedOutEverywhereElse,
    SignedOutEverywhere,
    /// One session ended from the account page.
    SessionEnded,
    /// "This wasn't me" on a sign-in email.
    NotMe,
    OperatorEndedSessions,
    OperatorLiftedBackOff,
    /// The account moved to a new address (its code or link used).
    AddressChanged,
    /// The old address undid a change.
    AddressChangeUndone,
}

impl TrailKind {
    pub const ALL: [TrailKind; 13] = [
        TrailKind::EmailRequested,
        TrailKind::SignedInWithLink,
        TrailKind::SignedInWithCode,
        TrailKind::WrongCode,
        TrailKind::SignedOut,
        TrailKind::SignedOutEverywhereElse,
        TrailKind::SignedOutEverywhere,
        TrailKind::SessionEnded,
        TrailKind::NotMe,
        TrailKind::OperatorEndedSessions,
        TrailKind::OperatorLiftedBackOff,
        TrailKind::AddressChanged,
        TrailKind::AddressChangeUndone,
    ];

    /// As stored and as the admin JSON names it.
    pub fn as_str(self) -> &'static str {
        match self {
            TrailKind::EmailRequested => "email_requested",
            TrailKind::SignedInWithLink => "signed_in_link",
            TrailKind::SignedInWithCode => "signed_in_code",
            TrailKind::WrongCode => "wrong_code",
            TrailKind::SignedOut => "signed_out",
            TrailKind::SignedOutEverywhereElse => "signed_out_elsewhere",
            TrailKind::SignedOutEverywhere => "signed_out_everywhere",
            TrailKind::SessionEnded => "session_ended",
            TrailKind::NotMe => "not_me",
            TrailKind::OperatorEndedSessions => "operator_ended_sessions",
            TrailKind::OperatorLiftedBackOff => "operator_lifted_back_off",
            TrailKind::AddressChanged => "address_changed",
            TrailKind::AddressChangeUndone => "address_change_undone",
        }
    }

    pub fn parse(stored: &str) -> Option<TrailKind> {
        TrailKind::ALL.into_iter().find(|k| k.as_str() == stored)
    }

    /// An operator did it, from the admin listener: there is no browser to name.
    pub fn by_operator(self) -> bool {
        matches!(
            self,
            TrailKind::OperatorEndedSessions | TrailKind::OperatorLiftedBackOff
        )
    }
}

#[cfg(test)]
mod tests {
    use super::TrailKind;

    #[test]
    fn every_kind_reads_back_from_its_stored_name_and_names_are_distinct() {
        let mut names = std::collections::HashSet::new();
        for kind in TrailKind::ALL {
            assert_eq!(TrailKind::parse(kind.as_str()), Some(kind));
            assert!(names.insert(kind.as_str()), "{kind:?}");
            assert!(kind.as_str().len() <= 32, "{kind:?}: short and stable");
        }
        assert_eq!(TrailKind::parse("signed_in"), None);
    }
}
