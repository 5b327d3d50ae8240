//! A secretary's name, as it goes into every record: trimmed, printable, of sane length.
//!
//! The name is shown in the window, printed by the command line and written into exports, so
//! a control character (a newline, a terminal escape) or a name of invisible characters only
//! (zero-width spaces) would forge or hide who recorded what.

use crate::i18n::{Lang, tr, trf};

/// Longest name, in characters: far beyond any person's name, short enough for a table cell.
pub const MAX_SECRETARY_CHARS: usize = 64;

/// Why a secretary's name is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum SecretaryError {
    /// Nothing, or only spaces.
    Empty,
    /// A control character (newline, escape, …) or a text-direction override.
    Control,
    /// Only invisible characters (zero-width spaces and the like).
    Invisible,
    /// More than [`MAX_SECRETARY_CHARS`] characters.
    TooLong,
}

impl SecretaryError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            SecretaryError::Empty => tr(lang, "journal.secretary.empty").into_owned(),
            SecretaryError::Control => tr(lang, "journal.secretary.control").into_owned(),
            SecretaryError::Invisible => tr(lang, "journal.secretary.invisible").into_owned(),
            SecretaryError::TooLong => trf(
                lang,
                "journal.secretary.too_long",
                &[("max", &MAX_SECRETARY_CHARS.to_string())],
            ),
        }
    }
}

/// Characters that take no room on screen: zero-width spaces and joiners, the word joiner,
/// the byte-order mark, the soft hyphen, and the like.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
    ) || c.is_whitespace()
}

/// Text-direction overrides and isolates: they make a name read as something else.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The name to record: `name` trimmed, or why it cannot be used.
pub fn check_secretary(name: &str) -> Result<&str, SecretaryError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(SecretaryError::Empty);
    }
    if name.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return Err(SecretaryError::Control);
    }
    if name.chars().all(is_invisible) {
        return Err(SecretaryError::Invisible);
    }
    if name.chars().count() > MAX_SECRETARY_CHARS {
        return Err(SecretaryError::TooLong);
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_hostile_ones_refused() {
        assert_eq!(check_secretary("  李秘书 \t"), Ok("李秘书"));
        assert_eq!(check_secretary("Li Mishu"), Ok("Li Mishu"));
        assert_eq!(check_secretary(" "), Err(SecretaryError::Empty));
        assert_eq!(check_secretary("\u{1}"), Err(SecretaryError::Control));
        assert_eq!(check_secretary("李\n王"), Err(SecretaryError::Control));
        assert_eq!(
            check_secretary("\u{1b}[31m李"),
            Err(SecretaryError::Control)
        );
        assert_eq!(
            check_secretary("李\u{202E}书"),
            Err(SecretaryError::Control)
        );
        assert_eq!(
            check_secretary("\u{200B}\u{200B}"),
            Err(SecretaryError::Invisible)
        );
        assert_eq!(
            check_secretary("\u{FEFF}\u{2060}\u{00AD}"),
            Err(SecretaryError::Invisible)
        );
        assert_eq!(
            check_secretary(&"李".repeat(64)),
            Ok("李".repeat(64).as_str())
        );
        assert_eq!(
            check_secretary(&"李".repeat(65)),
            Err(SecretaryError::TooLong)
        );
    }
}
