//! Iris's own types for Kratos's self-service JSON: only the fields Iris reads (the generated
//! SDK models fail on real flows, kratos.md §8).
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Flow {
    pub id: String,
    #[serde(default)]
    pub state: Option<String>,
    pub ui: Ui,
    /// Where the flow was started to lead (`/self-service/login/browser?return_to=…`).
    #[serde(default)]
    pub return_to: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Ui {
    pub action: String,
    #[serde(default)]
    pub nodes: Vec<Node>,
    #[serde(default)]
    pub messages: Vec<Message>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Node {
    #[serde(default)]
    pub attributes: Attributes,
    #[serde(default)]
    pub messages: Vec<Message>,
}

/// Only the two attributes Iris reads; the rest (labels, meta, types) is skipped while parsing,
/// which is most of a flow's bytes.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Attributes {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub value: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Message {
    pub id: i64,
    #[serde(default)]
    pub text: String,
}

/// Kratos's error body (`{"error": {...}}`), plus the fields some errors carry beside it.
#[derive(Debug, Clone, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
    /// On 410 (flow expired): the replacement flow.
    #[serde(default)]
    pub use_flow_id: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ErrorDetail {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub code: Option<u16>,
    #[serde(default)]
    pub message: Option<String>,
}

/// A Kratos session, as whoami and a successful code submission return it.
#[derive(Debug, Clone, Deserialize)]
pub struct Session {
    pub id: String,
    #[serde(default)]
    pub authenticated_at: Option<String>,
    #[serde(default)]
    pub expires_at: Option<String>,
    pub identity: Identity,
    /// Where it was used from (Kratos records the first device; the frontend API lists them).
    #[serde(default)]
    pub devices: Vec<Device>,
    #[serde(default)]
    pub authentication_methods: Vec<AuthenticationMethod>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Device {
    #[serde(default)]
    pub ip_address: Option<String>,
    #[serde(default)]
    pub user_agent: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AuthenticationMethod {
    /// `code`, `code_recovery`, `link_recovery`, …
    #[serde(default)]
    pub method: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Identity {
    pub id: String,
    #[serde(default)]
    pub traits: serde_json::Value,
}

impl Identity {
    pub fn email(&self) -> Option<&str> {
        self.traits["email"].as_str()
    }
}

/// UI message ids Iris acts on (kratos.md §1.6, checked against the running v1.3.1).
pub mod ids {
    pub const ACCOUNT_DOES_NOT_EXIST: i64 = 4000035;
    pub const SUBMITTED_TOO_OFTEN: i64 = 4000001;
    pub const LOGIN_CODE_INVALID: i64 = 4010008;
    pub const REGISTRATION_CODE_INVALID: i64 = 4040003;
    /// Recovery (link): the token is unknown or was used.
    pub const RECOVERY_TOKEN_INVALID: i64 = 4060004;
    /// Recovery: the flow expired (an expired code or link too).
    pub const RECOVERY_EXPIRED: i64 = 4060005;
    /// Recovery (code): the code is wrong or was used.
    pub const RECOVERY_CODE_INVALID: i64 = 4060006;
    /// Recovery already completed in this flow.
    pub const RECOVERY_DONE: i64 = 4060001;
    /// Settings, right after a recovery: "you recovered your account" (Iris's sign-in).
    pub const RECOVERED: i64 = 1060001;
}

impl Flow {
    fn node(&self, name: &str) -> Option<&Node> {
        self.ui
            .nodes
            .iter()
            .find(|n| n.attributes.name.as_deref() == Some(name))
    }

    pub fn value(&self, name: &str) -> Option<&str> {
        self.node(name)?.attributes.value.as_ref()?.as_str()
    }

    pub fn csrf_token(&self) -> Option<&str> {
        self.value("csrf_token")
    }

    /// Every message id on the flow and its nodes.
    pub fn message_ids(&self) -> impl Iterator<Item = i64> + '_ {
        self.ui
            .messages
            .iter()
            .chain(self.ui.nodes.iter().flat_map(|n| n.messages.iter()))
            .map(|m| m.id)
    }

    pub fn has_message(&self, id: i64) -> bool {
        self.message_ids().any(|m| m == id)
    }

    pub fn code_sent(&self) -> bool {
        self.state.as_deref() == Some("sent_email")
    }
}

/// Where Kratos sends a browser after a recovery: its settings UI (Iris's `/settings`).
pub fn is_settings(location: &str) -> bool {
    url::Url::parse(location).is_ok_and(|u| u.path() == "/settings")
}

/// The `flow` query parameter of a URL Kratos sent.
pub fn flow_param(location: &str) -> Option<String> {
    let url = url::Url::parse(location)
        .or_else(|_| url::Url::parse("http://x").and_then(|b| b.join(location)))
        .ok()?;
    let flow = url.query_pairs().find(|(k, _)| k == "flow" || k == "id")?.1;
    Some(flow.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_kratos_shaped_flow() {
        let json = serde_json::json!({
            "id": "f1", "type": "browser", "state": "sent_email", "expires_at": "2026-01-01T00:00:00Z",
            "ui": {
                "action": "http://127.0.0.1:4433/self-service/login?flow=f1", "method": "POST",
                "messages": [{"id": 1010014, "type": "info", "text": "sent", "context": {}}],
                "nodes": [
                    {"type": "input", "group": "default", "attributes": {"name": "csrf_token", "type": "hidden", "value": "tok", "node_type": "input"}, "messages": [], "meta": {}},
                    {"type": "input", "group": "default", "attributes": {"name": "identifier", "type": "hidden", "value": "a@example.com", "node_type": "input"}, "messages": [], "meta": {}},
                    {"type": "img", "group": "totp", "attributes": {"src": "data:", "id": "qr", "node_type": "img"}, "messages": [], "meta": {}}
                ]
            }
        });
        let flow: Flow = serde_json::from_value(json).unwrap();
        assert!(flow.code_sent());
        assert_eq!(flow.csrf_token(), Some("tok"));
        assert_eq!(flow.value("identifier"), Some("a@example.com"));
        assert!(flow.has_message(1010014));
    }
}
