//! "Which browser asked": a short, human summary of a User-Agent header for emails and the
//! confirm page. Hand-written (a dozen lines) because the UA crates carry large regex databases;
//! precision does not matter here, recognisability does.

/// The browser's product name and operating system, when recognised. Product names are the
/// same in every language; the catalogue composes them ("Chrome on Linux").
pub fn browser_summary(user_agent: Option<&str>) -> (Option<&'static str>, Option<&'static str>) {
    let ua = user_agent.unwrap_or_default();
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
        ("curl/", "curl"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| *name);
    let os = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| *name);
    (browser, os)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summarises_common_browsers() {
        let ff = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0";
        assert_eq!(browser_summary(Some(ff)), (Some("Firefox"), Some("Linux")));
        let chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
        assert_eq!(
            browser_summary(Some(chrome)),
            (Some("Chrome"), Some("Windows"))
        );
        assert_eq!(browser_summary(None), (None, None));
        assert_eq!(browser_summary(Some("\x1b[2J")), (None, None));
    }
}
