//! Elections in the tally: each election's rounds, folded from the journal's election
//! actions; the result of a closed round comes from [`crate::model::election_count`].
//!
//! Rules (the same in the window and on the command line):
//! - A round opens only with a quorum present. The first round has the file's candidates;
//!   later rounds are what the last closed round calls for: the same ballot after a void
//!   round, a tie ballot among the tied, a further election of the next by votes or of new
//!   nominees. Nominees are allowed only for a further election, and checked by Art. 27/30.
//! - Ballots issued and returned are recorded before any count; issued ≤ present.
//! - A round is counted either ballot by ballot or from the counting sheet (candidate totals
//!   and invalid ballots), not both. Ballots counted ≤ returned; each candidate's totals
//!   ≤ valid ballots (returned − invalid). Ballots commute: their order never matters.
//! - Close needs every returned ballot counted (ballot by ballot) and freezes attendance;
//!   a closed round is locked, reopened only with a reason (the last round only).

use std::collections::BTreeMap;

use compact_str::CompactString;
use rustc_hash::FxHashMap as HashMap;

use super::action::{Action, Choice};
use super::error::ActionError;
use super::tally::{Attendance, MotionState};
use crate::model::election_count::{self, Next, RoundInput, RoundKind, RoundResult, Totals};
use crate::model::{BallotRules, Election, Post, candidates_rule};

/// 赞成 / 反对 / 弃权 for one person in one round.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Marks {
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
}

impl Marks {
    fn sum(self) -> u64 {
        u64::from(self.yes) + u64::from(self.no) + u64::from(self.abstain)
    }
}

/// One round of an election.
#[derive(Clone, Debug)]
pub struct RoundTally {
    /// 1, 2, …
    pub number: u32,
    pub kind: RoundKind,
    /// Seats this round fills.
    pub seats: u32,
    /// Names on this round's ballot, in ballot order.
    pub candidates: Vec<CompactString>,
    index: HashMap<CompactString, usize>,
    /// Open or Closed (a round exists once opened).
    pub state: MotionState,
    /// (issued, returned), once recorded.
    pub ballots: Option<(u32, u32)>,
    /// Ballot by ballot: marks per candidate, write-ins by name, ballots counted.
    marks: Vec<Marks>,
    write_ins: BTreeMap<CompactString, u32>,
    valid_ballots: u32,
    invalid_ballots: u32,
    /// From the counting sheet: per candidate, per written-in person, invalid ballots.
    typed: Vec<Option<Marks>>,
    typed_write_ins: BTreeMap<CompactString, Marks>,
    typed_invalid: Option<u32>,
    /// Attendance when it was closed; None while open.
    pub frozen: Option<Attendance>,
}

/// How the round's counts were entered so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Entry {
    None,
    Ballots,
    Sheet,
}

impl RoundTally {
    fn new(number: u32, kind: RoundKind, seats: u32, candidates: Vec<CompactString>) -> Self {
        let index = candidates
            .iter()
            .enumerate()
            .map(|(i, c)| (c.clone(), i))
            .collect();
        let n = candidates.len();
        RoundTally {
            number,
            kind,
            seats,
            candidates,
            index,
            state: MotionState::Open,
            ballots: None,
            marks: vec![Marks::default(); n],
            write_ins: BTreeMap::new(),
            valid_ballots: 0,
            invalid_ballots: 0,
            typed: vec![None; n],
            typed_write_ins: BTreeMap::new(),
            typed_invalid: None,
            frozen: None,
        }
    }

    fn entry(&self) -> Entry {
        if self.valid_ballots + self.invalid_ballots > 0 {
            Entry::Ballots
        } else if self.typed_invalid.is_some()
            || !self.typed_write_ins.is_empty()
            || self.typed.iter().any(Option::is_some)
        {
            Entry::Sheet
        } else {
            Entry::None
        }
    }

    /// Ballots counted one by one so far (valid + invalid).
    pub fn ballots_counted(&self) -> u32 {
        self.valid_ballots + self.invalid_ballots
    }

    /// Invalid ballots (废票).
    pub fn invalid(&self) -> u32 {
        match self.entry() {
            Entry::Sheet => self.typed_invalid.unwrap_or(0),
            _ => self.invalid_ballots,
        }
    }

    /// Valid ballots: counted one by one, or returned − invalid from the counting sheet.
    pub fn valid(&self) -> u32 {
        match self.entry() {
            Entry::Ballots => self.valid_ballots,
            _ => self
                .ballots
                .map_or(0, |(_, r)| r.saturating_sub(self.invalid())),
        }
    }

    /// Each person's totals: the candidates in ballot order, then write-ins by name.
    pub fn totals(&self) -> Vec<Totals> {
        let sheet = self.entry() == Entry::Sheet;
        let mut out: Vec<Totals> = self
            .candidates
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let m = if sheet {
                    self.typed[i].unwrap_or_default()
                } else {
                    self.marks[i]
                };
                Totals {
                    name: name.to_string(),
                    written_in: false,
                    yes: m.yes,
                    no: m.no,
                    abstain: m.abstain,
                }
            })
            .collect();
        let write_in = |(name, m): (&CompactString, Marks)| Totals {
            name: name.to_string(),
            written_in: true,
            yes: m.yes,
            no: m.no,
            abstain: m.abstain,
        };
        if sheet {
            out.extend(self.typed_write_ins.iter().map(|(n, m)| write_in((n, *m))));
        } else {
            out.extend(self.write_ins.iter().map(|(n, &yes)| {
                write_in((
                    n,
                    Marks {
                        yes,
                        ..Marks::default()
                    },
                ))
            }));
        }
        out
    }
}

