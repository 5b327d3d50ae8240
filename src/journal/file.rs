//! The journal file: JSON Lines, one [`Record`] per `\n`-terminated line, record 0 the header.
//!
//! Loading never repairs anything silently:
//! - a last line without its `\n` is a record torn by a power cut (or still being copied in
//!   from a synced folder): it is cut off with a warning, and every earlier record kept;
//! - any other damage (a line that does not parse, a wrong hash, a broken chain) is reported
//!   with the record's number, and the journal opens read-only;
//! - a journal whose header names another session is refused.
//!
//! Appending writes one whole line, `sync_data()`s it, and only then returns the record, so
//! whatever the caller shows as "recorded" survives a power cut.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::action::Action;
use super::fingerprint::fingerprint;
use super::record::{GENESIS, Record, now};
use crate::i18n::{Lang, trf};
use crate::model::Session;

/// The journal format written in the header.
pub const FORMAT: u32 = 1;

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
    #[error("{path}: a secretary's name is needed to record")]
    NoSecretary { path: String },
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
            JournalError::NoSecretary { path } => {
                trf(lang, "journal.file.no_secretary", &[("path", path)])
            }
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

/// The records found in a journal's bytes, and what was wrong, without any session check.
#[derive(Clone, Debug)]
pub struct Scan {
    pub records: Vec<Record>,
    pub status: JournalStatus,
    /// Bytes of the good prefix (the records kept).
    pub good_len: u64,
}

impl Scan {
    /// The last good record's hash: the chain's head.
    pub fn head(&self) -> &str {
        self.records.last().map_or(GENESIS, |r| r.hash.as_str())
    }
}

/// Reads records and checks the chain: seq numbers, `prev` links and hashes.
///
/// Each line is checked on its own first (parse, canonical form, seq, hash, header), on
/// every core for a large journal; then one cheap pass in order checks the `prev` links and
/// finds the first damage. The reasons and their order are those of a line-by-line reader.
pub fn scan(bytes: &[u8]) -> Scan {
    scan_in_runs(bytes, None)
}

/// [`scan`], with the lines checked in `runs` runs (None: by size and cores).
fn scan_in_runs(bytes: &[u8], runs: Option<usize>) -> Scan {
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0usize;
    for nl in memchr::memchr_iter(b'\n', bytes) {
        lines.push((pos, nl));
        pos = nl + 1;
    }
    // No newline after the last line: written only in part. A record is reported written
    // only after its newline is on disk, so nothing reported is lost by cutting this.
    let torn = (pos < bytes.len()).then_some((bytes.len() - pos) as u64);
    let chunks = check_lines(bytes, &lines, runs);

    let mut records: Vec<Record> = Vec::with_capacity(lines.len());
    let mut status = JournalStatus::Ok;
    'chunks: for chunk in chunks {
        for r in chunk.records {
            if let Err(reason) = check_link(&r, records.last()) {
                status = damaged(records.len(), reason);
                break 'chunks;
            }
            records.push(r);
        }
        match chunk.stop {
            None => {}
            Some(Stop::Early(reason)) => {
                status = damaged(records.len(), reason);
                break;
            }
            Some(Stop::Late(r, reason)) => {
                let reason = check_link(&r, records.last()).err().unwrap_or(reason);
                status = damaged(records.len(), reason);
                break;
            }
        }
    }
    if let (JournalStatus::Ok, Some(bytes)) = (&status, torn) {
        status = JournalStatus::TornTailCut { bytes };
    }
    let good_len = records.len().checked_sub(1).map_or(0, |i| lines[i].1 + 1);
    Scan {
        records,
        status,
        good_len: good_len as u64,
    }
}

fn damaged(record: usize, reason: String) -> JournalStatus {
    JournalStatus::Damaged {
        record: record as u64,
        reason,
    }
}

/// Why checking a run of lines stopped before its end.
enum Stop {
    /// The line is refused before its `prev` link matters (parse, canonical form, seq).
    Early(String),
    /// The line is refused after its `prev` link (hash, header): a broken link, found in
    /// order later, is the reason to report if there is one.
    Late(Box<Record>, String),
}

/// A run of lines checked on their own: the good records, then why it stopped, if it did.
struct Checked {
    records: Vec<Record>,
    stop: Option<Stop>,
}

