//! What can go wrong with a notes file, in words a delegate can act on.

use std::path::{Path, PathBuf};

use crate::i18n::{Lang, trf};

/// An error a user can cause (a damaged file, a full disk, a wrong import).
///
/// `Display` is English for logs; show [`NotesError::message`] to the user.
#[derive(Debug, thiserror::Error)]
pub enum NotesError {
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: not a notes file: {detail}", .path.display())]
    Parse { path: PathBuf, detail: String },
    #[error("{}: written by a newer version (format {found}, this one reads up to {supported})", .path.display())]
    FutureVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{}: notes for session \"{found}\", not \"{expected}\"", .path.display())]
    WrongSession {
        path: PathBuf,
        expected: String,
        found: String,
    },
    #[error("{}: already exists", .path.display())]
    Exists { path: PathBuf },
    #[error("no note with id {id}")]
    NoSuchNote { id: String },
}

impl NotesError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> NotesError {
        NotesError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// The message for the user, translated.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            NotesError::Io { path, source } => trf(
                lang,
                "notes.err.io",
                &[
                    ("path", &path.display().to_string()),
                    ("what", &source.to_string()),
                ],
            ),
            NotesError::Parse { path, detail } => trf(
                lang,
                "notes.err.parse",
                &[("path", &path.display().to_string()), ("what", detail)],
            ),
            NotesError::FutureVersion {
                path,
                found,
                supported,
            } => trf(
                lang,
                "notes.err.future_version",
                &[
                    ("path", &path.display().to_string()),
                    ("found", &found.to_string()),
                    ("supported", &supported.to_string()),
                ],
            ),
            NotesError::WrongSession {
                path,
                expected,
                found,
            } => trf(
                lang,
                "notes.err.wrong_session",
                &[
                    ("path", &path.display().to_string()),
                    ("expected", expected),
                    ("found", found),
                ],
            ),
            NotesError::Exists { path } => trf(
                lang,
                "notes.err.exists",
                &[("path", &path.display().to_string())],
            ),
            NotesError::NoSuchNote { id } => trf(lang, "notes.err.no_such_note", &[("id", id)]),
        }
    }
}

/// Something the user should know about that did not stop the notes from opening.
#[derive(Debug)]
pub enum Warning {
    /// The notes file could not be read as it was; it was renamed to `moved_to` (never
    /// overwritten) and an empty notes file started in its place.
    MovedAside {
        moved_to: PathBuf,
        cause: NotesError,
    },
}

impl Warning {
    /// The message for the user, translated; it names both files.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Warning::MovedAside { moved_to, cause } => trf(
                lang,
                "notes.warn.moved_aside",
                &[
                    ("why", &cause.message(lang)),
                    ("moved_to", &moved_to.display().to_string()),
                ],
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::UnplacedReason;

    /// Every message has a Chinese and an English text (a missing key would show as
    /// `notes.…`), and the placeholders are filled.
    #[test]
    fn every_message_is_translated() {
        let p = PathBuf::from("/data/notes/s.json");
        let errors = [
            NotesError::io(&p, std::io::Error::other("x")),
            NotesError::Parse {
                path: p.clone(),
                detail: "x".into(),
            },
            NotesError::FutureVersion {
                path: p.clone(),
                found: 9,
                supported: 1,
            },
            NotesError::WrongSession {
                path: p.clone(),
                expected: "a".into(),
                found: "b".into(),
            },
            NotesError::Exists { path: p.clone() },
            NotesError::NoSuchNote { id: "n-1".into() },
        ];
        let mut texts: Vec<(String, String)> = errors
            .iter()
            .map(|e| (e.message(Lang::Zh), e.message(Lang::En)))
            .collect();
        let reasons = [
            UnplacedReason::QuoteNotFound,
            UnplacedReason::ParagraphGone,
            UnplacedReason::IndicatorGone,
            UnplacedReason::StopGone,
        ];
        texts.extend(reasons.map(|r| (r.message(Lang::Zh), r.message(Lang::En))));
        let w = Warning::MovedAside {
            moved_to: p.with_extension("json.corrupt-1"),
            cause: NotesError::Exists { path: p.clone() },
        };
        texts.push((w.message(Lang::Zh), w.message(Lang::En)));
        for (zh, en) in texts {
            for t in [&zh, &en] {
                assert!(!t.contains("notes.") && !t.contains("%{"), "{t}");
            }
            assert_ne!(zh, en);
        }
    }
}
