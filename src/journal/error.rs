//! Why an action is refused. The same checks run in the window and on the command line.

use crate::i18n::{Lang, trf};
use crate::model::Session;

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
    UnknownElection(String),
    /// No round opens below the quorum (Organic Law Art. 14 ¶4).
    /// `short`: how many more must sign in (None: the quorum rule cannot be met).
    ElectionNoQuorum {
        election: String,
        present: u32,
        short: Option<u32>,
    },
    RoundAlreadyOpen(String),
    RoundNotOpen(String),
    RoundNotClosed(String),
    /// Every seat is filled: no round is left to open.
    ElectionDone(String),
    /// A further election whose candidates cannot be the next by votes: nominate them.
    NeedsNomination(String),
    /// Nominees for a round that is not a further election.
    NominationNotAllowed(String),
    NomineesBreakLaw {
        election: String,
        rule: crate::model::CandidatesRule,
        seats: u32,
        candidates: u32,
    },
    /// (election, name)
    UnknownCandidate(String, String),
    DuplicateCandidate(String, String),
    BadCandidateName(String, String),
    WriteInIsCandidate(String, String),
    /// A written-in person's totals with 反对 or 弃权 (Art. 28: one can only vote for them).
    WriteInOnlyYes(String, String),
    /// A write-in in a project vote or a tie ballot.
    NoWriteIns(String),
    SpoiledWithMarks(String),
    NoBallotsIssued(String),
    IssuedExceedPresent {
        election: String,
        issued: u32,
        present: u32,
    },
    BallotsExceedReturned {
        election: String,
        counted: u64,
        returned: u32,
    },
    /// Ballot by ballot and from the counting sheet in one round.
    MixedEntry(String),
    CountsExceedValid {
        election: String,
        name: String,
        total: u64,
        valid: u32,
    },
    BallotsNotAllCounted {
        election: String,
        counted: u32,
        returned: u32,
    },
    RoundNotCounted(String),
}

