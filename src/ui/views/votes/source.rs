//! The journal the Votes view shows: read-only by default, or open for writing in secretary
//! mode. Holds no egui state, so opening, reloading and switching modes are plain calls.
//!
//! A big journal is read off the UI thread (a [`Task`]): a national one (180,000 records,
//! 50 MB) takes longer to read and verify than a frame may. Until it arrives the view shows
//! the last tally read (or an empty one) and says it is reading.
//!
//! The path may also be a sitting's folder shared by a sync engine: every journal of the
//! session in it is read and folded into one tally ([`read_folder`]), again as files arrive,
//! with its conflict copies and disagreements in [`Source::load_note`]; in secretary mode the
//! window records into this laptop's own journal there ([`Source::open_for_writing`]).

use std::path::{Path, PathBuf};

use crate::i18n::{Lang, trf};
use crate::journal::Planned;
use crate::journal::{
    FolderTally, HeadCode, Journal, JournalError, JournalStatus, JournalWatcher, OpenError, Record,
    RecordError, Recorder, Tally, Warnings, Witness, Witnessed, own_journal_in, read_folder,
};
use crate::model::Session;
use crate::ui::task::{Task, poll_slot};

/// A journal file and its tally, as the window shows it.
pub struct Source {
    pub path: PathBuf,
    /// Set while open for writing: the name that goes into every record.
    pub secretary: Option<String>,
    /// None when nothing could be read (no file yet, another session's journal, …).
    rec: Option<Recorder>,
    /// Shown when `rec` is None, so the attendance and motions still appear.
    empty: Tally,
    /// Why the file could not be opened, in the window's language.
    pub problem: Option<String>,
    /// The file does not exist yet (nothing recorded).
    pub missing: bool,
    /// Read-only viewers follow the file as a secretary writes it.
    watcher: Option<JournalWatcher>,
    /// Whether a waking watcher was set up (tried once, on the first frame with a context).
    waking: bool,
    /// A read in progress off the UI thread; applied by [`Source::poll`].
    reading: Option<Task<Result<Recorder, OpenError>>>,
    /// A sitting's folder: its folded journals, once read.
    folder: Option<FolderTally>,
    /// A read of the folder in progress off the UI thread.
    reading_folder: Option<Task<std::io::Result<FolderTally>>>,
    /// A folder's session, kept for its warnings (delegates' names, motions' titles).
    folder_session: Option<Session>,
    /// The file changed while a worker was reading it: read again when it is done.
    reread: bool,
    /// The window, woken when a read is done.
    ctx: egui::Context,
    /// The journal state last compared with its witness (records, head).
    witnessed: Option<(usize, crate::journal::ChainHash)>,
    /// The journal holds less, or other, than this window showed before.
    witness_warning: Option<String>,
}

/// Journals up to this size are read at once: a township's (a few hundred records, tens of
/// kilobytes) in well under a millisecond. Bigger ones are read on a worker thread.
pub const READ_AT_ONCE_BYTES: u64 = 1 << 20;

impl Source {
    /// Opens `path` to read. Never fails: problems are kept in [`Source::problem`]. A big
    /// journal is read off the UI thread, which wakes the window when done.
    pub fn open_read_only(
        path: &Path,
        session: &Session,
        lang: Lang,
        ctx: &egui::Context,
    ) -> Source {
        let mut s = Source::new(path, session, None, ctx);
        s.read(session, lang);
        // A missing folder means there is nothing to follow yet; the secretary's first
        // record creates it, and leaving secretary mode starts the watch.
        s.watcher = if s.is_folder() {
            JournalWatcher::folder(path, || {}).ok()
        } else {
            JournalWatcher::new(path).ok()
        };
        s
    }

    /// Makes the watcher wake the window on a change, so an idle window does not poll.
    pub fn wake_on_change(&mut self, ctx: &egui::Context) {
        if (self.secretary.is_some() && !self.records_in_folder()) || self.waking {
            return;
        }
        let ctx = ctx.clone();
        // Tried once: should it fail (e.g. the system's inotify limit), the plain watcher
        // still reports changes on the next frame the window draws.
        self.waking = true;
        let wake = move || ctx.request_repaint();
        let watcher = if self.is_folder() {
            JournalWatcher::folder(&self.path, wake)
        } else {
            JournalWatcher::with_waker(&self.path, wake)
        };
        if let Ok(w) = watcher {
            self.watcher = Some(w);
        }
    }

