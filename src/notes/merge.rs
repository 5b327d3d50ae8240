//! Merging an imported notes file into this one, by note id.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};

use super::file::NotesFile;
use super::note::{Note, StopState};

/// What an import did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Notes that were not here.
    pub added: usize,
    /// Notes here that the imported file had in a newer edit.
    pub updated: usize,
    /// Notes already here, as new as or newer than the imported ones, or deleted here after
    /// the imported copy's last edit.
    pub unchanged: usize,
    /// Notes here that were deleted on the other laptop after their last edit here.
    pub deleted: usize,
    /// Inspection stops whose visited mark or questions were taken from the file.
    pub stops_updated: usize,
}

/// A note as it was before a change: None when the change created it. `index` is where it
/// stood in the list, so an undone delete returns to its place; `deleted` is the note's
/// deletion mark before the change, put back by an undo.
#[derive(Clone, Debug)]
pub(crate) struct Change {
    pub id: String,
    pub before: Option<Note>,
    pub index: usize,
    pub deleted: Option<DateTime<Utc>>,
}

/// An inspection stop's state before a change: None when the stop had none.
#[derive(Clone, Debug)]
pub(crate) struct StopChange {
    pub id: String,
    pub before: Option<StopState>,
}

/// One undo step: the notes and stops one action changed, in the order it changed them.
#[derive(Clone, Debug, Default)]
pub(crate) struct Step {
    pub notes: Vec<Change>,
    pub stops: Vec<StopChange>,
}

impl Step {
    /// The step of an action on one note.
    pub fn note(change: Change) -> Step {
        Step {
            notes: vec![change],
            stops: Vec::new(),
        }
    }

    /// The step of a change to one inspection stop.
    pub fn stop(change: StopChange) -> Step {
        Step {
            notes: Vec::new(),
            stops: vec![change],
        }
    }
}

/// Merges `incoming` into `into`: a note id present on both sides keeps the newer edit
/// (`updated`; on a tie, ours); unknown ids are appended. Ids repeated inside `incoming`
/// are merged the same way, so the result never holds two notes with one id. Deletions
/// count as edits: a note deleted on one side at or after its last edit on the other is
/// gone from the result, and both sides' deletion marks are kept (the later of two).
pub(crate) fn merge(into: &mut NotesFile, incoming: NotesFile) -> (ImportReport, Step) {
    let mut report = ImportReport::default();
    let mut changes = Vec::new();
    let mut stops = Vec::new();
    let mut index: HashMap<String, usize> = into
        .notes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.clone(), i))
        .collect();
    for note in incoming.notes {
        if deleted_since_edit(&into.deleted, &note) || deleted_since_edit(&incoming.deleted, &note)
        {
            report.unchanged += 1;
            continue;
        }
        match index.get(&note.id) {
            Some(&i) => {
                let mine = &mut into.notes[i];
                if note.updated > mine.updated && note != *mine {
                    let before = std::mem::replace(mine, note);
                    changes.push(Change {
                        id: before.id.clone(),
                        deleted: into.deleted.get(&before.id).copied(),
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
                    deleted: into.deleted.get(&note.id).copied(),
                });
                into.notes.push(note);
                report.added += 1;
            }
        }
    }
    apply_deletions(into, incoming.deleted, &mut report, &mut changes);
    for (id, theirs) in incoming.stops {
        let before = into.stops.get(&id).cloned();
        let mine = before.clone().unwrap_or_default();
        let newer = match (theirs.updated, mine.updated) {
            (Some(t), Some(m)) => t > m,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if newer && theirs != mine {
            stops.push(StopChange {
                id: id.clone(),
                before,
            });
            into.stops.insert(id, theirs);
            report.stops_updated += 1;
        }
    }
    let step = Step {
        notes: changes,
        stops,
    };
    (report, step)
}

/// Whether `marks` say the note was deleted at or after its last edit: then the deletion
/// wins over this copy.
fn deleted_since_edit(marks: &BTreeMap<String, DateTime<Utc>>, note: &Note) -> bool {
    marks
        .get(&note.id)
        .is_some_and(|&when| when >= note.updated)
}

/// Takes the other laptop's deletion marks: a note here not edited since it was deleted
/// there is removed (in one pass, each change recording where the note stood at its turn,
/// so an undo in reverse order puts every note back in its place).
fn apply_deletions(
    into: &mut NotesFile,
    theirs: BTreeMap<String, DateTime<Utc>>,
    report: &mut ImportReport,
    changes: &mut Vec<Change>,
) {
    if theirs.is_empty() {
        return;
    }
    let mut removed = 0;
    let notes = std::mem::take(&mut into.notes);
    into.notes.reserve(notes.len());
    for (i, note) in notes.into_iter().enumerate() {
        if deleted_since_edit(&theirs, &note) {
            changes.push(Change {
                id: note.id.clone(),
                deleted: into.deleted.get(&note.id).copied(),
                before: Some(note),
                index: i - removed,
            });
            removed += 1;
            report.deleted += 1;
        } else {
            into.notes.push(note);
        }
    }
    for (id, when) in theirs {
        let mark = into.deleted.entry(id).or_insert(when);
        if when > *mark {
            *mark = when;
        }
    }
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
                deleted: 0,
                stops_updated: 1
            }
        );
        assert_eq!((changes.notes.len(), changes.stops.len()), (2, 1));
        assert_eq!(mine.notes.len(), 2);
        assert_eq!(mine.notes[0].text, "改过");
        assert_eq!(mine.notes[1], b);
        assert!(mine.stops["s1"].visited);
    }

    #[test]
    fn deletions_record_where_each_note_stood_so_undo_restores_the_order() {
        let notes: Vec<Note> = (0..4)
            .map(|i| Note::new(Target::stop("s"), NoteKind::Question, &i.to_string(), None))
            .collect();
        let mut mine = NotesFile::new("x");
        mine.notes = notes.clone();
        let mut theirs = NotesFile::new("x");
        let later = notes[3].updated + Duration::seconds(1);
        theirs.deleted.insert(notes[0].id.clone(), later);
        theirs.deleted.insert(notes[2].id.clone(), later);
        // Deleted there before its last edit here: kept.
        theirs
            .deleted
            .insert(notes[1].id.clone(), notes[1].updated - Duration::seconds(1));
        let (report, changes) = merge(&mut mine, theirs);
        assert_eq!(report.deleted, 2);
        assert_eq!(mine.notes, [notes[1].clone(), notes[3].clone()]);
        assert_eq!(mine.deleted.len(), 3);
        // Undone in reverse order, each at the index it records: the list as it was.
        let mut restored = mine.notes.clone();
        for c in changes.notes.iter().rev() {
            restored.insert(c.index, c.before.clone().unwrap());
        }
        assert_eq!(restored, notes);
    }
}
