//! A sitting's record as a folder shared by a sync engine (Syncthing, a network share).
//!
//! No two processes ever append to one file through a sync engine: a sync engine cannot
//! merge two appends, it keeps one and parks the other as a conflict copy. So each writer
//! (a secretary on a laptop) appends only to its own journal, named by [`writer_file_name`],
//! and every reader folds all the session's journals in the folder into one tally
//! ([`read_folder`]):
//!
//! - the records of every journal (headers aside) are put in one order — time, secretary,
//!   the record's place in its own journal, its hash — and a record found in two files (the
//!   same time, secretary and action: [`Record::id`]'s identity) is kept once, so the same
//!   records in any files and any order give the same tally;
//! - they are applied to one [`Tally`]; a record the tally refuses in that order (a vote
//!   that arrived before the opening it needed, on a laptop with a wrong clock) is listed in
//!   [`FolderTally::refused`], never dropped silently;
//! - where a secretary records a different value for one thing (a delegate's attendance, a
//!   delegate's roll-call choice, a motion's totals) than another secretary's standing one,
//!   the later one counts and the pair is listed as a [`Disagreement`]: without a server
//!   nobody can tell whether the second saw the first. A secretary decides it with a recorded
//!   action: the next record about that thing (the right value, recorded again) is the
//!   decision and closes it;
//! - conflict copies a sync engine left beside a journal ([`conflict_copy_original`]) are
//!   listed by name with how many of their records the folder lacks; [`adopt`] writes those
//!   records into a new journal of the folder. The copy itself is never written or removed:
//!   it is the evidence, and it is named until a person deletes it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use compact_str::CompactString;
use sha2::{Digest, Sha256};

use super::action::Action;
use super::chain_hash::ChainHash;
use super::error::ActionError;
use super::file::{Journal, JournalError, JournalStatus, write_new};
use super::merge::{ConflictKey, KeyValue, each_key};
use super::record::Record;
use super::tally::Tally;
use super::witness::{Witness, Witnessed};
use crate::model::Session;

/// One writer's journal in the folder.
#[derive(Clone, Debug)]
pub struct FolderJournal {
    pub path: PathBuf,
    /// The file name, as people see it in the folder.
    pub name: String,
    /// Where its records lie (read back on demand) and what loading found.
    pub journal: Journal,
}

impl FolderJournal {
    /// Good records, header included.
    pub fn records(&self) -> usize {
        self.journal.len()
    }

    pub fn status(&self) -> &JournalStatus {
        self.journal.status()
    }

    pub fn head(&self) -> ChainHash {
        self.journal.head()
    }
}

/// A conflict copy a sync engine left beside a journal.
#[derive(Debug)]
pub struct ConflictCopy {
    pub path: PathBuf,
    pub name: String,
    /// The journal it is a copy of (its name without the sync engine's mark).
    pub original: String,
    /// Records of this session it holds (headers aside); 0 if it cannot be read.
    pub records: usize,
    /// Of those, the ones no journal of the folder holds: what [`adopt`] would recover.
    pub missing: usize,
    /// Why its records cannot be read (not a journal, another session, unreadable).
    pub problem: Option<JournalError>,
}

/// The last two records about one thing, by two secretaries, disagreeing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    pub key: ConflictKey,
    /// The earlier and the later record, in folded order; the later one counts.
    pub earlier: Record,
    pub later: Record,
}

/// A record the tally refused in folded order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub record: Record,
    pub error: ActionError,
}

/// A `.jsonl` file in the folder that is not a journal of this session.
#[derive(Debug)]
pub struct Unreadable {
    pub path: PathBuf,
    pub name: String,
    pub error: JournalError,
}

