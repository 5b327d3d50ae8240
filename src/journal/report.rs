//! The tally as plain data: what `delegate-desk tally --json` prints and what tests compare.
//!
//! JSON shape (`delegate-desk tally SESSION --journal J --json`):
//!
//! ```json
//! {
//!   "session": "jiujiang-2017-09-21",
//!   "records": 12,
//!   "head": "<hex SHA-256 of the last record>",
//!   "head_code": "#12-23fb592c",
//!   "journal_status": "ok",
//!   "attendance": {
//!     "seated": 107, "present": 72, "leave": 3, "absent": 32, "unmarked": 0,
//!     "quorum_required": 72, "quorate": true
//!   },
//!   "motions": [
//!     {
//!       "id": "m1", "title": "…", "method": "ShowOfHands",
//!       "state": "Closed",
//!       "yes": 60, "no": 5, "abstain": 3, "invalid": 0, "not_voting": 4,
//!       "counted": true,
//!       "rule": "more than 1/2 of all seated delegates",
//!       "base": 107, "required": 54,
//!       "verdict": "Passed",
//!       "frozen": { "seated": 107, "present": 72, "leave": 3, "absent": 32,
//!                   "unmarked": 0, "quorum_required": 72, "quorate": true },
//!       "audit": [5, 6, 9]
//!     }
//!   ]
//! }
//! ```
//!
//! - `journal_status`: `"ok"`, `"torn_tail_cut"` (an incomplete last line was ignored) or
//!   `"damaged"` (records after the damage are not counted; see `delegate-desk verify`).
//! - `method`: `ShowOfHands` | `RollCall` | `SecretBallot`; `state`: `NotOpen` | `Open` |
//!   `Closed`; `verdict`: `Pending` (not closed) | `Passed` | `NotPassed` | `NoQuorum`
//!   (closed while fewer than the quorum were present, Organic Law Art. 14 ¶4: void,
//!   whatever the counts).
//! - `head_code`: the head's short code (record number and the first 8 hex digits of its
//!   hash), for `delegate-desk verify J --head CODE`; `null` for a journal without records.
//! - `required`: yes votes needed out of `base` (`null` if the rule cannot be met);
//!   `frozen`: attendance when the motion was closed (`null` unless closed);
//!   `not_voting`: present (frozen at close) minus yes, no, abstain and invalid;
//!   `audit`: numbers of the journal records that touched the motion.
//! - `rule` is in the language of `--lang`.
//!
//! `elections` (empty when the session has none), one object per election:
//!
//! ```json
//! {
//!   "id": "by-deputy-mayor", "office": "副镇长", "post": "ByElection", "seats": 2,
//!   "elected": ["宋正舜", "徐进"], "next": { "step": "done" },
//!   "rounds": [
//!     {
//!       "number": 1, "kind": "first", "state": "Closed", "seats": 2,
//!       "required": 39, "issued": 73, "returned": 73, "valid": 73, "invalid": 0,
//!       "void": null,
//!       "candidates": [
//!         { "name": "宋正舜", "written_in": false, "yes": 73, "no": 0, "abstain": 0,
//!           "elected": true }
//!       ],
//!       "elected": ["宋正舜", "徐进"], "next": { "step": "done" },
//!       "frozen": { "seated": 76, "present": 73, … }
//!     }
//!   ],
//!   "audit": [3, 4, 5, 6, 7]
//! }
//! ```
//!
//! - `post`: `Head` | `Deputy` | `ByElection` | `Project`; `kind`: `first` | `revote` (after
//!   a void round) | `tie_ballot` (Art. 29 ¶1) | `further` (另行选举, Art. 29 ¶2).
//! - `required`: votes needed, more than half of all seated (Art. 25, 29); `null` in a tie
//!   ballot, where the most votes win. `issued`/`returned`: `null` until recorded.
//! - `void`: `null`, `"more_returned_than_issued"` or `"no_quorum"`.
//! - `next` (per round, `null` while it is open; per election, what the last closed round
//!   calls for, `null` before the first): `{"step":"done"}`, `{"step":"revote"}`,
//!   `{"step":"tie_ballot","seats":1,"among":[…]}` or
//!   `{"step":"further_election","seats":1,"candidates":[…] | null}` (`null`: to be
//!   nominated).

use serde::{Deserialize, Serialize};

use super::election_tally::ElectionTally;
use super::tally::{Attendance, MotionState, Tally, Verdict};
use crate::i18n::{Lang, tr, trf};
use crate::model::election_count::{Next, RoundKind, VoidReason};
use crate::model::{Post, VotingMethod};

/// One motion in the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MotionReport {
    pub id: String,
    pub title: String,
    pub method: VotingMethod,
    pub state: MotionState,
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    pub invalid: u32,
    pub not_voting: u32,
    pub counted: bool,
    pub rule: String,
    pub base: u32,
    pub required: Option<u32>,
    pub verdict: Verdict,
    pub frozen: Option<Attendance>,
    pub audit: Vec<u64>,
}

/// The whole tally.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyReport {
    pub session: String,
    pub records: u64,
    pub head: String,
    pub head_code: Option<String>,
    pub journal_status: String,
    pub attendance: Attendance,
    pub motions: Vec<MotionReport>,
    #[serde(default)]
    pub elections: Vec<ElectionReport>,
}

