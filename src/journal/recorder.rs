//! Secretary mode: a journal and its tally together, so that nothing is written that the
//! tally would refuse, and the tally always equals a replay of the file.

use super::action::Action;
use super::chain_hash::ChainHash;
use super::error::ActionError;
use super::file::{Journal, JournalError};
use super::record::Record;
use super::tally::{ReplayError, Tally};
use crate::i18n::Lang;
use crate::model::Session;

/// Why a record was not written.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// The action is invalid now; the journal is unchanged.
    #[error(transparent)]
    Refused(#[from] ActionError),
    /// The file could not be written; the journal is unchanged.
    #[error(transparent)]
    Journal(#[from] JournalError),
}

impl RecordError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            RecordError::Refused(e) => e.message(lang),
            RecordError::Journal(e) => e.message(lang),
        }
    }
}

/// Why a journal could not be opened with its tally.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// A record the tally refuses (e.g. a hand-edited journal whose hashes were redone).
    #[error(transparent)]
    Replay(#[from] ReplayError),
}

impl OpenError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            OpenError::Journal(e) => e.message(lang),
            OpenError::Replay(e) => crate::i18n::trf(
                lang,
                "journal.file.replay",
                &[
                    ("record", &e.seq.to_string()),
                    ("error", &e.error.message(lang)),
                ],
            ),
        }
    }
}

/// A journal with its tally, kept in step.
#[derive(Clone, Debug)]
pub struct Recorder {
    journal: Journal,
    tally: Tally,
}

impl Recorder {
    /// Replays an opened journal (its records read back from the file).
    pub fn new(journal: Journal, session: &Session) -> Result<Recorder, OpenError> {
        let tally = Tally::replay(session, &journal.read_all()?)?;
        Ok(Recorder { journal, tally })
    }

    /// Opens (creating if needed) `path` to record as `secretary`.
    pub fn open_for_writing(
        path: &std::path::Path,
        session: &Session,
        secretary: &str,
    ) -> Result<Recorder, OpenError> {
        let mut tally = Tally::new(session);
        let journal =
            Journal::open_for_writing_with(path, session, secretary, |r| replay(&mut tally, r))?;
        Ok(Recorder { journal, tally })
    }

    /// Opens `path` to read only (delegates' laptops, damaged journals).
    pub fn open_read_only(
        path: &std::path::Path,
        session: &Session,
    ) -> Result<Recorder, OpenError> {
        let mut tally = Tally::new(session);
        let journal = Journal::open_read_only_with(path, session, |r| replay(&mut tally, r))?;
        Ok(Recorder { journal, tally })
    }

    /// A journal open to write whose records `tally` holds among other journals' (this
    /// writer's file in a sitting's folder, [`super::read_folder`]): what is recorded is
    /// checked against the whole folder's tally and appended to this writer's own journal.
    pub fn with_tally(journal: Journal, tally: Tally) -> Recorder {
        Recorder { journal, tally }
    }

    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    pub fn tally(&self) -> &Tally {
        &self.tally
    }

    /// Checks `action`, appends it (fsynced) and updates the tally. When this returns Ok the
    /// record is on disk and may be shown as recorded.
    pub fn record(&mut self, secretary: &str, action: Action) -> Result<Record, RecordError> {
        let mut out = None;
        self.record_batch(secretary, &[Planned::Act(action)], |r| {
            out = Some(r.clone())
        })
        .map_err(|(_, e)| e)?;
        // One step in, one record out.
        out.ok_or(RecordError::Refused(ActionError::NoDelegates))
    }

    /// Checks a whole batch against the replayed state, in order, without writing anything.
    /// On refusal returns the index of the first refused step and why.
    pub fn check_batch(
        &self,
        secretary: &str,
        steps: &[Planned],
    ) -> Result<(), (usize, ActionError)> {
        check_steps(
            &self.tally,
            self.journal.len() as u64,
            self.journal.head(),
            secretary,
            steps,
        )
    }

