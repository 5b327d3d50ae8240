//! The journal file: JSON Lines, one [`Record`] per `\n`-terminated line, record 0 the header.
//!
//! Loading never repairs anything silently:
//! - a last line without its `\n` is a record torn by a power cut (or still being copied in
//!   from a synced folder): it is cut off with a warning, and every earlier record kept;
//! - any other damage (a line that does not parse, a wrong hash, a broken chain) is reported
//!   with the record's number, and the journal opens read-only;
//! - a journal whose header names another session is refused.
//!
//! Writing:
//! - one writer at a time: opening to write takes an exclusive OS lock on the file
//!   (`File::try_lock`) and holds it as long as the journal is open to write; a second
//!   writer is refused with [`JournalError::Busy`]. Where locks are not honoured (some
//!   network shares) each append still checks that the file has the length it left it at;
//! - a batch of records is written with one write and one `sync_data()`, and returned only
//!   then, so whatever the caller shows as "recorded" survives a power cut; a batch torn by
//!   one is cut whole on the next opening to write (`more` in [`super::record`]);
//! - a new journal is written whole (its header) beside its place and linked in, the folder
//!   fsynced: a failed creation leaves no empty file.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::action::Action;
use super::chain_hash::ChainHash;
use super::fingerprint::fingerprint;
use super::head_code::HeadCode;
use super::record::{GENESIS, Record, now};
use super::scan::{Halt, scan_with};
use crate::i18n::{Lang, trf};
use crate::model::Session;

/// The journal format written in the header. 2: batches (`more`) and the fingerprint of
/// [`super::fingerprint`]; format 1 journals are read (with their own fingerprint), not
/// written.
pub const FORMAT: u32 = 2;

/// What loading found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JournalStatus {
    /// Every line is a good record.
    Ok,
    /// The last line was incomplete and was cut off (`bytes` long); earlier records kept.
    TornTailCut { bytes: u64 },
    /// Record `record` (0 = header; line `record + 1`) is damaged or tampered with: the
    /// records before it are shown, and the journal is read-only.
    Damaged { record: u64, reason: String },
}

/// Why a journal cannot be opened or written.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a journal (no header record)")]
    NotAJournal { path: String },
    #[error("{path}: journal format {found} is not supported (this version reads {FORMAT})")]
    Format { path: String, found: u32 },
    #[error(
        "{}: this journal belongs to session \"{}\" (fingerprint {}), not to the open session \"{}\" (fingerprint {})",
        .0.path, .0.journal_session, .0.journal_fp, .0.session, .0.session_fp
    )]
    WrongSession(Box<Mismatch>),
    #[error("{path}: the journal is damaged at record {record} and can only be read")]
    ReadOnly { path: String, record: u64 },
    #[error("{path}: the file changed on disk since it was opened; reopen it")]
    ChangedOnDisk { path: String },
    #[error("{path}: {problem}")]
    NoSecretary {
        path: String,
        problem: super::secretary::SecretaryError,
    },
    /// Another program (or another window) holds the journal open to record.
    #[error("{path}: another program is recording in this journal")]
    Busy { path: String },
    /// A journal of an older format: it is read, not written.
    #[error("{path}: journal format {found} is read only")]
    OldFormat { path: String, found: u32 },
}

impl JournalError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            JournalError::Io { path, source } => trf(
                lang,
                "journal.file.io",
                &[("path", path), ("error", &source.to_string())],
            ),
            JournalError::NotAJournal { path } => {
                trf(lang, "journal.file.not_a_journal", &[("path", path)])
            }
            JournalError::Format { path, found } => trf(
                lang,
                "journal.file.format",
                &[
                    ("path", path),
                    ("found", &found.to_string()),
                    ("supported", &FORMAT.to_string()),
                ],
            ),
            JournalError::WrongSession(m) => {
                let Mismatch {
                    path,
                    journal_session,
                    journal_fp,
                    session,
                    session_fp,
                } = &**m;
                let key = if journal_session == session {
                    "journal.file.session_changed"
                } else {
                    "journal.file.wrong_session"
                };
                trf(
                    lang,
                    key,
                    &[
                        ("path", path),
                        ("journal_session", journal_session),
                        ("journal_fp", short(journal_fp)),
                        ("session", session),
                        ("session_fp", short(session_fp)),
                    ],
                )
            }
            JournalError::ReadOnly { path, record } => trf(
                lang,
                "journal.file.read_only",
                &[("path", path), ("record", &record.to_string())],
            ),
            JournalError::ChangedOnDisk { path } => {
                trf(lang, "journal.file.changed_on_disk", &[("path", path)])
            }
            JournalError::NoSecretary { path, problem } => trf(
                lang,
                "journal.file.no_secretary",
                &[("path", path), ("problem", &problem.message(lang))],
            ),
            JournalError::Busy { path } => trf(lang, "journal.file.busy", &[("path", path)]),
            JournalError::OldFormat { path, found } => trf(
                lang,
                "journal.file.old_format",
                &[
                    ("path", path),
                    ("found", &found.to_string()),
                    ("format", &FORMAT.to_string()),
                ],
            ),
        }
    }
}