/// Every journal of a session in a folder, folded into one tally.
#[derive(Debug)]
pub struct FolderTally {
    pub dir: PathBuf,
    /// The session's journals, by file name.
    pub journals: Vec<FolderJournal>,
    pub copies: Vec<ConflictCopy>,
    /// Other `.jsonl` files: other sessions' journals, damaged headers, unreadable files.
    pub others: Vec<Unreadable>,
    pub tally: Tally,
    pub disagreements: Vec<Disagreement>,
    pub refused: Vec<Refused>,
    /// Records in folded order (headers aside), numbered 1, 2, … in that order: the numbers
    /// the tally's audit lists use. Each keeps the hash it has in its own journal.
    pub records: Vec<Record>,
    /// SHA-256 of the folded records' hashes in order: the same records give the same head
    /// on every laptop, whatever the files are called.
    pub head: ChainHash,
}

impl FolderTally {
    /// Conflict copies holding records the folder's journals lack.
    pub fn unmerged_copies(&self) -> impl Iterator<Item = &ConflictCopy> {
        self.copies.iter().filter(|c| c.missing > 0)
    }

    /// Whether a journal is damaged (its records after the damage are not counted).
    pub fn damaged(&self) -> impl Iterator<Item = (&FolderJournal, u64)> {
        self.journals.iter().filter_map(|j| match j.status() {
            JournalStatus::Damaged { record, .. } => Some((j, *record)),
            _ => None,
        })
    }

    /// Each writer's journal compared with the head this laptop last saw of it (kept under
    /// `data_dir`, see [`Witness`]), its head remembered when it follows on from that: the
    /// journals that now hold less, or another history, than was seen. A sync engine that
    /// replaced a writer's file with an older or other version shows here.
    pub fn witness(&self, data_dir: &Path) -> Vec<(&Path, Witnessed)> {
        self.journals
            .iter()
            .filter_map(
                |j| match Witness::of(data_dir, &j.path).observe(&j.journal) {
                    // A witness that cannot be written warns nothing: it is a help, not a rule.
                    Ok(Witnessed::Consistent) | Err(_) => None,
                    Ok(w) => Some((j.path.as_path(), w)),
                },
            )
            .collect()
    }

    /// Nothing for a person to look at: no damage, no record missing or refused, no
    /// disagreement. (Fully merged conflict copies are still named, but lose nothing.)
    pub fn is_clean(&self) -> bool {
        self.damaged().next().is_none()
            && self.unmerged_copies().next().is_none()
            && self.refused.is_empty()
            && self.disagreements.is_empty()
    }
}

/// The journal file a secretary writes on this machine: `votes-<secretary>-<host>-<id>.jsonl`.
///
/// `machine` is [`machine_id`]: random, made once per laptop (per data folder), so two
/// laptops never share a file even with the same host name (cloned images, "laptop") and the
/// same secretary's name. The host name is there for people reading the folder. Each part
/// keeps letters and digits of any script (a Chinese name stays readable) and `-`, every
/// other character becomes `_`, and parts are cut to a length no file system minds.
pub fn writer_file_name(secretary: &str, host: &str, machine: &str) -> String {
    fn part(s: &str, max: usize) -> String {
        let p: String = s
            .trim()
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .take(max)
            .collect();
        if p.is_empty() { "_".to_string() } else { p }
    }
    format!(
        "votes-{}-{}-{}.jsonl",
        part(secretary, 24),
        part(&host.to_lowercase(), 24),
        part(machine, 16)
    )
}

/// The journal `secretary` writes on this laptop in the sitting's folder `dir`: named by
/// [`writer_file_name`] with this machine's host name and id (kept under `data_dir`).
pub fn own_journal_in(dir: &Path, secretary: &str, data_dir: &Path) -> std::io::Result<PathBuf> {
    let machine = machine_id(data_dir)?;
    Ok(dir.join(writer_file_name(secretary.trim(), &host_name(), &machine)))
}

/// This machine's name for people (`COMPUTERNAME` on Windows, `/etc/hostname` elsewhere),
/// or `host` when none can be read.
pub fn host_name() -> String {
    let from_env = std::env::var("COMPUTERNAME").ok();
    let from_file = || {
        ["/etc/hostname", "/proc/sys/kernel/hostname"]
            .iter()
            .find_map(|p| std::fs::read_to_string(p).ok())
    };
    from_env
        .or_else(from_file)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "host".to_string())
}