/// Below this many lines one thread does it all: threads cost more than they save.
const PARALLEL_MIN_LINES: usize = 4096;

/// Checks each line on its own, in contiguous runs, one run per core for a large journal.
fn check_lines(bytes: &[u8], lines: &[(usize, usize)], runs: Option<usize>) -> Vec<Checked> {
    let cores = || std::thread::available_parallelism().map_or(1, |n| n.get());
    let runs = match runs {
        Some(n) => n.max(1),
        None if lines.len() < PARALLEL_MIN_LINES => 1,
        None => cores().clamp(1, 8),
    };
    let per_run = lines.len().div_ceil(runs).max(1);
    if runs == 1 {
        return vec![check_run(bytes, lines, 0)];
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = lines
            .chunks(per_run)
            .enumerate()
            .map(|(k, run)| scope.spawn(move || check_run(bytes, run, k * per_run)))
            .collect();
        let mut out = Vec::with_capacity(handles.len());
        for h in handles {
            match h.join() {
                Ok(c) => out.push(c),
                // Checking a line does not panic; were it to, the records after the last
                // good run are simply not trusted.
                Err(_) => {
                    out.push(Checked {
                        records: Vec::new(),
                        stop: Some(Stop::Early("could not be checked".to_string())),
                    });
                    break;
                }
            }
        }
        out
    })
}

/// Checks `run` (lines numbered from `first`) until the first refused line.
fn check_run(bytes: &[u8], run: &[(usize, usize)], first: usize) -> Checked {
    let mut buf = Vec::with_capacity(512);
    let mut records = Vec::with_capacity(run.len());
    for (k, &(start, end)) in run.iter().enumerate() {
        let seq = (first + k) as u64;
        match check_line(&bytes[start..end], seq, &mut buf) {
            Ok(r) => records.push(r),
            Err(stop) => {
                return Checked {
                    records,
                    stop: Some(stop),
                };
            }
        }
    }
    Checked {
        records,
        stop: None,
    }
}

/// Everything about one line that does not depend on the line before it.
fn check_line(line: &[u8], seq: u64, buf: &mut Vec<u8>) -> Result<Record, Stop> {
    let (r, hash_ok) = Record::parse_checked(line, buf).map_err(Stop::Early)?;
    if r.seq != seq {
        return Err(Stop::Early(format!(
            "seq {} where {seq} was expected",
            r.seq
        )));
    }
    if !hash_ok {
        return Err(Stop::Late(
            Box::new(r),
            "hash does not match the record's content".to_string(),
        ));
    }
    if (seq == 0) != matches!(r.action, Action::Begin { .. }) {
        return Err(Stop::Late(
            Box::new(r),
            "the header must be record 0, and only record 0".to_string(),
        ));
    }
    Ok(r)
}

/// The one check that needs the line before: `prev` is its hash.
fn check_link(r: &Record, prev: Option<&Record>) -> Result<(), String> {
    let want_prev = prev.map_or(GENESIS, |p| p.hash.as_str());
    if r.prev != want_prev {
        return Err("prev does not match the previous record's hash".to_string());
    }
    Ok(())
}

