//! Importing another secretary's journal: duplicates collapse, conflicts wait for a decision.

use crate::journal_support;

use delegate_desk::journal::{
    Action, Choice, ConflictKey, JournalStatus, Mark, MergeError, Record, Recorder, Side, Tally,
    merge, scan, write_new,
};
use journal_support::*;

/// Two secretaries' journals that share their first records (one copied the other's file)
/// and then went on separately.
fn two_journals(dir: &std::path::Path) -> (Vec<Record>, Vec<Record>) {
    let s = session(107);
    let a_path = dir.join("a.jsonl");
    let b_path = dir.join("b.jsonl");
    let mut a = Recorder::open_for_writing(&a_path, &s, "李秘书").unwrap();
    a.record("李秘书", present(1..=80)).unwrap();
    a.record("李秘书", open("roll")).unwrap();
    std::fs::copy(&a_path, &b_path).unwrap();
    let mut b = Recorder::open_for_writing(&b_path, &s, "王秘书").unwrap();
    // Agreeing records on separate delegates...
    a.record("李秘书", vote("roll", 1, Choice::Yes)).unwrap();
    b.record("王秘书", vote("roll", 2, Choice::No)).unwrap();
    // ...and two ways of recording d003's vote and d090's attendance.
    a.record("李秘书", vote("roll", 3, Choice::Yes)).unwrap();
    b.record("王秘书", vote("roll", 3, Choice::Abstain))
        .unwrap();
    a.record("李秘书", mark(Mark::Leave, 90..=90)).unwrap();
    b.record("王秘书", mark(Mark::Absent, 90..=91)).unwrap();
    (
        a.journal().read_all().unwrap(),
        b.journal().read_all().unwrap(),
    )
}

#[test]
fn duplicates_collapse_and_conflicts_are_listed_not_resolved() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_journals(dir.path());
    let m = merge(&a, &b).unwrap();
    // The shared two records appear once; the non-conflicting vote of each side is in.
    let actions: Vec<&Action> = m.records.iter().map(|r| &r.action).collect();
    assert_eq!(
        actions
            .iter()
            .filter(|a| matches!(a, Action::Open { .. }))
            .count(),
        1
    );
    assert!(actions.contains(&&vote("roll", 1, Choice::Yes)));
    assert!(actions.contains(&&vote("roll", 2, Choice::No)));
    // Conflicting records are held back, not silently ordered one after the other.
    assert!(
        !actions
            .iter()
            .any(|a| matches!(a, Action::Vote { delegate, .. } if delegate == "d003"))
    );
    let keys: Vec<&ConflictKey> = m.conflicts.iter().map(|c| &c.key).collect();
    assert_eq!(
        keys,
        [
            &ConflictKey::Attendance {
                delegate: "d090".into()
            },
            &ConflictKey::Vote {
                motion: "roll".into(),
                delegate: "d003".into()
            },
        ]
    );
    assert_eq!(m.conflicts[1].ours[0].secretary, "李秘书");
    assert_eq!(m.conflicts[1].theirs[0].secretary, "王秘书");
    let s = session(107);
    assert!(matches!(m.finish(&s), Err(MergeError::Unresolved(2))));
}

#[test]
fn merging_is_deterministic_whichever_side_imports() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_journals(dir.path());
    let ab = merge(&a, &b).unwrap();
    let ba = merge(&b, &a).unwrap();
    assert_eq!(ab.records, ba.records);
    assert_eq!(
        ab.conflicts.iter().map(|c| &c.key).collect::<Vec<_>>(),
        ba.conflicts.iter().map(|c| &c.key).collect::<Vec<_>>()
    );
    // Merging a journal with itself changes nothing.
    let aa = merge(&a, &a).unwrap();
    assert!(aa.conflicts.is_empty());
    assert_eq!(aa.records.len(), a.len() - 1);
}

#[test]
fn decided_conflicts_give_a_new_journal_that_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_journals(dir.path());
    let a_bytes = std::fs::read(dir.path().join("a.jsonl")).unwrap();
    let s = session(107);
    let mut m = merge(&a, &b).unwrap();
    assert!(m.resolve(0, Side::Theirs)); // d090 absent (and d091 with it)
    assert!(m.resolve(1, Side::Ours)); // d003 voted yes
    assert!(!m.resolve(2, Side::Ours));
    let records = m.finish(&s).unwrap();
    let out = dir.path().join("merged.jsonl");
    let written = write_new(&out, &s, "李秘书", &records).unwrap();
    let scanned = scan(&std::fs::read(&out).unwrap());
    assert_eq!(scanned.status, JournalStatus::Ok);
    assert_eq!(scanned.records, written);
    let t = Tally::replay(&s, &written).unwrap();
    let roll = t.motion("roll").unwrap();
    let (yes, no, abstain) = (roll.counts().yes, roll.counts().no, roll.counts().abstain);
    assert_eq!((yes, no, abstain), (2, 1, 0));
    assert_eq!(t.attendance().absent, 2);
    assert_eq!(t.attendance().leave, 0);
    // The inputs are untouched, and the output is never overwritten.
    assert_eq!(std::fs::read(dir.path().join("a.jsonl")).unwrap(), a_bytes);
    assert!(write_new(&out, &s, "李秘书", &records).is_err());
}

#[test]
fn journals_of_different_sessions_do_not_merge() {
    let dir = tempfile::tempdir().unwrap();
    let a = Recorder::open_for_writing(&dir.path().join("a.jsonl"), &session(107), "x").unwrap();
    let b = Recorder::open_for_writing(&dir.path().join("b.jsonl"), &session(106), "y").unwrap();
    assert!(matches!(
        merge(
            &a.journal().read_all().unwrap(),
            &b.journal().read_all().unwrap()
        ),
        Err(MergeError::DifferentSession)
    ));
}
