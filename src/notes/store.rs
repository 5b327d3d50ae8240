//! The notes of one session, as the app holds them: changes, undo, and saving soon after
//! every change.
//!
//! Saving: every change marks the store dirty. [`NotesStore::save_if_due`] (call it every
//! frame and on exit) writes once the user pauses for [`QUIET`], and at the latest
//! [`MAX_DELAY`] after the first unsaved change, so a note is on disk within a second even
//! while someone keeps typing. Writes go through [`crate::storage::write_atomic_with`]
//! (temp file, fsync, rename): a kill at any moment leaves the old file or the new one.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use chrono::{DateTime, Utc};

use super::anchor::{Anchors, SessionIndex};
use super::error::{NotesError, Warning};
use super::file::NotesFile;
use super::merge::{Change, ImportReport, Step, StopChange, merge};
use super::note::{Note, NoteKind, StopState, Target, clean_author};
use crate::storage;

/// Save after the user has paused this long…
pub const QUIET: Duration = Duration::from_millis(300);
/// …or this long after the first unsaved change, whichever comes first.
pub const MAX_DELAY: Duration = Duration::from_millis(900);
/// After a failed save, wait this long before trying again on our own, so the user is
/// not shown the same error every frame.
pub const RETRY_AFTER: Duration = Duration::from_secs(5);
/// Undo steps kept.
const UNDO_LIMIT: usize = 200;
/// Temp files of a save killed midway are removed when older than this.
const STALE_TEMP: Duration = Duration::from_secs(3600);

/// The notes of one session.
pub struct NotesStore {
    path: PathBuf,
    file: NotesFile,
    undo: Vec<Step>,
    /// Bumped by every change; equal to `saved_generation` when nothing is unsaved.
    generation: u64,
    saved_generation: u64,
    first_unsaved: Option<Instant>,
    last_change: Option<Instant>,
    /// Set by a failed save: no automatic save before then.
    retry_at: Option<Instant>,
    /// Test hook: the next save fails after writing this many bytes.
    #[cfg(test)]
    fail_after: Option<usize>,
}

/// A snapshot to write, so a caller may save on another thread: run it, then hand the
/// result to [`NotesStore::finish_save`].
pub struct SaveJob {
    path: PathBuf,
    file: NotesFile,
    generation: u64,
}

impl SaveJob {
    /// Writes the snapshot atomically.
    pub fn run(&self) -> Result<(), NotesError> {
        storage::write_atomic_with(&self.path, |w| self.file.write_to(w))
            .map_err(|e| NotesError::io(&self.path, e))
    }
}

/// Where the notes of `session_id` live: `data_dir()/notes/<sanitized id>.json`.
pub fn notes_path(session_id: &str) -> PathBuf {
    notes_path_in(&storage::data_dir(), session_id)
}

/// Where the notes of `session_id` live under the data folder `data_dir`.
pub fn notes_path_in(data_dir: &Path, session_id: &str) -> PathBuf {
    data_dir
        .join("notes")
        .join(format!("{}.json", storage::sanitize_file_stem(session_id)))
}

impl NotesStore {
    /// Opens the notes of `session_id` from the user's data folder (see [`notes_path`]).
    pub fn open(session_id: &str) -> Result<(NotesStore, Option<Warning>), NotesError> {
        NotesStore::open_at(&notes_path(session_id), session_id)
    }