/// A journal in memory: its records as loaded, and whether it may be written.
#[derive(Clone, Debug)]
pub struct Journal {
    path: PathBuf,
    records: Vec<Record>,
    status: JournalStatus,
    good_len: u64,
    writable: bool,
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
        let bytes = std::fs::read(path).map_err(io_err(path))?;
        let s = scan(&bytes);
        check_header(path, &s.records, session)?;
        Ok(Journal {
            path: path.to_path_buf(),
            records: s.records,
            status: s.status,
            good_len: s.good_len,
            writable: false,
        })
    }

    /// Opens a journal to record in, creating it (with its header, written by `secretary`)
    /// if it does not exist. A torn last line is cut off the file; a damaged journal is
    /// refused with [`JournalError::ReadOnly`] (open it with [`Journal::open_read_only`]).
    pub fn open_for_writing(
        path: &Path,
        session: &Session,
        secretary: &str,
    ) -> Result<Journal, JournalError> {
        if secretary.trim().is_empty() {
            return Err(JournalError::NoSecretary {
                path: path.display().to_string(),
            });
        }
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(io_err(path)(e)),
        };
        let s = scan(&bytes);
        if let JournalStatus::Damaged { record, .. } = s.status {
            return Err(JournalError::ReadOnly {
                path: path.display().to_string(),
                record,
            });
        }
        if (s.good_len as usize) < bytes.len() {
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(io_err(path))?;
            f.set_len(s.good_len).map_err(io_err(path))?;
            f.sync_all().map_err(io_err(path))?;
        }
        let mut j = Journal {
            path: path.to_path_buf(),
            records: s.records,
            status: s.status,
            good_len: s.good_len,
            writable: true,
        };
        if j.records.is_empty() {
            if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(io_err(path))?;
            }
            j.append(
                secretary,
                Action::Begin {
                    session: session.id.clone(),
                    fingerprint: fingerprint(session),
                    format: FORMAT,
                },
            )?;
        } else {
            check_header(path, &j.records, session)?;
        }
        Ok(j)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every good record, header first.
    pub fn records(&self) -> &[Record] {
        &self.records
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
    pub fn head(&self) -> &str {
        self.records.last().map_or(GENESIS, |r| r.hash.as_str())
    }

    /// Appends one record and fsyncs it; returns it only once it is on disk. Does not check
    /// the action against the tally: use [`super::Recorder`] for that.
    pub fn append(&mut self, secretary: &str, action: Action) -> Result<&Record, JournalError> {
        let path = self.path.clone();
        if !self.writable {
            let record = match self.status {
                JournalStatus::Damaged { record, .. } => record,
                _ => self.records.len() as u64,
            };
            return Err(JournalError::ReadOnly {
                path: path.display().to_string(),
                record,
            });
        }
        let record = Record::new(
            self.records.len() as u64,
            now(),
            secretary.to_string(),
            action,
            self.head().to_string(),
        );
        let mut line = record.to_line();
        line.push('\n');
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(io_err(&path))?;
        // Another writer (or a sync tool) changed the file: our chain head would be wrong.
        let len = f.metadata().map_err(io_err(&path))?.len();
        if len != self.good_len {
            return Err(JournalError::ChangedOnDisk {
                path: path.display().to_string(),
            });
        }
        // One write call for the whole line, so a killed process leaves the line whole or
        // (on a power cut) a torn tail that the next load cuts off.
        if let Err(e) = f.write_all(line.as_bytes()).and_then(|()| f.sync_data()) {
            // Leave no partial line behind for our own next append.
            let _ = f.set_len(self.good_len);
            return Err(io_err(&path)(e));
        }
        self.good_len += line.len() as u64;
        self.records.push(record);
        let last = self.records.len() - 1;
        Ok(&self.records[last])
    }
}

/// Record 0 must be a header for this session.
fn check_header(path: &Path, records: &[Record], session: &Session) -> Result<(), JournalError> {
    let p = || path.display().to_string();
    let Some(Record {
        action:
            Action::Begin {
                session: sid,
                fingerprint: fp,
                format,
            },
        ..
    }) = records.first()
    else {
        return Err(JournalError::NotAJournal { path: p() });
    };
    if *format != FORMAT {
        return Err(JournalError::Format {
            path: p(),
            found: *format,
        });
    }
    let ours = fingerprint(session);
    if *sid != session.id || *fp != ours {
        return Err(JournalError::WrongSession(Box::new(Mismatch {
            path: p(),
            journal_session: sid.clone(),
            journal_fp: fp.clone(),
            session: session.id.clone(),
            session_fp: ours,
        })));
    }
    Ok(())
}

