//! The message catalogue: every word a person reads on a page or in an email comes from
//! `locales/<lang>/*.ftl` (Project Fluent, with each language's own plural rules), compiled into
//! the binary so `iris` runs from any folder. Handlers pick messages by key; views render them.
//!
//! Language choice: the browser's `Accept-Language` (q-values honoured, `de-DE` finds `de`),
//! limited to `i18n.locales`, else `i18n.default_locale`.
mod negotiate;
mod text;

pub use negotiate::preferred_languages;
pub use text::{browser_record, Arg, Msg};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use maud::{html, Markup, PreEscaped};
use std::sync::Arc;
use unic_langid::LanguageIdentifier;

/// One shipped language: its tag and its catalogue files.
struct Shipped {
    tag: &'static str,
    files: [(&'static str, &'static str); 2],
}

macro_rules! shipped {
    ($($tag:literal),+ $(,)?) => {
        &[$(Shipped {
            tag: $tag,
            files: [
                (
                    concat!("locales/", $tag, "/pages.ftl"),
                    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/", $tag, "/pages.ftl")),
                ),
                (
                    concat!("locales/", $tag, "/mail.ftl"),
                    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/", $tag, "/mail.ftl")),
                ),
            ],
        }),+]
    };
}

/// Every language Iris ships. English is the reference: the others have exactly its keys.
const SHIPPED: &[Shipped] = shipped!("en", "de", "es", "fi", "fr", "nl", "pl", "pt", "ru", "sv");

/// The tags of every shipped language (the default of `i18n.locales`).
pub fn shipped_locales() -> Vec<String> {
    SHIPPED.iter().map(|s| s.tag.to_owned()).collect()
}

/// The catalogue file names and sources of one shipped language (for the catalogue tests).
pub fn shipped_sources(tag: &str) -> Vec<(&'static str, &'static str)> {
    SHIPPED
        .iter()
        .filter(|s| s.tag == tag)
        .flat_map(|s| s.files)
        .collect()
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error("i18n.locales: {0} is not a shipped language (shipped: {1})")]
    NotShipped(String, String),
    #[error("i18n.default_locale: {0} is not among i18n.locales")]
    DefaultNotEnabled(String),
    #[error("{file}: {detail}")]
    Broken { file: &'static str, detail: String },
}

struct Language {
    id: LanguageIdentifier,
    tag: &'static str,
    bundle: FluentBundle<FluentResource>,
}

/// The enabled languages' bundles; built once at startup, shared by every worker.
pub struct Catalogue {
    languages: Vec<Language>,
    /// Index of `i18n.default_locale`, the fallback for any missing message as well.
    default: usize,
}

pub type SharedCatalogue = Arc<Catalogue>;

impl Catalogue {
    /// Builds the bundles of `enabled` (shipped tags); `default` must be one of them.
    pub fn new(enabled: &[String], default: &str) -> Result<Catalogue, CatalogueError> {
        let mut languages = Vec::new();
        for tag in enabled {
            let shipped = SHIPPED.iter().find(|s| s.tag == tag).ok_or_else(|| {
                CatalogueError::NotShipped(tag.clone(), shipped_locales().join(", "))
            })?;
            languages.push(build(shipped)?);
        }
        let default = languages
            .iter()
            .position(|l| l.tag == default)
            .ok_or_else(|| CatalogueError::DefaultNotEnabled(default.to_owned()))?;
        Ok(Catalogue { languages, default })
    }

    /// Every shipped language, English by default (tests, tools).
    pub fn all() -> Result<Catalogue, CatalogueError> {
        Catalogue::new(&shipped_locales(), "en")
    }

    /// The language for a request's `Accept-Language` header (absent, `*` or garbage: the
    /// default).
    pub fn for_accept_language(&self, header: Option<&str>) -> Tr<'_> {
        let requested = preferred_languages(header.unwrap_or_default());
        let available: Vec<&LanguageIdentifier> = self.languages.iter().map(|l| &l.id).collect();
        let chosen = fluent_langneg::negotiate_languages(
            &requested,
            &available,
            None,
            fluent_langneg::NegotiationStrategy::Lookup,
        );
        let index = chosen
            .first()
            .and_then(|id| self.languages.iter().position(|l| l.id == ***id))
            .unwrap_or(self.default);
        self.tr(index)
    }

    /// A language by tag (stored with an email request), else the default.
    pub fn for_tag(&self, tag: Option<&str>) -> Tr<'_> {
        let index = tag
            .and_then(|t| self.languages.iter().position(|l| l.tag == t))
            .unwrap_or(self.default);
        self.tr(index)
    }

    fn tr(&self, index: usize) -> Tr<'_> {
        Tr {
            language: &self.languages[index],
            fallback: &self.languages[self.default],
        }
    }
}

