//! Any sequence of valid actions gives the same tally whether replayed from the journal file
//! or counted directly from the actions that remain in effect.

use crate::journal_support;

use std::collections::HashMap;

use delegate_desk::i18n::Lang;
use delegate_desk::journal::{
    Action, Attendance, Choice, Journal, Mark, MotionState, Planned, Tally, TallyReport, Verdict,
};
use delegate_desk::model::Session;
use journal_support::*;
use proptest::prelude::*;

const SEATS: u32 = 12;
const MOTIONS: [&str; 3] = ["hands", "roll", "ballot"];

fn step(op: (u8, u32, u32, u8)) -> Planned {
    let (kind, a, b, c) = op;
    let motion: compact_str::CompactString = MOTIONS[(a % 3) as usize].into();
    let mark = [Mark::Present, Mark::Leave, Mark::Absent][(c % 3) as usize];
    match kind % 9 {
        0 | 1 => {
            let from = a % SEATS + 1;
            let to = (from + b % 4).min(SEATS);
            Planned::Act(mark_range(mark, from, to))
        }
        2 => Planned::Act(Action::Open { motion }),
        3 => Planned::Act(vote("roll", a % SEATS + 1, choice(c))),
        4 => Planned::Act(Action::Counts {
            motion: if a % 2 == 0 { "hands" } else { "ballot" }.into(),
            yes: a % 8,
            no: b % 5,
            abstain: u32::from(c % 3),
            invalid: (b / 5) % 2,
        }),
        5 => Planned::Act(Action::Close { motion }),
        6 => Planned::Act(Action::Reopen {
            motion,
            reason: "更正".into(),
        }),
        7 => Planned::UndoLast,
        _ => Planned::MarkRest(mark),
    }
}

fn mark_range(mark: Mark, from: u32, to: u32) -> Action {
    journal_support::mark(mark, from..=to)
}

fn choice(c: u8) -> Choice {
    [Choice::Yes, Choice::No, Choice::Abstain][(c % 3) as usize]
}

/// state, [yes, no, abstain, invalid], not voting, verdict, present when frozen.
type MotionFigures = (MotionState, [u32; 4], u32, Verdict, Option<u32>);

/// The figures a person would count from the actions still in effect, from scratch.
#[derive(Debug, PartialEq)]
struct Direct {
    present: u32,
    leave: u32,
    absent: u32,
    quorate: bool,
    motions: Vec<MotionFigures>,
}

fn attendance_of(effective: &[Action]) -> HashMap<String, Mark> {
    let mut marks = HashMap::new();
    for a in effective {
        if let Action::Attendance { mark, delegates } = a {
            for d in delegates {
                marks.insert(d.to_string(), *mark);
            }
        }
    }
    marks
}

fn count(marks: &HashMap<String, Mark>, m: Mark) -> u32 {
    marks.values().filter(|&&v| v == m).count() as u32
}

fn count_directly(s: &Session, effective: &[Action]) -> Direct {
    let marks = attendance_of(effective);
    let present = count(&marks, Mark::Present);
    let motions = s
        .motions
        .iter()
        .map(|m| {
            let mut state = MotionState::NotOpen;
            let mut frozen_present = None;
            let mut totals = [0u32; 4];
            let mut votes: HashMap<String, Choice> = HashMap::new();
            for (i, a) in effective.iter().enumerate() {
                match a {
                    Action::Open { motion } | Action::Reopen { motion, .. } if *motion == m.id => {
                        state = MotionState::Open;
                        frozen_present = None;
                    }
                    Action::Close { motion } if *motion == m.id => {
                        state = MotionState::Closed;
                        frozen_present =
                            Some(count(&attendance_of(&effective[..i]), Mark::Present));
                    }
                    Action::Counts {
                        motion,
                        yes,
                        no,
                        abstain,
                        invalid,
                    } if *motion == m.id => totals = [*yes, *no, *abstain, *invalid],
                    Action::Vote {
                        motion,
                        delegate,
                        choice,
                    } if *motion == m.id => {
                        votes.insert(delegate.to_string(), *choice);
                    }
                    _ => {}
                }
            }
            if m.method == delegate_desk::model::VotingMethod::RollCall {
                let n = |c| votes.values().filter(|&&v| v == c).count() as u32;
                totals = [n(Choice::Yes), n(Choice::No), n(Choice::Abstain), 0];
            }
            let p = frozen_present.unwrap_or(present);
            let counted = m.method == delegate_desk::model::VotingMethod::RollCall
                || effective
                    .iter()
                    .any(|a| matches!(a, Action::Counts { motion, .. } if *motion == m.id));
            let not_voting = if counted {
                p.saturating_sub(totals.iter().sum())
            } else {
                0
            };
            let verdict = match state {
                // Art. 14 ¶4: closed below the quorum, the vote is void.
                MotionState::Closed if !s.quorum.is_met(p, s.seats) => Verdict::NoQuorum,
                MotionState::Closed if m.rule.is_met(totals[0], s.seats) => Verdict::Passed,
                MotionState::Closed => Verdict::NotPassed,
                _ => Verdict::Pending,
            };
            (state, totals, not_voting, verdict, frozen_present)
        })
        .collect();
    Direct {
        present,
        leave: count(&marks, Mark::Leave),
        absent: count(&marks, Mark::Absent),
        quorate: s.quorum.is_met(present, s.seats),
        motions,
    }
}

fn from_report(r: &TallyReport) -> Direct {
    let a: Attendance = r.attendance;
    Direct {
        present: a.present,
        leave: a.leave,
        absent: a.absent,
        quorate: a.quorate,
        motions: r
            .motions
            .iter()
            .map(|m| {
                (
                    m.state,
                    [m.yes, m.no, m.abstain, m.invalid],
                    m.not_voting,
                    m.verdict,
                    m.frozen.map(|f| f.present),
                )
            })
            .collect(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn replayed_and_direct_tallies_agree(ops in prop::collection::vec((any::<u8>(), any::<u32>(), any::<u32>(), any::<u8>()), 1..60)) {
        let s = session(SEATS);
        let dir = tempfile::tempdir().unwrap();
        let mut rec = recorder(dir.path(), &s);
        // The actions in effect: undo removes the last one, as the secretary sees it.
        let mut effective: Vec<Action> = Vec::new();
        let mut undoable: Vec<bool> = Vec::new();
        for op in ops {
            let planned = step(op);
            let Ok(action) = planned.resolve(rec.tally()) else { continue };
            if rec.tally().validate(&action).is_err() {
                continue;
            }
            rec.record("李秘书", action.clone()).unwrap();
            if let Action::Undo { .. } = action {
                prop_assert_eq!(undoable.pop(), Some(true));
                effective.pop();
            } else {
                undoable.push(!matches!(action, Action::Close { .. } | Action::Reopen { .. }));
                effective.push(action);
            }
        }
        let journal = Journal::open_read_only(rec.journal().path(), &s).unwrap();
        let replayed = Tally::replay(&s, &journal.read_all().unwrap()).unwrap();
        let report = TallyReport::new(&replayed, &journal.head().to_hex(), "ok", Lang::En);
        prop_assert_eq!(from_report(&report), count_directly(&s, &effective));
        // And the window's incremental tally says the same as the replay.
        prop_assert_eq!(
            TallyReport::new(rec.tally(), &rec.journal().head().to_hex(), "ok", Lang::En),
            report
        );
    }
}
