//! The sessions an account page lists, whoever holds them: Iris's store or Kratos.
use crate::domain::{browser_summary, masked_ip};
use crate::i18n::browser_record;
use crate::kratos::Session;
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// How a session began.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    Link,
    Code,
}

/// One live session of the signed-in account, as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveSession {
    /// What the page's "sign out" button names: Iris's public session id or Kratos's session
    /// id, never anything that unlocks the session.
    pub id: String,
    /// The browser looking at the page.
    pub current: bool,
    /// `i18n::browser_record`, when known.
    pub browser: Option<String>,
    /// `domain::masked_ip`, when known.
    pub ip: Option<String>,
    pub started_at: i64,
    /// When it was last used, as near as the holder knows (Iris: within a minute; Kratos does
    /// not say).
    pub last_seen: Option<i64>,
    pub how: Option<Method>,
}

/// The current session first, then the most recently used.
pub fn in_page_order(sessions: &mut [ActiveSession]) {
    sessions.sort_by_key(|s| {
        (
            !s.current,
            std::cmp::Reverse(s.last_seen.unwrap_or(s.started_at)),
        )
    });
}

/// A Kratos session as the page lists it: its first device (where it began), and how it
/// began from its last authentication method.
pub(super) fn from_kratos(s: &Session, current: bool) -> ActiveSession {
    let device = s.devices.first();
    let ua = device.and_then(|d| d.user_agent.as_deref());
    let (name, os) = browser_summary(ua);
    let how = s
        .authentication_methods
        .iter()
        .rev()
        .find_map(|m| match m.method.as_deref()? {
            "link_recovery" => Some(Method::Link),
            "code" | "code_recovery" => Some(Method::Code),
            _ => None,
        });
    ActiveSession {
        id: s.id.clone(),
        current,
        browser: ua.map(|_| browser_record(name, os)),
        ip: device
            .and_then(|d| d.ip_address.as_deref())
            .and_then(|ip| ip.parse().ok())
            .map(masked_ip),
        started_at: s
            .authenticated_at
            .as_deref()
            .and_then(|t| OffsetDateTime::parse(t, &Rfc3339).ok())
            .map(OffsetDateTime::unix_timestamp)
            .unwrap_or_default(),
        last_seen: None,
        how,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kratos_session_names_its_first_device_and_how_it_began() {
        let s: Session = serde_json::from_value(serde_json::json!({
            "id": "7f1c",
            "authenticated_at": "2026-12-03T10:15:00Z",
            "identity": { "id": "i1", "traits": { "email": "a@example.com" } },
            "devices": [{ "ip_address": "203.0.113.9", "user_agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0" }],
            "authentication_methods": [{ "method": "code_recovery" }]
        }))
        .unwrap();
        let listed = from_kratos(&s, true);
        assert_eq!(listed.id, "7f1c");
        assert_eq!(listed.browser.as_deref(), Some("Firefox|Linux"));
        assert_eq!(listed.ip.as_deref(), Some("203.0.113.x"));
        assert_eq!(listed.how, Some(Method::Code));
        assert_eq!(listed.started_at, 1_796_292_900);
    }

    #[test]
    fn this_browser_first_then_the_most_recently_used() {
        let s = |id: &str, current, seen| ActiveSession {
            id: id.into(),
            current,
            browser: None,
            ip: None,
            started_at: 0,
            last_seen: Some(seen),
            how: None,
        };
        let mut listed = vec![s("old", false, 10), s("me", true, 5), s("new", false, 20)];
        in_page_order(&mut listed);
        let ids: Vec<_> = listed.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["me", "new", "old"]);
    }
}
