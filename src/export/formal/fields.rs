//! What no file says but a formal document needs — 文号, 署名, 主持人, 记录人, 列席, 地点 and
//! the text of each 决议 — as the secretary types it at export. Saved as a small RON file the
//! caller keeps (beside the journal, or in the data folder), so the next export remembers it.
//! An empty field prints as a blank line to fill by hand; nothing here is ever guessed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FormalFields {
    /// 文号, e.g. "第1号".
    pub doc_number: String,
    /// 署名: the presiding body, when the session does not name it (e.g. "大会主席团").
    pub presiding_body: String,
    /// 主持人.
    pub chair: String,
    /// 记录人.
    pub recorder: String,
    /// 列席: who attended without a vote.
    pub attending: String,
    /// 地点, when the session does not say.
    pub venue: String,
    /// 决议 text the secretary writes, by motion id (the ids of the session file).
    pub resolutions: BTreeMap<String, String>,
}

/// A fields file that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum FieldsError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// RON's message carries the line and column.
    #[error("{path}:{message}")]
    Parse { path: PathBuf, message: String },
}

impl FormalFields {
    /// Where the fields for a journal are remembered: beside it, "<journal>.formal.ron".
    pub fn beside(journal: &Path) -> PathBuf {
        let mut name = journal.file_name().unwrap_or_default().to_os_string();
        name.push(".formal.ron");
        journal.with_file_name(name)
    }

    pub fn read(path: &Path) -> Result<Self, FieldsError> {
        let text = std::fs::read_to_string(path).map_err(|source| FieldsError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(&text).map_err(|message| FieldsError::Parse {
            path: path.to_path_buf(),
            message,
        })
    }

    /// Parses the RON text; the error says line, column and what was expected.
    pub fn parse(text: &str) -> Result<Self, String> {
        ron::from_str(text)
            .map_err(|e| format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code))
    }

    /// The RON text, as [`FormalFields::parse`] reads it.
    pub fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::new().struct_names(true);
        // Plain strings and a map of strings always serialise.
        ron::ser::to_string_pretty(self, config).unwrap_or_default()
    }

    /// Writes the fields atomically (a new file replaces the old one whole).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        crate::storage::write_atomic(path, self.to_ron().as_bytes())
    }

    /// Fields set in `other` replace these; empty ones leave these as they are.
    pub fn merge(&mut self, other: &FormalFields) {
        for (mine, theirs) in [
            (&mut self.doc_number, &other.doc_number),
            (&mut self.presiding_body, &other.presiding_body),
            (&mut self.chair, &other.chair),
            (&mut self.recorder, &other.recorder),
            (&mut self.attending, &other.attending),
            (&mut self.venue, &other.venue),
        ] {
            if !theirs.trim().is_empty() {
                mine.clone_from(theirs);
            }
        }
        for (k, v) in &other.resolutions {
            if !v.trim().is_empty() {
                self.resolutions.insert(k.clone(), v.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_merges() {
        let mut f = FormalFields {
            chair: "潘洁英".into(),
            ..Default::default()
        };
        f.resolutions.insert("m1".into(), "会议决定……".into());
        let back = FormalFields::parse(&f.to_ron()).unwrap();
        assert_eq!(back, f);
        let mut g = FormalFields {
            recorder: "李明".into(),
            chair: "张三".into(),
            ..Default::default()
        };
        g.merge(&FormalFields {
            chair: " ".into(),
            ..f.clone()
        });
        assert_eq!(g.chair, "张三", "an empty field does not erase");
        assert_eq!(g.recorder, "李明");
        assert_eq!(g.resolutions, f.resolutions);
    }

    #[test]
    fn a_bad_file_says_where() {
        let e = FormalFields::parse("FormalFields(\n  chair: 3,\n)").unwrap_err();
        assert!(e.starts_with("2:"), "{e}");
        assert!(FormalFields::parse("(nonsense: \"x\")").is_err());
    }

    #[test]
    fn remembered_beside_the_journal() {
        assert_eq!(
            FormalFields::beside(Path::new("/a/b/votes.jsonl")),
            Path::new("/a/b/votes.jsonl.formal.ron")
        );
    }
}
