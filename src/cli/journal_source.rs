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
    AdoptError, FolderTally, Journal, JournalError, JournalStatus, OpenError, Planned, Record,
    RecordError, Tally, Warnings, adopt, check_steps, host_name, list_folder, machine_id,
    read_folder, verify_file, writer_file_name,
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
    let machine = machine_id(&data).map_err(|source| CliError::Write {
        path: data.join("machine-id"),
        source,
    })?;
    Ok(dir.join(writer_file_name(secretary.trim(), &host_name(), &machine)))
}

fn read_dir_err(dir: &Path) -> impl FnOnce(std::io::Error) -> CliError + '_ {
    move |source| CliError::Read {
        path: dir.to_path_buf(),
        source,
    }
}

/// Reads a sitting's folder; every warning is said on standard error.
pub fn read(dir: &Path, session: &Session, lang: Lang) -> Result<FolderTally, CliError> {
    let folder = read_folder(dir, session).map_err(read_dir_err(dir))?;
    warn(&folder, session, lang);
    Ok(folder)
}

/// `record --journal-dir`: checks the batch against the folder's tally (every secretary's
/// records), then appends it to this secretary's own journal in the folder. `written` is
/// called once each record is on disk. The outer error stops everything before any step;
/// the inner one names the step refused (nothing written if it is a refusal).
pub fn record(
    dir: &Path,
    session: &Session,
    secretary: &str,
    steps: &[Planned],
    lang: Lang,
    mut written: impl FnMut(&Record),
) -> Result<Result<(), (usize, RecordError)>, CliError> {
    let own = own_journal(dir, secretary)?;
    let opened = |e: JournalError| CliError::Journal(OpenError::Journal(e));
    // The own journal's chain goes on from its own head; what the actions mean is decided by
    // the whole folder's tally.
    let (next, head) = match Journal::open_read_only(&own, session) {
        Ok(j) => (j.len() as u64, j.head()),
        Err(JournalError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            (1, crate::journal::GENESIS)
        }
        Err(e) => return Err(opened(e)),
    };
    // A refusal is checked once more a moment later: a sync engine replacing another
    // secretary's file leaves it missing for an instant, and the batch may depend on it.
    let mut folder = read_folder(dir, session).map_err(read_dir_err(dir))?;
    if check_steps(&folder.tally, next, head, secretary, steps).is_err() {
        std::thread::sleep(std::time::Duration::from_millis(200));
        folder = read_folder(dir, session).map_err(read_dir_err(dir))?;
    }
    warn(&folder, session, lang);
    if let Err((i, e)) = check_steps(&folder.tally, next, head, secretary, steps) {
        return Ok(Err((i, RecordError::Refused(e))));
    }
    let mut journal = Journal::open_for_writing(&own, session, secretary).map_err(opened)?;
    let mut tally: Tally = folder.tally;
    for (i, step) in steps.iter().enumerate() {
        let step_result = step
            .resolve(&tally)
            .map_err(RecordError::Refused)
            .and_then(|action| {
                journal
                    .append(secretary, action)
                    .map_err(RecordError::Journal)
            })
            // Checked with the whole batch above, so the tally takes it.
            .and_then(|r| tally.apply(&r).map(|()| r).map_err(RecordError::Refused));
        match step_result {
            Ok(r) => written(&r),
            Err(e) => return Ok(Err((i, e))),
        }
    }
    Ok(Ok(()))
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
    if secretary.trim().is_empty() {
        return Err(
            CliError::Journal(OpenError::Journal(JournalError::NoSecretary {
                path: dir.display().to_string(),
            }))
            .into(),
        );
    }
    let own = own_journal(dir, secretary)?;
    let stem = own
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let copy_text = copy.display().to_string();
    let done = adopt(dir, session, copy, &stem, secretary.trim()).map_err(|e| match e {
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
                    records: j.records,
                    status: status_name(&j.status).to_string(),
                    head: j.head.to_hex(),
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
    } else if f.journals.iter().any(|j| j.status != JournalStatus::Ok) {
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
    for (name, path) in &files.journals {
        let s = verify_file(path).map_err(|source| CliError::Read {
            path: path.clone(),
            source,
        })?;
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
                good += 1;
                trf(
                    lang,
                    "journal.cli.verify_ok",
                    &[
                        ("records", &s.count.to_string()),
                        ("hash", &s.head.to_hex()),
                    ],
                )
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
