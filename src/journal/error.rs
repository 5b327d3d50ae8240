//! Why an action is refused. The same checks run in the window and on the command line.

use crate::i18n::{Lang, trf};

/// An action that would make the tally inconsistent; nothing is recorded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum ActionError {
    UnknownDelegate(String),
    UnknownMotion(String),
    /// An attendance action that names nobody.
    NoDelegates,
    /// The same delegate twice in one attendance action.
    DuplicateDelegate(String),
    /// A delegate with a roll-call choice on an open motion cannot stop being present.
    HasVoted {
        delegate: String,
        motion: String,
    },
    /// Fewer present than already counted on an open motion.
    BelowCounts {
        motion: String,
        counted: u64,
        present: u32,
    },
    AlreadyOpen(String),
    /// Opening a motion while attendance is below the quorum (Organic Law Art. 14 ¶4);
    /// `short`: how many more must sign in (None: the quorum rule cannot be met).
    NoQuorum {
        motion: String,
        present: u32,
        short: Option<u32>,
    },
    AlreadyClosed(String),
    NotOpen(String),
    /// Voting or counting on a closed motion: reopen it (with a reason) first.
    Closed(String),
    /// A roll-call vote on a motion decided by totals.
    NotRollCall(String),
    /// Totals on a roll-call motion.
    IsRollCall(String),
    NotPresent(String),
    /// Invalid ballots on a show of hands.
    InvalidOnShowOfHands(String),
    CountsExceedPresent {
        motion: String,
        total: u64,
        present: u32,
    },
    /// Closing a show of hands or ballot before totals were recorded.
    NoCounts(String),
    NotClosed(String),
    EmptyReason,
    /// Undo is a stack: only the most recent record still in effect can be undone.
    CannotUndo(u64),
    NothingToUndo,
    /// A header anywhere but record 0.
    MisplacedBegin,
}

impl ActionError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let t = |key: &str, args: &[(&str, &str)]| trf(lang, key, args);
        match self {
            ActionError::UnknownDelegate(id) => t("journal.err.unknown_delegate", &[("id", id)]),
            ActionError::UnknownMotion(id) => t("journal.err.unknown_motion", &[("id", id)]),
            ActionError::NoDelegates => t("journal.err.no_delegates", &[]),
            ActionError::DuplicateDelegate(id) => {
                t("journal.err.duplicate_delegate", &[("id", id)])
            }
            ActionError::HasVoted { delegate, motion } => t(
                "journal.err.has_voted",
                &[("id", delegate), ("motion", motion)],
            ),
            ActionError::BelowCounts {
                motion,
                counted,
                present,
            } => t(
                "journal.err.below_counts",
                &[
                    ("motion", motion),
                    ("counted", &counted.to_string()),
                    ("present", &present.to_string()),
                ],
            ),
            ActionError::AlreadyOpen(m) => t("journal.err.already_open", &[("motion", m)]),
            ActionError::NoQuorum {
                motion,
                present,
                short: Some(short),
            } => t(
                "journal.err.no_quorum",
                &[
                    ("motion", motion),
                    ("present", &present.to_string()),
                    ("short", &short.to_string()),
                ],
            ),
            ActionError::NoQuorum {
                motion,
                short: None,
                ..
            } => t("journal.err.quorum_unreachable", &[("motion", motion)]),
            ActionError::AlreadyClosed(m) => t("journal.err.already_closed", &[("motion", m)]),
            ActionError::NotOpen(m) => t("journal.err.not_open", &[("motion", m)]),
            ActionError::Closed(m) => t("journal.err.closed", &[("motion", m)]),
            ActionError::NotRollCall(m) => t("journal.err.not_roll_call", &[("motion", m)]),
            ActionError::IsRollCall(m) => t("journal.err.is_roll_call", &[("motion", m)]),
            ActionError::NotPresent(id) => t("journal.err.not_present", &[("id", id)]),
            ActionError::InvalidOnShowOfHands(m) => {
                t("journal.err.invalid_on_hands", &[("motion", m)])
            }
            ActionError::CountsExceedPresent {
                motion,
                total,
                present,
            } => t(
                "journal.err.counts_exceed",
                &[
                    ("motion", motion),
                    ("total", &total.to_string()),
                    ("present", &present.to_string()),
                ],
            ),
            ActionError::NoCounts(m) => t("journal.err.no_counts", &[("motion", m)]),
            ActionError::NotClosed(m) => t("journal.err.not_closed", &[("motion", m)]),
            ActionError::EmptyReason => t("journal.err.empty_reason", &[]),
            ActionError::CannotUndo(seq) => {
                t("journal.err.cannot_undo", &[("seq", &seq.to_string())])
            }
            ActionError::NothingToUndo => t("journal.err.nothing_to_undo", &[]),
            ActionError::MisplacedBegin => t("journal.err.misplaced_begin", &[]),
        }
    }
}