/// One election's live state.
#[derive(Clone, Debug)]
pub struct ElectionTally {
    pub id: String,
    pub office: String,
    pub post: Post,
    /// 应选名额 of the whole election.
    pub seats: u32,
    pub rules: BallotRules,
    candidates: Vec<CompactString>,
    pub rounds: Vec<RoundTally>,
    /// Seq of every record that touched this election, in order (undos included).
    pub audit: Vec<u64>,
}

/// How to take back one election record.
#[derive(Clone, Debug)]
pub(super) enum ElectionInverse {
    Open(usize),
    Ballots {
        election: usize,
        prev: Option<(u32, u32)>,
    },
    Ballot {
        election: usize,
        counted: Counted,
    },
    Counts {
        election: usize,
        name: CompactString,
        prev: Option<Marks>,
    },
    Invalid {
        election: usize,
        prev: Option<u32>,
    },
}

/// One ballot as written, by the positions of its names in the round's candidate list: those
/// marked 赞成, then 反对, then 弃权, each in the ballot's own order. Enough to take the ballot
/// back, and to rebuild its record for the record's id, so that the tally need not keep the
/// record itself while the ballot may still be undone (a round of thousands of ballots of
/// hundreds of names stays undoable until it closes; a name is four bytes here).
#[derive(Clone, Debug)]
pub(super) struct Counted {
    valid: bool,
    spoiled: bool,
    order: Box<[u32]>,
    /// How many of `order` are 赞成, then how many 反对; the rest are 弃权.
    yes: usize,
    no: usize,
    write_ins: Vec<CompactString>,
}

impl Counted {
    /// Each marked candidate's position with its mark, in the ballot's order.
    fn marked(&self) -> impl Iterator<Item = (usize, Choice)> + '_ {
        self.order.iter().enumerate().map(|(k, &i)| {
            let mark = if k < self.yes {
                Choice::Yes
            } else if k < self.yes + self.no {
                Choice::No
            } else {
                Choice::Abstain
            };
            (i as usize, mark)
        })
    }
}

/// The ballot record `counted` was made from, as recorded for `election` (its id as the record
/// spells it): None if the round it was cast in is gone.
pub(super) fn ballot_action(
    elections: &[ElectionTally],
    ei: usize,
    election: &CompactString,
    counted: &Counted,
) -> Option<Action> {
    let r = elections.get(ei)?.rounds.last()?;
    let names = |range: std::ops::Range<usize>| -> Option<Vec<CompactString>> {
        counted
            .order
            .get(range)?
            .iter()
            .map(|&i| r.candidates.get(i as usize).cloned())
            .collect()
    };
    let (y, n) = (counted.yes, counted.yes + counted.no);
    Some(Action::ElectionBallot {
        election: election.clone(),
        yes: names(0..y)?,
        no: names(y..n)?,
        abstain: names(n..counted.order.len())?,
        write_in: counted.write_ins.clone(),
        spoiled: counted.spoiled,
    })
}

impl ElectionTally {
    pub fn new(e: &Election) -> Self {
        ElectionTally {
            id: e.id.clone(),
            office: e.office.clone(),
            post: e.post,
            seats: e.seats,
            rules: e.rules,
            candidates: e
                .candidates
                .iter()
                .map(|c| c.name.as_str().into())
                .collect(),
            rounds: Vec::new(),
            audit: Vec::new(),
        }
    }

    /// The result of round `i` (None while it is open or if there is no such round).
    pub fn result(&self, i: usize, seated: u32) -> Option<RoundResult> {
        let r = self.rounds.get(i)?;
        let frozen = r.frozen?;
        let (issued, returned) = r.ballots.unwrap_or((0, 0));
        let totals = r.totals();
        Some(election_count::count(&RoundInput {
            post: self.post,
            kind: r.kind,
            rules: self.rules,
            seats: r.seats,
            seated,
            issued,
            returned,
            quorate: frozen.quorate,
            candidates: &totals,
        }))
    }

    /// Everyone elected so far, round by round.
    pub fn elected(&self, seated: u32) -> Vec<String> {
        (0..self.rounds.len())
            .filter_map(|i| self.result(i, seated))
            .flat_map(|r| r.elected)
            .collect()
    }

    /// What the last closed round calls for; `Some(Done)`-like None before the first round.
    pub fn next(&self, seated: u32) -> Option<Next> {
        let last = self.rounds.len().checked_sub(1)?;
        self.result(last, seated).map(|r| r.next)
    }

    /// The open round, if any.
    pub fn open_round(&self) -> Option<&RoundTally> {
        self.rounds.last().filter(|r| r.state == MotionState::Open)
    }
}

