//! Where to send the browser after sign-in (SECURITY.md item 31): a same-origin path, or a URL
//! under one of `sign_in.allowed_return_urls`. Anything else is refused and the caller falls back
//! to `sign_in.default_return_url`.
use url::Url;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnTo(String);

const MAX_LEN: usize = 2048;

impl ReturnTo {
    pub fn parse(raw: &str, public_url: &Url, allowed: &[Url]) -> Option<Self> {
        if raw.is_empty()
            || raw.len() > MAX_LEN
            || raw
                .chars()
                .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
        {
            return None;
        }
        if raw.starts_with('/') {
            Self::relative(raw, public_url)
        } else {
            Self::absolute(raw, allowed)
        }
    }

    fn relative(raw: &str, public_url: &Url) -> Option<Self> {
        let joined = public_url.join(raw).ok()?;
        if joined.origin() != public_url.origin() {
            return None;
        }
        let mut path = joined.path().to_owned();
        if let Some(q) = joined.query() {
            path.push('?');
            path.push_str(q);
        }
        if let Some(f) = joined.fragment() {
            path.push('#');
            path.push_str(f);
        }
        // SECURITY: what is checked is what will be sent. Joining removes dot segments, so
        // `/.//evil.test` and `/%2e%2e//evil.test` only become `//evil.test` here. A location
        // starting `//` or `/\` is protocol-relative to a browser; one that does after a decode
        // (`/%2F/evil.test`) may be after a proxy or a later redirect: refuse both forms rather
        // than trying to normalise them.
        let stays_here = |p: &str| p.starts_with('/') && !p.starts_with("//") && !p.contains('\\');
        if !stays_here(&path) || !stays_here(&percent_decode(&path)) || !stays_here(raw) {
            return None;
        }
        // And a browser resolving it against this origin lands on this origin.
        (public_url.join(&path).ok()?.origin() == public_url.origin()).then_some(Self(path))
    }

    fn absolute(raw: &str, allowed: &[Url]) -> Option<Self> {
        let url = Url::parse(raw).ok()?;
        if !matches!(url.scheme(), "http" | "https")
            || !url.username().is_empty()
            || url.password().is_some()
        {
            return None;
        }
        allowed
            .iter()
            .any(|a| {
                a.scheme() == url.scheme()
                    && a.host_str() == url.host_str()
                    && a.port_or_known_default() == url.port_or_known_default()
                    && url.path().starts_with(a.path())
            })
            .then(|| Self(url.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For values this program wrote itself (config default, stored flows): no re-validation.
    pub fn trusted(value: String) -> Self {
        Self(value)
    }
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn base() -> Url {
        Url::parse("https://login.example.com/").unwrap()
    }
    fn allowed() -> Vec<Url> {
        vec![Url::parse("https://app.example.com/dashboard").unwrap()]
    }

    #[test]
    fn open_redirect_payloads_are_refused() {
        let payloads = [
            "//evil.test",
            "/\\evil.test",
            "\\\\evil.test",
            "https:evil.test",
            "https://evil.test",
            "/%2F%2Fevil.test",
            "/%2f/evil.test",
            "/%5Cevil.test",
            "%09//evil.test",
            "\t//evil.test",
            "/\t/evil.test",
            "／／evil.test",
            "javascript:alert(1)",
            "data:text/html,hi",
            "https://app.example.com.evil.test/dashboard",
            "https://app.example.com@evil.test/dashboard",
            "https://user@app.example.com/dashboard",
            "http://app.example.com/dashboard",
            "https://app.example.com/other",
            "https://app.example.com:8443/dashboard",
            "",
            // Dot segments that the join turns into `//evil.test` (issue 8).
            "/.//evil.test",
            "/..//evil.test",
            "/a/..//evil.test",
            "/x/../..//evil.test",
            "/.///evil.test",
            "/%2e//evil.test",
            "/%2E//evil.test",
            "/%2e%2e//evil.test",
            "/%2E%2e//evil.test",
            "/a/%2e%2e//evil.test",
            "/./%2F/evil.test",
            "/./\\evil.test",
            "/.\\/evil.test",
            "/%2e/%5Cevil.test",
            "/./%5C/evil.test",
            "/.//\\evil.test",
            "/a/b/../../..//evil.test",
            "/.%2e//evil.test",
            "/%2e./%2fevil.test",
        ];
        for p in payloads {
            assert_eq!(ReturnTo::parse(p, &base(), &allowed()), None, "{p:?}");
        }
    }

    #[test]
    fn relative_paths_and_allowed_urls_pass() {
        let r = ReturnTo::parse("/account?tab=1#x", &base(), &allowed()).unwrap();
        assert_eq!(r.as_str(), "/account?tab=1#x");
        let r = ReturnTo::parse("https://app.example.com/dashboard/x", &base(), &allowed());
        assert_eq!(r.unwrap().as_str(), "https://app.example.com/dashboard/x");
    }

    /// The property a browser cares about: the location Iris sends, resolved against the page,
    /// stays on an allowed origin; and a relative one is not protocol-relative in any form.
    fn check(s: &str) -> Result<(), String> {
        if let Some(r) = ReturnTo::parse(s, &base(), &allowed()) {
            let target = base().join(r.as_str()).unwrap();
            let ok = target.origin() == base().origin()
                || allowed().iter().any(|a| a.origin() == target.origin());
            let relative = r.as_str().starts_with('/');
            let protocol_relative = relative
                && (r.as_str().starts_with("//")
                    || percent_decode(r.as_str()).starts_with("//")
                    || r.as_str().contains('\\'));
            if !ok || protocol_relative {
                return Err(format!("{s:?} -> {}", r.as_str()));
            }
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn accepted_values_stay_on_an_allowed_origin(s in "[/\\\\%a-zA-Z0-9:.@?#\t ]{0,30}") {
            prop_assert!(check(&s).is_ok(), "{:?}", check(&s));
        }

        /// Paths built from the pieces of the dot-segment family, many at a time.
        #[test]
        fn dot_segment_shapes_never_leave(parts in proptest::collection::vec(
            prop_oneof![
                Just("/"), Just("."), Just(".."), Just("%2e"), Just("%2E"), Just("%2f"),
                Just("%2F"), Just("\\"), Just("%5c"), Just("a"), Just("evil.test"), Just("//"),
            ],
            1..10,
        )) {
            let s = format!("/{}", parts.concat());
            prop_assert!(check(&s).is_ok(), "{:?}", check(&s));
        }
    }
}
