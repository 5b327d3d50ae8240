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

use serde::{Deserialize, Serialize};

use super::tally::{Attendance, MotionState, Tally, Verdict};
use crate::i18n::Lang;
use crate::model::VotingMethod;

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
        }
    }
}