    /// Opens the notes file at `path`. No file yet: an empty store. A file that cannot be
    /// read as notes for this session (damaged, from a newer version, for another session)
    /// is renamed to `<name>.corrupt-<timestamp>`, never overwritten, and a warning naming
    /// it is returned with an empty store. Only an I/O failure is an error.
    pub fn open_at(
        path: &Path,
        session_id: &str,
    ) -> Result<(NotesStore, Option<Warning>), NotesError> {
        if let Some(dir) = path.parent() {
            remove_stale_temps(dir);
        }
        let (file, warning) = match std::fs::read(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                (NotesFile::new(session_id), None)
            }
            Err(e) => return Err(NotesError::io(path, e)),
            Ok(bytes) => {
                let parsed = NotesFile::parse(path, &bytes).and_then(|f| {
                    if f.session_id == session_id {
                        Ok(f)
                    } else {
                        Err(NotesError::WrongSession {
                            path: path.to_path_buf(),
                            expected: session_id.to_string(),
                            found: f.session_id,
                        })
                    }
                });
                match parsed {
                    Ok(f) => (f, None),
                    Err(cause) => {
                        let moved_to = move_aside(path)?;
                        (
                            NotesFile::new(session_id),
                            Some(Warning::MovedAside { moved_to, cause }),
                        )
                    }
                }
            }
        };
        let store = NotesStore {
            path: path.to_path_buf(),
            file,
            undo: Vec::new(),
            generation: 0,
            saved_generation: 0,
            first_unsaved: None,
            last_change: None,
            retry_at: None,
            #[cfg(test)]
            fail_after: None,
        };
        Ok((store, warning))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn session_id(&self) -> &str {
        &self.file.session_id
    }

    /// All notes, in the order they were made (imports append).
    pub fn notes(&self) -> &[Note] {
        &self.file.notes
    }

    pub fn get(&self, id: &str) -> Option<&Note> {
        self.file.notes.iter().find(|n| n.id == id)
    }

    /// The whole file as it would be saved.
    pub fn file(&self) -> &NotesFile {
        &self.file
    }

    /// Adds a note and returns its id.
    pub fn add(
        &mut self,
        target: Target,
        kind: NoteKind,
        text: &str,
        author: Option<&str>,
    ) -> String {
        let note = Note::new(target, kind, text, author);
        let id = note.id.clone();
        self.push_undo(Step::note(Change {
            id: id.clone(),
            before: None,
            index: self.file.notes.len(),
            deleted: None,
        }));
        self.file.notes.push(note);
        self.touch();
        id
    }

    /// Changes a note's kind, text and author. Returns false (and records nothing) when
    /// they are already so.
    pub fn update(
        &mut self,
        id: &str,
        kind: NoteKind,
        text: &str,
        author: Option<&str>,
    ) -> Result<bool, NotesError> {
        let index = self.index_of(id)?;
        let author = clean_author(author);
        let note = &self.file.notes[index];
        if note.kind == kind && note.text == text && note.author == author {
            return Ok(false);
        }
        let before = note.clone();
        let note = &mut self.file.notes[index];
        note.kind = kind;
        note.text = text.to_string();
        note.author = author;
        note.updated = now_after(Some(before.updated));
        self.push_undo(Step::note(Change {
            id: id.to_string(),
            before: Some(before),
            index,
            deleted: self.file.deleted.get(id).copied(),
        }));
        self.touch();
        Ok(true)
    }

