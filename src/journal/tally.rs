//! The tally: attendance and every motion's counts, always recomputed from the journal.
//!
//! [`Tally::replay`] builds it from records; [`Tally::apply`] adds one record, checking it
//! first with [`Tally::validate`] and changing nothing when it is refused. Per-action work is
//! O(1) for votes and counts (HashMap lookups, counters updated in place) and O(listed
//! delegates) for attendance, so a window can update after each record without recounting.
//!
//! Rules (the same in the window and on the command line):
//! - Attendance marks may change at any time; a later mark wins. Closing a motion freezes a
//!   snapshot of attendance for that motion. A present delegate with a roll-call choice on an
//!   open motion cannot be marked away, and attendance may not drop below the totals already
//!   recorded on an open motion.
//! - Motions go NotOpen → Open → Closed. Votes and totals only on an open motion; a later
//!   choice or total replaces the earlier one. Roll-call choices only for present delegates.
//!   Totals: yes + no + abstain + invalid ≤ present; invalid ballots only for a secret ballot.
//! - Close freezes attendance and the verdict (the motion's rule, integer arithmetic via
//!   [`Threshold`]). A closed motion is locked; `Reopen` (with a reason) opens it again.
//! - Undo is a stack: `Undo` compensates the most recent record still in effect, then the one
//!   before it, and so on. `Close`, `Reopen` and the header are barriers: nothing at or before
//!   them can be undone (a closed vote is corrected by reopening, with a reason, on record).

// Fx: ids are short strings from the session file, looked up once per record in a replay
// of ~180,000 (SipHash showed in the profile); nothing from a journal is ever inserted.
use rustc_hash::FxHashMap as HashMap;

use compact_str::CompactString;

use super::action::{Action, Choice, Counts, Mark};
use super::election_tally::{self, ElectionInverse, ElectionTally};
use super::error::ActionError;
use super::record::{Record, record_id};
use crate::model::{Base, Session, Threshold, VotingMethod};

/// Where a motion stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum MotionState {
    NotOpen,
    Open,
    Closed,
}

/// A motion's outcome; Pending until it is closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Verdict {
    Pending,
    Passed,
    NotPassed,
    /// 未达法定人数，表决无效: attendance was below the quorum when the motion was closed.
    /// Organic Law Art. 14 ¶4: 「地方各级人民代表大会会议有三分之二以上的代表出席，始得举行。」
    /// A vote of a sitting that may not be held decides nothing, whatever its counts.
    NoQuorum,
}

/// Attendance figures (应到 / 实到 / 请假 / 缺席), live or frozen at a close.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Attendance {
    /// 应到: seated delegates (the session's `seats`).
    pub seated: u32,
    /// 实到
    pub present: u32,
    /// 请假
    pub leave: u32,
    /// 缺席
    pub absent: u32,
    /// On the roster but not marked yet.
    pub unmarked: u32,
    /// Smallest number present that makes a quorum (None if the rule cannot be met).
    pub quorum_required: Option<u32>,
    /// At least the quorum present (Art. 14 ¶4 by default).
    pub quorate: bool,
}

impl Attendance {
    /// Whether anybody has been marked yet: before that (签到未开始) "not quorate" would say
    /// more than is known.
    pub fn sign_in_started(&self) -> bool {
        self.present + self.leave + self.absent > 0
    }
}

/// One motion's live state.
#[derive(Clone, Debug)]
pub struct MotionTally {
    pub id: String,
    pub title: String,
    pub method: VotingMethod,
    pub rule: Threshold,
    pub state: MotionState,
    /// Roll call: one slot per roster delegate; empty for the other methods.
    choices: Vec<Option<Choice>>,
    counts: Counts,
    /// Whether totals were recorded (show of hands, ballot); roll call: always true.
    counted: bool,
    /// Attendance when it was closed; None while not closed.
    pub frozen: Option<Attendance>,
    /// Seq of every record that touched this motion, in order (including undos of them).
    pub audit: Vec<u64>,
}