impl ActionError {
    /// The same refusal with the session's titles and names where it holds ids, for the
    /// window: people read 议案“九江镇2017年1-8月的财政预算执行情况…”, not its id. The command
    /// line keeps the ids, which is what its user types.
    pub fn named(&self, session: &Session, lang: Lang) -> ActionError {
        let motion = |id: &String| {
            session
                .motions
                .iter()
                .find(|m| &m.id == id)
                .map_or_else(|| id.clone(), |m| m.title.clone())
        };
        let election = |id: &String| {
            session
                .elections
                .iter()
                .find(|e| &e.id == id)
                .map_or_else(|| id.clone(), |e| e.office.clone())
        };
        let delegate = |id: &String| {
            session.roster.iter().position(|d| &d.id == id).map_or_else(
                || id.clone(),
                |i| {
                    session.roster[i].name.clone().unwrap_or_else(|| {
                        trf(lang, "journal.unnamed_seat", &[("n", &(i + 1).to_string())])
                    })
                },
            )
        };
        use ActionError as E;
        match self.clone() {
            E::UnknownDelegate(_) | E::UnknownMotion(_) | E::UnknownElection(_) => self.clone(),
            E::DuplicateDelegate(d) => E::DuplicateDelegate(delegate(&d)),
            E::HasVoted {
                delegate: d,
                motion: m,
            } => E::HasVoted {
                delegate: delegate(&d),
                motion: motion(&m),
            },
            E::BelowCounts {
                motion: m,
                counted,
                present,
            } => E::BelowCounts {
                motion: motion(&m),
                counted,
                present,
            },
            E::AlreadyOpen(m) => E::AlreadyOpen(motion(&m)),
            E::NoQuorum {
                motion: m,
                present,
                short,
            } => E::NoQuorum {
                motion: motion(&m),
                present,
                short,
            },
            E::AlreadyClosed(m) => E::AlreadyClosed(motion(&m)),
            E::NotOpen(m) => E::NotOpen(motion(&m)),
            E::Closed(m) => E::Closed(motion(&m)),
            E::NotRollCall(m) => E::NotRollCall(motion(&m)),
            E::IsRollCall(m) => E::IsRollCall(motion(&m)),
            E::NotPresent(d) => E::NotPresent(delegate(&d)),
            E::InvalidOnShowOfHands(m) => E::InvalidOnShowOfHands(motion(&m)),
            E::CountsExceedPresent {
                motion: m,
                total,
                present,
            } => E::CountsExceedPresent {
                motion: motion(&m),
                total,
                present,
            },
            E::NoCounts(m) => E::NoCounts(motion(&m)),
            E::NotClosed(m) => E::NotClosed(motion(&m)),
            e @ (E::NoDelegates
            | E::EmptyReason
            | E::CannotUndo(_)
            | E::NothingToUndo
            | E::MisplacedBegin) => e,
            E::ElectionNoQuorum {
                election: e,
                present,
                short,
            } => E::ElectionNoQuorum {
                election: election(&e),
                present,
                short,
            },
            E::RoundAlreadyOpen(e) => E::RoundAlreadyOpen(election(&e)),
            E::RoundNotOpen(e) => E::RoundNotOpen(election(&e)),
            E::RoundNotClosed(e) => E::RoundNotClosed(election(&e)),
            E::ElectionDone(e) => E::ElectionDone(election(&e)),
            E::NeedsNomination(e) => E::NeedsNomination(election(&e)),
            E::NominationNotAllowed(e) => E::NominationNotAllowed(election(&e)),
            E::NomineesBreakLaw {
                election: e,
                rule,
                seats,
                candidates,
            } => E::NomineesBreakLaw {
                election: election(&e),
                rule,
                seats,
                candidates,
            },
            E::UnknownCandidate(e, n) => E::UnknownCandidate(election(&e), n),
            E::DuplicateCandidate(e, n) => E::DuplicateCandidate(election(&e), n),
            E::BadCandidateName(e, n) => E::BadCandidateName(election(&e), n),
            E::WriteInIsCandidate(e, n) => E::WriteInIsCandidate(election(&e), n),
            E::WriteInOnlyYes(e, n) => E::WriteInOnlyYes(election(&e), n),
            E::NoWriteIns(e) => E::NoWriteIns(election(&e)),
            E::SpoiledWithMarks(e) => E::SpoiledWithMarks(election(&e)),
            E::NoBallotsIssued(e) => E::NoBallotsIssued(election(&e)),
            E::IssuedExceedPresent {
                election: e,
                issued,
                present,
            } => E::IssuedExceedPresent {
                election: election(&e),
                issued,
                present,
            },
            E::BallotsExceedReturned {
                election: e,
                counted,
                returned,
            } => E::BallotsExceedReturned {
                election: election(&e),
                counted,
                returned,
            },
            E::MixedEntry(e) => E::MixedEntry(election(&e)),
            E::CountsExceedValid {
                election: e,
                name,
                total,
                valid,
            } => E::CountsExceedValid {
                election: election(&e),
                name,
                total,
                valid,
            },
            E::BallotsNotAllCounted {
                election: e,
                counted,
                returned,
            } => E::BallotsNotAllCounted {
                election: election(&e),
                counted,
                returned,
            },
            E::RoundNotCounted(e) => E::RoundNotCounted(election(&e)),
        }
    }

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
            ActionError::UnknownElection(e) => t("election.err.unknown", &[("e", e)]),
            ActionError::ElectionNoQuorum {
                election,
                present,
                short: Some(short),
            } => t(
                "election.err.no_quorum",
                &[
                    ("e", election),
                    ("present", &present.to_string()),
                    ("short", &short.to_string()),
                ],
            ),
            ActionError::ElectionNoQuorum {
                election,
                short: None,
                ..
            } => t("election.err.quorum_unreachable", &[("e", election)]),
            ActionError::RoundAlreadyOpen(e) => t("election.err.already_open", &[("e", e)]),
            ActionError::RoundNotOpen(e) => t("election.err.not_open", &[("e", e)]),
            ActionError::RoundNotClosed(e) => t("election.err.not_closed", &[("e", e)]),
            ActionError::ElectionDone(e) => t("election.err.done", &[("e", e)]),
            ActionError::NeedsNomination(e) => t("election.err.needs_nomination", &[("e", e)]),
            ActionError::NominationNotAllowed(e) => {
                t("election.err.nomination_not_allowed", &[("e", e)])
            }
            ActionError::NomineesBreakLaw {
                election,
                rule,
                seats,
                candidates,
            } => {
                let law = t(
                    rule.key(),
                    &[
                        ("candidates", &candidates.to_string()),
                        ("seats", &seats.to_string()),
                        ("bound", &rule.bound().to_string()),
                    ],
                );
                t("election.err.nominees", &[("e", election), ("law", &law)])
            }
            ActionError::UnknownCandidate(e, n) => {
                t("election.err.unknown_candidate", &[("e", e), ("name", n)])
            }
            ActionError::DuplicateCandidate(e, n) => {
                t("election.err.duplicate_candidate", &[("e", e), ("name", n)])
            }
            ActionError::BadCandidateName(e, n) => {
                t("election.err.bad_name", &[("e", e), ("name", n)])
            }
            ActionError::WriteInIsCandidate(e, n) => t(
                "election.err.write_in_is_candidate",
                &[("e", e), ("name", n)],
            ),
            ActionError::WriteInOnlyYes(e, n) => {
                t("election.err.write_in_only_yes", &[("e", e), ("name", n)])
            }
            ActionError::NoWriteIns(e) => t("election.err.no_write_ins", &[("e", e)]),
            ActionError::SpoiledWithMarks(e) => t("election.err.spoiled_with_marks", &[("e", e)]),
            ActionError::NoBallotsIssued(e) => t("election.err.no_ballots", &[("e", e)]),
            ActionError::IssuedExceedPresent {
                election,
                issued,
                present,
            } => t(
                "election.err.issued_exceed_present",
                &[
                    ("e", election),
                    ("issued", &issued.to_string()),
                    ("present", &present.to_string()),
                ],
            ),
            ActionError::BallotsExceedReturned {
                election,
                counted,
                returned,
            } => t(
                "election.err.exceed_returned",
                &[
                    ("e", election),
                    ("counted", &counted.to_string()),
                    ("returned", &returned.to_string()),
                ],
            ),
            ActionError::MixedEntry(e) => t("election.err.mixed_entry", &[("e", e)]),
            ActionError::CountsExceedValid {
                election,
                name,
                total,
                valid,
            } => t(
                "election.err.exceed_valid",
                &[
                    ("e", election),
                    ("name", name),
                    ("total", &total.to_string()),
                    ("valid", &valid.to_string()),
                ],
            ),
            ActionError::BallotsNotAllCounted {
                election,
                counted,
                returned,
            } => t(
                "election.err.not_all_counted",
                &[
                    ("e", election),
                    ("counted", &counted.to_string()),
                    ("returned", &returned.to_string()),
                ],
            ),
            ActionError::RoundNotCounted(e) => t("election.err.not_counted", &[("e", e)]),
        }
    }
}