/// The state an election check needs from the rest of the tally.
pub(super) struct Context {
    pub seated: u32,
    pub present: u32,
    /// [`super::Tally::quorum_shortfall`]: the same quorum check as a motion's.
    pub shortfall: Option<u32>,
}

/// Whether a written-in name can stand on a ballot line (`+NAME`).
fn name_ok(name: &str) -> bool {
    !name.is_empty() && name.trim() == name && !name.starts_with('+') && !name.contains([',', '='])
}

/// The round the next `ElectionOpen` would open: (kind, seats, candidates).
fn next_round(
    e: &ElectionTally,
    nominees: &[CompactString],
    seated: u32,
) -> Result<(RoundKind, u32, Vec<CompactString>), ActionError> {
    let id = || e.id.clone();
    let Some(last) = e.rounds.last() else {
        if !nominees.is_empty() {
            return Err(ActionError::NominationNotAllowed(id()));
        }
        return Ok((RoundKind::First, e.seats, e.candidates.clone()));
    };
    if last.state == MotionState::Open {
        return Err(ActionError::RoundAlreadyOpen(id()));
    }
    let next = e.next(seated).unwrap_or(Next::Done);
    if !nominees.is_empty() && !matches!(next, Next::FurtherElection { .. }) {
        return Err(ActionError::NominationNotAllowed(id()));
    }
    match next {
        Next::Done => Err(ActionError::ElectionDone(id())),
        Next::Revote => {
            let kind = match last.kind {
                RoundKind::First => RoundKind::Revote,
                k => k,
            };
            Ok((kind, last.seats, last.candidates.clone()))
        }
        Next::TieBallot { seats, among } => Ok((
            RoundKind::TieBallot,
            seats,
            among.iter().map(|s| s.as_str().into()).collect(),
        )),
        Next::FurtherElection { seats, candidates } => {
            if nominees.is_empty() {
                let c = candidates.ok_or_else(|| ActionError::NeedsNomination(id()))?;
                return Ok((
                    RoundKind::Further,
                    seats,
                    c.iter().map(|s| s.as_str().into()).collect(),
                ));
            }
            let mut seen = std::collections::HashSet::new();
            for n in nominees {
                if !name_ok(n) {
                    return Err(ActionError::BadCandidateName(e.id.clone(), n.to_string()));
                }
                if !seen.insert(n) {
                    return Err(ActionError::DuplicateCandidate(e.id.clone(), n.to_string()));
                }
            }
            let n = u32::try_from(nominees.len()).unwrap_or(u32::MAX);
            candidates_rule(e.post, seats, n).map_err(|rule| ActionError::NomineesBreakLaw {
                election: id(),
                rule,
                seats,
                candidates: n,
            })?;
            Ok((RoundKind::Further, seats, nominees.to_vec()))
        }
    }
}

/// The open round of election `i`, for counts.
fn open_round(e: &ElectionTally) -> Result<&RoundTally, ActionError> {
    e.open_round()
        .ok_or_else(|| ActionError::RoundNotOpen(e.id.clone()))
}

/// The open round, with ballots issued and returned recorded.
fn counting_round(e: &ElectionTally) -> Result<(&RoundTally, u32, u32), ActionError> {
    let r = open_round(e)?;
    let (issued, returned) = r
        .ballots
        .ok_or_else(|| ActionError::NoBallotsIssued(e.id.clone()))?;
    Ok((r, issued, returned))
}

/// Whether a write-in is allowed in this round: never in a project vote (nobody to write
/// in) or a tie ballot (only the tied stand).
fn write_ins_allowed(e: &ElectionTally, r: &RoundTally) -> bool {
    e.post != Post::Project && r.kind != RoundKind::TieBallot
}

