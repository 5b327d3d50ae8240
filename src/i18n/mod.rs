//! The one translation table: every UI and report string goes through [`tr`].
//!
//! Strings live in `locales/*.yml` (rust-i18n, compiled into the binary); the words for
//! domain values are in [`labels`]. The language is passed explicitly rather than set
//! globally, so tests in parallel threads cannot disturb each other and the exporter can
//! write English while the window shows Chinese.

mod labels;

pub use labels::Label;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::{LazyLock, RwLock};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// Simplified Chinese, the default.
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Parses "zh", "zh-CN", "en".
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "cn" => Some(Lang::Zh),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Looks `key` up in the table for `lang`.
///
/// Every frame asks for dozens of strings, so each is looked up in rust-i18n's table once per
/// language and kept: a frame then costs one hash per string and allocates nothing, where
/// rust-i18n's own lookup allocates a fresh `String` per call.
pub fn tr(lang: Lang, key: &str) -> Cow<'static, str> {
    Cow::Borrowed(lookup(lang, key))
}

/// The kept translations, one map per language. The strings are leaked on purpose: there is
/// one per key the program asks for (a fixed set, a few hundred), alive as long as it runs.
type Kept = [FxHashMap<Box<str>, &'static str>; 2];

fn lookup(lang: Lang, key: &str) -> &'static str {
    static KEPT: LazyLock<RwLock<Kept>> = LazyLock::new(RwLock::default);
    let slot = match lang {
        Lang::Zh => 0,
        Lang::En => 1,
    };
    // A panic elsewhere while holding the lock leaves the maps whole: ignore the poison.
    if let Some(&s) = KEPT
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .get(slot)
        .and_then(|m| m.get(key))
    {
        return s;
    }
    let s: &'static str = Box::leak(
        rust_i18n::t!(key, locale = lang.code())
            .into_owned()
            .into_boxed_str(),
    );
    let mut kept = KEPT.write().unwrap_or_else(|e| e.into_inner());
    if let Some(m) = kept.get_mut(slot) {
        // Another thread may have put it in meanwhile; either copy reads the same.
        m.entry(key.into()).or_insert(s);
    }
    s
}

/// Looks `key` up and fills `%{name}` placeholders (in one pass: one allocation).
pub fn trf(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    fill(lookup(lang, key), args)
}

/// `template` with each `%{name}` replaced by its value in `args`; unknown names stay as
/// written.
fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out =
        String::with_capacity(template.len() + args.iter().map(|a| a.1.len()).sum::<usize>());
    let mut rest = template;
    while let Some(at) = rest.find("%{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let value = after
            .find('}')
            .and_then(|end| Some((args.iter().find(|(n, _)| *n == &after[..end])?.1, end)));
        match value {
            Some((v, end)) => {
                out.push_str(v);
                rest = &after[end + 1..];
            }
            None => {
                out.push_str("%{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_by_name_and_unknown_ones_kept() {
        assert_eq!(
            fill("第 %{i} / %{n} 处", &[("n", "12"), ("i", "3")]),
            "第 3 / 12 处"
        );
        assert_eq!(fill("%{a}%{a}", &[("a", "代表")]), "代表代表");
        assert_eq!(fill("50%{x} %{", &[("y", "1")]), "50%{x} %{");
        assert_eq!(fill("no placeholders", &[]), "no placeholders");
    }

    #[test]
    fn a_kept_translation_is_the_table_s() {
        for lang in [Lang::Zh, Lang::En] {
            let key = "view.votes";
            let fresh = rust_i18n::t!(key, locale = lang.code()).into_owned();
            assert_eq!(tr(lang, key), fresh);
            assert_eq!(tr(lang, key), fresh, "the second, kept, lookup");
        }
        assert_ne!(tr(Lang::Zh, "view.votes"), tr(Lang::En, "view.votes"));
    }
}
