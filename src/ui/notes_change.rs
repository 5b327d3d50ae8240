//! Changes to the delegate's notes, requested by views and applied by the app between frames.

use crate::i18n::{Lang, tr};
use crate::notes::{NoteKind, NotesStore, Target};

#[derive(Clone, Debug, PartialEq)]
pub enum NotesChange {
    Add {
        target: Target,
        kind: NoteKind,
        text: String,
        author: Option<String>,
    },
    Update {
        id: String,
        kind: NoteKind,
        text: String,
        author: Option<String>,
    },
    Delete(String),
    StopVisited {
        stop: String,
        visited: bool,
    },
    StopQuestions {
        stop: String,
        text: String,
    },
}

impl NotesChange {
    /// Applies the change; returns the message for the status line.
    pub fn apply(self, store: &mut NotesStore, lang: Lang) -> String {
        let result = match self {
            NotesChange::Add {
                target,
                kind,
                text,
                author,
            } => {
                store.add(target, kind, &text, author.as_deref());
                Ok("status.note_added")
            }
            NotesChange::Update {
                id,
                kind,
                text,
                author,
            } => store
                .update(&id, kind, &text, author.as_deref())
                .map(|_| "status.note_updated"),
            NotesChange::Delete(id) => store.delete(&id).map(|_| "status.note_deleted"),
            NotesChange::StopVisited { stop, visited } => {
                store.set_stop_visited(&stop, visited);
                Ok(if visited {
                    "status.stop_visited"
                } else {
                    "status.stop_unvisited"
                })
            }
            NotesChange::StopQuestions { stop, text } => {
                store.set_stop_questions(&stop, &text);
                Ok("status.questions_saved")
            }
        };
        match result {
            Ok(key) => tr(lang, key).into_owned(),
            Err(e) => e.message(lang),
        }
    }
}