    /// Deletes a note; [`NotesStore::undo`] brings it back in its place. The deletion is
    /// remembered (strictly after the note's last edit), so an import of a copy that still
    /// has the note does not bring it back, and an export carries it to the other laptop.
    pub fn delete(&mut self, id: &str) -> Result<Note, NotesError> {
        let index = self.index_of(id)?;
        let note = self.file.notes.remove(index);
        let when = now_after(Some(note.updated));
        let before = self.file.deleted.insert(id.to_string(), when);
        self.push_undo(Step::note(Change {
            id: id.to_string(),
            before: Some(note.clone()),
            index,
            deleted: before,
        }));
        self.touch();
        Ok(note)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Undoes the last add, edit, delete, import (its inspection-stop changes too) or
    /// change of a stop's visited mark or questions. Returns the id of a note it touched
    /// (to scroll to), else of a stop, or None when there was nothing to undo.
    pub fn undo(&mut self) -> Option<String> {
        let step = self.undo.pop()?;
        let focus = (step.notes.first().map(|c| &c.id))
            .or_else(|| step.stops.first().map(|c| &c.id))
            .cloned();
        for stop in step.stops.into_iter().rev() {
            match stop.before {
                Some(before) => self.file.stops.insert(stop.id, before),
                None => self.file.stops.remove(&stop.id),
            };
        }
        for change in step.notes.into_iter().rev() {
            let here = self.file.notes.iter().position(|n| n.id == change.id);
            match (change.before, here) {
                (None, Some(i)) => {
                    self.file.notes.remove(i);
                }
                (Some(before), Some(i)) => self.file.notes[i] = before,
                (Some(before), None) => {
                    let at = change.index.min(self.file.notes.len());
                    self.file.notes.insert(at, before);
                }
                (None, None) => {}
            }
            match change.deleted {
                Some(when) => self.file.deleted.insert(change.id, when),
                None => self.file.deleted.remove(&change.id),
            };
        }
        self.touch();
        focus
    }

    /// The visited mark and questions of an inspection stop (default when never set).
    pub fn stop(&self, stop_id: &str) -> StopState {
        self.file.stops.get(stop_id).cloned().unwrap_or_default()
    }

    pub fn set_stop_visited(&mut self, stop_id: &str, visited: bool) {
        self.change_stop(stop_id, |s| s.visited = visited);
    }

    pub fn set_stop_questions(&mut self, stop_id: &str, questions: &str) {
        self.change_stop(stop_id, |s| s.questions = questions.to_string());
    }

    /// Changes a stop's state; a real change is one undo step.
    fn change_stop(&mut self, stop_id: &str, f: impl FnOnce(&mut StopState)) {
        let before = self.file.stops.get(stop_id).cloned();
        let old = before.clone().unwrap_or_default();
        let mut state = old.clone();
        f(&mut state);
        if old.visited == state.visited && old.questions == state.questions {
            return;
        }
        state.updated = Some(now_after(old.updated));
        self.file.stops.insert(stop_id.to_string(), state);
        self.push_undo(Step::stop(StopChange {
            id: stop_id.to_string(),
            before,
        }));
        self.touch();
    }

    /// Places every note in `index`'s session and rewrites the stored anchor of each note
    /// that was found somewhere else (new paragraph id, offsets or context), so the next
    /// revision is compared with this one. Unplaced notes keep their anchor untouched.
    /// Not an edit: `updated` and the undo history stay as they are.
    pub fn reattach(&mut self, index: &SessionIndex<'_>) -> Anchors {
        let anchors = Anchors::compute_with(index, &self.file.notes);
        let mut changed = false;
        for note in &mut self.file.notes {
            if let Some(p) = anchors.placement(&note.id)
                && let Some(target) = index.reattached_target(note, p)
            {
                note.target = target;
                changed = true;
            }
        }
        if changed {
            self.touch();
        }
        anchors
    }

    /// Notes of `kind` (all kinds when None) whose text, author or quoted words contain
    /// `query`, ignoring case. In document order when `anchors` is given (see
    /// [`Anchors::order_key`]), else in the order they were made.
    pub fn filter(
        &self,
        kind: Option<NoteKind>,
        query: &str,
        anchors: Option<&Anchors>,
    ) -> Vec<&Note> {
        let query = query.trim().to_lowercase();
        let mut out: Vec<&Note> = self
            .file
            .notes
            .iter()
            .filter(|n| kind.is_none_or(|k| n.kind == k) && n.matches_lowercase(&query))
            .collect();
        if let Some(a) = anchors {
            out.sort_by_key(|n| a.order_key(&n.id));
        }
        out
    }

    /// True when there are changes not yet on disk.
    pub fn is_dirty(&self) -> bool {
        self.generation != self.saved_generation
    }

    /// True when unsaved changes should be written at `now`.
    pub fn is_due(&self, now: Instant) -> bool {
        if !self.is_dirty() || self.retry_at.is_some_and(|t| now < t) {
            return false;
        }
        let since =
            |t: Option<Instant>| t.map_or(Duration::MAX, |t| now.saturating_duration_since(t));
        since(self.last_change) >= QUIET || since(self.first_unsaved) >= MAX_DELAY
    }

    /// Saves when [`NotesStore::is_due`]; returns whether it wrote. Call it every frame.
    pub fn save_if_due(&mut self, now: Instant) -> Result<bool, NotesError> {
        match self.save_job_if_due(now) {
            Some(job) => {
                let result = self.run_job(&job);
                self.finish_save(&job, result).map(|()| true)
            }
            None => Ok(false),
        }
    }

    /// Saves now if anything is unsaved (on exit, or after an import).
    pub fn save(&mut self) -> Result<(), NotesError> {
        if !self.is_dirty() {
            return Ok(());
        }
        let job = self.save_job();
        let result = self.run_job(&job);
        self.finish_save(&job, result)
    }

    /// A snapshot to save elsewhere, when due (see [`SaveJob`]).
    pub fn save_job_if_due(&self, now: Instant) -> Option<SaveJob> {
        self.is_due(now).then(|| self.save_job())
    }

    /// A snapshot of the current notes to save.
    pub fn save_job(&self) -> SaveJob {
        SaveJob {
            path: self.path.clone(),
            file: self.file.clone(),
            generation: self.generation,
        }
    }

    /// Records the outcome of a [`SaveJob`]. On failure the store stays dirty and
    /// [`NotesStore::save_if_due`] tries again after [`RETRY_AFTER`] (an explicit
    /// [`NotesStore::save`] tries at once); the error is handed back to be shown.
    pub fn finish_save(
        &mut self,
        job: &SaveJob,
        result: Result<(), NotesError>,
    ) -> Result<(), NotesError> {
        if let Err(e) = result {
            self.retry_at = Some(Instant::now() + RETRY_AFTER);
            return Err(e);
        }
        self.retry_at = None;
        if job.generation > self.saved_generation {
            self.saved_generation = job.generation;
        }
        if !self.is_dirty() {
            self.first_unsaved = None;
        }
        Ok(())
    }

    #[cfg(not(test))]
    fn run_job(&mut self, job: &SaveJob) -> Result<(), NotesError> {
        job.run()
    }

    #[cfg(test)]
    fn run_job(&mut self, job: &SaveJob) -> Result<(), NotesError> {
        match self.fail_after.take() {
            None => job.run(),
            Some(limit) => storage::write_atomic_with(&job.path, |w| {
                job.file.write_to(&mut tests::FailAfter {
                    inner: w,
                    left: limit,
                })
            })
            .map_err(|e| NotesError::io(&job.path, e)),
        }
    }

    /// Writes the notes to `path` for another laptop. Refuses to replace an existing file
    /// unless `overwrite`.
    pub fn export_to(&self, path: &Path, overwrite: bool) -> Result<(), NotesError> {
        let bytes = self.file.to_bytes();
        let result = if overwrite {
            storage::write_atomic(path, &bytes)
        } else {
            storage::write_atomic_new(path, &bytes)
        };
        result.map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                NotesError::Exists {
                    path: path.to_path_buf(),
                }
            } else {
                NotesError::io(path, e)
            }
        })
    }

    /// Merges an exported notes file by note id: new notes are added, a note on both sides
    /// keeps the newer edit, a note deleted there after its last edit here is deleted here,
    /// nothing is duplicated. Refuses a file of another session. One undo step takes the
    /// whole import back.
    pub fn import_from(&mut self, path: &Path) -> Result<ImportReport, NotesError> {
        let incoming = NotesFile::read(path)?;
        if incoming.session_id != self.file.session_id {
            return Err(NotesError::WrongSession {
                path: path.to_path_buf(),
                expected: self.file.session_id.clone(),
                found: incoming.session_id,
            });
        }
        // A mark moved later changes the file too (marks are few: one per deleted note).
        let marks_before = self.file.deleted.clone();
        let (report, step) = merge(&mut self.file, incoming);
        let changed = !step.notes.is_empty() || !step.stops.is_empty();
        if changed {
            self.push_undo(step);
        }
        if changed || marks_before != self.file.deleted {
            self.touch();
        }
        Ok(report)
    }

    fn index_of(&self, id: &str) -> Result<usize, NotesError> {
        self.file
            .notes
            .iter()
            .position(|n| n.id == id)
            .ok_or_else(|| NotesError::NoSuchNote { id: id.to_string() })
    }

    fn push_undo(&mut self, step: Step) {
        self.undo.push(step);
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
    }

    fn touch(&mut self) {
        let now = Instant::now();
        self.generation += 1;
        self.last_change = Some(now);
        self.first_unsaved.get_or_insert(now);
    }
}

