//! Languages: every catalogue has English's keys (and no others), with the same placeables;
//! every message is used and every message the code asks for exists; the browser's
//! `Accept-Language` picks the language of pages and emails, and no header ever fails.
use crate::helpers::*;
use fluent_syntax::ast;
use iris::i18n::{shipped_locales, shipped_sources};
use std::collections::{BTreeMap, BTreeSet};

/// Message id → the variables it uses, for one language (all its files).
fn catalogue(tag: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for (file, source) in shipped_sources(tag) {
        let resource = fluent_syntax::parser::parse(source)
            .unwrap_or_else(|(_, errors)| panic!("{file}: {errors:?}"));
        for entry in resource.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                assert!(
                    out.insert(m.id.name.to_owned(), vars).is_none(),
                    "{file}: {} twice",
                    m.id.name
                );
            }
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &p.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, out);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                pattern_vars(&v.value, out);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, out),
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, out),
        _ => {}
    }
}

#[test]
fn every_language_has_exactly_the_english_messages_and_placeables() {
    let english = catalogue("en");
    assert!(english.len() > 100, "{} messages", english.len());
    let tags = shipped_locales();
    for tag in ["de", "es", "fi", "fr", "nl", "pl", "pt", "ru", "sv"] {
        assert!(tags.contains(&tag.to_owned()), "{tag} shipped");
    }
    for tag in &tags {
        let other = catalogue(tag);
        let missing: Vec<_> = english.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{tag} lacks {missing:?}");
        assert!(extra.is_empty(), "{tag} has unknown {extra:?}");
        for (key, vars) in &english {
            assert_eq!(&other[key], vars, "{tag}: placeables of {key}");
        }
    }
}

/// The message ids the code names: in calls (`t("…")`, `format("…"`, `html("…"`,
/// `Msg::new("…")`) and in the tables of keys that views match on.
fn keys_named_in_code() -> BTreeSet<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let call = regex::Regex::new(
        r#"(?:\.t|\.format|\.html|Msg::new|\.on_date|lifetime)\(\s*"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)""#,
    )
    .unwrap();
    let table = regex::Regex::new(
        r#"(?:=>\s*\(|=>\s*Some\(|\(\s*)"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)",\s*(?:"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)"|tr)"#,
    )
    .unwrap();
    let single = regex::Regex::new(r#"(?:=>\s*Some\(|Some\()"([a-z]+-[a-z0-9-]+)"\)"#).unwrap();
    let mut keys = BTreeSet::new();
    let mut stack = vec![std::path::PathBuf::from(root)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                // Unit tests may name keys on purpose that do not exist.
                let text = text.split("#[cfg(test)]").next().unwrap_or_default();
                for c in call.captures_iter(text) {
                    keys.insert(c[1].to_owned());
                }
                for c in table.captures_iter(text) {
                    keys.insert(c[1].to_owned());
                    if let Some(second) = c.get(2) {
                        keys.insert(second.as_str().to_owned());
                    }
                }
                for c in single.captures_iter(text) {
                    keys.insert(c[1].to_owned());
                }
            }
        }
    }
    keys
}

#[test]
fn every_message_is_used_and_every_message_used_exists() {
    let english = catalogue("en");
    let named = keys_named_in_code();
    let source: String = {
        let mut all = String::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    all.push_str(&std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        all
    };
    let unused: Vec<_> = english
        .keys()
        .filter(|k| !source.contains(&format!("\"{k}\"")))
        .collect();
    assert!(unused.is_empty(), "messages no code uses: {unused:?}");
    // HTML ids and attributes share the shape of message ids; only call sites count here.
    let unknown: Vec<_> = named.iter().filter(|k| !english.contains_key(*k)).collect();
    assert!(
        unknown.is_empty(),
        "code asks for messages that do not exist: {unknown:?}"
    );
    assert!(named.len() > 60, "the key scan found only {}", named.len());
}

async fn login_in(b: &Browser, accept_language: &[u8]) -> Page {
    let value = reqwest::header::HeaderValue::from_bytes(accept_language).unwrap();
    into_page(
        b.client
            .get(b.url("/login"))
            .header("accept-language", value)
            .send()
            .await
            .unwrap(),
    )
    .await
}

fn html_lang(page: &Page) -> String {
    regex::Regex::new(r#"<html lang="([^"]*)""#)
        .unwrap()
        .captures(&page.body)
        .unwrap()[1]
        .to_owned()
}

#[tokio::test]
async fn accept_language_picks_the_language_and_nothing_breaks_it() {
    let app = spawn_app().await;
    let b = app.browser();
    let cases: &[(&[u8], &str)] = &[
        (b"de-DE", "de"),
        (b"de-AT,de;q=0.9,en;q=0.8", "de"),
        (b"en;q=0.5, fr;q=0.9", "fr"),
        (b"sv-SE,sv;q=0.9", "sv"),
        (b"pt-BR", "pt"),
        (b"pt-PT,pt;q=0.9", "pt"),
        (b"ru;q=0, pl", "pl"),
        (b"zh-CN, ja;q=0.8", "en"),
        (b"*", "en"),
        (b"", "en"),
        (b";;;,,,q=1", "en"),
        (b"de;q=banana", "en"),
        (b"\xff\xfe", "en"),
        (b"fi;q=0.001", "fi"),
    ];
    for (header, lang) in cases {
        let page = login_in(&b, header).await;
        assert_eq!(page.status, 200, "{header:?}");
        assert_eq!(&html_lang(&page), lang, "{header:?}");
    }
    let long = "xx;q=0.5,".repeat(2000) + "de";
    let page = login_in(&b, long.as_bytes()).await;
    assert_eq!(page.status, 200);
    let page = login_in(&b, b"de").await;
    assert!(page.text().contains("Weiter mit E-Mail") || page.text().contains("E-Mail"));
    // Error pages speak the language too.
    let missing = into_page(
        b.client
            .get(b.url("/nope"))
            .header("accept-language", "fr")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(missing.status, 404);
    assert_eq!(html_lang(&missing), "fr");
}

#[tokio::test]
async fn only_the_configured_languages_are_offered() {
    let app = spawn_app_with(
        |s| {
            s.i18n.locales = vec!["en".into(), "de".into()];
            s.i18n.default_locale = "de".into();
        },
        &[],
    )
    .await;
    let b = app.browser();
    assert_eq!(html_lang(&login_in(&b, b"fr").await), "de");
    assert_eq!(html_lang(&login_in(&b, b"en-GB").await), "en");
}

#[tokio::test]
async fn the_email_is_written_in_the_asking_browsers_language() {
    let app = spawn_app().await;
    let b = app.browser();
    let token = login_in(&b, b"de-DE,de;q=0.9").await.csrf();
    let res = b
        .client
        .post(b.url("/login"))
        .header("accept-language", "de-DE,de;q=0.9")
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "sprache@example.com"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let mail = app.sink().wait_for(1).await.pop().unwrap();
    let english = iris::i18n::Catalogue::all().unwrap();
    let de = english.for_tag(Some("de"));
    assert_eq!(
        mail.subject,
        de.format("mail-subject", &[("product", "Iris".into())])
    );
    assert!(mail.html.contains(r#"<html lang="de">"#));
    assert!(
        mail.text.contains("Dezember") || mail.text.contains(" um "),
        "{}",
        mail.text
    );
    // The link and the code still work, whatever the language.
    assert_eq!(b.confirm_link(&mail.link()).await.status, 303);
}