    /// Checks the whole batch, then writes it with one write and one fsync, then calls
    /// `written` for each record (all are on disk by then). Nothing is written if any step
    /// is refused; after a crash the file holds all of the batch or none of it.
    pub fn record_batch(
        &mut self,
        secretary: &str,
        steps: &[Planned],
        mut written: impl FnMut(&Record),
    ) -> Result<(), (usize, RecordError)> {
        let secretary = super::secretary::check_secretary(secretary).map_err(|problem| {
            let path = self.journal.path().display().to_string();
            (
                0,
                RecordError::Journal(JournalError::NoSecretary { path, problem }),
            )
        })?;
        if let [step] = steps {
            // One record (a click in the window): checked against the tally itself, which is
            // updated in place once the record is on disk, rather than against a copy (a
            // national tally is megabytes).
            let a = step
                .resolve(&self.tally)
                .map_err(|e| (0, RecordError::Refused(e)))?;
            self.tally
                .validate(&a)
                .map_err(|e| (0, RecordError::Refused(e)))?;
            let r = Record::new(
                self.journal.len() as u64,
                super::record::now(),
                secretary.to_string(),
                a,
                self.journal.head(),
            );
            self.journal
                .append_records(std::slice::from_ref(&r))
                .map_err(|e| (0, RecordError::Journal(e)))?;
            // Validated above against the same state, so this cannot be refused.
            self.tally
                .apply(&r)
                .map_err(|e| (0, RecordError::Refused(e)))?;
            written(&r);
            return Ok(());
        }
        let (records, tally) = build_batch(
            &self.tally,
            self.journal.len() as u64,
            self.journal.head(),
            secretary,
            steps,
        )
        .map_err(|(i, e)| (i, RecordError::Refused(e)))?;
        self.journal
            .append_records(&records)
            .map_err(|e| (0, RecordError::Journal(e)))?;
        self.tally = tally;
        for r in &records {
            written(r);
        }
        Ok(())
    }
}

/// Applies the next record read from a journal, numbering a refusal with its seq.
fn replay(tally: &mut Tally, r: Record) -> Result<(), OpenError> {
    let seq = r.seq;
    tally
        .apply_owned(r)
        .map_err(|error| OpenError::Replay(ReplayError { seq, error }))
}

/// Checks `steps` in order against a copy of `tally`, as if recorded from `next_seq` on after
/// a record whose hash is `head`. For a journal that does not exist yet, pass
/// `Tally::new(session)`, 1 and [`super::GENESIS`], and create the file only if this is Ok.
pub fn check_steps(
    tally: &Tally,
    next_seq: u64,
    head: ChainHash,
    secretary: &str,
    steps: &[Planned],
) -> Result<(), (usize, ActionError)> {
    build_batch(tally, next_seq, head, secretary, steps).map(|_| ())
}

/// The records `steps` make, numbered from `next_seq` and chained on from `head`, each
/// resolved and checked against the tally as the records before it leave it, and that
/// tally. `more` counts down to 0 at the batch's last record; times rise by at least a
/// millisecond from record to record, so that two equal actions of one batch stay two
/// records (a record's identity is its time, secretary and action).
fn build_batch(
    tally: &Tally,
    next_seq: u64,
    head: ChainHash,
    secretary: &str,
    steps: &[Planned],
) -> Result<(Vec<Record>, Tally), (usize, ActionError)> {
    let mut t = tally.clone();
    let mut prev = head;
    let mut out: Vec<Record> = Vec::with_capacity(steps.len());
    for (i, step) in steps.iter().enumerate() {
        let a = step.resolve(&t).map_err(|e| (i, e))?;
        let time = match out.last() {
            Some(last) => later_than(&last.time),
            None => super::record::now(),
        };
        let more = u32::try_from(steps.len() - 1 - i).unwrap_or(u32::MAX);
        let r =
            Record::new(next_seq + i as u64, time, secretary.to_string(), a, prev).with_more(more);
        t.apply(&r).map_err(|e| (i, e))?;
        prev = r.hash;
        out.push(r);
    }
    Ok((out, t))
}

/// The current time in the journal's format, or a millisecond after `prev` if that is not
/// later.
fn later_than(prev: &str) -> String {
    let now = super::record::now();
    if now.as_str() > prev {
        return now;
    }
    chrono::DateTime::parse_from_rfc3339(prev)
        .map(|t| {
            (t.with_timezone(&chrono::Utc) + chrono::Duration::milliseconds(1))
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        })
        .unwrap_or(now)
}

/// A step a secretary asks for, resolved against the tally at the moment it is recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Planned {
    /// Exactly this action.
    Act(Action),
    /// Undo the most recent record still in effect.
    UndoLast,
    /// Give every delegate not marked yet this mark ("mark the rest absent").
    MarkRest(super::action::Mark),
}

impl Planned {
    /// The action this step means now.
    pub fn resolve(&self, tally: &Tally) -> Result<Action, ActionError> {
        match self {
            Planned::Act(a) => Ok(a.clone()),
            Planned::UndoLast => tally.undo_action().ok_or(ActionError::NothingToUndo),
            Planned::MarkRest(mark) => {
                let delegates = tally.unmarked_ids();
                if delegates.is_empty() {
                    return Err(ActionError::NoDelegates);
                }
                Ok(Action::Attendance {
                    mark: *mark,
                    delegates,
                })
            }
        }
    }
}
