//! What a window has seen of a journal: the last head it showed, kept per journal in the
//! app's data folder, so that a journal later cut short or written anew is noticed (a chain
//! alone cannot show either: see [`super::HeadCode`]).

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::file::Journal;
use super::head_code::HeadCode;

/// What a journal holds compared with the head last seen of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Witnessed {
    /// Never seen before, or it still holds the record last seen.
    Consistent,
    /// It holds fewer records than were seen: records were cut off its end.
    Truncated { seen: HeadCode, now: u64 },
    /// It holds another record at the number last seen: it was written anew.
    Rewritten { seen: HeadCode },
}

/// The remembered head of one journal.
#[derive(Clone, Debug)]
pub struct Witness {
    file: PathBuf,
}

impl Witness {
    /// The witness of the journal at `journal`, kept under `data_dir/witness/`. The journal
    /// is named by a hash of its absolute path: paths can be long and hold any character.
    pub fn of(data_dir: &Path, journal: &Path) -> Witness {
        let abs = std::fs::canonicalize(journal)
            .or_else(|_| std::path::absolute(journal))
            .unwrap_or_else(|_| journal.to_path_buf());
        let key = hex::encode(&Sha256::digest(abs.as_os_str().as_encoded_bytes())[..16]);
        Witness {
            file: data_dir.join("witness").join(format!("{key}.txt")),
        }
    }

    /// The head last remembered, if any (an unreadable note counts as none).
    pub fn last(&self) -> Option<HeadCode> {
        let text = std::fs::read_to_string(&self.file).ok()?;
        text.lines().next()?.parse().ok()
    }

    /// Compares `journal` with the head last remembered.
    pub fn check(&self, journal: &Journal) -> Witnessed {
        compare(self.last(), |c| journal.holds(c), journal.len() as u64)
    }

    /// Checks `journal`, and remembers its head if it is consistent with what was seen (a
    /// journal found cut or rewritten keeps the head that shows it, so the warning stays).
    pub fn observe(&self, journal: &Journal) -> std::io::Result<Witnessed> {
        self.observe_with(
            |c| journal.holds(c),
            journal.len() as u64,
            journal.head_code(),
        )
    }

    /// [`Witness::observe`] for a journal known only by a scan (`verify`, which reads no
    /// session): `holds` says whether it holds the record a code names, `len` how many
    /// records it has, `head` its head's code.
    pub fn observe_with(
        &self,
        holds: impl FnOnce(HeadCode) -> bool,
        len: u64,
        head: Option<HeadCode>,
    ) -> std::io::Result<Witnessed> {
        let last = self.last();
        let w = compare(last, holds, len);
        if let (Witnessed::Consistent, Some(head)) = (w, head)
            && last != Some(head)
        {
            crate::storage::write_atomic(&self.file, format!("{head}\n").as_bytes())?;
        }
        Ok(w)
    }
}

/// What a journal of `len` records that holds (or not) the record `seen` names shows.
fn compare(seen: Option<HeadCode>, holds: impl FnOnce(HeadCode) -> bool, len: u64) -> Witnessed {
    let Some(seen) = seen else {
        return Witnessed::Consistent;
    };
    if holds(seen) {
        Witnessed::Consistent
    } else if seen.seq >= len {
        Witnessed::Truncated { seen, now: len }
    } else {
        Witnessed::Rewritten { seen }
    }
}
