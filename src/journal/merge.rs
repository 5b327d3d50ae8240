//! Importing another secretary's journal.
//!
//! Records are merged deterministically, sorted by (time, secretary, record id); a record
//! present in both journals (same [`Record::id`]: same time, secretary and action) is kept
//! once. Where the two journals record the same thing two ways — a delegate's attendance, a
//! delegate's roll-call choice on a motion, a motion's totals, an election's ballots issued
//! and returned, a person's totals or the invalid ballots from its counting sheet — the records involved are
//! held back and listed as a [`Conflict`]; nothing is decided silently. Each conflict is
//! resolved by choosing a side ([`MergeResult::resolve`]); [`MergeResult::finish`] then
//! replays the result and hands back the records, which the caller writes as a NEW journal
//! with [`super::write_new`]. The input files are never touched.
//!
//! Conflicts compare each side's last value for a key among the records the other side does
//! not have; a held record is all or nothing (an attendance record naming several delegates
//! is kept only if its side wins every conflict it is part of).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use compact_str::CompactString;

use super::action::Action;
use super::record::{GENESIS, Record};
use super::tally::{ReplayError, Tally};
use crate::model::Session;

/// One side of a merge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    /// The journal being imported into.
    Ours,
    /// The imported journal.
    Theirs,
}

/// What two journals disagree about.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ConflictKey {
    Attendance {
        delegate: CompactString,
    },
    Vote {
        motion: CompactString,
        delegate: CompactString,
    },
    Counts {
        motion: CompactString,
    },
    /// Ballots issued and returned in an election's open round.
    ElectionBallots {
        election: CompactString,
    },
    /// One person's totals from an election's counting sheet.
    ElectionCounts {
        election: CompactString,
        name: CompactString,
    },
    /// Invalid ballots from an election's counting sheet.
    ElectionInvalid {
        election: CompactString,
    },
}

/// A disagreement, with each side's records about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub key: ConflictKey,
    pub ours: Vec<Record>,
    pub theirs: Vec<Record>,
    /// The decision, once made.
    pub chosen: Option<Side>,
}

/// Why a merge cannot go on.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("the journals belong to different sessions or session files")]
    DifferentSession,
    #[error("a journal has no header record")]
    NoHeader,
    #[error("{0} conflict(s) not decided yet")]
    Unresolved(usize),
    #[error(transparent)]
    Replay(#[from] ReplayError),
}

/// Merged records and the conflicts awaiting a decision.
#[derive(Clone, Debug)]
pub struct MergeResult {
    /// Records both sides agree on or only one side has, in merged order (header-less).
    pub records: Vec<Record>,
    pub conflicts: Vec<Conflict>,
    /// Records held back, with their side.
    held: Vec<(Side, Record)>,
    /// Each record's place in its own journal, for the merged order (see [`order_key`]).
    seq_of: HashMap<String, u64>,
}

fn header(records: &[Record]) -> Option<(&str, &str)> {
    match records.first().map(|r| &r.action) {
        Some(Action::Begin {
            session,
            fingerprint,
            ..
        }) => Some((session, fingerprint)),
        _ => None,
    }
}

/// The value a record gives the thing a [`ConflictKey`] names, to compare two records about
/// it: a mark, a choice or the totals, as numbers (keys of different kinds never meet).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct KeyValue([u32; 4]);

/// Hands each (key, value) pair a record sets to `f`, without collecting them (a fold calls
/// it once per record of a national sitting).
pub(super) fn each_key(r: &Record, mut f: impl FnMut(ConflictKey, KeyValue)) {
    match &r.action {
        Action::Attendance { mark, delegates } => {
            for d in delegates {
                let key = ConflictKey::Attendance {
                    delegate: d.clone(),
                };
                f(key, KeyValue([*mark as u32, 0, 0, 0]));
            }
        }
        Action::Vote {
            motion,
            delegate,
            choice,
        } => f(
            ConflictKey::Vote {
                motion: motion.clone(),
                delegate: delegate.clone(),
            },
            KeyValue([*choice as u32, 0, 0, 0]),
        ),
        Action::Counts {
            motion,
            yes,
            no,
            abstain,
            invalid,
        } => f(
            ConflictKey::Counts {
                motion: motion.clone(),
            },
            KeyValue([*yes, *no, *abstain, *invalid]),
        ),
        Action::ElectionBallots {
            election,
            issued,
            returned,
        } => f(
            ConflictKey::ElectionBallots {
                election: election.clone(),
            },
            KeyValue([*issued, *returned, 0, 0]),
        ),
        Action::ElectionCounts {
            election,
            name,
            yes,
            no,
            abstain,
        } => f(
            ConflictKey::ElectionCounts {
                election: election.clone(),
                name: name.clone(),
            },
            KeyValue([*yes, *no, *abstain, 0]),
        ),
        Action::ElectionInvalid { election, invalid } => f(
            ConflictKey::ElectionInvalid {
                election: election.clone(),
            },
            KeyValue([*invalid, 0, 0, 0]),
        ),
        _ => {}
    }
}

/// (key, value) pairs a record sets.
fn keys(r: &Record) -> Vec<(ConflictKey, KeyValue)> {
    let mut v = Vec::new();
    each_key(r, |k, x| v.push((k, x)));
    v
}

