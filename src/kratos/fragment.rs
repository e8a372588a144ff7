//! `iris kratos-config`: the Kratos v1.3.1 settings that must match the running Iris config
//! (UI URLs, return URLs, code and link lifespans, passwordless code, sign-up session hook,
//! recovery as sign-in, courier delivery over HTTP to Iris). Printed as YAML, to merge into kratos.yml or to pass as a
//! second `-c` file (later files override earlier ones).
use crate::config::yaml::yaml;
use crate::config::Settings;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use secrecy::ExposeSecret;
use serde_json::json;

/// The jsonnet body Kratos's courier posts: the whole template context, unchanged.
const COURIER_BODY: &str = include_str!("../../config/kratos/courier-body.jsonnet");

#[derive(Debug, thiserror::Error)]
pub enum FragmentError {
    #[error("secrets.courier_api_key: required, Kratos's courier authenticates to Iris with it")]
    NoCourierKey,
    #[error("sign_in.default_return_url: cannot be made absolute")]
    DefaultReturn,
}

pub fn fragment(settings: &Settings) -> Result<String, FragmentError> {
    let key = settings
        .secrets
        .courier_api_key
        .as_ref()
        .ok_or(FragmentError::NoCourierKey)?;
    let public = &settings.server.public_url;
    let iris = public.as_str().trim_end_matches('/').to_owned();
    let ui = |path: &str| format!("{iris}{path}");
    let default_return = public
        .join(&settings.sign_in.default_return_url)
        .map_err(|_| FragmentError::DefaultReturn)?;
    let mut allowed = vec![json!(iris), json!(format!("{iris}/"))];
    allowed.extend(
        settings
            .sign_in
            .allowed_return_urls
            .iter()
            .map(|u| json!(u.as_str())),
    );
    let secs = |d: std::time::Duration| format!("{}s", d.as_secs());
    let courier_url = match &settings.kratos.courier_base_url {
        Some(base) => format!(
            "{}/hooks/kratos/courier",
            base.as_str().trim_end_matches('/')
        ),
        None => ui("/hooks/kratos/courier"),
    };

    // Recovery is the sign-in of `kratos-recovery`, by link (built on Iris's public URL, living
    // as long as Iris's own links) or by code; for the others it is only a code Iris asks for
    // through the admin API (Kratos sessions) or that nobody reaches (Iris sends `/recovery`
    // to its form). No after-hooks: `revoke_active_sessions` would sign people out everywhere
    // at every sign-in. No "unknown address" notices: they would speak of recovery.
    let recovery_use = match (settings.sign_in.approach, settings.recovery_method()) {
        (crate::config::Approach::KratosRecovery, method) => method.as_str(),
        _ => "code",
    };
    let link_method = if recovery_use == "link" {
        json!({
            "enabled": true,
            "config": { "base_url": iris, "lifespan": secs(settings.magic_link.ttl) },
        })
    } else {
        json!({ "enabled": false })
    };
    let doc = json!({
        "log": { "leak_sensitive_values": false },
        "session": { "lifespan": secs(settings.session.absolute_timeout) },
        "selfservice": {
            "default_browser_return_url": default_return.as_str(),
            "allowed_return_urls": allowed,
            "methods": {
                "password": { "enabled": false },
                "link": link_method,
                "code": {
                    "enabled": true,
                    "passwordless_enabled": true,
                    "mfa_enabled": false,
                    "config": {
                        "lifespan": secs(settings.kratos.code_lifespan),
                        "missing_credential_fallback_enabled": false,
                    },
                },
            },
            "flows": {
                "error": { "ui_url": ui("/error") },
                "login": { "ui_url": ui("/login"), "lifespan": "30m", "style": "unified" },
                "registration": {
                    "enabled": true,
                    "ui_url": ui("/registration"),
                    "lifespan": "30m",
                    "enable_legacy_one_step": true,
                    "after": { "code": { "hooks": [{ "hook": "session" }] } },
                },
                "recovery": {
                    "enabled": true,
                    "use": recovery_use,
                    "ui_url": ui("/recovery"),
                    "notify_unknown_recipients": false,
                    "after": { "hooks": [] },
                },
                "verification": { "enabled": true, "use": "code", "ui_url": ui("/verification") },
                "settings": { "ui_url": ui("/settings") },
                "logout": { "after": { "default_browser_return_url": ui("/login") } },
            },
        },
        "courier": {
            // Kratos's worker sends at most `pull_count` messages, then sleeps `pull_wait`:
            // its defaults (10, 1s) cap Kratos's sign-in emails at 10 a second and make each
            // wait up to a second. Iris's hook only queues, so it takes 100 every 100 ms
            // (`pull_count` is a uint8 in v1.3.1: at most 255).
            "worker": { "pull_count": 100, "pull_wait": "100ms" },
            "delivery_strategy": "http",
            "http": {
                "request_config": {
                    "url": courier_url,
                    "method": "POST",
                    "body": format!("base64://{}", STANDARD.encode(jsonnet_code())),
                    "headers": { "Content-Type": "application/json" },
                    "auth": {
                        "type": "api_key",
                        "config": { "name": "X-Api-Key", "value": key.expose_secret(), "in": "header" },
                    },
                },
            },
        },
    });
    let mut out = String::from(
        "# Ory Kratos v1.3.1 settings generated by `iris kratos-config` to match this Iris.\n\
         # Merge into kratos.yml, or pass as a later `-c` file (later files override earlier).\n",
    );
    yaml(&doc, 0, &mut out);
    Ok(out)
}

/// The jsonnet without its comment lines (they only document it).
fn jsonnet_code() -> String {
    COURIER_BODY
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needs_the_courier_key() {
        assert!(matches!(
            fragment(&Settings::default()),
            Err(FragmentError::NoCourierKey)
        ));
    }

    #[test]
    fn emits_block_yaml() {
        let mut out = String::new();
        yaml(
            &json!({"a": {"b": [1, {"hook": "session", "x": "y"}], "c": "d"}}),
            0,
            &mut out,
        );
        assert_eq!(
            out,
            "a:\n  b:\n    - 1\n    - hook: \"session\"\n      x: \"y\"\n  c: \"d\"\n"
        );
    }
}