/// A journal header that names another session (or another version of this one).
#[derive(Debug)]
pub struct Mismatch {
    pub path: String,
    pub journal_session: String,
    pub journal_fp: String,
    pub session: String,
    pub session_fp: String,
}

fn short(fp: &str) -> &str {
    fp.get(..12).unwrap_or(fp)
}

/// An open journal: where each good record lies in the file, not the records themselves.
///
/// A national journal is ~180,000 records (~50 MB); the window needs its tally (kept by
/// [`super::Recorder`]) and now and then a few records (an audit trail), which are read
/// back on demand and accepted only if they still carry the hash they were verified with.
#[derive(Clone, Debug)]
pub struct Journal {
    path: PathBuf,
    /// Byte offset of each good record's line; record `i` ends where `i + 1` starts (the
    /// last one at `good_len`).
    starts: Vec<u64>,
    /// The first 8 bytes of each record's hash.
    digests: Vec<u64>,
    /// The last good record's hash.
    head: ChainHash,
    status: JournalStatus,
    good_len: u64,
    writable: bool,
    /// The header's format.
    format: u32,
    /// Open to write: the file, locked for as long as this journal (or a clone) lives.
    file: Option<std::sync::Arc<std::fs::File>>,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> JournalError + '_ {
    move |source| JournalError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Where a session's journal lives by default: `<data dir>/journals/<session id>.jsonl`.
pub fn default_path(session: &Session) -> PathBuf {
    default_path_in(&crate::storage::data_dir(), session)
}

/// [`default_path`] under another data folder (the window's, a test's temp folder).
pub fn default_path_in(data_dir: &Path, session: &Session) -> PathBuf {
    data_dir.join("journals").join(format!(
        "{}.jsonl",
        crate::storage::sanitize_file_stem(&session.id)
    ))
}

impl Journal {
    /// Opens a journal to read (a delegate's laptop, or a reload after the file changed).
    /// A torn last line is ignored (not cut on disk: it may still be being copied in).
    pub fn open_read_only(path: &Path, session: &Session) -> Result<Journal, JournalError> {
        Journal::open_read_only_with(path, session, |_| Ok::<(), JournalError>(()))
    }

    /// [`Journal::open_read_only`], handing each good record, in order, to `visit` (which
    /// may stop the opening with its own error) and then letting it go.
    pub fn open_read_only_with<E: From<JournalError>>(
        path: &Path,
        session: &Session,
        visit: impl FnMut(Record) -> Result<(), E>,
    ) -> Result<Journal, E> {
        let file = std::fs::File::open(path).map_err(io_err(path))?;
        crate::storage::ensure_regular(&file).map_err(io_err(path))?;
        let j = Journal::read_from(path, &file, session, visit)?;
        if j.is_empty() {
            return Err(JournalError::NotAJournal {
                path: path.display().to_string(),
            }
            .into());
        }
        Ok(j)
    }

    /// Opens a journal to record in, creating it (with its header, written by `secretary`)
    /// if it does not exist. A torn last line is cut off the file; a damaged journal is
    /// refused with [`JournalError::ReadOnly`] (open it with [`Journal::open_read_only`]).
    pub fn open_for_writing(
        path: &Path,
        session: &Session,
        secretary: &str,
    ) -> Result<Journal, JournalError> {
        Journal::open_for_writing_with(path, session, secretary, |_| Ok::<(), JournalError>(()))
    }

