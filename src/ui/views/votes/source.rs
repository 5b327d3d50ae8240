//! The journal the Votes view shows: read-only by default, or open for writing in secretary
//! mode. Holds no egui state, so opening, reloading and switching modes are plain calls.
//!
//! A big journal is read off the UI thread (a [`Task`]): a national one (180,000 records,
//! 50 MB) takes longer to read and verify than a frame may. Until it arrives the view shows
//! the last tally read (or an empty one) and says it is reading.

use std::path::{Path, PathBuf};

use crate::i18n::{Lang, trf};
use crate::journal::Planned;
use crate::journal::{
    HeadCode, Journal, JournalError, JournalStatus, JournalWatcher, OpenError, Record, RecordError,
    Recorder, Tally, Witness, Witnessed,
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
        s.watcher = JournalWatcher::new(path).ok();
        s
    }

    /// Makes the watcher wake the window on a change, so an idle window does not poll.
    pub fn wake_on_change(&mut self, ctx: &egui::Context) {
        if self.secretary.is_some() || self.waking {
            return;
        }
        let ctx = ctx.clone();
        // Tried once: should it fail (e.g. the system's inotify limit), the plain watcher
        // still reports changes on the next frame the window draws.
        self.waking = true;
        if let Ok(w) = JournalWatcher::with_waker(&self.path, move || ctx.request_repaint()) {
            self.watcher = Some(w);
        }
    }

    /// Opens `path` to record as `secretary`, creating the journal if it does not exist.
    /// Read at once, whatever its size: the secretary asked for it and waits for it.
    pub fn open_for_writing(
        path: &Path,
        session: &Session,
        secretary: &str,
        lang: Lang,
        ctx: &egui::Context,
    ) -> Result<Source, String> {
        let rec = Recorder::open_for_writing(path, session, secretary.trim())
            .map_err(|e| e.message(lang))?;
        let secretary = secretary.trim().to_string();
        Ok(Source::new(path, session, Some((secretary, rec)), ctx))
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
            reread: false,
            ctx: ctx.clone(),
            witnessed: None,
            witness_warning: None,
        }
    }

    /// Compares the journal with the head this window last showed of it (remembered under
    /// `data_dir`), once per change, and remembers the new head if it follows on from it.
    pub fn observe_witness(&mut self, data_dir: &Path, lang: Lang) {
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

    /// Reads the file: at once when small, else off the UI thread (see [`Source::poll`]).
    fn read(&mut self, session: &Session, lang: Lang) {
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
        self.reading.is_some()
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
        if self.secretary.is_some() {
            return changed;
        }
        // A change during a worker's read is read after it, not by starting over: a
        // secretary recording faster than a big journal reads would starve the tally.
        self.reread |= changed;
        if self.reread && self.reading.is_none() {
            self.reread = false;
            self.read(session, lang);
        }
        changed
    }

    pub fn tally(&self) -> &Tally {
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
