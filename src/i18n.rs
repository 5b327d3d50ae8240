//! The one translation table: every UI and report string goes through [`tr`].
//!
//! Strings live in `locales/app.yml` (rust-i18n, compiled into the binary). The language is
//! passed explicitly rather than set globally, so tests in parallel threads cannot disturb
//! each other and the exporter can write English while the window shows Chinese.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

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
pub fn tr(lang: Lang, key: &str) -> Cow<'static, str> {
    Cow::Owned(rust_i18n::t!(key, locale = lang.code()).into_owned())
}

/// Looks `key` up and fills `%{name}` placeholders.
pub fn trf(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut s = tr(lang, key).into_owned();
    for (name, value) in args {
        s = s.replace(&format!("%{{{name}}}"), value);
    }
    s
}