/// This laptop's id: 8 hex digits kept in `<data dir>/machine-id`, made on first use from
/// the time, the process and a fresh temporary file's random name (no extra dependency for
/// a one-off random number). 2³² values: two laptops of a sitting drawing the same is
/// negligible, and the host name beside it would have to match too.
pub fn machine_id(data_dir: &Path) -> std::io::Result<String> {
    let path = data_dir.join("machine-id");
    let valid = |s: &str| s.len() == 8 && s.chars().all(|c| c.is_ascii_hexdigit());
    match std::fs::read_to_string(&path) {
        Ok(s) if valid(s.trim()) => return Ok(s.trim().to_string()),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    std::fs::create_dir_all(data_dir)?;
    let noise = tempfile::Builder::new().tempfile_in(data_dir)?;
    let mut h = Sha256::new();
    h.update(format!("{:?}", std::time::SystemTime::now()));
    h.update(std::process::id().to_le_bytes());
    h.update(noise.path().as_os_str().as_encoded_bytes());
    let id = hex::encode(&h.finalize()[..4]);
    match crate::storage::write_atomic_new(&path, id.as_bytes()) {
        Ok(()) => Ok(id),
        // Another process made it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let s = std::fs::read_to_string(&path)?;
            Ok(s.trim().to_string())
        }
        Err(e) => Err(e),
    }
}

/// If `name` is a conflict copy a sync engine made, the name of the file it is a copy of:
/// - Syncthing: `votes.sync-conflict-20261207-061500-ABCDEFG.jsonl`
/// - Dropbox: `votes (李's conflicted copy 2026-12-07).jsonl`
/// - Nextcloud: `votes (conflicted copy 2026-12-07 061500).jsonl`
/// - ownCloud: `votes_conflict-20261207-061500.jsonl`
pub fn conflict_copy_original(name: &str) -> Option<String> {
    // Syncthing and ownCloud put their mark before the extension.
    for mark in [".sync-conflict-", "_conflict-"] {
        if let Some(i) = name.find(mark) {
            let rest = &name[i + mark.len()..];
            let ext = rest.find('.').map_or("", |j| &rest[j..]);
            return Some(format!("{}{ext}", &name[..i]));
        }
    }
    // Dropbox and Nextcloud: a parenthesis saying "conflicted copy".
    let lower = name.to_lowercase();
    let at = lower.find("conflicted copy")?;
    let open = name[..at].rfind('(')?;
    let close = at + name[at..].find(')')?;
    let before = name[..open].trim_end();
    Some(format!("{before}{}", &name[close + 1..]))
}

/// Temporary files of sync engines and of our own atomic writes: still being written.
fn is_temporary(name: &str) -> bool {
    name.starts_with(".syncthing.")
        || name.starts_with("~syncthing~")
        || name.starts_with(".tmp-")
        || name.ends_with(".tmp")
        || name.ends_with(".part")
}

/// The files of a sitting's folder that matter, by name.
#[derive(Clone, Debug, Default)]
pub struct FolderFiles {
    /// `*.jsonl` files that are not conflict copies: (name, path).
    pub journals: Vec<(String, PathBuf)>,
    /// Conflict copies of journals: (name, path, the name of the file it is a copy of).
    pub copies: Vec<(String, PathBuf, String)>,
}

/// Lists `dir` (not its subfolders): journals and conflict copies, each sorted by name;
/// files still being written by a sync engine (or by our own atomic writes) are left out.
pub fn list_folder(dir: &Path) -> std::io::Result<FolderFiles> {
    let mut files = FolderFiles::default();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_temporary(&name) {
            continue;
        }
        if let Some(original) = conflict_copy_original(&name) {
            // A copy of any journal, or of something that may have been one.
            if original.ends_with(".jsonl") || name.ends_with(".jsonl") {
                files.copies.push((name, entry.path(), original));
            }
        } else if name.ends_with(".jsonl") {
            files.journals.push((name, entry.path()));
        }
    }
    files.journals.sort();
    files.copies.sort();
    Ok(files)
}

