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
    /// Opens an election's next round: the first, or what the last closed round calls for
    /// (the same ballot after a void round, a tie ballot, a further election). `nominees`
    /// is empty unless a further election's candidates are newly nominated (Art. 29 ¶2).
    ElectionOpen {
        election: CompactString,
        nominees: Vec<CompactString>,
    },
    /// Ballots issued (发出) and returned (收回) in the open round; later figures replace
    /// earlier ones.
    ElectionBallots {
        election: CompactString,
        issued: u32,
        returned: u32,
    },
    /// One ballot of the open round, as marked (唱票): each candidate named at most once;
    /// `write_in` are other persons voted for (另选他人, Art. 28). `spoiled`: a ballot the
    /// tellers found invalid for another reason (no marks then). A ballot with more 赞成
    /// than seats is recorded as marked and counted invalid.
    ElectionBallot {
        election: CompactString,
        yes: Vec<CompactString>,
        no: Vec<CompactString>,
        abstain: Vec<CompactString>,
        write_in: Vec<CompactString>,
        spoiled: bool,
    },
    /// One candidate's (or written-in person's) totals from the counting sheet; later
    /// totals replace earlier ones.
    ElectionCounts {
        election: CompactString,
        name: CompactString,
        yes: u32,
        no: u32,
        abstain: u32,
    },
    /// Invalid ballots (废票) from the counting sheet.
    ElectionInvalid {
        election: CompactString,
        invalid: u32,
    },
    /// Closes the open round: freezes attendance and the result.
    ElectionClose { election: CompactString },
    /// Reopens the last round, with a reason on record.
    ElectionReopen {
        election: CompactString,
        reason: String,
    },
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
            _ => None,
        }
    }

    /// The election this action concerns, if any.
    pub fn election(&self) -> Option<&str> {
        match self {
            Action::ElectionOpen { election, .. }
            | Action::ElectionBallots { election, .. }
            | Action::ElectionBallot { election, .. }
            | Action::ElectionCounts { election, .. }
            | Action::ElectionInvalid { election, .. }
            | Action::ElectionClose { election }
            | Action::ElectionReopen { election, .. } => Some(election),
            _ => None,
        }
    }

    /// One ballot written as `张三=yes,李四=no,王五=abstain,+赵六` (`+NAME`: a write-in; the
    /// choices may also be 赞成/反对/弃权) or `invalid` (废票). An empty spec is a ballot
    /// with no mark. The error is the part that is none of these.
    pub fn ballot_from_spec(election: &str, spec: &str) -> Result<Action, String> {
        let (mut yes, mut no, mut abstain, mut write_in) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let spoiled = matches!(spec.trim(), "invalid" | "废票");
        if !spoiled {
            for part in spec
                .split([',', '，'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                if let Some(name) = part.strip_prefix('+') {
                    write_in.push(CompactString::from(name.trim()));
                    continue;
                }
                let Some((name, choice)) = part.split_once('=') else {
                    return Err(part.to_string());
                };
                let list = match Choice::parse(choice.trim()) {
                    Some(Choice::Yes) => &mut yes,
                    Some(Choice::No) => &mut no,
                    Some(Choice::Abstain) => &mut abstain,
                    None => return Err(part.to_string()),
                };
                list.push(CompactString::from(name.trim()));
            }
        }
        Ok(Action::ElectionBallot {
            election: election.into(),
            yes,
            no,
            abstain,
            write_in,
            spoiled,
        })
    }
}
