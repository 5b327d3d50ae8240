//! What `record`, `tally`, `export` and `verify` read: one journal file (`--journal`), or a
//! sitting's folder shared by a sync engine (`--journal-dir`), every journal of the session
//! in it folded into one tally (see [`crate::journal::read_folder`]). The one place that turns
//! those options into records, and that says what a folder's warnings are.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use super::{CliError, say};
use crate::i18n::{Lang, trf};
use crate::journal::{
    AdoptError, FolderTally, GENESIS, HeadCode, Journal, JournalError, JournalStatus, OpenError,
    Planned, Record, RecordError, Recorder, Warnings, Witness, Witnessed, adopt, check_secretary,
    check_steps, list_folder, own_journal_in, read_folder, verify_file, verify_file_holding,
};
use crate::model::Session;

/// A journal file or a folder of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JournalSource {
    File(PathBuf),
    Dir(PathBuf),
}

impl JournalSource {
    /// `--journal FILE` or `--journal-dir DIR` (clap lets only one through); None if neither.
    pub fn from_args(journal: Option<&Path>, dir: Option<&Path>) -> Option<JournalSource> {
        match (journal, dir) {
            (_, Some(d)) => Some(JournalSource::Dir(d.to_path_buf())),
            (Some(f), None) => Some(JournalSource::File(f.to_path_buf())),
            (None, None) => None,
        }
    }
}

/// The file this machine's secretary writes in a sitting's folder.
pub fn own_journal(dir: &Path, secretary: &str) -> Result<PathBuf, CliError> {
    let data = crate::storage::data_dir();
    own_journal_in(dir, secretary, &data).map_err(|source| CliError::Write {
        path: data.join("machine-id"),
        source,
    })
}

fn read_dir_err(dir: &Path) -> impl FnOnce(std::io::Error) -> CliError + '_ {
    move |source| CliError::Read {
        path: dir.to_path_buf(),
        source,
    }
}

/// Reads a sitting's folder; every warning is said on standard error, and the journals this
/// laptop saw before are checked against its witnesses (see [`FolderTally::witness`]). The
/// second value: whether a journal now shows less or another history than was seen.
pub fn read(dir: &Path, session: &Session, lang: Lang) -> Result<(FolderTally, bool), CliError> {
    let folder = read_folder(dir, session).map_err(read_dir_err(dir))?;
    warn(&folder, session, lang);
    let found = folder.witness(&crate::storage::data_dir());
    for line in Warnings::witnessed(&found, lang) {
        say(&line);
    }
    let cut = !found.is_empty();
    Ok((folder, cut))
}

/// `record --journal-dir`: checks the batch against the folder's tally (every secretary's
/// records), then appends it, as one batch, to this secretary's own journal in the folder,
/// locked against any other writer while it does. `written` is called once each record is on
/// disk. The outer error stops everything before any step; the inner one names the step
/// refused (nothing written then). Ok: the own journal's head code.
pub fn record(
    dir: &Path,
    session: &Session,
    secretary: &str,
    steps: &[Planned],
    lang: Lang,
    written: impl FnMut(&Record),
) -> Result<Result<Option<HeadCode>, (usize, RecordError)>, CliError> {
    let own = own_journal(dir, secretary)?;
    let opened = |e: JournalError| CliError::Journal(OpenError::Journal(e));
    let read = || read_folder(dir, session).map_err(read_dir_err(dir));
    // The own journal's chain goes on from its own head; what the actions mean is decided by
    // the whole folder's tally.
    let own_head = |f: &FolderTally| {
        f.journals
            .iter()
            .find(|j| j.path == own)
            .map_or((1, GENESIS), |j| (j.records() as u64, j.head()))
    };
    let check = |f: &FolderTally| {
        let (next, head) = own_head(f);
        check_steps(&f.tally, next, head, secretary, steps)
    };
    // A refusal is checked once more a moment later: a sync engine replacing another
    // secretary's file leaves it missing for an instant, and the batch may depend on it.
    let mut folder = read()?;
    if check(&folder).is_err() {
        std::thread::sleep(std::time::Duration::from_millis(200));
        folder = read()?;
    }
    warn(&folder, session, lang);
    // Checked before the own journal is created, so a refused batch leaves no new file.
    if let Err((i, e)) = check(&folder) {
        return Ok(Err((i, RecordError::Refused(e))));
    }
    // Locked until `rec` goes: another window or command of this secretary on this laptop
    // waits or is refused. If one wrote between the reading and the lock, read again.
    let journal = Journal::open_for_writing(&own, session, secretary).map_err(opened)?;
    if own_head(&folder) != (journal.len() as u64, journal.head()) {
        folder = read()?;
    }
    let mut rec = Recorder::with_tally(journal, folder.tally);
    Ok(rec
        .record_batch(secretary, steps, written)
        .map(|()| rec.journal().head_code()))
}

/// `record --journal-dir DIR --adopt COPY`: recovers a conflict copy's records into a new
/// journal of the folder. Prints what it did.
pub fn run_adopt(
    dir: &Path,
    session: &Session,
    copy: &Path,
    secretary: &str,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    let secretary = check_secretary(secretary).map_err(|problem| {
        CliError::Journal(OpenError::Journal(JournalError::NoSecretary {
            path: dir.display().to_string(),
            problem,
        }))
    })?;
    let own = own_journal(dir, secretary)?;
    let stem = own
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let copy_text = copy.display().to_string();
    let done = adopt(dir, session, copy, &stem, secretary).map_err(|e| match e {
        AdoptError::Folder { dir, source } => CliError::Read { path: dir, source },
        AdoptError::Journal(e) => CliError::Journal(OpenError::Journal(e)),
    })?;
    let message = match done {
        Some((path, n)) => trf(
            lang,
            "folder.adopted",
            &[
                ("n", &n.to_string()),
                ("copy", &copy_text),
                ("path", &path.display().to_string()),
            ],
        ),
        None => trf(lang, "folder.adopt_nothing", &[("copy", &copy_text)]),
    };
    writeln!(std::io::stdout().lock(), "{message}")?;
    Ok(ExitCode::SUCCESS)
}