/// One election in the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElectionReport {
    pub id: String,
    pub office: String,
    pub post: Post,
    pub seats: u32,
    /// Everyone elected so far, round by round.
    pub elected: Vec<String>,
    pub next: Option<Next>,
    pub rounds: Vec<RoundReport>,
    pub audit: Vec<u64>,
}

/// One round of an election.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundReport {
    pub number: u32,
    pub kind: RoundKind,
    pub state: MotionState,
    pub seats: u32,
    pub required: Option<u32>,
    pub issued: Option<u32>,
    pub returned: Option<u32>,
    pub valid: u32,
    pub invalid: u32,
    pub void: Option<VoidReason>,
    pub candidates: Vec<CandidateReport>,
    pub elected: Vec<String>,
    pub next: Option<Next>,
    pub frozen: Option<Attendance>,
}

/// One person (or project) in a round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateReport {
    pub name: String,
    pub written_in: bool,
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    pub elected: bool,
}

impl ElectionReport {
    pub fn new(e: &ElectionTally, seated: u32) -> Self {
        let rounds = e
            .rounds
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let result = e.result(i, seated);
                let elected = result
                    .as_ref()
                    .map(|x| x.elected.clone())
                    .unwrap_or_default();
                let required = match &result {
                    Some(x) => x.required,
                    None => (r.kind != RoundKind::TieBallot)
                        .then(|| crate::model::election_count::required_votes(seated)),
                };
                RoundReport {
                    number: r.number,
                    kind: r.kind,
                    state: r.state,
                    seats: r.seats,
                    required,
                    issued: r.ballots.map(|b| b.0),
                    returned: r.ballots.map(|b| b.1),
                    valid: r.valid(),
                    invalid: r.invalid(),
                    void: result.as_ref().and_then(|x| x.void),
                    candidates: r
                        .totals()
                        .into_iter()
                        .map(|t| CandidateReport {
                            elected: elected.contains(&t.name),
                            name: t.name,
                            written_in: t.written_in,
                            yes: t.yes,
                            no: t.no,
                            abstain: t.abstain,
                        })
                        .collect(),
                    elected,
                    next: result.map(|x| x.next),
                    frozen: r.frozen,
                }
            })
            .collect();
        ElectionReport {
            id: e.id.clone(),
            office: e.office.clone(),
            post: e.post,
            seats: e.seats,
            elected: e.elected(seated),
            next: e.next(seated),
            rounds,
            audit: e.audit.clone(),
        }
    }
}

impl ElectionReport {
    /// What comes next, in words: the same for `tally`, the window and the exports.
    pub fn next_text(&self, lang: Lang) -> String {
        let sep = tr(lang, "election.cli.list_sep");
        match (&self.next, self.rounds.last()) {
            (_, None) => tr(lang, "election.next.not_started").into_owned(),
            (None, Some(_)) => tr(lang, "election.next.counting").into_owned(),
            (Some(Next::Done), _) => tr(lang, "election.next.done").into_owned(),
            (Some(Next::Revote), _) => tr(lang, "election.next.revote").into_owned(),
            (Some(Next::TieBallot { seats, among }), _) => trf(
                lang,
                "election.next.tie_ballot",
                &[
                    ("seats", &seats.to_string()),
                    ("among", &among.join(sep.as_ref())),
                ],
            ),
            (Some(Next::FurtherElection { seats, candidates }), _) => match candidates {
                Some(c) => trf(
                    lang,
                    "election.next.further",
                    &[
                        ("seats", &seats.to_string()),
                        ("candidates", &c.join(sep.as_ref())),
                    ],
                ),
                None => trf(
                    lang,
                    "election.next.further_nominate",
                    &[("seats", &seats.to_string())],
                ),
            },
        }
    }
}

impl TallyReport {
    /// Builds the report; `head` and `journal_status` describe the journal it came from.
    pub fn new(tally: &Tally, head: &str, journal_status: &str, lang: Lang) -> Self {
        let motions = tally
            .motions()
            .iter()
            .map(|m| {
                let r = tally.result(m);
                MotionReport {
                    id: m.id.clone(),
                    title: m.title.clone(),
                    method: m.method,
                    state: m.state,
                    yes: r.counts.yes,
                    no: r.counts.no,
                    abstain: r.counts.abstain,
                    invalid: r.counts.invalid,
                    not_voting: r.not_voting,
                    counted: m.is_counted(),
                    rule: m.rule.describe(lang),
                    base: r.base,
                    required: r.required,
                    verdict: r.verdict,
                    frozen: m.frozen,
                    audit: m.audit.clone(),
                }
            })
            .collect();
        TallyReport {
            session: tally.session_id().to_string(),
            records: tally.records_applied(),
            head: head.to_string(),
            head_code: tally
                .records_applied()
                .checked_sub(1)
                .zip(super::ChainHash::from_hex(head.as_bytes()))
                .map(|(seq, h)| super::HeadCode::of(seq, &h).to_string()),
            journal_status: journal_status.to_string(),
            attendance: tally.attendance(),
            motions,
            elections: tally
                .elections()
                .iter()
                .map(|e| ElectionReport::new(e, tally.seated()))
                .collect(),
        }
    }
}
