//! Merging an imported notes file into this one, by note id.

use std::collections::HashMap;

use super::file::NotesFile;
use super::note::Note;

/// What an import did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Notes that were not here.
    pub added: usize,
    /// Notes here that the imported file had in a newer edit.
    pub updated: usize,
    /// Notes already here, as new as or newer than the imported ones.
    pub unchanged: usize,
    /// Inspection stops whose visited mark or questions were taken from the file.
    pub stops_updated: usize,
}

/// A note as it was before a change: None when the change created it. `index` is where it
/// stood in the list, so an undone delete returns to its place.
#[derive(Clone, Debug)]
pub(crate) struct Change {
    pub id: String,
    pub before: Option<Note>,
    pub index: usize,
}

/// Merges `incoming` into `into`: a note id present on both sides keeps the newer edit
/// (`updated`; on a tie, ours); unknown ids are appended. Ids repeated inside `incoming`
/// are merged the same way, so the result never holds two notes with one id.
pub(crate) fn merge(into: &mut NotesFile, incoming: NotesFile) -> (ImportReport, Vec<Change>) {
    let mut report = ImportReport::default();
    let mut changes = Vec::new();
    let mut index: HashMap<String, usize> = into
        .notes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.clone(), i))
        .collect();
    for note in incoming.notes {
        match index.get(&note.id) {
            Some(&i) => {
                let mine = &mut into.notes[i];
                if note.updated > mine.updated && note != *mine {
                    let before = std::mem::replace(mine, note);
                    changes.push(Change {
                        id: before.id.clone(),
                        before: Some(before),
                        index: i,
                    });
                    report.updated += 1;
                } else {
                    report.unchanged += 1;
                }
            }
            None => {
                index.insert(note.id.clone(), into.notes.len());
                changes.push(Change {
                    id: note.id.clone(),
                    before: None,
                    index: into.notes.len(),
                });
                into.notes.push(note);
                report.added += 1;
            }
        }
    }
    for (id, theirs) in incoming.stops {
        let mine = into.stops.entry(id).or_default();
        let newer = match (theirs.updated, mine.updated) {
            (Some(t), Some(m)) => t > m,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if newer && theirs != *mine {
            *mine = theirs;
            report.stops_updated += 1;
        }
    }
    (report, changes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::note::{NoteKind, StopState, Target};
    use chrono::Duration;

    #[test]
    fn newer_edit_wins_and_ids_never_repeat() {
        let a = Note::new(Target::stop("s1"), NoteKind::Question, "原文", None);
        let b = Note::new(Target::stop("s2"), NoteKind::Concern, "另一条", None);
        let mut mine = NotesFile::new("x");
        mine.notes.push(a.clone());

        let mut a_newer = a.clone();
        a_newer.text = "改过".into();
        a_newer.updated = a.updated + Duration::seconds(5);
        let mut a_older = a.clone();
        a_older.text = "更旧".into();
        a_older.updated = a.updated - Duration::seconds(5);

        let mut theirs = NotesFile::new("x");
        theirs.notes = vec![a_older, b.clone(), b.clone(), a_newer];
        theirs.stops.insert(
            "s1".into(),
            StopState {
                visited: true,
                questions: "问题".into(),
                updated: Some(a.updated),
            },
        );
        let (report, changes) = merge(&mut mine, theirs);
        assert_eq!(
            report,
            ImportReport {
                added: 1,
                updated: 1,
                unchanged: 2,
                stops_updated: 1
            }
        );
        assert_eq!(changes.len(), 2);
        assert_eq!(mine.notes.len(), 2);
        assert_eq!(mine.notes[0].text, "改过");
        assert_eq!(mine.notes[1], b);
        assert!(mine.stops["s1"].visited);
    }
}
