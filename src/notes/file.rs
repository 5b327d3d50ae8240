//! The notes file: one per session, in the user's data folder, as pretty JSON.
//!
//! JSON rather than RON: notes travel between laptops (export/import) and may be opened by
//! other tools; JSON is read everywhere, keeps Chinese as-is (no escapes) with serde_json,
//! and its parser reports a line and column when a file is damaged.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::NotesError;
use super::note::{Note, StopState};

/// The format this build writes. Files with a higher version are refused, never rewritten.
pub const FORMAT_VERSION: u32 = 1;

/// Everything a delegate has noted for one session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotesFile {
    pub version: u32,
    pub session_id: String,
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Inspection stops by stop id: visited mark and questions to raise.
    #[serde(default)]
    pub stops: BTreeMap<String, StopState>,
    /// Notes deleted on this laptop, by id, with when. An import then neither brings back
    /// an older copy of one (from a laptop that still has it) nor keeps a note here that
    /// was deleted there after its last edit. Left out of the file while empty, so a file
    /// without deletions is as before (older builds ignore the field).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub deleted: BTreeMap<String, DateTime<Utc>>,
}

/// Read before the rest so a newer file is refused with a clear message, not a parse error.
#[derive(Deserialize)]
struct Header {
    version: u32,
}

impl NotesFile {
    pub fn new(session_id: &str) -> NotesFile {
        NotesFile {
            version: FORMAT_VERSION,
            session_id: session_id.to_string(),
            notes: Vec::new(),
            stops: BTreeMap::new(),
            deleted: BTreeMap::new(),
        }
    }

    /// Parses a notes file's bytes; `path` is only for messages.
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<NotesFile, NotesError> {
        // A BOM is common from Windows editors (session files with one are read too).
        let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        let parse_err = |e: serde_json::Error| NotesError::Parse {
            path: path.to_path_buf(),
            detail: e.to_string(),
        };
        let header: Header = serde_json::from_slice(bytes).map_err(parse_err)?;
        if header.version > FORMAT_VERSION {
            return Err(NotesError::FutureVersion {
                path: path.to_path_buf(),
                found: header.version,
                supported: FORMAT_VERSION,
            });
        }
        serde_json::from_slice(bytes).map_err(parse_err)
    }

    /// Reads and parses `path`.
    pub fn read(path: &Path) -> Result<NotesFile, NotesError> {
        let bytes = crate::storage::read_input(path).map_err(|e| NotesError::io(path, e))?;
        NotesFile::parse(path, &bytes)
    }

    /// Writes this file as pretty JSON into `w` (the store streams it into a temp file).
    pub fn write_to(&self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *w, self).map_err(std::io::Error::other)?;
        w.write_all(b"\n")
    }

    /// The file as pretty JSON bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        // Writing into a Vec cannot fail, and every field serializes (string map keys only).
        let _ = self.write_to(&mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::note::{NoteKind, Target};

    #[test]
    fn round_trips_and_keeps_chinese_readable() {
        let mut f = NotesFile::new("s");
        f.notes.push(Note::new(
            Target::indicator("gdp"),
            NoteKind::Question,
            "增速为何放缓？",
            Some("王芳"),
        ));
        let bytes = f.to_bytes();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.contains("增速为何放缓？"));
        assert_eq!(NotesFile::parse(Path::new("x"), &bytes).unwrap(), f);
    }

    #[test]
    fn refuses_future_versions_and_garbage() {
        let future = br#"{"version": 99, "session_id": "s", "notes": [], "shiny": 1}"#;
        assert!(matches!(
            NotesFile::parse(Path::new("x"), future),
            Err(NotesError::FutureVersion { found: 99, .. })
        ));
        assert!(matches!(
            NotesFile::parse(
                Path::new("x"),
                br#"{"version": 1, "session_id": "s", "notes": [{"#
            ),
            Err(NotesError::Parse { .. })
        ));
    }
}
