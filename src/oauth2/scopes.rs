//! What an application asks for, in words a person reads, and what it is granted.

/// The catalogue key that says in plain words what a scope lets the application do; `None`
/// for a scope Iris has no words for (the page then shows its name).
pub fn scope_key(scope: &str) -> Option<&'static str> {
    match scope {
        "openid" => Some("scope-openid"),
        "email" => Some("scope-email"),
        "profile" => Some("scope-profile"),
        "offline_access" | "offline" => Some("scope-offline"),
        _ => None,
    }
}

/// A scope the person cannot leave out: without `openid` there is no sign-in to speak of.
pub fn is_required(scope: &str) -> bool {
    scope == "openid"
}

/// What Hydra is told to grant: the requested scopes the person allowed, in the order asked.
/// Hydra grants whatever it is told (`grant_scope` is only documented as a subset), so a
/// form posting more than was asked gets none of the extra; required scopes stay in.
pub fn grant(requested: &[String], allowed: &[String]) -> Vec<String> {
    let mut granted: Vec<String> = Vec::new();
    for scope in requested {
        if (is_required(scope) || allowed.contains(scope)) && !granted.contains(scope) {
            granted.push(scope.clone());
        }
    }
    granted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn the_grant_is_what_was_asked_and_allowed_never_more() {
        let asked = v(&["openid", "email", "offline_access"]);
        assert_eq!(
            grant(&asked, &v(&["email", "admin", "offline_access"])),
            v(&["openid", "email", "offline_access"]),
            "a scope never asked for is not granted"
        );
        assert_eq!(grant(&asked, &[]), v(&["openid"]), "openid stays in");
        assert_eq!(grant(&v(&["email"]), &[]), Vec::<String>::new());
        assert_eq!(
            grant(&v(&["email", "email"]), &v(&["email"])),
            v(&["email"])
        );
    }

    #[test]
    fn known_scopes_have_words_and_others_do_not() {
        assert_eq!(scope_key("email"), Some("scope-email"));
        assert_eq!(scope_key("offline"), scope_key("offline_access"));
        assert_eq!(scope_key("payments:write"), None);
    }
}