/// Writes `records` (e.g. a merge result) as a new journal at `path`, re-numbered and
/// re-chained under a fresh header by `secretary`. Refuses to overwrite an existing file.
pub fn write_new(
    path: &Path,
    session: &Session,
    secretary: &str,
    records: &[Record],
) -> Result<Vec<Record>, JournalError> {
    let header = Record::new(
        0,
        now(),
        secretary.to_string(),
        Action::Begin {
            session: session.id.clone(),
            fingerprint: fingerprint(session),
            format: FORMAT,
        },
        GENESIS.to_string(),
    );
    let mut out = vec![header];
    for r in records
        .iter()
        .filter(|r| !matches!(r.action, Action::Begin { .. }))
    {
        let prev = out.last().map_or(GENESIS.to_string(), |p| p.hash.clone());
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{Choice, Mark};

    /// A chained journal of `n` records: header, attendance, then votes and undos.
    fn journal(n: u64) -> Vec<u8> {
        let mut out: Vec<Record> = Vec::new();
        for seq in 0..n {
            let action = match seq {
                0 => Action::Begin {
                    session: "s".into(),
                    fingerprint: "f".into(),
                    format: FORMAT,
                },
                1 => Action::Attendance {
                    mark: Mark::Present,
                    delegates: vec!["d1".into()],
                },
                _ if seq % 5 == 0 => Action::Undo {
                    seq: seq - 1,
                    record: out[seq as usize - 1].id(),
                },
                _ => Action::Vote {
                    motion: "m\"1\"".into(),
                    delegate: format!("代表{seq}"),
                    choice: Choice::Yes,
                },
            };
            let prev = out.last().map_or(GENESIS.to_string(), |r| r.hash.clone());
            out.push(Record::new(seq, now(), "秘书".into(), action, prev));
        }
        out.iter()
            .flat_map(|r| (r.to_line() + "\n").into_bytes())
            .collect()
    }

    fn same(a: &Scan, b: &Scan, what: &str) {
        assert_eq!(a.status, b.status, "{what}");
        assert_eq!(a.records, b.records, "{what}");
        assert_eq!(a.good_len, b.good_len, "{what}");
    }

    /// Checking lines on several threads finds the same records and the same first damage,
    /// with the same reason, as checking them one after the other.
    #[test]
    fn runs_on_several_threads_agree_with_one_run() {
        let good = journal(40);
        let one = scan_in_runs(&good, Some(1));
        assert_eq!(one.status, JournalStatus::Ok);
        assert_eq!(one.records.len(), 40);
        for runs in [2, 3, 7] {
            same(&one, &scan_in_runs(&good, Some(runs)), "intact");
        }
        let starts: Vec<usize> = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', &good).map(|i| i + 1))
            .collect();
        // What was changed, the bytes, and the damage a line-by-line reader reports first
        // (None: a torn tail).
        type Case = (String, Vec<u8>, Option<(usize, &'static str)>);
        let mut cases: Vec<Case> = Vec::new();
        for (k, &at) in starts.iter().enumerate().take(40) {
            let field = |name: &str| {
                let line_end = starts[k + 1];
                let from = at
                    + good[at..line_end]
                        .windows(name.len())
                        .position(|w| w == name.as_bytes())
                        .unwrap();
                from + name.len() + 2
            };
            // A changed hash character, a changed prev character, a changed seq digit, a
            // torn tail after this line, a line that does not parse.
            for (what, pos, reason) in [
                ("hash", field("\"hash\":"), "hash does not match"),
                ("prev", field("\"prev\":"), "prev does not match"),
            ] {
                let mut b = good.clone();
                b[pos] = if b[pos] == b'a' { b'b' } else { b'a' };
                cases.push((format!("{what} of line {k}"), b, Some((k, reason))));
            }
            let mut b = good.clone();
            b[at + 7] = if b[at + 7] == b'9' { b'8' } else { b'9' };
            cases.push((format!("seq of line {k}"), b, Some((k, "seq "))));
            let mut b = good[..starts[k + 1]].to_vec();
            b.extend_from_slice(b"{\"seq\":");
            cases.push((format!("torn after line {k}"), b, None));
            let mut b = good.clone();
            b[at] = b'x';
            cases.push((format!("garbage at line {k}"), b, Some((k, ""))));
        }
        // Two damages: the first one is reported.
        let mut b = good.clone();
        b[starts[30] + 7] = b'9';
        b[starts[5]] = b'x';
        cases.push(("two damages".into(), b, Some((5, ""))));
        for (what, b, want) in &cases {
            let one = scan_in_runs(b, Some(1));
            match (&one.status, want) {
                (JournalStatus::Damaged { record, reason }, Some((at, why))) => {
                    assert_eq!(*record as usize, *at, "{what}");
                    assert!(reason.starts_with(why), "{what}: {reason}");
                }
                (JournalStatus::TornTailCut { .. }, None) => {}
                (status, _) => panic!("{what}: {status:?}"),
            }
            for runs in [2, 3, 7] {
                same(&one, &scan_in_runs(b, Some(runs)), what);
            }
        }
    }
}
