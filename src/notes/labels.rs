//! The word for each of this layer's values a person reads: one locale key per variant
//! (see `i18n::Label`; the words are in `locales/labels.yml`).

use crate::i18n::Label;

use super::NoteKind;

impl Label for NoteKind {
    fn label_key(&self) -> &'static str {
        match self {
            NoteKind::Question => "label.note_kind.question",
            NoteKind::Suggestion => "label.note_kind.suggestion",
            NoteKind::Support => "label.note_kind.support",
            NoteKind::Concern => "label.note_kind.concern",
        }
    }
}