    /// Opens `path` to record as `secretary`, creating the journal if it does not exist.
    /// Read at once, whatever its size: the secretary asked for it and waits for it.
    ///
    /// A sitting's folder: the secretary's own journal in it (named for this laptop, whose id
    /// is kept under `data_dir`), locked while the window records, every record checked
    /// against the whole folder's tally; the other journals are followed as they arrive.
    pub fn open_for_writing(
        path: &Path,
        session: &Session,
        secretary: &str,
        data_dir: &Path,
        lang: Lang,
        ctx: &egui::Context,
    ) -> Result<Source, String> {
        if path.is_dir() {
            return Source::open_folder_for_writing(path, session, secretary, data_dir, lang, ctx);
        }
        let rec = Recorder::open_for_writing(path, session, secretary.trim())
            .map_err(|e| e.message(lang))?;
        let secretary = secretary.trim().to_string();
        Ok(Source::new(path, session, Some((secretary, rec)), ctx))
    }

    fn open_folder_for_writing(
        dir: &Path,
        session: &Session,
        secretary: &str,
        data_dir: &Path,
        lang: Lang,
        ctx: &egui::Context,
    ) -> Result<Source, String> {
        let read_error = |path: &Path, e: std::io::Error| {
            trf(
                lang,
                "cli.err.read",
                &[
                    ("path", &path.display().to_string()),
                    ("error", &e.to_string()),
                ],
            )
        };
        let own = own_journal_in(dir, secretary, data_dir)
            .map_err(|e| read_error(&data_dir.join("machine-id"), e))?;
        let journal = Journal::open_for_writing(&own, session, secretary.trim())
            .map_err(|e| e.message(lang))?;
        // Read at once: the secretary asked for it and waits for it.
        let mut folder = read_folder(dir, session).map_err(|e| read_error(dir, e))?;
        let tally = std::mem::replace(&mut folder.tally, Tally::new(session));
        let rec = Recorder::with_tally(journal, tally);
        let mut s = Source::new(dir, session, Some((secretary.trim().to_string(), rec)), ctx);
        s.folder = Some(folder);
        s.folder_session = Some(session.votes_part());
        s.watcher = JournalWatcher::folder(dir, || {}).ok();
        Ok(s)
    }

    /// Whether this records into a sitting's folder (its own journal there).
    fn records_in_folder(&self) -> bool {
        self.secretary.is_some() && self.folder.is_some()
    }

    /// A source on `path` that has read nothing yet: recording as the secretary with `rec`
    /// when given, else read-only.
    fn new(
        path: &Path,
        session: &Session,
        recording: Option<(String, Recorder)>,
        ctx: &egui::Context,
    ) -> Source {
        let (secretary, rec) = recording.unzip();
        Source {
            path: path.to_path_buf(),
            secretary,
            rec,
            empty: Tally::new(session),
            problem: None,
            missing: false,
            watcher: None,
            waking: false,
            reading: None,
            folder: None,
            reading_folder: None,
            folder_session: None,
            reread: false,
            ctx: ctx.clone(),
            witnessed: None,
            witness_warning: None,
        }
    }

    /// Compares the journal with the head this window last showed of it (remembered under
    /// `data_dir`), once per change, and remembers the new head if it follows on from it.
    pub fn observe_witness(&mut self, data_dir: &Path, lang: Lang) {
        if let Some(f) = &self.folder {
            // A sitting's folder: each writer's journal against its own witness.
            let now = (f.records.len(), f.head);
            if self.witnessed != Some(now) {
                self.witnessed = Some(now);
                let lines = Warnings::witnessed(&f.witness(data_dir), lang);
                self.witness_warning = (!lines.is_empty()).then(|| lines.join("\n"));
            }
            return;
        }
        let Some(j) = self.rec.as_ref().map(Recorder::journal) else {
            return;
        };
        let now = (j.len(), j.head());
        if self.witnessed == Some(now) {
            return;
        }
        self.witnessed = Some(now);
        let path = self.path.display().to_string();
        self.witness_warning = match Witness::of(data_dir, &self.path).observe(j) {
            Ok(Witnessed::Consistent) | Err(_) => None,
            Ok(Witnessed::Truncated { seen, now }) => Some(trf(
                lang,
                "votes.witness.truncated",
                &[
                    ("path", &path),
                    ("code", &seen.to_string()),
                    ("records", &now.to_string()),
                ],
            )),
            Ok(Witnessed::Rewritten { seen }) => Some(trf(
                lang,
                "votes.witness.rewritten",
                &[("path", &path), ("code", &seen.to_string())],
            )),
        };
    }