fn build(shipped: &Shipped) -> Result<Language, CatalogueError> {
    let id: LanguageIdentifier = shipped.tag.parse().map_err(|_| CatalogueError::Broken {
        file: shipped.files[0].0,
        detail: "not a language tag".into(),
    })?;
    let mut bundle = FluentBundle::new_concurrent(vec![id.clone()]);
    // Unicode isolation marks around placeables help right-to-left scripts, which Iris does not
    // ship; in email text and HTML attributes they would only be invisible noise.
    bundle.set_use_isolating(false);
    for (file, source) in shipped.files {
        let resource = FluentResource::try_new(source.to_owned()).map_err(|(_, errors)| {
            CatalogueError::Broken {
                file,
                detail: format!("{errors:?}"),
            }
        })?;
        bundle
            .add_resource(resource)
            .map_err(|errors| CatalogueError::Broken {
                file,
                detail: format!("{errors:?}"),
            })?;
    }
    Ok(Language {
        id,
        tag: shipped.tag,
        bundle,
    })
}

/// One request's language: formats messages, falling back to the default language (and at
/// last to the key itself) when a message is missing.
#[derive(Clone, Copy)]
pub struct Tr<'a> {
    language: &'a Language,
    fallback: &'a Language,
}

impl<'a> Tr<'a> {
    /// The language tag, for `<html lang>` and for storing with an email request.
    pub fn lang(&self) -> &'a str {
        self.language.tag
    }

    /// A message without arguments.
    pub fn t(&self, key: &str) -> String {
        self.format(key, &[])
    }

    /// A message with arguments (`("email", "j***@example.com".into())`, `("n", 3.into())`).
    pub fn format(&self, key: &str, args: &[(&str, Arg)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.to_fluent());
        }
        for language in [self.language, self.fallback] {
            let Some(pattern) = language.bundle.get_message(key).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = language
                .bundle
                .format_pattern(pattern, Some(&fluent_args), &mut errors);
            if !errors.is_empty() {
                tracing::warn!(key, lang = language.tag, ?errors, "message formatting");
            }
            return text.into_owned();
        }
        tracing::warn!(key, lang = self.language.tag, "message missing");
        key.to_owned()
    }

    /// A message chosen by a handler.
    pub fn msg(&self, msg: &Msg) -> String {
        self.format(msg.key, &msg.args)
    }

    /// A message with some arguments rendered as markup (`Sign in as <strong>j***@…</strong>?`).
    /// The text around them is escaped like any maud text.
    pub fn html(&self, key: &str, args: &[(&str, Arg)], marked: &[(&str, Markup)]) -> Markup {
        // Each marked argument becomes a private-use placeholder, found again after formatting.
        let placeholders: Vec<String> = (0..marked.len())
            .map(|i| format!("\u{E000}{i}\u{E001}"))
            .collect();
        let mut all: Vec<(&str, Arg)> = args.to_vec();
        for ((name, _), placeholder) in marked.iter().zip(&placeholders) {
            all.push((name, Arg::Text(placeholder.clone())));
        }
        let mut rest = self.format(key, &all);
        let mut out = String::new();
        while let Some(start) = rest.find('\u{E000}') {
            let (before, after) = rest.split_at(start);
            out.push_str(&html! { (before) }.into_string());
            let Some(end) = after.find('\u{E001}') else {
                break;
            };
            let index: Option<usize> = after['\u{E000}'.len_utf8()..end].parse().ok();
            if let Some((_, markup)) = index.and_then(|i| marked.get(i)) {
                out.push_str(&markup.0);
            }
            rest = after[end + '\u{E001}'.len_utf8()..].to_owned();
        }
        out.push_str(&html! { (rest) }.into_string());
        // SECURITY: every piece of text was escaped above; the marked pieces are maud markup
        // whose own content maud escaped when it was built.
        PreEscaped(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_catalogue_parses() {
        let all = Catalogue::all().unwrap();
        assert_eq!(all.languages.len(), SHIPPED.len());
    }

    #[test]
    fn plurals_follow_each_language() {
        let all = Catalogue::all().unwrap();
        let en = all.for_tag(Some("en"));
        assert_eq!(en.format("wait-seconds", &[("n", 1.into())]), "in 1 second");
        assert_eq!(
            en.format("wait-seconds", &[("n", 5.into())]),
            "in 5 seconds"
        );
        let ru = all.for_tag(Some("ru"));
        let few = ru.format("wait-seconds", &[("n", 3.into())]);
        let many = ru.format("wait-seconds", &[("n", 5.into())]);
        assert_ne!(few, many, "Russian has distinct few and many forms");
    }

    #[test]
    fn marked_arguments_are_markup_and_the_rest_is_escaped() {
        let all = Catalogue::all().unwrap();
        let en = all.for_tag(None);
        let strong = html! { strong { "<j>***@example.com" } };
        let out = en.html("confirm-question", &[], &[("email", strong)]);
        assert_eq!(
            out.into_string(),
            "Sign in as <strong>&lt;j&gt;***@example.com</strong>?"
        );
    }

    #[test]
    fn missing_messages_fall_back_to_the_key() {
        let all = Catalogue::all().unwrap();
        assert_eq!(all.for_tag(Some("de")).t("no-such-key"), "no-such-key");
    }
}
