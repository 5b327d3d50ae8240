//! What a secretary can record: one [`Action`] per journal record.
//!
//! Actions name delegates and motions by the session file's ids, never by list position, so a
//! journal stays readable by hand and survives a reordered roster.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// 签到: a delegate's attendance mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// 出席
    Present,
    /// 请假
    Leave,
    /// 缺席
    Absent,
}

/// A roll-call choice (记名表决).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    /// 赞成
    Yes,
    /// 反对
    No,
    /// 弃权
    Abstain,
}

impl Choice {
    /// Parses `yes` / `no` / `abstain` (and the Chinese words).
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_lowercase().as_str() {
            "yes" | "y" | "赞成" => Some(Choice::Yes),
            "no" | "n" | "反对" => Some(Choice::No),
            "abstain" | "a" | "弃权" => Some(Choice::Abstain),
            _ => None,
        }
    }
}

/// Totals of a show of hands or a secret ballot.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Counts {
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    /// Invalid ballots (废票); always 0 for a show of hands.
    pub invalid: u32,
}

impl Counts {
    /// Everyone who took part: yes + no + abstain + invalid (u64, so it cannot overflow).
    pub fn participants(&self) -> u64 {
        u64::from(self.yes) + u64::from(self.no) + u64::from(self.abstain) + u64::from(self.invalid)
    }

    /// Votes cast for a rule whose base is `Cast`: invalid ballots do not count.
    pub fn cast(&self) -> u64 {
        u64::from(self.yes) + u64::from(self.no) + u64::from(self.abstain)
    }
}

/// One thing a secretary did. Serialised as `{"vote":{"motion":"m1",…}}` in the journal.
///
/// Ids are `CompactString`s: a national journal holds ~180,000 of them, and inline (up to 24
/// bytes) they cost reading it no allocation at all.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    /// Always record 0: binds the journal to one session (see [`super::fingerprint`]).
    Begin {
        session: String,
        fingerprint: String,
        format: u32,
    },
    /// Marks each listed delegate; a later mark replaces an earlier one.
    /// "Mark the rest absent" is recorded as this, with the unmarked delegates listed, so
    /// the record means the same thing whatever is merged before it.
    Attendance {
        mark: Mark,
        delegates: Vec<CompactString>,
    },
    /// Opens a motion that has not been opened yet.
    Open { motion: CompactString },
    /// A roll-call choice; a later choice of the same delegate replaces the earlier one
    /// while the motion is open.
    Vote {
        motion: CompactString,
        delegate: CompactString,
        choice: Choice,
    },
    /// Totals of a show of hands or secret ballot; later totals replace earlier ones while
    /// the motion is open.
    Counts {
        motion: CompactString,
        yes: u32,
        no: u32,
        abstain: u32,
        /// Invalid ballots; must be 0 for a show of hands.
        invalid: u32,
    },
    /// Closes a motion: freezes the attendance snapshot and the verdict.
    Close { motion: CompactString },
    /// Reopens a closed motion; the reason is part of the record.
    Reopen {
        motion: CompactString,
        reason: String,
    },
    /// Compensates the most recent record that is still in effect (undo is a stack; see
    /// [`super::Tally::undoable`]). `record` is the target's [`super::Record::id`], which
    /// survives merging; `seq` is the target's number, for people reading the journal.
    Undo { seq: u64, record: String },
}

impl Action {
    /// The motion this action concerns, if any.
    pub fn motion(&self) -> Option<&str> {
        match self {
            Action::Open { motion }
            | Action::Vote { motion, .. }
            | Action::Counts { motion, .. }
            | Action::Close { motion }
            | Action::Reopen { motion, .. } => Some(motion),
            Action::Begin { .. } | Action::Attendance { .. } | Action::Undo { .. } => None,
        }
    }
}