    /// 表决记录被截短或改写: set by [`Source::observe_witness`].
    pub fn witness_warning(&self) -> Option<&str> {
        self.witness_warning.as_deref()
    }

    /// The short code of the journal's head, to read aloud (`#117-23fb592c`).
    pub fn head_code(&self) -> Option<HeadCode> {
        self.journal()?.head_code()
    }

    /// Whether this shows a sitting's folder rather than one journal file.
    pub fn is_folder(&self) -> bool {
        self.path.is_dir()
    }

    /// Reads the file: at once when small, else off the UI thread (see [`Source::poll`]).
    fn read(&mut self, session: &Session, lang: Lang) {
        if self.is_folder() {
            // Off the UI thread whatever its size: a folder is many files, each maybe big.
            let (path, part) = (self.path.clone(), session.votes_part());
            self.folder_session = Some(part.clone());
            self.reading_folder = Some(Task::spawn(&self.ctx, "folder-read", move || {
                read_folder(&path, &part)
            }));
            return;
        }
        let big = std::fs::metadata(&self.path).is_ok_and(|m| m.len() > READ_AT_ONCE_BYTES);
        if big {
            let path = self.path.clone();
            let part = session.votes_part();
            self.reading = Some(Task::spawn(&self.ctx, "journal-read", move || {
                Recorder::open_read_only(&path, &part)
            }));
            return;
        }
        self.reading = None;
        let result = Recorder::open_read_only(&self.path, session);
        self.apply(result, lang);
    }

    /// Takes the read's result once it has finished. Returns whether it just did.
    pub fn poll(&mut self, lang: Lang) -> bool {
        match poll_slot(&mut self.reading_folder) {
            None => {}
            Some(Ok(Ok(mut folder))) => {
                if let (Some(rec), true) = (&self.rec, self.secretary.is_some()) {
                    // Recording: the new tally replaces the recorder's only if it holds this
                    // secretary's own journal as it is now; a record made during the read
                    // means reading again.
                    let own = rec.journal();
                    let current = folder.journals.iter().any(|j| {
                        j.path == own.path() && j.records() == own.len() && j.head() == own.head()
                    });
                    if !current {
                        self.reread = true;
                        return false;
                    }
                    let tally = std::mem::replace(&mut folder.tally, self.empty.clone());
                    self.rec = Some(Recorder::with_tally(own.clone(), tally));
                }
                self.folder = Some(folder);
                self.problem = None;
                return true;
            }
            Some(Ok(Err(e))) => {
                self.problem = Some(trf(
                    lang,
                    "cli.err.read",
                    &[
                        ("path", &self.path.display().to_string()),
                        ("error", &e.to_string()),
                    ],
                ));
                return true;
            }
            Some(Err(_lost)) => {
                self.problem = Some(trf(
                    lang,
                    "votes.journal.read_failed",
                    &[("path", &self.path.display().to_string())],
                ));
                return true;
            }
        }
        match poll_slot(&mut self.reading) {
            None => false,
            Some(Ok(result)) => {
                self.apply(result, lang);
                true
            }
            Some(Err(_lost)) => {
                self.problem = Some(trf(
                    lang,
                    "votes.journal.read_failed",
                    &[("path", &self.path.display().to_string())],
                ));
                true
            }
        }
    }

    /// Whether a worker is still reading the file.
    pub fn is_reading(&self) -> bool {
        self.reading.is_some() || self.reading_folder.is_some()
    }