/// A journal's records (header aside), or why they cannot be read.
fn read_records(path: &Path, session: &Session) -> Result<(Journal, Vec<Record>), JournalError> {
    let mut records = Vec::new();
    let j = Journal::open_read_only_with(path, session, |r: Record| {
        if !matches!(r.action, Action::Begin { .. }) {
            records.push(r);
        }
        Ok::<(), JournalError>(())
    })?;
    Ok((j, records))
}

/// A record's identity: the same action by the same secretary at the same moment is one
/// record wherever it sits (as [`Record::id`], without hashing).
type Identity = (CompactString, CompactString, Action);

fn identity(r: &Record) -> Identity {
    (r.time.clone(), r.secretary.clone(), r.action.clone())
}

/// Reads the journals at `paths`, several files at a time: a folder is tens of files, each
/// read and verified on its own. Results in the order of `paths`.
fn read_many(
    paths: &[&Path],
    session: &Session,
) -> Vec<Result<(Journal, Vec<Record>), JournalError>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, paths.len().max(1));
    let next = AtomicUsize::new(0);
    let done = std::sync::Mutex::new(Vec::with_capacity(paths.len()));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = paths.get(i) else { break };
                    let read = read_records(path, session);
                    done.lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((i, read));
                }
            });
        }
    });
    let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Reads every journal of `session` in `dir` and folds them into one tally. Fails only if