    /// [`Journal::open_for_writing`], handing each good record to `visit` (the header it
    /// writes into a new journal too).
    pub fn open_for_writing_with<E: From<JournalError>>(
        path: &Path,
        session: &Session,
        secretary: &str,
        mut visit: impl FnMut(Record) -> Result<(), E>,
    ) -> Result<Journal, E> {
        let secretary = match super::secretary::check_secretary(secretary) {
            Ok(name) => name,
            Err(problem) => {
                return Err(JournalError::NoSecretary {
                    path: path.display().to_string(),
                    problem,
                }
                .into());
            }
        };
        let file = open_or_create(path, session, secretary)?;
        lock(path, &file)?;
        let mut j = Journal::read_from(path, &file, session, &mut visit)?;
        if let JournalStatus::Damaged { record, .. } = j.status {
            return Err(JournalError::ReadOnly {
                path: path.display().to_string(),
                record,
            }
            .into());
        }
        if j.format != FORMAT && !j.is_empty() {
            return Err(JournalError::OldFormat {
                path: path.display().to_string(),
                found: j.format,
            }
            .into());
        }
        if let JournalStatus::TornTailCut { .. } = j.status {
            file.set_len(j.good_len).map_err(io_err(path))?;
            file.sync_all().map_err(io_err(path))?;
        }
        j.writable = true;
        j.file = Some(std::sync::Arc::new(file));
        if j.is_empty() {
            // An empty file left by an older version: the header goes in under the lock.
            let header = header(session, secretary);
            j.append_records(std::slice::from_ref(&header))?;
            crate::storage::sync_parent(path);
            visit(header)?;
        }
        Ok(j)
    }

    /// Scans `file`: the chain, the header (record 0 must name `session`), and `visit`.
    fn read_from<E: From<JournalError>>(
        path: &Path,
        mut file: &std::fs::File,
        session: &Session,
        mut visit: impl FnMut(Record) -> Result<(), E>,
    ) -> Result<Journal, E> {
        use std::io::Seek;
        let len = file.metadata().map_err(io_err(path))?.len();
        file.rewind().map_err(io_err(path))?;
        let mut starts = Vec::new();
        let mut digests = Vec::new();
        let mut format = FORMAT;
        let end = scan_with(file, len, |r, line| {
            if r.seq == 0 {
                format = check_header(path, &r, session)?;
            }
            starts.push(line.start);
            digests.push(r.hash.short());
            visit(r)
        })
        .map_err(|halt| match halt {
            Halt::Visitor(e) => e,
            Halt::Io(e) => io_err(path)(e).into(),
        })?;
        Ok(Journal {
            path: path.to_path_buf(),
            starts,
            digests,
            head: end.head,
            status: end.status,
            good_len: end.good_len,
            writable: false,
            format,
            file: None,
        })
    }

    /// The short code of the head: its record number and the start of its hash (None for
    /// a journal without records).
    pub fn head_code(&self) -> Option<HeadCode> {
        let seq = self.len().checked_sub(1)?;
        Some(HeadCode::of(seq as u64, &self.head))
    }

    /// Whether the journal holds the record `code` names.
    pub fn holds(&self, code: HeadCode) -> bool {
        usize::try_from(code.seq)
            .ok()
            .and_then(|i| self.digests.get(i))
            .is_some_and(|&d| code.names(code.seq, d))
    }

    /// The format of the journal's header ([`FORMAT`], or an older one read only).
    pub fn format(&self) -> u32 {
        self.format
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many good records, header included.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// No record at all (not even a header).
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// What loading found (torn tail cut, damage).
    pub fn status(&self) -> &JournalStatus {
        &self.status
    }

    /// Whether [`Journal::append`] may be used.
    pub fn is_writable(&self) -> bool {
        self.writable
    }

    /// Hash of the last record: the chain's head.
    pub fn head(&self) -> ChainHash {
        self.head
    }

    /// Every good record, header first, read back from the file.
    pub fn read_all(&self) -> Result<Vec<Record>, JournalError> {
        self.read_range(0..self.len())
    }

    /// Records `range` (by seq), read back from the file.
    pub fn read_range(&self, range: std::ops::Range<usize>) -> Result<Vec<Record>, JournalError> {
        let range = range.start.min(self.len())..range.end.min(self.len());
        let mut file = std::fs::File::open(&self.path).map_err(io_err(&self.path))?;
        let mut out = Vec::with_capacity(range.len());
        self.read_run(&mut file, range, &mut out)?;
        Ok(out)
    }

    /// The records with these seqs (an audit trail), in the order given; seqs past the end
    /// are skipped. Neighbouring seqs are read in one go.
    pub fn read_seqs(&self, seqs: &[u64]) -> Result<Vec<Record>, JournalError> {
        let mut file = std::fs::File::open(&self.path).map_err(io_err(&self.path))?;
        let mut out = Vec::with_capacity(seqs.len());
        let mut i = 0;
        while i < seqs.len() {
            let Some(first) = usize::try_from(seqs[i]).ok().filter(|&s| s < self.len()) else {
                i += 1;
                continue;
            };
            let mut end = first + 1;
            while i + (end - first) < seqs.len()
                && seqs[i + (end - first)] == end as u64
                && end < self.len()
            {
                end += 1;
            }
            i += end - first;
            self.read_run(&mut file, first..end, &mut out)?;
        }
        Ok(out)
    }

    /// Reads records `range` from `file`, each one checked again (canonical form, hash, seq)
    /// and against the hash it had when the journal was opened.
    fn read_run(
        &self,
        file: &mut std::fs::File,
        range: std::ops::Range<usize>,
        out: &mut Vec<Record>,
    ) -> Result<(), JournalError> {
        use std::io::{Read, Seek, SeekFrom};
        if range.is_empty() {
            return Ok(());
        }
        let from = self.starts[range.start];
        let to = self.starts.get(range.end).copied().unwrap_or(self.good_len);
        let changed = || JournalError::ChangedOnDisk {
            path: self.path.display().to_string(),
        };
        let mut bytes = vec![0u8; usize::try_from(to - from).map_err(|_| changed())?];
        file.seek(SeekFrom::Start(from))
            .and_then(|_| file.read_exact(&mut bytes))
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::UnexpectedEof => changed(),
                _ => io_err(&self.path)(e),
            })?;
        let mut lines = bytes.split(|&b| b == b'\n');
        for seq in range {
            let line = lines.next().ok_or_else(changed)?;
            let r = match Record::parse_checked(line) {
                Ok((r, true)) if r.seq == seq as u64 && r.hash.short() == self.digests[seq] => r,
                _ => return Err(changed()),
            };
            out.push(r);
        }
        Ok(())
    }