impl MotionTally {
    /// yes / no / abstain / invalid (roll call: counted from the choices).
    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// Whether totals were recorded; a roll call always has them.
    pub fn is_counted(&self) -> bool {
        self.counted
    }

    /// A roll-call delegate's choice by roster index.
    pub fn choice(&self, delegate: usize) -> Option<Choice> {
        self.choices.get(delegate).copied().flatten()
    }
}

/// Everything derived for one motion, for display.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MotionResult {
    pub counts: Counts,
    /// 未表决: present (frozen at close) but not among yes/no/abstain/invalid.
    pub not_voting: u32,
    /// The number the rule's fraction is taken of.
    pub base: u32,
    /// Yes votes needed (None if the rule cannot be met).
    pub required: Option<u32>,
    pub verdict: Verdict,
}

/// How to take back one record.
#[derive(Clone, Debug)]
enum Inverse {
    Attendance(Vec<(usize, Option<Mark>)>),
    Open(usize),
    Vote {
        motion: usize,
        delegate: usize,
        prev: Option<Choice>,
    },
    Counts {
        motion: usize,
        prev: Counts,
        prev_counted: bool,
    },
    Election(ElectionInverse),
}

/// A record's [`Record::id`], which only an `Undo` reads: during a replay it is computed
/// only for a record an `Undo` targets, or that is still undoable when the replay ends.
#[derive(Clone, Debug)]
enum Ident {
    Id(String),
    /// Not computed yet: the id of `records[i]` of the replay in progress.
    Pending(usize),
    /// Not computed yet: the id of this record, kept while it may be undone.
    Kept(Box<Record>),
    /// Not computed yet: the id of a ballot kept while it may be undone, its action rebuilt
    /// from the entry's inverse (see [`election_tally::Counted`]) rather than held.
    Ballot(Box<KeptBallot>),
}

/// What a ballot's record id needs beyond its inverse.
#[derive(Clone, Debug)]
struct KeptBallot {
    time: CompactString,
    secretary: CompactString,
    /// The election as the record names it.
    election: CompactString,
}

impl Ident {
    /// The ident of `record`, kept while it may be undone by `inverse`.
    fn kept(record: Record, inverse: Option<&Inverse>) -> Ident {
        match (record.action, inverse) {
            (
                Action::ElectionBallot { election, .. },
                Some(Inverse::Election(ElectionInverse::Ballot { .. })),
            ) => Ident::Ballot(Box::new(KeptBallot {
                time: record.time,
                secretary: record.secretary,
                election,
            })),
            (action, _) => Ident::Kept(Box::new(Record { action, ..record })),
        }
    }
}

#[derive(Clone, Debug)]
struct Entry {
    seq: u64,
    id: Ident,
    /// None: a barrier that cannot be undone.
    inverse: Option<Inverse>,
}

/// Which rules a record is checked against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rules {
    /// A record about to be written: every rule.
    New,
    /// A record already in a journal: the rules it was written under. Opening without a
    /// quorum was once allowed; such a journal still reads, and the verdict says NoQuorum.
    Replay,
}

/// Attendance and motions, replayed from a journal.
#[derive(Clone, Debug)]
pub struct Tally {
    session_id: String,
    seats: u32,
    quorum: Threshold,
    delegate_ids: Vec<String>,
    delegate_index: HashMap<String, usize>,
    marks: Vec<Option<Mark>>,
    present: u32,
    leave: u32,
    absent: u32,
    motions: Vec<MotionTally>,
    motion_index: HashMap<String, usize>,
    elections: Vec<ElectionTally>,
    election_index: HashMap<String, usize>,
    stack: Vec<Entry>,
    records: u64,
}

/// A journal whose records do not replay: which record, and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("record {seq}: {error}")]
pub struct ReplayError {
    pub seq: u64,
    pub error: ActionError,
}