    fn apply(&mut self, result: Result<Recorder, OpenError>, lang: Lang) {
        match result {
            Ok(rec) => {
                self.rec = Some(rec);
                self.problem = None;
                self.missing = false;
            }
            Err(OpenError::Journal(JournalError::Io { source, .. }))
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                self.rec = None;
                self.problem = None;
                self.missing = true;
            }
            Err(e) => {
                self.rec = None;
                self.problem = Some(e.message(lang));
                self.missing = false;
            }
        }
    }

    /// Re-reads the file if the watcher saw it change (read-only mode only). Returns whether
    /// it changed.
    pub fn reload_if_changed(&mut self, session: &Session, lang: Lang) -> bool {
        let changed = self.watcher.as_ref().is_some_and(JournalWatcher::changed);
        if self.secretary.is_some() && !self.records_in_folder() {
            return changed;
        }
        // A change during a worker's read is read after it, not by starting over: a
        // secretary recording faster than a big journal reads would starve the tally.
        self.reread |= changed;
        if self.reread && !self.is_reading() {
            self.reread = false;
            self.read(session, lang);
        }
        changed
    }

    pub fn tally(&self) -> &Tally {
        if let (Some(f), None) = (&self.folder, &self.secretary) {
            return &f.tally;
        }
        self.rec.as_ref().map_or(&self.empty, Recorder::tally)
    }

    /// The open journal, if anything could be read.
    pub fn journal(&self) -> Option<&Journal> {
        self.rec.as_ref().map(Recorder::journal)
    }

    /// Whether there is any record (a header at least).
    pub fn has_records(&self) -> bool {
        self.journal().is_some_and(|j| !j.is_empty())
    }

    /// The records with these seqs (an audit trail), read back from the file.
    pub fn read_seqs(&self, seqs: &[u64], lang: Lang) -> Result<Vec<Record>, String> {
        match self.journal() {
            Some(j) => j.read_seqs(seqs).map_err(|e| e.message(lang)),
            None => Ok(Vec::new()),
        }
    }

    pub fn is_writable(&self) -> bool {
        self.secretary.is_some() && self.rec.is_some()
    }

    /// A warning or damage report from loading, in `lang`.
    pub fn load_note(&self, lang: Lang) -> Option<String> {
        if let (Some(f), Some(session)) = (&self.folder, &self.folder_session) {
            let w = Warnings::new(f, session, lang);
            let lines = [w.journals, w.copies, w.refused, w.disagreements, w.others].concat();
            return (!lines.is_empty()).then(|| lines.join("\n"));
        }
        let rec = self.rec.as_ref()?;
        let path = self.path.display().to_string();
        if rec.journal().format() != crate::journal::FORMAT {
            let e = JournalError::OldFormat {
                path,
                found: rec.journal().format(),
            };
            return Some(e.message(lang));
        }
        match rec.journal().status() {
            JournalStatus::Ok => None,
            JournalStatus::TornTailCut { bytes } => Some(trf(
                lang,
                "journal.file.torn_tail",
                &[("path", &path), ("bytes", &bytes.to_string())],
            )),
            JournalStatus::Damaged { record, reason } => Some(trf(
                lang,
                "journal.file.damaged",
                &[
                    ("path", &path),
                    ("record", &record.to_string()),
                    ("reason", reason),
                ],
            )),
        }
    }

    /// The record number where the journal is damaged, if it is.
    pub fn damaged_at(&self) -> Option<u64> {
        match self.rec.as_ref()?.journal().status() {
            JournalStatus::Damaged { record, .. } => Some(*record),
            _ => None,
        }
    }

    /// Resolves and records one step; Ok(the record) once it is on disk.
    /// A refusal names the motion, election or delegate as people know them.
    pub fn record(
        &mut self,
        step: &Planned,
        session: &Session,
        lang: Lang,
    ) -> Result<Record, String> {
        let (Some(rec), Some(secretary)) = (self.rec.as_mut(), self.secretary.as_deref()) else {
            return Err(crate::i18n::tr(lang, "votes.err.read_only").into_owned());
        };
        let message = |e: RecordError| match e {
            RecordError::Refused(e) => e.named(session, lang).message(lang),
            e => e.message(lang),
        };
        let action = step
            .resolve(rec.tally())
            .map_err(|e| message(RecordError::from(e)))?;
        rec.record(secretary, action).map_err(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{Action, Mark, Record, write_new};

    /// Two secretaries' journals and a Syncthing conflict copy in a sitting's folder: one
    /// tally, the copy named, and a journal arriving later read as the watch sees it.
    #[test]
    fn a_sitting_folder_is_read_as_one_tally_and_follows_files_arriving() {
        let text = r#"Session(id: "f", congress: Congress(name: "镇人大", title: "会议",
            term: 1, session: 1, town: "镇", date: "2017-09-21"), seats: 9,
            fill_roster_with_placeholders: true, motions: [])"#;
        let session = crate::model::load_str("f.ron", text, Lang::En)
            .unwrap()
            .session;
        let dir = tempfile::tempdir().unwrap();
        let present = |ids: &[&str], t: &str, who: &str| {
            let action = Action::Attendance {
                mark: Mark::Present,
                delegates: ids.iter().map(|&d| d.into()).collect(),
            };
            Record::new(0, t, who, action, crate::journal::GENESIS)
        };
        let li = [present(&["d001", "d002"], "2017-09-21T01:00:01.000Z", "李")];
        write_new(&dir.path().join("votes-李.jsonl"), &session, "李", &li).unwrap();
        let copy = "votes-李.sync-conflict-20261207-061500-ABCDEFG.jsonl";
        let old = [present(&["d009"], "2017-09-21T01:00:00.500Z", "李")];
        write_new(&dir.path().join(copy), &session, "李", &old).unwrap();
        let ctx = egui::Context::default();
        let mut src = Source::open_read_only(dir.path(), &session, Lang::En, &ctx);
        let wait = |src: &mut Source| {
            let start = std::time::Instant::now();
            while !src.poll(Lang::En) {
                assert!(start.elapsed().as_secs() < 10, "the read never finished");
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        };
        wait(&mut src);
        assert!(src.is_folder());
        assert_eq!(src.tally().attendance().present, 2);
        let note = src.load_note(Lang::En).unwrap();
        assert!(note.contains(copy), "{note}");

        let wang = [present(&["d003"], "2017-09-21T01:00:02.000Z", "王")];
        write_new(&dir.path().join("votes-王.jsonl"), &session, "王", &wang).unwrap();
        // The watch may fire on the temporary file first: follow until the journal is in.
        let start = std::time::Instant::now();
        while src.tally().attendance().present != 3 {
            assert!(
                start.elapsed().as_secs() < 10,
                "the watch never saw the new journal"
            );
            src.reload_if_changed(&session, Lang::En);
            src.poll(Lang::En);
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    /// A secretary's window on a sitting's folder records into its own journal there, checked
    /// against everyone's records, locked while it records, and follows the others' files.
    #[test]
    fn a_secretary_window_records_into_its_own_file_in_the_folder() {
        let text = r#"Session(id: "f", congress: Congress(name: "镇人大", title: "会议",
            term: 1, session: 1, town: "镇", date: "2017-09-21"), seats: 9,
            fill_roster_with_placeholders: true, motions: [])"#;
        let session = crate::model::load_str("f.ron", text, Lang::En)
            .unwrap()
            .session;
        let dir = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        let present = |ids: &[&str], t: &str, who: &str| {
            let action = Action::Attendance {
                mark: Mark::Present,
                delegates: ids.iter().map(|&d| d.into()).collect(),
            };
            Record::new(0, t, who, action, crate::journal::GENESIS)
        };
        let wang = [present(&["d001"], "2017-09-21T01:00:01.000Z", "王")];
        write_new(&dir.path().join("votes-王.jsonl"), &session, "王", &wang).unwrap();
        let ctx = egui::Context::default();
        let mut src =
            Source::open_for_writing(dir.path(), &session, "李", data.path(), Lang::En, &ctx)
                .unwrap();
        assert_eq!(src.tally().attendance().present, 1);
        let d002 = Planned::Act(Action::Attendance {
            mark: Mark::Present,
            delegates: vec!["d002".into()],
        });
        src.record(&d002, &session, Lang::En).unwrap();
        assert_eq!(src.tally().attendance().present, 2);
        let own = own_journal_in(dir.path(), "李", data.path()).unwrap();
        let mine = Journal::open_read_only(&own, &session).unwrap();
        assert_eq!(mine.len(), 2, "header and the one record");
        // Locked while the window records.
        assert!(matches!(
            Journal::open_for_writing(&own, &session, "李"),
            Err(JournalError::Busy { .. })
        ));
        // Another secretary's file arrives: followed, and the window's own record stays.
        let zhao = [present(&["d003"], "2017-09-21T01:00:03.000Z", "赵")];
        write_new(&dir.path().join("votes-赵.jsonl"), &session, "赵", &zhao).unwrap();
        let start = std::time::Instant::now();
        while src.tally().attendance().present != 3 {
            assert!(
                start.elapsed().as_secs() < 10,
                "the watch never saw the new journal"
            );
            src.reload_if_changed(&session, Lang::En);
            src.poll(Lang::En);
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        src.record(
            &Planned::Act(Action::Attendance {
                mark: Mark::Present,
                delegates: vec!["d004".into()],
            }),
            &session,
            Lang::En,
        )
        .unwrap();
        assert_eq!(src.tally().attendance().present, 4);
        drop(src);
        let f = read_folder(dir.path(), &session).unwrap();
        assert_eq!(f.tally.attendance().present, 4);
        assert_eq!(f.journals.len(), 3);
    }
}
