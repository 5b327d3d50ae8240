//! Filling the votes part of a summary from the tally replayed from a vote journal.
//!
//! Attendance and quorum come from the journal's marks; each motion the journal opened gets
//! its recorded counts (live while open, final once closed), threshold and verdict, in place
//! of anything the source states; motions the journal never opened keep the source's
//! statement, labelled as such. Roll calls list every delegate whose choice is on record.
//! Elections get each round the journal recorded. The chain head is the hash `delegate-desk verify` prints for the same journal, and its
//! short code the one `verify --head` checks.

use std::collections::HashMap;

use crate::i18n::Lang;
use crate::journal::{self, Tally};
use crate::model::{Session, VotingMethod};

use super::summary::{MotionState, RollCallRow, SummaryData, Verdict};

impl SummaryData {
    /// Adds what `tally` (replayed from a journal of `session` whose last record's hash is
    /// `head`) records, replacing any tally data already present.
    pub fn with_tally(mut self, session: &Session, tally: &Tally, head: &str, lang: Lang) -> Self {
        let a = tally.attendance();
        self.attendance.present = Some(a.present);
        self.attendance.on_leave = Some(a.leave);
        self.attendance.absent = Some(a.absent);
        self.attendance.unmarked = Some(a.unmarked);
        self.attendance.quorum_required = a.quorum_required;
        self.attendance.quorum_met = Some(a.quorate);
        self.chain_hash = Some(head.to_string());
        self.journal_records = usize::try_from(tally.records_applied()).ok();
        self.head_code = tally
            .records_applied()
            .checked_sub(1)
            .zip(journal::ChainHash::from_hex(head.as_bytes()))
            .map(|(seq, h)| journal::HeadCode::of(seq, &h).to_string());

        let names: HashMap<&str, String> = session
            .roster
            .iter()
            .map(|d| (d.id.as_str(), d.display_name()))
            .collect();
        let rows: HashMap<&str, usize> = self
            .motions
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.as_str(), i))
            .collect();
        let mut updates = Vec::new();
        let mut roll_calls = Vec::new();
        for m in tally.motions() {
            let state = match m.state {
                journal::MotionState::NotOpen => continue,
                journal::MotionState::Open => MotionState::Open,
                journal::MotionState::Closed => MotionState::Closed,
            };
            let r = tally.result(m);
            let counted = m.is_counted();
            let verdict = match r.verdict {
                journal::Verdict::Pending => None,
                journal::Verdict::Passed => Some(Verdict::Passed),
                journal::Verdict::NotPassed => Some(Verdict::NotPassed),
                journal::Verdict::NoQuorum => Some(Verdict::NoQuorum),
            };
            let count = |n: u32| counted.then_some(n);
            updates.push((
                rows.get(m.id.as_str()).copied(),
                super::summary::MotionRow {
                    id: m.id.clone(),
                    title: m.title.clone(),
                    method: m.method,
                    state,
                    yes: count(r.counts.yes),
                    no: count(r.counts.no),
                    abstain: count(r.counts.abstain),
                    invalid: (m.method == VotingMethod::SecretBallot)
                        .then_some(r.counts.invalid)
                        .and_then(count),
                    not_voting: (state == MotionState::Closed)
                        .then_some(r.not_voting)
                        .and_then(count),
                    rule: m.rule.describe(lang),
                    base: Some(r.base),
                    required: r.required,
                    verdict,
                    stated: false,
                },
            ));
            if m.method == VotingMethod::RollCall {
                for (i, id) in tally.delegate_ids().iter().enumerate() {
                    let Some(choice) = m.choice(i) else { continue };
                    roll_calls.push(RollCallRow {
                        motion_id: m.id.clone(),
                        motion_title: m.title.clone(),
                        delegate_id: id.clone(),
                        name: names
                            .get(id.as_str())
                            .cloned()
                            .unwrap_or_else(|| id.clone()),
                        choice,
                    });
                }
            }
        }
        for (at, row) in updates {
            match at {
                Some(i) => self.motions[i] = row,
                None => self.motions.push(row),
            }
        }
        self.roll_calls = roll_calls;
        for e in tally.elections() {
            let report = journal::ElectionReport::new(e, tally.seated());
            if let Some(block) = self.elections.iter_mut().find(|b| b.report.id == e.id) {
                block.next = report.next_text(lang);
                block.report = report;
            }
        }
        self
    }
}