/// Merged order: by time, then secretary, then the record's place in its own journal (two
/// records one secretary made in the same millisecond keep their order: an open stays before
/// its votes), then id. A record in both journals takes the smaller of its two places, so
/// merging is symmetric.
type OrderKey = (CompactString, CompactString, u64, String);

fn order_key(r: &Record, seq_of: &HashMap<String, u64>) -> OrderKey {
    let id = r.id();
    let seq = seq_of.get(&id).copied().unwrap_or(r.seq);
    (r.time.clone(), r.secretary.clone(), seq, id)
}

/// Merges two journals' records (each with its header first).
pub fn merge(ours: &[Record], theirs: &[Record]) -> Result<MergeResult, MergeError> {
    let (ha, hb) = (
        header(ours).ok_or(MergeError::NoHeader)?,
        header(theirs).ok_or(MergeError::NoHeader)?,
    );
    if ha != hb {
        return Err(MergeError::DifferentSession);
    }
    let body = |rs: &[Record]| -> Vec<Record> {
        rs.iter()
            .filter(|r| !matches!(r.action, Action::Begin { .. }))
            .cloned()
            .collect()
    };
    let (a, b) = (body(ours), body(theirs));
    let mut seq_of: HashMap<String, u64> = HashMap::new();
    for r in a.iter().chain(b.iter()) {
        let seq = seq_of.entry(r.id()).or_insert(r.seq);
        *seq = (*seq).min(r.seq);
    }
    let order = |r: &Record| order_key(r, &seq_of);
    let ids_a: HashSet<String> = a.iter().map(Record::id).collect();
    let ids_b: HashSet<String> = b.iter().map(Record::id).collect();

    // Each side's last value per key among records the other side lacks, in merged order.
    let only = |rs: &[Record], other: &HashSet<String>| -> Vec<Record> {
        let mut v: Vec<Record> = rs
            .iter()
            .filter(|r| !other.contains(&r.id()))
            .cloned()
            .collect();
        v.sort_by_cached_key(order);
        v
    };
    let (only_a, only_b) = (only(&a, &ids_b), only(&b, &ids_a));
    let last_values = |rs: &[Record]| -> BTreeMap<ConflictKey, KeyValue> {
        let mut m = BTreeMap::new();
        for r in rs {
            for (k, v) in keys(r) {
                m.insert(k, v);
            }
        }
        m
    };
    let (va, vb) = (last_values(&only_a), last_values(&only_b));
    let conflicting: BTreeSet<ConflictKey> = va
        .iter()
        .filter(|(k, v)| vb.get(*k).is_some_and(|w| w != *v))
        .map(|(k, _)| k.clone())
        .collect();

    let touches = |r: &Record, k: &ConflictKey| keys(r).iter().any(|(kk, _)| kk == k);
    let conflicts: Vec<Conflict> = conflicting
        .iter()
        .map(|k| Conflict {
            key: k.clone(),
            ours: only_a.iter().filter(|r| touches(r, k)).cloned().collect(),
            theirs: only_b.iter().filter(|r| touches(r, k)).cloned().collect(),
            chosen: None,
        })
        .collect();
    let is_held = |r: &Record| keys(r).iter().any(|(k, _)| conflicting.contains(k));

    let mut held = Vec::new();
    let mut seen = HashSet::new();
    let mut records = Vec::new();
    for (side, r) in a
        .iter()
        .map(|r| (Side::Ours, r))
        .chain(b.iter().map(|r| (Side::Theirs, r)))
    {
        let id = r.id();
        if !seen.insert(id.clone()) {
            continue;
        }
        let shared = ids_a.contains(&id) && ids_b.contains(&id);
        if !shared && is_held(r) {
            held.push((side, r.clone()));
        } else {
            records.push(r.clone());
        }
    }
    records.sort_by_cached_key(order);
    Ok(MergeResult {
        records,
        conflicts,
        held,
        seq_of,
    })
}

impl MergeResult {
    /// Decides conflict `index` for `side`. Returns false if there is no such conflict.
    pub fn resolve(&mut self, index: usize, side: Side) -> bool {
        match self.conflicts.get_mut(index) {
            Some(c) => {
                c.chosen = Some(side);
                true
            }
            None => false,
        }
    }

    /// Conflicts not decided yet.
    pub fn unresolved(&self) -> usize {
        self.conflicts.iter().filter(|c| c.chosen.is_none()).count()
    }

    /// The merged records once every conflict is decided: held records whose side won every
    /// conflict they are part of are put back in order; the result is renumbered from 1 and
    /// checked by replaying it against `session`.
    pub fn finish(&self, session: &Session) -> Result<Vec<Record>, MergeError> {
        let n = self.unresolved();
        if n > 0 {
            return Err(MergeError::Unresolved(n));
        }
        let mut out = self.records.clone();
        for (side, r) in &self.held {
            let rk = keys(r);
            let wins = self
                .conflicts
                .iter()
                .filter(|c| rk.iter().any(|(k, _)| *k == c.key))
                .all(|c| c.chosen == Some(*side));
            if wins {
                out.push(r.clone());
            }
        }
        out.sort_by_cached_key(|r| order_key(r, &self.seq_of));
        let mut prev = GENESIS;
        let rechained: Vec<Record> = out
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let n = r.rechained(i as u64 + 1, prev);
                prev = n.hash;
                n
            })
            .collect();
        Tally::replay(session, &rechained)?;
        Ok(rechained)
    }
}