/// Checks an election action against the elections and the rest of the tally.
pub(super) fn check(
    elections: &[ElectionTally],
    index: &HashMap<String, usize>,
    cx: &Context,
    action: &Action,
) -> Result<(), ActionError> {
    let Some(id) = action.election() else {
        return Ok(());
    };
    let e = index
        .get(id)
        .and_then(|&i| elections.get(i))
        .ok_or_else(|| ActionError::UnknownElection(id.to_string()))?;
    match action {
        Action::ElectionOpen { nominees, .. } => {
            next_round(e, nominees, cx.seated)?;
            if cx.shortfall != Some(0) {
                return Err(ActionError::ElectionNoQuorum {
                    election: id.to_string(),
                    present: cx.present,
                    short: cx.shortfall,
                });
            }
            Ok(())
        }
        Action::ElectionBallots {
            issued, returned, ..
        } => {
            let r = open_round(e)?;
            if *issued > cx.present {
                return Err(ActionError::IssuedExceedPresent {
                    election: id.to_string(),
                    issued: *issued,
                    present: cx.present,
                });
            }
            let already = match r.entry() {
                Entry::Ballots => r.ballots_counted(),
                Entry::Sheet => sheet_needs(r),
                Entry::None => 0,
            };
            if already > *returned {
                return Err(ActionError::BallotsExceedReturned {
                    election: id.to_string(),
                    counted: u64::from(already),
                    returned: *returned,
                });
            }
            Ok(())
        }
        Action::ElectionBallot {
            yes,
            no,
            abstain,
            write_in,
            spoiled,
            ..
        } => {
            let (r, _, returned) = counting_round(e)?;
            if r.entry() == Entry::Sheet {
                return Err(ActionError::MixedEntry(id.to_string()));
            }
            if r.ballots_counted() >= returned {
                return Err(ActionError::BallotsExceedReturned {
                    election: id.to_string(),
                    counted: u64::from(r.ballots_counted()) + 1,
                    returned,
                });
            }
            if *spoiled
                && !(yes.is_empty() && no.is_empty() && abstain.is_empty() && write_in.is_empty())
            {
                return Err(ActionError::SpoiledWithMarks(id.to_string()));
            }
            // By position, not a set of names: a national ballot names 175 people, and
            // this runs once per ballot of a replay.
            let mut seen = vec![false; r.candidates.len()];
            for name in yes.iter().chain(no).chain(abstain) {
                let Some(&i) = r.index.get(name) else {
                    return Err(ActionError::UnknownCandidate(
                        id.to_string(),
                        name.to_string(),
                    ));
                };
                if std::mem::replace(&mut seen[i], true) {
                    return Err(ActionError::DuplicateCandidate(
                        id.to_string(),
                        name.to_string(),
                    ));
                }
            }
            if !write_in.is_empty() && !write_ins_allowed(e, r) {
                return Err(ActionError::NoWriteIns(id.to_string()));
            }
            for (k, name) in write_in.iter().enumerate() {
                if !name_ok(name) {
                    return Err(ActionError::BadCandidateName(
                        id.to_string(),
                        name.to_string(),
                    ));
                }
                if r.index.contains_key(name) {
                    return Err(ActionError::WriteInIsCandidate(
                        id.to_string(),
                        name.to_string(),
                    ));
                }
                if write_in[..k].contains(name) {
                    return Err(ActionError::DuplicateCandidate(
                        id.to_string(),
                        name.to_string(),
                    ));
                }
            }
            Ok(())
        }
        Action::ElectionCounts {
            name,
            yes,
            no,
            abstain,
            ..
        } => {
            let (r, _, returned) = counting_round(e)?;
            if r.entry() == Entry::Ballots {
                return Err(ActionError::MixedEntry(id.to_string()));
            }
            if !r.index.contains_key(name) {
                if !write_ins_allowed(e, r) {
                    return Err(ActionError::UnknownCandidate(
                        id.to_string(),
                        name.to_string(),
                    ));
                }
                if !name_ok(name) {
                    return Err(ActionError::BadCandidateName(
                        id.to_string(),
                        name.to_string(),
                    ));
                }
                // Art. 28: a written-in person can only have been voted for.
                if *no > 0 || *abstain > 0 {
                    return Err(ActionError::WriteInOnlyYes(
                        id.to_string(),
                        name.to_string(),
                    ));
                }
            }
            let m = Marks {
                yes: *yes,
                no: *no,
                abstain: *abstain,
            };
            let valid = returned.saturating_sub(r.typed_invalid.unwrap_or(0));
            if m.sum() > u64::from(valid) {
                return Err(ActionError::CountsExceedValid {
                    election: id.to_string(),
                    name: name.to_string(),
                    total: m.sum(),
                    valid,
                });
            }
            Ok(())
        }
        Action::ElectionInvalid { invalid, .. } => {
            let (r, _, returned) = counting_round(e)?;
            if r.entry() == Entry::Ballots {
                return Err(ActionError::MixedEntry(id.to_string()));
            }
            let most = most_typed(r);
            if u64::from(*invalid) + most > u64::from(returned) {
                return Err(ActionError::BallotsExceedReturned {
                    election: id.to_string(),
                    counted: u64::from(*invalid) + most,
                    returned,
                });
            }
            Ok(())
        }
        Action::ElectionClose { .. } => {
            let (r, issued, returned) = counting_round(e)?;
            let void = !election_count::returns_valid(&e.rules, issued, returned);
            match r.entry() {
                Entry::Ballots if !void && r.ballots_counted() < returned => {
                    Err(ActionError::BallotsNotAllCounted {
                        election: id.to_string(),
                        counted: r.ballots_counted(),
                        returned,
                    })
                }
                Entry::None if !void && returned > 0 => {
                    Err(ActionError::RoundNotCounted(id.to_string()))
                }
                _ => Ok(()),
            }
        }
        Action::ElectionReopen { reason, .. } => {
            let r = e
                .rounds
                .last()
                .filter(|r| r.state == MotionState::Closed)
                .ok_or_else(|| ActionError::RoundNotClosed(id.to_string()))?;
            if reason.trim().is_empty() {
                return Err(ActionError::EmptyReason);
            }
            if let Some((issued, _)) = r.ballots
                && issued > cx.present
            {
                return Err(ActionError::BelowCounts {
                    motion: id.to_string(),
                    counted: u64::from(issued),
                    present: cx.present,
                });
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The largest yes + no + abstain typed for one person from the counting sheet.
fn most_typed(r: &RoundTally) -> u64 {
    r.typed
        .iter()
        .flatten()
        .chain(r.typed_write_ins.values())
        .map(|m| m.sum())
        .max()
        .unwrap_or(0)
}

/// The fewest returned ballots the counting sheet entered so far fits in.
fn sheet_needs(r: &RoundTally) -> u32 {
    u32::try_from(u64::from(r.typed_invalid.unwrap_or(0)) + most_typed(r)).unwrap_or(u32::MAX)
}

/// Applies a checked election action; returns how to take it back (None: a barrier).
/// `snapshot` is the attendance a close freezes.
pub(super) fn apply(
    elections: &mut [ElectionTally],
    index: &HashMap<String, usize>,
    seated: u32,
    seq: u64,
    action: &Action,
    snapshot: Attendance,
) -> Option<ElectionInverse> {
    let ei = *index.get(action.election()?)?;
    elections[ei].audit.push(seq);
    let e = &mut elections[ei];
    match action {
        Action::ElectionOpen { nominees, .. } => {
            let (kind, seats, candidates) = next_round(e, nominees, seated).ok()?;
            let number = u32::try_from(e.rounds.len() + 1).unwrap_or(u32::MAX);
            e.rounds
                .push(RoundTally::new(number, kind, seats, candidates));
            Some(ElectionInverse::Open(ei))
        }
        Action::ElectionBallots {
            issued, returned, ..
        } => {
            let r = e.rounds.last_mut()?;
            let prev = r.ballots.replace((*issued, *returned));
            Some(ElectionInverse::Ballots { election: ei, prev })
        }
        Action::ElectionBallot {
            yes,
            no,
            abstain,
            write_in,
            spoiled,
            ..
        } => {
            let rules = e.rules;
            let r = e.rounds.last_mut()?;
            let valid = !spoiled
                && election_count::ballot_valid(&rules, yes.len() + write_in.len(), r.seats);
            // Checked before: every name is one of the round's candidates.
            let order = yes
                .iter()
                .chain(no)
                .chain(abstain)
                .map(|name| r.index.get(name).and_then(|&i| u32::try_from(i).ok()))
                .collect::<Option<Box<[u32]>>>()?;
            let counted = Counted {
                valid,
                spoiled: *spoiled,
                order,
                yes: yes.len(),
                no: no.len(),
                write_ins: write_in.clone(),
            };
            add_ballot(r, &counted, true);
            Some(ElectionInverse::Ballot {
                election: ei,
                counted,
            })
        }
        Action::ElectionCounts {
            name,
            yes,
            no,
            abstain,
            ..
        } => {
            let r = e.rounds.last_mut()?;
            let m = Marks {
                yes: *yes,
                no: *no,
                abstain: *abstain,
            };
            let prev = match r.index.get(name) {
                Some(&i) => r.typed[i].replace(m),
                None => r.typed_write_ins.insert(name.clone(), m),
            };
            Some(ElectionInverse::Counts {
                election: ei,
                name: name.clone(),
                prev,
            })
        }
        Action::ElectionInvalid { invalid, .. } => {
            let r = e.rounds.last_mut()?;
            let prev = r.typed_invalid.replace(*invalid);
            Some(ElectionInverse::Invalid { election: ei, prev })
        }
        Action::ElectionClose { .. } => {
            if let Some(r) = e.rounds.last_mut() {
                r.state = MotionState::Closed;
                r.frozen = Some(snapshot);
            }
            None
        }
        Action::ElectionReopen { .. } => {
            if let Some(r) = e.rounds.last_mut() {
                r.state = MotionState::Open;
                r.frozen = None;
            }
            None
        }
        _ => None,
    }
}

/// Adds (or, with `add` false, takes back) one counted ballot.
fn add_ballot(r: &mut RoundTally, c: &Counted, add: bool) {
    let step = |n: &mut u32| {
        *n = if add {
            n.saturating_add(1)
        } else {
            n.saturating_sub(1)
        }
    };
    if !c.valid {
        step(&mut r.invalid_ballots);
        return;
    }
    step(&mut r.valid_ballots);
    for (i, mark) in c.marked() {
        if let Some(m) = r.marks.get_mut(i) {
            match mark {
                Choice::Yes => step(&mut m.yes),
                Choice::No => step(&mut m.no),
                Choice::Abstain => step(&mut m.abstain),
            }
        }
    }
    for name in &c.write_ins {
        let n = r.write_ins.entry(name.clone()).or_insert(0);
        step(n);
        if *n == 0 {
            r.write_ins.remove(name);
        }
    }
}

/// Takes back one election record.
pub(super) fn undo(elections: &mut [ElectionTally], seq: u64, inv: ElectionInverse) {
    let ei = match &inv {
        ElectionInverse::Open(e)
        | ElectionInverse::Ballots { election: e, .. }
        | ElectionInverse::Ballot { election: e, .. }
        | ElectionInverse::Counts { election: e, .. }
        | ElectionInverse::Invalid { election: e, .. } => *e,
    };
    let Some(e) = elections.get_mut(ei) else {
        return;
    };
    e.audit.push(seq);
    if let ElectionInverse::Open(_) = inv {
        e.rounds.pop();
        return;
    }
    let Some(r) = e.rounds.last_mut() else {
        return;
    };
    match inv {
        ElectionInverse::Ballots { prev, .. } => r.ballots = prev,
        ElectionInverse::Ballot { counted, .. } => add_ballot(r, &counted, false),
        ElectionInverse::Counts { name, prev, .. } => match r.index.get(&name) {
            Some(&i) => r.typed[i] = prev,
            None => match prev {
                Some(m) => {
                    r.typed_write_ins.insert(name, m);
                }
                None => {
                    r.typed_write_ins.remove(&name);
                }
            },
        },
        ElectionInverse::Invalid { prev, .. } => r.typed_invalid = prev,
        ElectionInverse::Open(_) => {}
    }
}

/// The largest number of ballots issued in an open round (attendance may not drop below it).
pub(super) fn most_issued_open(elections: &[ElectionTally]) -> Option<(&str, u32)> {
    elections
        .iter()
        .filter_map(|e| {
            let r = e.open_round()?;
            Some((e.id.as_str(), r.ballots?.0))
        })
        .max_by_key(|(_, n)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{GENESIS, Mark, Record, Tally};
    use crate::model::Session;

    /// `seats` placeholder delegates (d001 …) and `elections` (RON).
    fn session(seats: u32, elections: &str) -> Session {
        let text = format!(
            r#"Session(
    id: "e", seats: {seats}, fill_roster_with_placeholders: true,
    congress: Congress(name: "镇人民代表大会", title: "测试", term: 1, session: 1,
                       town: "镇", date: "2024-01-05"),
    elections: [{elections}],
)"#
        );
        match crate::model::load_str("e.ron", &text, crate::i18n::Lang::En) {
            Ok(l) => l.session,
            Err(e) => panic!("{e}"),
        }
    }

    fn present(n: u32) -> Action {
        Action::Attendance {
            mark: Mark::Present,
            delegates: (1..=n).map(|i| format!("d{i:03}").into()).collect(),
        }
    }

    fn apply(t: &mut Tally, a: Action) -> Result<(), ActionError> {
        let seq = t.records_applied() + 1;
        t.apply(&Record::new(
            seq,
            "2024-01-05T01:00:00.000Z",
            "秘书",
            a,
            GENESIS,
        ))
    }

    fn all(t: &mut Tally, actions: Vec<Action>) {
        for a in actions {
            let what = format!("{a:?}");
            if let Err(e) = apply(t, a) {
                panic!("{what}: {e}");
            }
        }
    }

    fn open(e: &str) -> Action {
        Action::ElectionOpen {
            election: e.into(),
            nominees: Vec::new(),
        }
    }
    fn ballots(e: &str, issued: u32, returned: u32) -> Action {
        Action::ElectionBallots {
            election: e.into(),
            issued,
            returned,
        }
    }
    fn counts(e: &str, name: &str, yes: u32, no: u32, abstain: u32) -> Action {
        Action::ElectionCounts {
            election: e.into(),
            name: name.into(),
            yes,
            no,
            abstain,
        }
    }
    fn ballot(e: &str, spec: &str) -> Action {
        Action::ballot_from_spec(e, spec).unwrap()
    }
    fn close(e: &str) -> Action {
        Action::ElectionClose { election: e.into() }
    }

    const BY: &str = r#"Election(id: "by", office: "副镇长", post: ByElection, seats: 2,
        candidates: [Candidate(name: "宋正舜"), Candidate(name: "徐进")])"#;
    const DEP: &str = r#"Election(id: "dep", office: "副镇长", post: Deputy, seats: 2,
        candidates: [Candidate(name: "甲"), Candidate(name: "乙"), Candidate(name: "丙")])"#;

    #[test]
    fn the_fingerprint_covers_the_elections() {
        let fp = crate::journal::fingerprint;
        let s = session(76, BY);
        let mut other = s.clone();
        other.elections[0].candidates[1].name = "徐进进".into();
        assert_ne!(fp(&s), fp(&other));
        let mut other = s.clone();
        other.elections[0].seats = 1;
        assert_ne!(fp(&s), fp(&other));
        let mut other = s.clone();
        other.elections[0].rules.void_if_more_returned = false;
        assert_ne!(fp(&s), fp(&other));
        let mut none = s.clone();
        none.elections.clear();
        assert_ne!(fp(&s), fp(&none));
    }

    /// A journal read back keeps ballots by candidate position, not as records: the undo it
    /// offers must still name each ballot's own record, whatever the ballot's order of names,
    /// its write-ins, a spoiled ballot or one marking more people than seats.
    #[test]
    fn ballots_read_from_a_journal_are_undone_by_their_own_record_ids() {
        let s = session(9, DEP);
        let mut t = Tally::new(&s);
        let mut records = Vec::new();
        let specs = [
            "丙=yes,甲=no,乙=abstain",
            "乙=no,+丁,甲=yes",
            "invalid",
            "甲=yes,乙=yes,丙=yes",
            "丙=abstain,乙=abstain,甲=abstain,+戊",
        ];
        let mut actions = vec![present(9), open("dep"), ballots("dep", 9, 9)];
        actions.extend(specs.iter().map(|spec| ballot("dep", spec)));
        for (seq, a) in actions.into_iter().enumerate() {
            let r = Record::new(
                seq as u64 + 1,
                "2024-01-05T01:00:00.000Z",
                "秘书",
                a,
                GENESIS,
            );
            records.push(r.clone());
            if let Err(e) = t.apply_owned(r) {
                panic!("{e}");
            }
        }
        let mut undone = 0;
        for r in records.iter().rev().take(specs.len()) {
            let Some(Action::Undo { seq, record }) = t.undo_action() else {
                panic!("ballot {} cannot be undone", r.seq);
            };
            assert_eq!((seq, record.as_str()), (r.seq, r.id().as_str()));
            let seq = t.records_applied() + 1;
            let undo = Record::new(
                seq,
                "2024-01-05T01:00:01.000Z",
                "秘书",
                Action::Undo { seq: r.seq, record },
                GENESIS,
            );
            if let Err(e) = t.apply_owned(undo) {
                panic!("{e}");
            }
            undone += 1;
        }
        assert_eq!(undone, specs.len());
        let round = &t.election("dep").unwrap().rounds[0];
        assert_eq!(round.ballots_counted(), 0);
        assert!(round.totals().iter().all(|c| c.yes + c.no + c.abstain == 0));
    }

    #[test]
    fn published_by_election_from_the_counting_sheet() {
        let s = session(76, BY);
        let mut t = Tally::new(&s);
        all(
            &mut t,
            vec![
                present(73),
                open("by"),
                ballots("by", 73, 73),
                counts("by", "宋正舜", 73, 0, 0),
                counts("by", "徐进", 71, 1, 1),
                close("by"),
            ],
        );
        let e = t.election("by").unwrap();
        let r = e.result(0, t.seated()).unwrap();
        assert_eq!(r.required, Some(39));
        assert_eq!(r.elected, ["宋正舜", "徐进"]);
        assert_eq!(e.next(t.seated()), Some(Next::Done));
        assert_eq!(e.rounds[0].frozen.map(|f| f.present), Some(73));
        assert_eq!(
            apply(&mut t, open("by")),
            Err(ActionError::ElectionDone("by".into()))
        );
    }

    #[test]
    fn no_round_opens_without_a_quorum() {
        let s = session(76, BY);
        let mut t = Tally::new(&s);
        // 50 of 76 is below two-thirds (51).
        all(&mut t, vec![present(50)]);
        assert!(matches!(
            apply(&mut t, open("by")),
            Err(ActionError::ElectionNoQuorum {
                present: 50,
                short: Some(1),
                ..
            })
        ));
        all(&mut t, vec![present(51), open("by")]);
    }

    #[test]
    fn ballots_one_by_one_with_write_ins_and_invalid_ones() {
        let s = session(5, DEP);
        let mut t = Tally::new(&s);
        all(
            &mut t,
            vec![
                present(5),
                open("dep"),
                ballots("dep", 5, 5),
                ballot("dep", "甲=yes,乙=no,+王五"),
                // Three 赞成 for two seats: 废票.
                ballot("dep", "甲=yes,乙=yes,丙=yes"),
                ballot("dep", "甲=赞成,丙=弃权,+王五"),
                ballot("dep", "invalid"),
            ],
        );
        let r = &t.election("dep").unwrap().rounds[0];
        assert_eq!((r.valid(), r.invalid(), r.ballots_counted()), (2, 2, 4));
        let tot = r.totals();
        assert_eq!((tot[0].yes, tot[1].no, tot[2].abstain), (2, 1, 1));
        assert_eq!(
            (tot[3].name.as_str(), tot[3].written_in, tot[3].yes),
            ("王五", true, 2)
        );
        // Not every returned ballot is counted yet.
        assert!(matches!(
            apply(&mut t, close("dep")),
            Err(ActionError::BallotsNotAllCounted { counted: 4, .. })
        ));
        // Nobody twice, no unknown names, no candidate written in, no mixing with totals.
        for bad in ["甲=yes,甲=no", "丁=yes", "+甲"] {
            assert!(apply(&mut t, ballot("dep", bad)).is_err(), "{bad}");
        }
        assert_eq!(
            apply(&mut t, counts("dep", "甲", 1, 0, 0)),
            Err(ActionError::MixedEntry("dep".into()))
        );
        all(&mut t, vec![ballot("dep", "")]);
        assert_eq!(
            apply(&mut t, ballot("dep", "")),
            Err(ActionError::BallotsExceedReturned {
                election: "dep".into(),
                counted: 6,
                returned: 5
            })
        );
        // Undo takes the last ballot back.
        let undo = t.undo_action().unwrap();
        all(&mut t, vec![undo]);
        assert_eq!(t.election("dep").unwrap().rounds[0].ballots_counted(), 4);
    }

    #[test]
    fn ballots_commute() {
        let s = session(9, DEP);
        let specs = [
            "甲=yes,乙=yes",
            "甲=no,丙=yes",
            "+王五,乙=abstain",
            "甲=yes,乙=yes,丙=yes",
            "invalid",
            "丙=yes,+赵六",
            "+赵六,+王五",
        ];
        let run = |order: &[usize]| {
            let mut t = Tally::new(&s);
            all(&mut t, vec![present(9), open("dep"), ballots("dep", 9, 7)]);
            for &i in order {
                all(&mut t, vec![ballot("dep", specs[i])]);
            }
            all(&mut t, vec![close("dep")]);
            let e = t.election("dep").unwrap();
            (e.rounds[0].totals(), e.result(0, 9))
        };
        let first = run(&[0, 1, 2, 3, 4, 5, 6]);
        for order in [[6, 5, 4, 3, 2, 1, 0], [3, 0, 6, 1, 5, 2, 4]] {
            assert_eq!(run(&order), first);
        }
    }

    #[test]
    fn a_void_round_a_tie_ballot_and_a_further_election_follow_each_other() {
        let s = session(10, DEP);
        let mut t = Tally::new(&s);
        // Round 1: 11 returned of 10 issued: void, voted again.
        all(
            &mut t,
            vec![
                present(10),
                open("dep"),
                ballots("dep", 10, 11),
                close("dep"),
            ],
        );
        let e = t.election("dep").unwrap();
        assert_eq!(e.next(10), Some(Next::Revote));
        // Round 2: 甲 8, 乙 and 丙 6 each (6 needed of 10): tie at the last seat.
        all(
            &mut t,
            vec![
                open("dep"),
                ballots("dep", 10, 10),
                counts("dep", "甲", 8, 2, 0),
                counts("dep", "乙", 6, 4, 0),
                counts("dep", "丙", 6, 3, 1),
                close("dep"),
            ],
        );
        let e = t.election("dep").unwrap();
        assert_eq!(e.rounds[1].kind, RoundKind::Revote);
        assert_eq!(e.elected(10), ["甲"]);
        // Round 3: the tied only, one seat, no write-ins; 乙 wins on the most votes.
        all(&mut t, vec![open("dep"), ballots("dep", 10, 10)]);
        let e = t.election("dep").unwrap();
        assert_eq!(e.rounds[2].kind, RoundKind::TieBallot);
        assert_eq!(e.rounds[2].candidates, ["乙", "丙"]);
        assert_eq!(
            apply(&mut t, counts("dep", "王五", 1, 0, 0)),
            Err(ActionError::UnknownCandidate("dep".into(), "王五".into()))
        );
        all(
            &mut t,
            vec![
                counts("dep", "乙", 5, 0, 0),
                counts("dep", "丙", 4, 0, 0),
                close("dep"),
            ],
        );
        let e = t.election("dep").unwrap();
        assert_eq!(e.elected(10), ["甲", "乙"]);
        assert_eq!(e.next(10), Some(Next::Done));
    }

    #[test]
    fn unfilled_seats_open_a_further_election_of_the_next_by_votes_or_nominees() {
        let s = session(10, DEP);
        let mut t = Tally::new(&s);
        all(
            &mut t,
            vec![
                present(10),
                open("dep"),
                ballots("dep", 10, 10),
                counts("dep", "甲", 8, 2, 0),
                counts("dep", "乙", 5, 5, 0),
                counts("dep", "丙", 4, 6, 0),
                close("dep"),
            ],
        );
        // Deputy posts stay 差额 (Art. 29 ¶3): one nominee for one seat is refused.
        assert!(matches!(
            apply(
                &mut t,
                Action::ElectionOpen {
                    election: "dep".into(),
                    nominees: vec!["赵六".into()],
                }
            ),
            Err(ActionError::NomineesBreakLaw {
                seats: 1,
                candidates: 1,
                ..
            })
        ));
        all(&mut t, vec![open("dep")]);
        let e = t.election("dep").unwrap();
        assert_eq!(e.rounds[1].kind, RoundKind::Further);
        assert_eq!(
            (e.rounds[1].seats, &e.rounds[1].candidates[..]),
            (1, &["乙".into(), "丙".into()][..])
        );
        // The open round can be undone, and nominees stand instead.
        let undo = t.undo_action().unwrap();
        all(
            &mut t,
            vec![
                undo,
                Action::ElectionOpen {
                    election: "dep".into(),
                    nominees: vec!["赵六".into(), "钱七".into()],
                },
            ],
        );
        assert_eq!(
            t.election("dep").unwrap().rounds[1].candidates,
            ["赵六", "钱七"]
        );
    }

    #[test]
    fn attendance_cannot_drop_below_the_ballots_issued() {
        let s = session(10, DEP);
        let mut t = Tally::new(&s);
        all(&mut t, vec![present(10), open("dep")]);
        assert!(matches!(
            apply(&mut t, ballots("dep", 11, 11)),
            Err(ActionError::IssuedExceedPresent { .. })
        ));
        all(&mut t, vec![ballots("dep", 10, 10)]);
        assert!(matches!(
            apply(
                &mut t,
                Action::Attendance {
                    mark: Mark::Leave,
                    delegates: vec!["d001".into()]
                }
            ),
            Err(ActionError::BelowCounts { .. })
        ));
    }
}