/// The folder's warnings, one line each on standard error.
fn warn(f: &FolderTally, session: &Session, lang: Lang) {
    let w = Warnings::new(f, session, lang);
    for line in [w.journals, w.copies, w.refused, w.disagreements, w.others].concat() {
        say(&line);
    }
}

/// The folder part of `tally --json` (beside the tally's own fields).
#[derive(Debug, Serialize)]
pub struct FolderReport {
    pub journals: Vec<JournalEntry>,
    pub conflict_copies: Vec<CopyEntry>,
    pub disagreements: Vec<String>,
    pub refused: Vec<String>,
    pub others: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct JournalEntry {
    pub name: String,
    pub records: usize,
    pub status: String,
    pub head: String,
}

#[derive(Debug, Serialize)]
pub struct CopyEntry {
    pub name: String,
    pub original: String,
    pub records: usize,
    pub missing: usize,
}

/// A journal's status as `tally --json` names it.
pub fn status_name(status: &JournalStatus) -> &'static str {
    match status {
        JournalStatus::Ok => "ok",
        JournalStatus::TornTailCut { .. } => "torn_tail_cut",
        JournalStatus::Damaged { .. } => "damaged",
    }
}

impl FolderReport {
    pub fn new(f: &FolderTally, session: &Session, lang: Lang) -> Self {
        let w = Warnings::new(f, session, lang);
        FolderReport {
            journals: f
                .journals
                .iter()
                .map(|j| JournalEntry {
                    name: j.name.clone(),
                    records: j.records(),
                    status: status_name(j.status()).to_string(),
                    head: j.head().to_hex(),
                })
                .collect(),
            conflict_copies: f
                .copies
                .iter()
                .map(|c| CopyEntry {
                    name: c.name.clone(),
                    original: c.original.clone(),
                    records: c.records,
                    missing: c.missing,
                })
                .collect(),
            refused: w.refused,
            disagreements: w.disagreements,
            others: w.others,
        }
    }
}

/// The status of a folder as one word for `tally --json`'s `journal_status`.
pub fn folder_status(f: &FolderTally) -> &'static str {
    if f.damaged().next().is_some() {
        "damaged"
    } else if f.journals.iter().any(|j| *j.status() != JournalStatus::Ok) {
        "torn_tail_cut"
    } else {
        "ok"
    }
}

/// `verify --journal-dir`: checks every journal's chain and names every conflict copy. Exit
/// 1 if any chain is broken, any conflict copy lies in the folder, or there is no journal.
pub fn run_verify_dir(dir: &Path, lang: Lang) -> anyhow::Result<ExitCode> {
    let files = list_folder(dir).map_err(read_dir_err(dir))?;
    let mut out = std::io::stdout().lock();
    let (mut good, mut bad) = (0usize, 0usize);
    for (name, path, original) in &files.copies {
        bad += 1;
        writeln!(
            out,
            "{}",
            trf(
                lang,
                "folder.verify_copy",
                &[
                    ("name", name),
                    ("original", original),
                    ("dir", &dir.display().to_string()),
                    ("path", &path.display().to_string()),
                ],
            )
        )?;
    }
    let data = crate::storage::data_dir();
    for (name, path) in &files.journals {
        let read_err = |source| CliError::Read {
            path: path.clone(),
            source,
        };
        // Checked against the head this laptop last saw of the file, if any.
        let witness = Witness::of(&data, path);
        let (s, holds) = match witness.last() {
            Some(code) => verify_file_holding(path, code).map_err(read_err)?,
            None => (verify_file(path).map_err(read_err)?, true),
        };
        let line = match &s.status {
            JournalStatus::Damaged { record, reason } => {
                bad += 1;
                trf(
                    lang,
                    "journal.cli.verify_bad",
                    &[
                        ("record", &record.to_string()),
                        ("line", &(record + 1).to_string()),
                        ("reason", reason),
                    ],
                )
            }
            _ if s.count == 0 => {
                bad += 1;
                trf(lang, "journal.file.not_a_journal", &[("path", name)])
            }
            _ => {
                let code = s.head_code().map(|c| c.to_string()).unwrap_or_default();
                let ok = trf(
                    lang,
                    "journal.cli.verify_ok",
                    &[
                        ("records", &s.count.to_string()),
                        ("hash", &s.head.to_hex()),
                        ("code", &code),
                    ],
                );
                // Not remembered if it cannot be: verify still answers.
                let seen = witness
                    .observe_with(|_| holds, s.count, s.head_code())
                    .unwrap_or(Witnessed::Consistent);
                let cut = Warnings::witnessed(&[(path.as_path(), seen)], lang);
                if cut.is_empty() {
                    good += 1;
                    ok
                } else {
                    bad += 1;
                    format!("{ok}\n{}", cut.join("\n"))
                }
            }
        };
        writeln!(out, "{name}: {line}")?;
    }
    if good + bad == 0 {
        return Err(CliError::NotAJournal(dir.to_path_buf()).into());
    }
    Ok(if bad > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
