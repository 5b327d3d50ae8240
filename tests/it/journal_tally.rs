//! The tally's rules: quorum and majority boundaries at 107 seated, count checks, the motion
//! life cycle, roll calls, undo.

use crate::journal_support;

use delegate_desk::journal::{
    Action, ActionError, Choice, Mark, MotionState, RecordError, Tally, Verdict,
};
use journal_support::*;

fn refused(r: Result<delegate_desk::journal::Record, RecordError>) -> ActionError {
    match r {
        Err(RecordError::Refused(e)) => e,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn quorum_needs_72_of_107() {
    let s = session(107);
    let dir = tempfile::tempdir().unwrap();
    let mut r = recorder(dir.path(), &s);
    r.record("李秘书", present(1..=71)).unwrap();
    let a = r.tally().attendance();
    assert_eq!((a.seated, a.present, a.unmarked), (107, 71, 36));
    assert_eq!(a.quorum_required, Some(72));
    assert!(!a.quorate);
    r.record("李秘书", present(72..=72)).unwrap();
    assert!(r.tally().attendance().quorate);
    r.record("李秘书", mark(Mark::Leave, 73..=75)).unwrap();
    r.record("李秘书", mark(Mark::Absent, 76..=107)).unwrap();
    let a = r.tally().attendance();
    assert_eq!((a.present, a.leave, a.absent, a.unmarked), (72, 3, 32, 0));
}

fn show_of_hands_with_yes(yes: u32) -> (Verdict, Option<u32>) {
    let s = session(107);
    let dir = tempfile::tempdir().unwrap();
    let mut r = recorder(dir.path(), &s);
    r.record("李秘书", present(1..=100)).unwrap();
    r.record("李秘书", open("hands")).unwrap();
    r.record("李秘书", counts("hands", yes, 100 - yes, 0, 0))
        .unwrap();
    r.record("李秘书", close("hands")).unwrap();
    let t = r.tally();
    let res = t.result(t.motion("hands").unwrap());
    (res.verdict, res.required)
}

#[test]
fn majority_needs_54_of_107_seated() {
    assert_eq!(show_of_hands_with_yes(53), (Verdict::NotPassed, Some(54)));
    assert_eq!(show_of_hands_with_yes(54), (Verdict::Passed, Some(54)));
}

#[test]
fn counts_cannot_exceed_those_present() {
    let s = session(107);
    let dir = tempfile::tempdir().unwrap();
    let mut r = recorder(dir.path(), &s);
    r.record("李秘书", present(1..=72)).unwrap();
    r.record("李秘书", open("hands")).unwrap();
    r.record("李秘书", open("ballot")).unwrap();
    let e = refused(r.record("李秘书", counts("hands", 60, 10, 3, 0)));
    assert_eq!(
        e,
        ActionError::CountsExceedPresent {
            motion: "hands".into(),
            total: 73,
            present: 72
        }
    );
    r.record("李秘书", counts("hands", 60, 10, 2, 0)).unwrap();
    // Invalid ballots count towards those taking part, and exist only for ballots.
    assert!(matches!(
        refused(r.record("李秘书", counts("ballot", 60, 10, 1, 2))),
        ActionError::CountsExceedPresent { total: 73, .. }
    ));
    assert_eq!(
        refused(r.record("李秘书", counts("hands", 60, 10, 0, 1))),
        ActionError::InvalidOnShowOfHands("hands".into())
    );
    r.record("李秘书", counts("ballot", 60, 5, 1, 2)).unwrap();
    let t = r.tally();
    let res = t.result(t.motion("ballot").unwrap());
    assert_eq!(res.counts.invalid, 2);
    assert_eq!(res.not_voting, 72 - 68);
    // Nobody may leave while that would put attendance below a recorded total.
    assert!(matches!(
        refused(r.record("李秘书", mark(Mark::Leave, 1..=1))),
        ActionError::BelowCounts { .. }
    ));
}

#[test]
fn closing_freezes_attendance_and_locks_the_vote() {
    let s = session(107);
    let dir = tempfile::tempdir().unwrap();
    let mut r = recorder(dir.path(), &s);
    r.record("李秘书", present(1..=80)).unwrap();
    assert_eq!(
        refused(r.record("李秘书", counts("hands", 1, 0, 0, 0))),
        ActionError::NotOpen("hands".into())
    );
    r.record("李秘书", open("hands")).unwrap();
    assert_eq!(
        refused(r.record("李秘书", close("hands"))),
        ActionError::NoCounts("hands".into())
    );
    r.record("李秘书", counts("hands", 70, 5, 5, 0)).unwrap();
    r.record("李秘书", close("hands")).unwrap();
    r.record("李秘书", mark(Mark::Absent, 1..=20)).unwrap();
    let t = r.tally();
    let m = t.motion("hands").unwrap();
    assert_eq!(m.state, MotionState::Closed);
    assert_eq!(m.frozen.unwrap().present, 80);
    assert_eq!(t.attendance().present, 60);
    assert_eq!(t.result(m).not_voting, 0);
    assert_eq!(t.result(m).verdict, Verdict::Passed);
    assert_eq!(
        refused(r.record("李秘书", counts("hands", 1, 0, 0, 0))),
        ActionError::Closed("hands".into())
    );
    assert_eq!(
        refused(r.record("李秘书", open("hands"))),
        ActionError::AlreadyClosed("hands".into())
    );
    assert_eq!(
        refused(r.record(
            "李秘书",
            Action::Reopen {
                motion: "hands".into(),
                reason: "  ".into()
            }
        )),
        ActionError::EmptyReason
    );
    // 80 counted but only 60 present now: the reopened vote would be inconsistent.
    assert!(matches!(
        refused(r.record(
            "李秘书",
            Action::Reopen {
                motion: "hands".into(),
                reason: "计票有误".into()
            }
        )),
        ActionError::BelowCounts { .. }
    ));
    r.record("李秘书", present(1..=20)).unwrap();
    let reopen = r
        .record(
            "李秘书",
            Action::Reopen {
                motion: "hands".into(),
                reason: "计票有误".into(),
            },
        )
        .unwrap()
        .seq;
    let m = r.tally().motion("hands").unwrap();
    assert_eq!(m.state, MotionState::Open);
    assert_eq!(m.frozen, None);
    assert!(m.audit.contains(&reopen));
    assert_eq!(r.tally().result(m).verdict, Verdict::Pending);
}

#[test]
fn roll_call_counts_one_choice_per_present_delegate() {
    let s = session(107);
    let dir = tempfile::tempdir().unwrap();
    let mut r = recorder(dir.path(), &s);
    r.record("李秘书", present(1..=75)).unwrap();
    r.record("李秘书", open("roll")).unwrap();
    assert_eq!(
        refused(r.record("李秘书", vote("roll", 76, Choice::Yes))),
        ActionError::NotPresent("d076".into())
    );
    assert_eq!(
        refused(r.record("李秘书", counts("roll", 1, 0, 0, 0))),
        ActionError::IsRollCall("roll".into())
    );
    for n in 1..=60 {
        r.record("李秘书", vote("roll", n, Choice::Yes)).unwrap();
    }
    r.record("李秘书", vote("roll", 61, Choice::No)).unwrap();
    // A later choice replaces the earlier one.
    r.record("李秘书", vote("roll", 1, Choice::Abstain))
        .unwrap();
    let t = r.tally();
    let res = t.result(t.motion("roll").unwrap());
    assert_eq!(
        (res.counts.yes, res.counts.no, res.counts.abstain),
        (59, 1, 1)
    );
    assert_eq!(res.not_voting, 75 - 61);
    assert_eq!(
        refused(r.record("李秘书", mark(Mark::Absent, 1..=1))),
        ActionError::HasVoted {
            delegate: "d001".into(),
            motion: "roll".into()
        }
    );
    r.record("李秘书", close("roll")).unwrap();
    let t = r.tally();
    assert_eq!(t.result(t.motion("roll").unwrap()).verdict, Verdict::Passed);
    assert_eq!(
        refused(r.record("李秘书", vote("roll", 2, Choice::No))),
        ActionError::Closed("roll".into())
    );
}

#[test]
fn unknown_ids_are_refused_and_change_nothing() {
    let s = session(107);
    let dir = tempfile::tempdir().unwrap();
    let mut r = recorder(dir.path(), &s);
    let before = r.journal().len();
    let e = refused(r.record(
        "李秘书",
        Action::Attendance {
            mark: Mark::Present,
            delegates: vec!["d001".into(), "nobody".into()],
        },
    ));
    assert_eq!(e, ActionError::UnknownDelegate("nobody".into()));
    assert_eq!(
        refused(r.record("李秘书", open("m9"))),
        ActionError::UnknownMotion("m9".into())
    );
    assert_eq!(r.journal().len(), before);
    assert_eq!(r.tally().attendance().present, 0);
}

#[test]
fn undo_is_a_stack_that_stops_at_a_close() {
    let s = session(107);
    let dir = tempfile::tempdir().unwrap();
    let mut r = recorder(dir.path(), &s);
    r.record("李秘书", present(1..=80)).unwrap();
    r.record("李秘书", mark(Mark::Leave, 1..=5)).unwrap();
    let first_open = r.record("李秘书", open("hands")).unwrap().clone();
    r.record("李秘书", counts("hands", 50, 0, 0, 0)).unwrap();
    r.record("李秘书", counts("hands", 60, 0, 0, 0)).unwrap();
    // Undo the second count: the first one is back.
    let undo = r.tally().undo_action().unwrap();
    r.record("李秘书", undo).unwrap();
    assert_eq!(r.tally().motion("hands").unwrap().counts().yes, 50);
    // Only the most recent record in effect can be undone.
    let stale = Action::Undo {
        seq: first_open.seq,
        record: first_open.id(),
    };
    assert_eq!(
        refused(r.record("李秘书", stale)),
        ActionError::CannotUndo(first_open.seq)
    );
    // Two more undos: the first count, then the opening.
    for _ in 0..2 {
        let u = r.tally().undo_action().unwrap();
        r.record("李秘书", u).unwrap();
    }
    let m = r.tally().motion("hands").unwrap();
    assert_eq!(m.state, MotionState::NotOpen);
    assert!(!m.is_counted());
    // And the leave marks: those five are present again.
    let u = r.tally().undo_action().unwrap();
    r.record("李秘书", u).unwrap();
    assert_eq!(r.tally().attendance().present, 80);
    assert_eq!(r.tally().attendance().leave, 0);
    r.record("李秘书", open("hands")).unwrap();
    r.record("李秘书", counts("hands", 60, 0, 0, 0)).unwrap();
    r.record("李秘书", close("hands")).unwrap();
    assert_eq!(r.tally().undo_action(), None);
    assert!(matches!(
        r.record(
            "李秘书",
            Action::Undo {
                seq: 0,
                record: String::new()
            }
        ),
        Err(RecordError::Refused(ActionError::NothingToUndo))
    ));
    // Everything above is in the file: a replay gives the same figures.
    let replayed = Tally::replay(&s, &r.journal().read_all().unwrap()).unwrap();
    assert_eq!(replayed.attendance(), r.tally().attendance());
    let (a, b) = (
        replayed.motion("hands").unwrap(),
        r.tally().motion("hands").unwrap(),
    );
    assert_eq!(replayed.result(a), r.tally().result(b));
    assert_eq!(a.audit, b.audit);
}

#[test]
fn rules_on_present_and_cast_use_their_own_base() {
    let text = session_text("t", 107).replace(
        r#"Motion(id: "hands", title: "举手议案", method: ShowOfHands),"#,
        r#"Motion(id: "hands", title: "举手议案", method: ShowOfHands,
                  rule: Threshold(base: Present, fraction: (2, 3), strict: false)),"#,
    );
    let s = delegate_desk::model::load_str("t.ron", &text, delegate_desk::i18n::Lang::En)
        .unwrap()
        .session;
    let dir = tempfile::tempdir().unwrap();
    let mut r = recorder(dir.path(), &s);
    r.record("李秘书", present(1..=90)).unwrap();
    r.record("李秘书", open("hands")).unwrap();
    r.record("李秘书", counts("hands", 59, 31, 0, 0)).unwrap();
    r.record("李秘书", close("hands")).unwrap();
    let t = r.tally();
    let res = t.result(t.motion("hands").unwrap());
    assert_eq!((res.base, res.required), (90, Some(60)));
    assert_eq!(res.verdict, Verdict::NotPassed);
}

#[test]
fn the_bundled_jiujiang_session_reaches_quorum_at_72() {
    let s = delegate_desk::model::load_bundled(delegate_desk::i18n::Lang::Zh)
        .unwrap()
        .session;
    assert_eq!(s.seats, 107);
    let dir = tempfile::tempdir().unwrap();
    let mut r = recorder(dir.path(), &s);
    let roster: Vec<compact_str::CompactString> =
        s.roster.iter().map(|d| d.id.as_str().into()).collect();
    assert!(roster.iter().any(|id| id == "zhang-zhaorong"));
    r.record(
        "李秘书",
        Action::Attendance {
            mark: Mark::Present,
            delegates: roster[..71].to_vec(),
        },
    )
    .unwrap();
    assert!(!r.tally().attendance().quorate);
    r.record(
        "李秘书",
        Action::Attendance {
            mark: Mark::Present,
            delegates: roster[71..72].to_vec(),
        },
    )
    .unwrap();
    assert!(r.tally().attendance().quorate);
    assert_eq!(r.tally().attendance().unmarked, 107 - 72);
}

/// Organic Law Art. 14 ¶4 at two sizes of assembly: one short of the quorum (ceil(2/3 of
/// the seated)) a motion cannot be opened and the refusal says how many more must sign in;
/// at the quorum it can. 107 seated: 72; 80 seated: 54 (3·54 = 162 ≥ 160, 3·53 = 159 < 160).
#[test]
fn opening_needs_the_quorum_at_71_72_of_107_and_53_54_of_80() {
    for (seats, quorum) in [(107, 72), (80, 54)] {
        let s = session(seats);
        let dir = tempfile::tempdir().unwrap();
        let mut r = recorder(dir.path(), &s);
        assert_eq!(r.tally().attendance().quorum_required, Some(quorum));
        assert_eq!(r.tally().quorum_shortfall(), Some(quorum));
        r.record("李秘书", present(1..=quorum - 1)).unwrap();
        assert_eq!(r.tally().quorum_shortfall(), Some(1));
        let e = refused(r.record("李秘书", open("hands")));
        assert_eq!(
            e,
            ActionError::NoQuorum {
                motion: "hands".into(),
                present: quorum - 1,
                short: Some(1)
            },
            "{seats}"
        );
        assert!(
            e.message(delegate_desk::i18n::Lang::Zh)
                .contains("还需 1 名代表签到")
        );
        assert_eq!(
            r.tally().motion("hands").unwrap().state,
            MotionState::NotOpen
        );
        r.record("李秘书", present(quorum..=quorum)).unwrap();
        assert_eq!(r.tally().quorum_shortfall(), Some(0));
        r.record("李秘书", open("hands")).unwrap();
    }
}

/// Attendance dropping below the quorum while a vote is open: closing it gives NoQuorum,
/// never Passed, whatever the counts (here every one of those present voted yes, more than
/// the majority of 54). At the quorum the same counts pass.
#[test]
fn closing_below_the_quorum_is_void_not_passed() {
    for (seats, quorum) in [(107u32, 72u32), (80, 54)] {
        for at_close in [quorum - 1, quorum] {
            let s = session(seats);
            let dir = tempfile::tempdir().unwrap();
            let mut r = recorder(dir.path(), &s);
            r.record("李秘书", present(1..=quorum)).unwrap();
            r.record("李秘书", open("hands")).unwrap();
            if at_close < quorum {
                r.record("李秘书", mark(Mark::Leave, quorum..=quorum))
                    .unwrap();
            }
            r.record("李秘书", counts("hands", at_close, 0, 0, 0))
                .unwrap();
            r.record("李秘书", close("hands")).unwrap();
            let t = r.tally();
            let res = t.result(t.motion("hands").unwrap());
            let majority = seats / 2 + 1;
            let want = if at_close < quorum {
                Verdict::NoQuorum
            } else if at_close >= majority {
                Verdict::Passed
            } else {
                Verdict::NotPassed
            };
            assert_eq!(res.verdict, want, "{seats} seated, {at_close} present");
        }
    }
}

/// Before anybody signs in the attendance says so, rather than "not quorate".
#[test]
fn sign_in_not_started_until_someone_is_marked() {
    let s = session(107);
    let dir = tempfile::tempdir().unwrap();
    let mut r = recorder(dir.path(), &s);
    assert!(!r.tally().attendance().sign_in_started());
    r.record("李秘书", mark(Mark::Absent, 1..=1)).unwrap();
    assert!(r.tally().attendance().sign_in_started());
}