/// Now, or just after `last` when the clock has not moved past it: a change is always
/// strictly later than the one before, so an import sees it as newer.
fn now_after(last: Option<DateTime<Utc>>) -> DateTime<Utc> {
    let now = Utc::now();
    last.map_or(now, |t| now.max(t + chrono::TimeDelta::microseconds(1)))
}

/// Renames a file that cannot be used to `<name>.corrupt-<timestamp>` beside it.
fn move_aside(path: &Path) -> Result<PathBuf, NotesError> {
    let stamp = Utc::now().format("%Y%m%dT%H%M%S");
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut target = path.with_file_name(format!("{name}.corrupt-{stamp}"));
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = path.with_file_name(format!("{name}.corrupt-{stamp}-{n}"));
    }
    std::fs::rename(path, &target).map_err(|e| NotesError::io(path, e))?;
    Ok(target)
}

/// Removes `.tmp-*` files left by a save that was killed midway, once they are old enough
/// not to belong to a save in progress. Best effort: failures are ignored.
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for e in entries.flatten() {
        let stale = e.file_name().to_string_lossy().starts_with(".tmp-")
            && e.metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > STALE_TEMP));
        if stale {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A writer that fails after `left` bytes, like a disk filling up mid-save.
    pub(super) struct FailAfter<'a> {
        pub inner: &'a mut dyn Write,
        pub left: usize,
    }

    impl Write for FailAfter<'_> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.left == 0 {
                return Err(std::io::Error::other("disk full (injected)"));
            }
            let n = buf.len().min(self.left);
            self.left -= n;
            self.inner.write(&buf[..n])
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.inner.flush()
        }
    }

    #[test]
    fn failure_midway_leaves_old_file_and_retries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes").join("s.json");
        let (mut store, warning) = NotesStore::open_at(&path, "s").unwrap();
        assert!(warning.is_none());
        store.add(Target::stop("a"), NoteKind::Question, "第一条", None);
        store.save().unwrap();
        let old = std::fs::read(&path).unwrap();

        store.add(
            Target::stop("b"),
            NoteKind::Concern,
            &"很长的批注".repeat(500),
            None,
        );
        store.fail_after = Some(100);
        let before_save = Instant::now();
        let err = store.save();
        assert!(matches!(err, Err(NotesError::Io { .. })));
        assert_eq!(
            std::fs::read(&path).unwrap(),
            old,
            "old file must stay intact"
        );
        assert!(store.is_dirty(), "a failed save must be retried");
        let after_failure = Instant::now();
        let just_before_retry = before_save + RETRY_AFTER - Duration::from_millis(1);
        assert!(!store.is_due(just_before_retry), "not every frame");
        assert!(store.is_due(after_failure + RETRY_AFTER + MAX_DELAY));
        let leftovers = std::fs::read_dir(path.parent().unwrap()).unwrap().count();
        assert_eq!(leftovers, 1, "the temp file of the failed save is removed");

        store.save().unwrap();
        assert!(!store.is_dirty());
        let back = NotesFile::read(&path).unwrap();
        assert_eq!(back.notes.len(), 2);
    }

    #[test]
    fn due_after_a_pause_or_at_the_latest_within_a_second() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let (mut store, _) = NotesStore::open_at(&path, "s").unwrap();
        let before = Instant::now();
        assert!(
            !store.is_due(before + Duration::from_secs(5)),
            "clean store"
        );
        store.set_stop_visited("a", true);
        assert!(!store.is_due(before), "not before the change");
        assert!(!path.exists());
        assert!(store.save_if_due(Instant::now() + MAX_DELAY).unwrap());
        assert!(path.exists());
        assert!(
            !store.save_if_due(Instant::now() + MAX_DELAY).unwrap(),
            "nothing left"
        );
        assert!(MAX_DELAY < Duration::from_secs(1) && QUIET < MAX_DELAY);
    }
}