/// the folder cannot be listed; each file's problem is kept in the result.
pub fn read_folder(dir: &Path, session: &Session) -> std::io::Result<FolderTally> {
    // Syncthing replaces a file by deleting it and renaming the new copy in: for a moment a
    // writer's journal is not there. Folding without it would refuse every record that
    // depends on it, so the folder is read again until the journals listed after reading are
    // the ones listed before, and none vanished while being opened (a few tries; the last
    // takes what is there).
    let mut tries = 0;
    let (names, copy_names, read) = loop {
        let FolderFiles { journals, copies } = list_folder(dir)?;
        let paths: Vec<&Path> = journals.iter().map(|(_, p)| p.as_path()).collect();
        let read = read_many(&paths, session);
        let vanished = read.iter().any(|r| {
            matches!(r, Err(JournalError::Io { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound)
        });
        let appeared = list_folder(dir)?.journals != journals;
        tries += 1;
        if !(vanished || appeared) || tries == 5 {
            break (journals, copies, read);
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let mut journals = Vec::new();
    let mut others = Vec::new();
    let mut sources = Vec::new();
    for ((name, path), result) in names.into_iter().zip(read) {
        match result {
            Ok((journal, records)) => {
                journals.push(FolderJournal {
                    path,
                    name,
                    journal,
                });
                sources.push(records);
            }
            // Still gone after the tries above: no longer part of the folder.
            Err(JournalError::Io { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => others.push(Unreadable { path, name, error }),
        }
    }
    let folded = fold(session, sources);
    // Only conflict copies are compared with the folded records (most folders have none).
    let known: HashSet<Identity> = if copy_names.is_empty() {
        HashSet::new()
    } else {
        folded.records.iter().map(identity).collect()
    };
    let copies = copy_names
        .into_iter()
        .map(
            |(name, path, original)| match read_records(&path, session) {
                Ok((_, records)) => ConflictCopy {
                    missing: records
                        .iter()
                        .filter(|r| !known.contains(&identity(r)))
                        .count(),
                    records: records.len(),
                    path,
                    name,
                    original,
                    problem: None,
                },
                Err(e) => ConflictCopy {
                    path,
                    name,
                    original,
                    records: 0,
                    missing: 0,
                    problem: Some(e),
                },
            },
        )
        .collect();
    Ok(FolderTally {
        dir: dir.to_path_buf(),
        journals,
        copies,
        others,
        tally: folded.tally,
        disagreements: folded.disagreements,
        refused: folded.refused,
        records: folded.records,
        head: folded.head,
    })
}

/// The tally of several journals' records (headers are skipped).
#[derive(Debug)]
pub struct Folded {
    pub tally: Tally,
    pub records: Vec<Record>,
    pub disagreements: Vec<Disagreement>,
    pub refused: Vec<Refused>,
    pub head: ChainHash,
}

/// The record whose value stands for one thing, and an undecided disagreement about it
/// (indices into the folded records).
struct Standing {
    at: usize,
    value: KeyValue,
    open: Option<(usize, usize)>,
}

/// The disagreements still open after `records` (in folded order, those at the places in
/// `skip`, sorted, left out): each thing's key with the places of its two records.
fn disagreements_in(records: &[Record], skip: &[usize]) -> Vec<(ConflictKey, usize, usize)> {
    // Per thing: the record whose value stands, and the disagreement waiting for a decision.
    let mut state: rustc_hash::FxHashMap<ConflictKey, Standing> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(records.len(), Default::default());
    for (i, r) in records.iter().enumerate() {
        if skip.binary_search(&i).is_ok() {
            continue;
        }
        each_key(r, |key, value| match state.entry(key) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(Standing {
                    at: i,
                    value,
                    open: None,
                });
            }
            std::collections::hash_map::Entry::Occupied(mut o) => {
                let st = o.get_mut();
                // The record after a disagreement is its decision; otherwise another
                // secretary's different value opens one.
                st.open = if st.open.is_some() {
                    None
                } else if st.value != value && records[st.at].secretary != r.secretary {
                    Some((st.at, i))
                } else {
                    None
                };
                st.at = i;
                st.value = value;
            }
        });
    }
    state
        .into_iter()
        .filter_map(|(key, st)| st.open.map(|(i, j)| (key, i, j)))
        .collect()
}

/// A journal time (`2017-09-21T06:30:00.000Z`, always this width) as milliseconds since
/// 0000-01-01 by a calendar where every month has 31 days: not a true count, but ordered as
/// the text is, which is all the fold needs. None for any other form.
fn millis(t: &str) -> Option<u64> {
    let b = t.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u64> {
        b.get(r)?.iter().try_fold(0u64, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u64::from(c - b'0'))
        })
    };
    let shape = b.len() == 24
        && [
            (4, b'-'),
            (7, b'-'),
            (10, b'T'),
            (13, b':'),
            (16, b':'),
            (19, b'.'),
            (23, b'Z'),
        ]
        .iter()
        .all(|&(i, c)| b[i] == c);
    if !shape {
        return None;
    }
    let days = (digits(0..4)? * 12 + digits(5..7)?) * 31 + digits(8..10)?;
    let secs = ((days * 24 + digits(11..13)?) * 60 + digits(14..16)?) * 60 + digits(17..19)?;
    Some(secs * 1000 + digits(20..23)?)
}

/// Folds journals' records into one tally (see the module's rules). The result depends only
/// on the set of records, not on which source holds which or in what order.
pub fn fold(session: &Session, sources: Vec<Vec<Record>>) -> Folded {
    let total: usize = sources.iter().map(Vec::len).sum();
    // Places are sorted, not records (a record is a couple of hundred bytes): each journal
    // is in folded order already unless its laptop's clock went back, and a stable sort
    // merges such runs. Each record is then moved once, straight into its place.
    let mut sources: Vec<Vec<Option<Record>>> = sources
        .into_iter()
        .map(|s| s.into_iter().map(Some).collect())
        .collect();
    // Sorted by a number that orders as the time does (milliseconds, for the journal's own
    // time format), then by the whole order; the full comparison is needed only for records
    // of the same millisecond. A time in any other form orders every record by text.
    let mut places: Vec<(u64, u32, u32)> = Vec::with_capacity(total);
    let mut canonical = true;
    for (i, s) in sources.iter().enumerate() {
        for (k, r) in s.iter().enumerate() {
            let ms = r.as_ref().and_then(|r| millis(&r.time));
            canonical &= ms.is_some();
            places.push((ms.unwrap_or(0), i as u32, k as u32));
        }
    }
    let at = |p: &(u64, u32, u32)| sources[p.1 as usize][p.2 as usize].as_ref();
    places.sort_by(|a, b| {
        let by_ms = if canonical {
            a.0.cmp(&b.0)
        } else {
            std::cmp::Ordering::Equal
        };
        by_ms.then_with(|| match (at(a), at(b)) {
            (Some(a), Some(b)) => (&a.time, &a.secretary, a.seq, &a.hash.0).cmp(&(
                &b.time,
                &b.secretary,
                b.seq,
                &b.hash.0,
            )),
            _ => std::cmp::Ordering::Equal,
        })
    });
    let mut records: Vec<Record> = Vec::with_capacity(total);
    // The same record twice shares its time and secretary: look for it within those runs.
    let mut run_start = 0;
    for (_, i, k) in places {
        let Some(r) = sources[i as usize][k as usize].take() else {
            continue;
        };
        if matches!(r.action, Action::Begin { .. }) {
            continue;
        }
        let same_run = records
            .get(run_start)
            .is_some_and(|f| f.time == r.time && f.secretary == r.secretary);
        if !same_run {
            run_start = records.len();
        } else if records[run_start..].iter().any(|k| k.action == r.action) {
            continue;
        }
        records.push(r);
    }
    drop(sources);

    let mut digest = Sha256::new();
    for (i, r) in records.iter_mut().enumerate() {
        digest.update(r.hash.0);
        // Folded numbers, so the tally's audit lists point into `records`.
        r.seq = i as u64 + 1;
    }
    // The tally and the disagreements are worked out side by side (each reads the records
    // in folded order; neither needs the other unless a record is refused, which is rare:
    // then the disagreements are worked out again without the refused records).
    let (tally, refused, open) = std::thread::scope(|s| {
        let keys = s.spawn(|| disagreements_in(&records, &[]));
        let mut tally = Tally::new(session);
        let mut refused = Vec::new();
        for i in 0..records.len() {
            if let Err(error) = tally.apply_written(&records, i) {
                refused.push((i, error));
            }
        }
        tally.settle(&records);
        let open = match keys.join() {
            Ok(open) if refused.is_empty() => open,
            Ok(_) => {
                let skip: Vec<usize> = refused.iter().map(|(i, _)| *i).collect();
                disagreements_in(&records, &skip)
            }
            Err(panic) => std::panic::resume_unwind(panic),
        };
        (tally, refused, open)
    });
    let refused = refused
        .into_iter()
        .map(|(i, error)| Refused {
            record: records[i].clone(),
            error,
        })
        .collect();
    let mut disagreements: Vec<Disagreement> = open
        .into_iter()
        .map(|(key, i, j)| Disagreement {
            key,
            earlier: records[i].clone(),
            later: records[j].clone(),
        })
        .collect();
    disagreements.sort_by(|a, b| (a.later.seq, &a.key).cmp(&(b.later.seq, &b.key)));
    Folded {
        tally,
        records,
        disagreements,
        refused,
        head: ChainHash(digest.finalize().into()),
    }
}

/// Why a conflict copy's records could not be adopted.
#[derive(Debug, thiserror::Error)]
pub enum AdoptError {
    #[error("{}: cannot read the folder: {source}", .dir.display())]
    Folder {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Journal(#[from] JournalError),
}

/// Recovers a conflict copy's records: those no journal of `dir` holds are written, with
/// their own times and secretaries, as a new journal `<stem>-adopted-<n>.jsonl` headed by
/// `secretary` (`stem` is the adopting writer's file name without `.jsonl`). Returns the new
/// file and how many records it holds, or None if the folder already had them all.
pub fn adopt(
    dir: &Path,
    session: &Session,
    copy: &Path,
    stem: &str,
    secretary: &str,
) -> Result<Option<(PathBuf, usize)>, AdoptError> {
    let folder = read_folder(dir, session).map_err(|source| AdoptError::Folder {
        dir: dir.to_path_buf(),
        source,
    })?;
    let known: HashSet<Identity> = folder.records.iter().map(identity).collect();
    let (_, records) = read_records(copy, session)?;
    let missing: Vec<Record> = records
        .into_iter()
        .filter(|r| !known.contains(&identity(r)))
        .collect();
    if missing.is_empty() {
        return Ok(None);
    }
    let mut n = 1;
    loop {
        let path = dir.join(format!("{stem}-adopted-{n}.jsonl"));
        match write_new(&path, session, secretary, &missing) {
            Ok(_) => return Ok(Some((path, missing.len()))),
            Err(JournalError::Io { source, .. })
                if source.kind() == std::io::ErrorKind::AlreadyExists =>
            {
                n += 1;
            }
            Err(e) => return Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflict_copies_of_every_engine_name_their_original() {
        for (copy, original) in [
            (
                "votes-李-a-1.sync-conflict-20261207-061500-ABCDEFG.jsonl",
                "votes-李-a-1.jsonl",
            ),
            (
                "votes (李's conflicted copy 2026-12-07).jsonl",
                "votes.jsonl",
            ),
            (
                "votes (conflicted copy 2026-12-07 061500).jsonl",
                "votes.jsonl",
            ),
            ("votes_conflict-20261207-061500.jsonl", "votes.jsonl"),
        ] {
            assert_eq!(conflict_copy_original(copy).as_deref(), Some(original));
        }
        assert_eq!(
            conflict_copy_original("votes-李-laptop-0a1b2c3d.jsonl"),
            None
        );
    }

    #[test]
    fn journal_times_order_as_their_text_does() {
        let times = [
            "2017-09-21T01:00:00.000Z",
            "2017-09-21T01:00:00.001Z",
            "2017-09-21T01:00:59.999Z",
            "2017-09-21T23:59:59.999Z",
            "2017-09-30T00:00:00.000Z",
            "2017-10-01T00:00:00.000Z",
            "2017-12-31T23:59:59.999Z",
            "2018-01-01T00:00:00.000Z",
        ];
        let ms: Vec<u64> = times.iter().map(|t| millis(t).unwrap()).collect();
        assert!(ms.windows(2).all(|w| w[0] < w[1]), "{ms:?}");
        for odd in [
            "2017-09-21T01:00:00Z",
            "2017-09-21 01:00:00.000Z",
            "2017-09-21T01:00:00.0a0Z",
            "",
        ] {
            assert_eq!(millis(odd), None, "{odd}");
        }
    }

    #[test]
    fn writer_names_are_readable_safe_and_stable() {
        let a = writer_file_name("张三", "Laptop3", "0a1b2c3d");
        assert_eq!(a, "votes-张三-laptop3-0a1b2c3d.jsonl");
        assert_eq!(a, writer_file_name("张三", "Laptop3", "0a1b2c3d"));
        let odd = writer_file_name("../a b/c", "x.local", "0a1b2c3d");
        assert_eq!(odd, "votes-___a_b_c-x_local-0a1b2c3d.jsonl");
        assert!(conflict_copy_original(&odd).is_none());
    }

    #[test]
    fn a_machine_id_is_made_once() {
        let dir = tempfile::tempdir().unwrap();
        let a = machine_id(dir.path()).unwrap();
        assert_eq!(a.len(), 8);
        assert_eq!(machine_id(dir.path()).unwrap(), a);
        let other = tempfile::tempdir().unwrap();
        assert_ne!(machine_id(other.path()).unwrap(), a);
    }
}