impl Tally {
    /// An empty tally: nobody marked, no motion opened.
    pub fn new(session: &Session) -> Self {
        let delegate_ids: Vec<String> = session.roster.iter().map(|d| d.id.clone()).collect();
        let delegate_index = delegate_ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i))
            .collect();
        let n = delegate_ids.len();
        let motions: Vec<MotionTally> = session
            .motions
            .iter()
            .map(|m| MotionTally {
                id: m.id.clone(),
                title: m.title.clone(),
                method: m.method,
                rule: m.rule,
                state: MotionState::NotOpen,
                choices: if m.method == VotingMethod::RollCall {
                    vec![None; n]
                } else {
                    Vec::new()
                },
                counts: Counts::default(),
                counted: m.method == VotingMethod::RollCall,
                frozen: None,
                audit: Vec::new(),
            })
            .collect();
        let motion_index = motions
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.clone(), i))
            .collect();
        let elections: Vec<ElectionTally> =
            session.elections.iter().map(ElectionTally::new).collect();
        let election_index = elections
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        Tally {
            session_id: session.id.clone(),
            seats: session.seats,
            quorum: session.quorum,
            delegate_ids,
            delegate_index,
            marks: vec![None; n],
            present: 0,
            leave: 0,
            absent: 0,
            motions,
            motion_index,
            elections,
            election_index,
            stack: Vec::new(),
            records: 0,
        }
    }

    /// Replays records in order; the first refused record stops the replay.
    pub fn replay(session: &Session, records: &[Record]) -> Result<Tally, ReplayError> {
        let mut t = Tally::new(session);
        for (i, r) in records.iter().enumerate() {
            t.apply_written(records, i)
                .map_err(|error| ReplayError { seq: r.seq, error })?;
        }
        t.settle(records);
        Ok(t)
    }

    /// Applies `records[i]`, a record already written to a journal, under the rules it was
    /// written under; its id is worked out from `records` only if an undo asks for it, so
    /// nothing is hashed or copied per record. Call [`Tally::settle`] with the same
    /// `records` before they go. (A replay, or a fold of a folder's journals, which goes on
    /// past a refused record.)
    pub(super) fn apply_written(
        &mut self,
        records: &[Record],
        i: usize,
    ) -> Result<(), ActionError> {
        self.apply_with(&records[i], || Ident::Pending(i), records, Rules::Replay)
    }

    /// The tally outlives the `records` of [`Tally::apply_written`]: what may still be undone
    /// needs its id now.
    pub(super) fn settle(&mut self, records: &[Record]) {
        for e in &mut self.stack {
            if let Ident::Pending(i) = e.id {
                e.id = Ident::Id(records.get(i).map(Record::id).unwrap_or_default());
            }
        }
    }

    pub fn session_id(&self) -> &str {
        &self.session_id
    }

    /// How many records have been applied (header included).
    pub fn records_applied(&self) -> u64 {
        self.records
    }

    /// Live attendance.
    pub fn attendance(&self) -> Attendance {
        let marked = self.present + self.leave + self.absent;
        Attendance {
            seated: self.seats,
            present: self.present,
            leave: self.leave,
            absent: self.absent,
            unmarked: u32::try_from(self.marks.len())
                .unwrap_or(u32::MAX)
                .saturating_sub(marked),
            quorum_required: self.quorum.required(self.seats),
            quorate: self.quorum.is_met(self.present, self.seats),
        }
    }

    /// How many more delegates must sign in before a motion may be opened: 0 when the
    /// quorum is met, None when the quorum rule cannot be met at all (Organic Law Art. 14
    /// ¶4: 「地方各级人民代表大会会议有三分之二以上的代表出席，始得举行。」).
    pub fn quorum_shortfall(&self) -> Option<u32> {
        let required = self.quorum.required(self.seats)?;
        Some(required.saturating_sub(self.present))
    }

    /// Roster ids, in roster order (the index used by [`Tally::mark`] and choices).
    pub fn delegate_ids(&self) -> &[String] {
        &self.delegate_ids
    }

    /// Roster index of a delegate id.
    pub fn delegate_index(&self, id: &str) -> Option<usize> {
        self.delegate_index.get(id).copied()
    }

    /// A delegate's mark by roster index.
    pub fn mark(&self, delegate: usize) -> Option<Mark> {
        self.marks.get(delegate).copied().flatten()
    }

    /// Ids of delegates not marked yet (for "mark the rest absent").
    pub fn unmarked_ids(&self) -> Vec<CompactString> {
        self.marks
            .iter()
            .zip(&self.delegate_ids)
            .filter(|(m, _)| m.is_none())
            .map(|(_, id)| id.as_str().into())
            .collect()
    }

    pub fn motions(&self) -> &[MotionTally] {
        &self.motions
    }

    pub fn motion(&self, id: &str) -> Option<&MotionTally> {
        self.motion_index.get(id).map(|&i| &self.motions[i])
    }

    pub fn elections(&self) -> &[ElectionTally] {
        &self.elections
    }

    pub fn election(&self, id: &str) -> Option<&ElectionTally> {
        self.election_index.get(id).map(|&i| &self.elections[i])
    }

    /// All seated delegates: the base of an election's majority (Art. 25, Art. 29).
    pub fn seated(&self) -> u32 {
        self.seats
    }

    /// Counts, base, threshold and verdict of a motion.
    pub fn result(&self, motion: &MotionTally) -> MotionResult {
        let present = motion.frozen.map_or(self.present, |f| f.present);
        let counts = motion.counts;
        let base = match motion.rule.base {
            Base::Seated => self.seats,
            Base::Present => present,
            Base::Cast => u32::try_from(counts.cast()).unwrap_or(u32::MAX),
        };
        let verdict = if motion.state != MotionState::Closed {
            Verdict::Pending
        } else if motion.frozen.is_some_and(|f| !f.quorate) {
            Verdict::NoQuorum
        } else if motion.rule.is_met(counts.yes, base) {
            Verdict::Passed
        } else {
            Verdict::NotPassed
        };
        let not_voting = if motion.counted {
            u64::from(present).saturating_sub(counts.participants())
        } else {
            0
        };
        MotionResult {
            counts,
            not_voting: u32::try_from(not_voting).unwrap_or(u32::MAX),
            base,
            required: motion.rule.required(base),
            verdict,
        }
    }

    /// The result closing `motion` now would freeze: today's attendance, today's counts.
    /// What the window asks the secretary to confirm before recording the close.
    pub fn result_if_closed_now(&self, motion: &MotionTally) -> MotionResult {
        let mut closed = motion.clone();
        closed.state = MotionState::Closed;
        closed.frozen = Some(self.attendance());
        self.result(&closed)
    }

    /// The seq of the record an `Undo` would compensate now, if any.
    pub fn undoable(&self) -> Option<u64> {
        self.stack
            .last()
            .filter(|e| e.inverse.is_some())
            .map(|e| e.seq)
    }

    /// Whether an `Undo` now would take back one ballot (唱票) of `election`: the window's
    /// "undo last ballot" must not take back anything else.
    pub fn undo_takes_back_a_ballot_of(&self, election: &str) -> bool {
        match self.stack.last().and_then(|e| e.inverse.as_ref()) {
            Some(Inverse::Election(ElectionInverse::Ballot { election: i, .. })) => {
                self.elections.get(*i).is_some_and(|e| e.id == election)
            }
            _ => false,
        }
    }

    /// The `Undo` action that compensates the most recent record still in effect.
    pub fn undo_action(&self) -> Option<Action> {
        let e = self.stack.last().filter(|e| e.inverse.is_some())?;
        Some(Action::Undo {
            seq: e.seq,
            record: entry_id(e, &[], &self.elections)?.into_owned(),
        })
    }

    fn delegate(&self, id: &str) -> Result<usize, ActionError> {
        self.delegate_index(id)
            .ok_or_else(|| ActionError::UnknownDelegate(id.to_string()))
    }

    fn motion_idx(&self, id: &str) -> Result<usize, ActionError> {
        self.motion_index
            .get(id)
            .copied()
            .ok_or_else(|| ActionError::UnknownMotion(id.to_string()))
    }

    /// A motion that is open, for votes and totals.
    fn open_motion(&self, id: &str) -> Result<usize, ActionError> {
        let i = self.motion_idx(id)?;
        match self.motions[i].state {
            MotionState::Open => Ok(i),
            MotionState::NotOpen => Err(ActionError::NotOpen(id.to_string())),
            MotionState::Closed => Err(ActionError::Closed(id.to_string())),
        }
    }

    /// Whether `action` may be recorded now. Does not change anything.
    pub fn validate(&self, action: &Action) -> Result<(), ActionError> {
        self.check(action, &[], Rules::New)
    }

    /// [`Tally::validate`] during a replay of `records`, where ids may still be pending.
    fn check(&self, action: &Action, records: &[Record], rules: Rules) -> Result<(), ActionError> {
        match action {
            Action::Begin { .. } => {
                if self.records == 0 {
                    Ok(())
                } else {
                    Err(ActionError::MisplacedBegin)
                }
            }
            Action::Attendance { mark, delegates } => self.check_attendance(*mark, delegates),
            Action::Open { motion } => {
                let i = self.motion_idx(motion)?;
                match self.motions[i].state {
                    MotionState::NotOpen => {}
                    MotionState::Open => return Err(ActionError::AlreadyOpen(motion.to_string())),
                    MotionState::Closed => {
                        return Err(ActionError::AlreadyClosed(motion.to_string()));
                    }
                }
                // Art. 14 ¶4: no vote unless the sitting may be held. Journals recorded before
                // this rule still replay; their verdicts say NoQuorum instead.
                match (rules, self.quorum_shortfall()) {
                    (Rules::Replay, _) | (Rules::New, Some(0)) => Ok(()),
                    (Rules::New, short) => Err(ActionError::NoQuorum {
                        motion: motion.to_string(),
                        present: self.present,
                        short,
                    }),
                }
            }
            Action::Vote {
                motion, delegate, ..
            } => {
                let d = self.delegate(delegate)?;
                let i = self.open_motion(motion)?;
                if self.motions[i].method != VotingMethod::RollCall {
                    return Err(ActionError::NotRollCall(motion.to_string()));
                }
                if self.marks[d] != Some(Mark::Present) {
                    return Err(ActionError::NotPresent(delegate.to_string()));
                }
                Ok(())
            }
            Action::Counts {
                motion,
                yes,
                no,
                abstain,
                invalid,
            } => {
                let i = self.open_motion(motion)?;
                let m = &self.motions[i];
                match m.method {
                    VotingMethod::RollCall => {
                        return Err(ActionError::IsRollCall(motion.to_string()));
                    }
                    VotingMethod::ShowOfHands if *invalid > 0 => {
                        return Err(ActionError::InvalidOnShowOfHands(motion.to_string()));
                    }
                    _ => {}
                }
                let c = Counts {
                    yes: *yes,
                    no: *no,
                    abstain: *abstain,
                    invalid: *invalid,
                };
                if c.participants() > u64::from(self.present) {
                    return Err(ActionError::CountsExceedPresent {
                        motion: motion.to_string(),
                        total: c.participants(),
                        present: self.present,
                    });
                }
                Ok(())
            }
            Action::Close { motion } => {
                let i = self.open_motion(motion)?;
                if !self.motions[i].counted {
                    return Err(ActionError::NoCounts(motion.to_string()));
                }
                Ok(())
            }
            Action::Reopen { motion, reason } => {
                let i = self.motion_idx(motion)?;
                if self.motions[i].state != MotionState::Closed {
                    return Err(ActionError::NotClosed(motion.to_string()));
                }
                if reason.trim().is_empty() {
                    return Err(ActionError::EmptyReason);
                }
                // Attendance may have changed since the close: the reopened vote must still
                // be consistent with who is present now.
                let m = &self.motions[i];
                for (d, c) in m.choices.iter().enumerate() {
                    if c.is_some() && self.marks[d] != Some(Mark::Present) {
                        return Err(ActionError::NotPresent(self.delegate_ids[d].clone()));
                    }
                }
                if m.counts.participants() > u64::from(self.present) {
                    return Err(ActionError::BelowCounts {
                        motion: motion.to_string(),
                        counted: m.counts.participants(),
                        present: self.present,
                    });
                }
                Ok(())
            }
            Action::ElectionOpen { .. }
            | Action::ElectionBallots { .. }
            | Action::ElectionBallot { .. }
            | Action::ElectionCounts { .. }
            | Action::ElectionInvalid { .. }
            | Action::ElectionClose { .. }
            | Action::ElectionReopen { .. } => election_tally::check(
                &self.elections,
                &self.election_index,
                &election_tally::Context {
                    seated: self.seats,
                    present: self.present,
                    shortfall: self.quorum_shortfall(),
                },
                action,
            ),
            Action::Undo { seq, record } => match self.stack.last() {
                Some(e)
                    if e.inverse.is_some()
                        && entry_id(e, records, &self.elections).as_deref() == Some(record) =>
                {
                    Ok(())
                }
                Some(e) if e.inverse.is_some() => Err(ActionError::CannotUndo(*seq)),
                _ => Err(ActionError::NothingToUndo),
            },
        }
    }

    fn check_attendance(&self, mark: Mark, delegates: &[CompactString]) -> Result<(), ActionError> {
        if delegates.is_empty() {
            return Err(ActionError::NoDelegates);
        }
        let mut seen = std::collections::HashSet::with_capacity(delegates.len());
        let mut present = i64::from(self.present);
        for id in delegates {
            let d = self.delegate(id)?;
            if !seen.insert(d) {
                return Err(ActionError::DuplicateDelegate(id.to_string()));
            }
            let was = self.marks[d] == Some(Mark::Present);
            let now = mark == Mark::Present;
            if was && !now {
                present -= 1;
                if let Some(m) = self
                    .motions
                    .iter()
                    .find(|m| m.state == MotionState::Open && m.choice(d).is_some())
                {
                    return Err(ActionError::HasVoted {
                        delegate: id.to_string(),
                        motion: m.id.clone(),
                    });
                }
            } else if !was && now {
                present += 1;
            }
        }
        let present = u32::try_from(present).unwrap_or(0);
        if let Some((e, issued)) = election_tally::most_issued_open(&self.elections)
            && issued > present
        {
            return Err(ActionError::BelowCounts {
                motion: e.to_string(),
                counted: u64::from(issued),
                present,
            });
        }
        if let Some(m) = self
            .motions
            .iter()
            .find(|m| m.state == MotionState::Open && m.counts.participants() > u64::from(present))
        {
            return Err(ActionError::BelowCounts {
                motion: m.id.clone(),
                counted: m.counts.participants(),
                present,
            });
        }
        Ok(())
    }

    /// Checks and applies one record; on refusal nothing changes.
    pub fn apply(&mut self, record: &Record) -> Result<(), ActionError> {
        self.apply_with(record, || Ident::Id(record.id()), &[], Rules::New)
    }

    /// [`Tally::apply`] for the next record of a journal being read: the tally keeps the
    /// record (not its id, which only an `Undo` reads) while it may still be undone.
    pub fn apply_owned(&mut self, record: Record) -> Result<(), ActionError> {
        self.check(&record.action, &[], Rules::Replay)?;
        let inverse = self.apply_unchecked(record.seq, &record.action);
        let (seq, is_undo) = (record.seq, matches!(record.action, Action::Undo { .. }));
        let id = Ident::kept(record, inverse.as_ref());
        self.stack_entry(seq, is_undo, inverse, || id);
        self.records += 1;
        Ok(())
    }

    /// [`Tally::apply`] with the record's id made by `id` if it is needed (or pending in
    /// `records`).
    fn apply_with(
        &mut self,
        record: &Record,
        id: impl FnOnce() -> Ident,
        records: &[Record],
        rules: Rules,
    ) -> Result<(), ActionError> {
        self.check(&record.action, records, rules)?;
        let inverse = self.apply_unchecked(record.seq, &record.action);
        let is_undo = matches!(record.action, Action::Undo { .. });
        self.stack_entry(record.seq, is_undo, inverse, id);
        self.records += 1;
        Ok(())
    }

    /// Stacks what undoes record `seq` (an undo itself is not stacked).
    fn stack_entry(
        &mut self,
        seq: u64,
        is_undo: bool,
        inverse: Option<Inverse>,
        id: impl FnOnce() -> Ident,
    ) {
        if is_undo {
            return;
        }
        let id = match inverse {
            Some(_) => id(),
            None => {
                // Nothing at or before a barrier can be undone, and undo only ever looks at
                // the top of the stack: what lies below is dead weight. No id needed.
                self.stack.clear();
                Ident::Id(String::new())
            }
        };
        self.stack.push(Entry { seq, id, inverse });
    }

    fn set_mark(&mut self, d: usize, mark: Option<Mark>) {
        if let Some(old) = self.marks[d] {
            *self.counter_mut(old) -= 1;
        }
        if let Some(new) = mark {
            *self.counter_mut(new) += 1;
        }
        self.marks[d] = mark;
    }

    fn counter_mut(&mut self, m: Mark) -> &mut u32 {
        match m {
            Mark::Present => &mut self.present,
            Mark::Leave => &mut self.leave,
            Mark::Absent => &mut self.absent,
        }
    }

    fn set_choice(&mut self, motion: usize, d: usize, choice: Option<Choice>) {
        let m = &mut self.motions[motion];
        if let Some(old) = m.choices[d] {
            *choice_counter(&mut m.counts, old) -= 1;
        }
        if let Some(new) = choice {
            *choice_counter(&mut m.counts, new) += 1;
        }
        m.choices[d] = choice;
    }

    /// Applies a validated action; returns how to take it back (None for barriers).
    fn apply_unchecked(&mut self, seq: u64, action: &Action) -> Option<Inverse> {
        if let Some(id) = action.motion()
            && let Some(&i) = self.motion_index.get(id)
        {
            self.motions[i].audit.push(seq);
        }
        match action {
            Action::Begin { .. } | Action::Close { .. } | Action::Reopen { .. } => {
                self.apply_barrier(action);
                None
            }
            Action::Attendance { mark, delegates } => {
                let mut prev = Vec::with_capacity(delegates.len());
                for id in delegates {
                    if let Some(d) = self.delegate_index(id) {
                        prev.push((d, self.marks[d]));
                        self.set_mark(d, Some(*mark));
                    }
                }
                Some(Inverse::Attendance(prev))
            }
            Action::Open { motion } => {
                let i = self.motion_index.get(motion.as_str()).copied()?;
                self.motions[i].state = MotionState::Open;
                Some(Inverse::Open(i))
            }
            Action::Vote {
                motion,
                delegate,
                choice,
            } => {
                let i = self.motion_index.get(motion.as_str()).copied()?;
                let d = self.delegate_index(delegate)?;
                let prev = self.motions[i].choices[d];
                self.set_choice(i, d, Some(*choice));
                Some(Inverse::Vote {
                    motion: i,
                    delegate: d,
                    prev,
                })
            }
            Action::Counts {
                motion,
                yes,
                no,
                abstain,
                invalid,
            } => {
                let i = self.motion_index.get(motion.as_str()).copied()?;
                let m = &mut self.motions[i];
                let inv = Inverse::Counts {
                    motion: i,
                    prev: m.counts,
                    prev_counted: m.counted,
                };
                m.counts = Counts {
                    yes: *yes,
                    no: *no,
                    abstain: *abstain,
                    invalid: *invalid,
                };
                m.counted = true;
                Some(inv)
            }
            Action::ElectionOpen { .. }
            | Action::ElectionBallots { .. }
            | Action::ElectionBallot { .. }
            | Action::ElectionCounts { .. }
            | Action::ElectionInvalid { .. }
            | Action::ElectionClose { .. }
            | Action::ElectionReopen { .. } => {
                let snapshot = self.attendance();
                election_tally::apply(
                    &mut self.elections,
                    &self.election_index,
                    self.seats,
                    seq,
                    action,
                    snapshot,
                )
                .map(Inverse::Election)
            }
            Action::Undo { .. } => {
                if let Some(Entry {
                    inverse: Some(inv), ..
                }) = self.stack.pop()
                {
                    self.undo(seq, inv);
                }
                None
            }
        }
    }

    fn apply_barrier(&mut self, action: &Action) {
        match action {
            Action::Close { motion } => {
                let snapshot = self.attendance();
                if let Some(&i) = self.motion_index.get(motion.as_str()) {
                    self.motions[i].state = MotionState::Closed;
                    self.motions[i].frozen = Some(snapshot);
                }
            }
            Action::Reopen { motion, .. } => {
                if let Some(&i) = self.motion_index.get(motion.as_str()) {
                    self.motions[i].state = MotionState::Open;
                    self.motions[i].frozen = None;
                }
            }
            _ => {}
        }
    }

    fn undo(&mut self, seq: u64, inv: Inverse) {
        match inv {
            Inverse::Attendance(prev) => {
                for (d, mark) in prev.into_iter().rev() {
                    self.set_mark(d, mark);
                }
            }
            Inverse::Open(i) => {
                self.motions[i].state = MotionState::NotOpen;
                self.motions[i].audit.push(seq);
            }
            Inverse::Vote {
                motion,
                delegate,
                prev,
            } => {
                self.set_choice(motion, delegate, prev);
                self.motions[motion].audit.push(seq);
            }
            Inverse::Counts {
                motion,
                prev,
                prev_counted,
            } => {
                let m = &mut self.motions[motion];
                m.counts = prev;
                m.counted = prev_counted;
                m.audit.push(seq);
            }
            Inverse::Election(inv) => election_tally::undo(&mut self.elections, seq, inv),
        }
    }
}