    /// Copies the good records, byte for byte, to a new file at `to` (never overwriting),
    /// checking each again on the way.
    pub fn copy_to_new(&self, to: &Path) -> Result<(), JournalError> {
        let mut bytes = Vec::with_capacity(usize::try_from(self.good_len).unwrap_or(0));
        {
            use std::io::Read;
            let file = std::fs::File::open(&self.path).map_err(io_err(&self.path))?;
            file.take(self.good_len)
                .read_to_end(&mut bytes)
                .map_err(io_err(&self.path))?;
        }
        let mut k = 0usize;
        let same = scan_with(bytes.as_slice(), self.good_len, |r, line| {
            let ok = self.starts.get(k) == Some(&line.start)
                && self.digests.get(k) == Some(&r.hash.short());
            k += 1;
            if ok { Ok(()) } else { Err(()) }
        })
        .is_ok_and(|end| end.count == self.len() as u64 && end.good_len == self.good_len);
        if !same {
            return Err(JournalError::ChangedOnDisk {
                path: self.path.display().to_string(),
            });
        }
        crate::storage::write_atomic_new(to, &bytes).map_err(io_err(to))
    }

    /// Appends one record and fsyncs it; returns it only once it is on disk. Does not check
    /// the action against the tally: use [`super::Recorder`] for that.
    pub fn append(&mut self, secretary: &str, action: Action) -> Result<Record, JournalError> {
        let record = Record::new(
            self.len() as u64,
            now(),
            secretary.to_string(),
            action,
            self.head,
        );
        self.append_records(std::slice::from_ref(&record))?;
        Ok(record)
    }

    /// Appends `records`, the next records of this journal (numbered and chained on from
    /// its head, `more` counting down to 0), with one write and one fsync: on disk all of
    /// them or, after a crash, none (the next opening cuts a torn batch whole).
    pub fn append_records(&mut self, records: &[Record]) -> Result<(), JournalError> {
        let path = self.path.clone();
        let p = || path.display().to_string();
        let file = match (&self.file, self.writable) {
            (Some(f), true) => f.clone(),
            _ => {
                let record = match self.status {
                    JournalStatus::Damaged { record, .. } => record,
                    _ => self.len() as u64,
                };
                return Err(JournalError::ReadOnly { path: p(), record });
            }
        };
        let mut prev = self.head;
        let mut bytes = Vec::new();
        let mut ends = Vec::with_capacity(records.len());
        for (k, r) in records.iter().enumerate() {
            let more = records.len() - 1 - k;
            // A programming error, not the file's: refuse rather than write a bad chain.
            if r.seq != (self.len() + k) as u64 || r.prev != prev || r.more as usize != more {
                return Err(JournalError::ChangedOnDisk { path: p() });
            }
            prev = r.hash;
            bytes.extend_from_slice(r.to_line().as_bytes());
            bytes.push(b'\n');
            ends.push(self.good_len + bytes.len() as u64);
        }
        if records.is_empty() {
            return Ok(());
        }
        // Another writer (a share where the lock is not honoured, a sync tool) changed the
        // file: our chain head would be wrong.
        let len = file.metadata().map_err(io_err(&path))?.len();
        if len != self.good_len {
            return Err(JournalError::ChangedOnDisk { path: p() });
        }
        // One write for the whole batch (the handle appends), then one fsync.
        let mut w: &std::fs::File = &file;
        if let Err(e) = w.write_all(&bytes).and_then(|()| file.sync_data()) {
            // Leave no partial batch behind for our own next append.
            let _ = file.set_len(self.good_len);
            return Err(io_err(&path)(e));
        }
        for (r, end) in records.iter().zip(ends) {
            self.starts.push(self.good_len);
            self.digests.push(r.hash.short());
            self.good_len = end;
        }
        self.head = prev;
        Ok(())
    }
}

