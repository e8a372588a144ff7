//! Cookie relay between the browser and Kratos (design.md §2): the browser's cookies go to
//! Kratos (minus Iris's own), every `Set-Cookie` Kratos returns goes back to the browser
//! unchanged, and later calls in the same request see the cookies Kratos just set.
use std::collections::BTreeMap;

#[derive(Debug, Default, Clone)]
pub struct CookieRelay {
    /// What Kratos will be sent: name → value.
    jar: BTreeMap<String, String>,
    /// Kratos's `Set-Cookie` headers, by cookie name (the last one wins), for the browser.
    set: BTreeMap<String, String>,
    /// The browser's User-Agent and address, passed on so the sessions Kratos makes record
    /// the person's device rather than Iris's (the account page lists them).
    pub client: Option<(String, String)>,
}

impl CookieRelay {
    /// From the browser's `Cookie` header. Iris's own cookies stay with Iris.
    pub fn from_browser(header: Option<&str>) -> Self {
        let mut jar = BTreeMap::new();
        for pair in header.unwrap_or_default().split(';') {
            if let Some((name, value)) = pair.trim().split_once('=') {
                let ours = name.starts_with("iris-") || name.starts_with("__Host-iris-");
                if !ours && !name.is_empty() {
                    jar.insert(name.to_owned(), value.to_owned());
                }
            }
        }
        CookieRelay {
            jar,
            set: BTreeMap::new(),
            client: None,
        }
    }

    /// Drops every cookie Kratos sent before (stale CSRF cookies), keeping what it sets now.
    pub fn forget_browser_cookies(&mut self) {
        self.jar.retain(|name, _| self.set.contains_key(name));
    }

    /// The `Cookie` header for the next call to Kratos.
    pub fn header(&self) -> Option<String> {
        (!self.jar.is_empty()).then(|| {
            self.jar
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    /// Records a `Set-Cookie` from Kratos: relayed to the browser, and used on later calls
    /// (or dropped from them when it deletes the cookie).
    pub fn absorb(&mut self, set_cookie: &str) {
        let Some((name, rest)) = set_cookie.split_once('=') else {
            return;
        };
        let value = rest.split(';').next().unwrap_or_default();
        let expired = rest.to_ascii_lowercase().contains("max-age=0") || value.is_empty();
        if expired {
            self.jar.remove(name);
        } else {
            self.jar.insert(name.to_owned(), value.to_owned());
        }
        self.set.insert(name.to_owned(), set_cookie.to_owned());
    }

    /// The `Set-Cookie` headers to relay to the browser.
    pub fn set_cookies(&self) -> impl Iterator<Item = &str> {
        self.set.values().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relays_kratos_cookies_and_keeps_iris_cookies_home() {
        let mut relay =
            CookieRelay::from_browser(Some("iris-csrf=a; csrf_token_1=old; __Host-iris-session=b"));
        assert_eq!(relay.header().as_deref(), Some("csrf_token_1=old"));
        relay.absorb("csrf_token_1=new; Path=/; HttpOnly; SameSite=Lax");
        relay.absorb("ory_kratos_session=s; Path=/; HttpOnly");
        assert_eq!(
            relay.header().as_deref(),
            Some("csrf_token_1=new; ory_kratos_session=s")
        );
        assert_eq!(relay.set_cookies().count(), 2);
        relay.absorb("ory_kratos_session=; Path=/; Max-Age=0");
        assert_eq!(relay.header().as_deref(), Some("csrf_token_1=new"));
    }

    #[test]
    fn forgetting_keeps_only_fresh_cookies() {
        let mut relay = CookieRelay::from_browser(Some("csrf_token_1=stale; other=x"));
        relay.absorb("csrf_token_2=fresh; Path=/");
        relay.forget_browser_cookies();
        assert_eq!(relay.header().as_deref(), Some("csrf_token_2=fresh"));
    }
}