/// An entry's record id: known, or computed from the replay's `records`, the record kept,
/// or a ballot's inverse and its round's candidates.
fn entry_id<'a>(
    e: &'a Entry,
    records: &[Record],
    elections: &[ElectionTally],
) -> Option<std::borrow::Cow<'a, str>> {
    match &e.id {
        Ident::Id(id) => Some(std::borrow::Cow::Borrowed(id)),
        Ident::Pending(i) => records.get(*i).map(|r| std::borrow::Cow::Owned(r.id())),
        Ident::Kept(r) => Some(std::borrow::Cow::Owned(r.id())),
        Ident::Ballot(b) => {
            let Some(Inverse::Election(ElectionInverse::Ballot { election, counted })) = &e.inverse
            else {
                return None;
            };
            let action = election_tally::ballot_action(elections, *election, &b.election, counted)?;
            Some(std::borrow::Cow::Owned(record_id(
                &b.time,
                &b.secretary,
                &action,
            )))
        }
    }
}

fn choice_counter(c: &mut Counts, ch: Choice) -> &mut u32 {
    match ch {
        Choice::Yes => &mut c.yes,
        Choice::No => &mut c.no,
        Choice::Abstain => &mut c.abstain,
    }
}

/// Free-function form of [`Tally::validate`], for callers that read better that way.
pub fn validate(tally: &Tally, action: &Action) -> Result<(), ActionError> {
    tally.validate(action)
}