/// How long a writer waits for another to finish before it is refused: a `record` command
/// holds the journal for milliseconds; a window in secretary mode for as long as it stays
/// in it, which is not worth waiting for.
const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_millis(500);

/// Takes the exclusive lock on the journal, waiting up to [`LOCK_PATIENCE`] for another
/// writer to let go.
fn lock(path: &Path, file: &std::fs::File) -> Result<(), JournalError> {
    let start = std::time::Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(()),
            Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_PATIENCE => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(JournalError::Busy {
                    path: path.display().to_string(),
                });
            }
            // A file system without locks (some network shares): the length check in
            // `append_records` is what is left.
            Err(std::fs::TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
                return Ok(());
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io_err(path)(e)),
        }
    }
}

/// The header of a new journal of `session`, by `secretary`.
fn header(session: &Session, secretary: &str) -> Record {
    Record::new(
        0,
        now(),
        secretary.to_string(),
        Action::Begin {
            session: session.id.clone(),
            fingerprint: fingerprint(session),
            format: FORMAT,
        },
        GENESIS,
    )
}

/// Opens `path` to read and append, creating it first with its header if it does not
/// exist: written whole beside it and linked in (never over a file another writer has just
/// created), the folder fsynced.
fn open_or_create(
    path: &Path,
    session: &Session,
    secretary: &str,
) -> Result<std::fs::File, JournalError> {
    let open = || {
        std::fs::OpenOptions::new()
            .read(true)
            .append(true)
            .open(path)
    };
    for _ in 0..3 {
        match open() {
            Ok(f) => {
                crate::storage::ensure_regular(&f).map_err(io_err(path))?;
                return Ok(f);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut line = header(session, secretary).to_line();
                line.push('\n');
                match crate::storage::write_atomic_new(path, line.as_bytes()) {
                    // Created, by us or by another writer at the same moment.
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                    Err(e) => return Err(io_err(path)(e)),
                }
            }
            Err(e) => return Err(io_err(path)(e)),
        }
    }
    let f = open().map_err(io_err(path))?;
    crate::storage::ensure_regular(&f).map_err(io_err(path))?;
    Ok(f)
}

/// Record 0 must be a header for this session.
/// Returns the header's format.
fn check_header(path: &Path, record: &Record, session: &Session) -> Result<u32, JournalError> {
    let p = || path.display().to_string();
    let Action::Begin {
        session: sid,
        fingerprint: fp,
        format,
    } = &record.action
    else {
        return Err(JournalError::NotAJournal { path: p() });
    };
    let ours = match *format {
        FORMAT => fingerprint(session),
        1 => super::fingerprint::fingerprint_v1(session),
        found => return Err(JournalError::Format { path: p(), found }),
    };
    if *sid != session.id || *fp != ours {
        return Err(JournalError::WrongSession(Box::new(Mismatch {
            path: p(),
            journal_session: sid.clone(),
            journal_fp: fp.clone(),
            session: session.id.clone(),
            session_fp: ours,
        })));
    }
    Ok(*format)
}

/// Writes `records` (e.g. a merge result) as a new journal at `path`, re-numbered and
/// re-chained under a fresh header by `secretary`. Refuses to overwrite an existing file.
pub fn write_new(
    path: &Path,
    session: &Session,
    secretary: &str,
    records: &[Record],
) -> Result<Vec<Record>, JournalError> {
    let mut out = vec![header(session, secretary)];
    for r in records
        .iter()
        .filter(|r| !matches!(r.action, Action::Begin { .. }))
    {
        let prev = out.last().map_or(GENESIS, |p| p.hash);
        out.push(r.rechained(out.len() as u64, prev));
    }
    let mut text = String::new();
    for r in &out {
        text.push_str(&r.to_line());
        text.push('\n');
    }
    crate::storage::write_atomic_new(path, text.as_bytes()).map_err(io_err(path))?;
    Ok(out)
}
