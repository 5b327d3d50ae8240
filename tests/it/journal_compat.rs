//! Journals already on disk keep working: a journal written by the code as it was before the
//! reader was optimised (issue 8), committed with the tally it replayed to then, must still
//! open, verify and replay to that same tally. Since format 2 (batches, a fingerprint with
//! titles and names) it is read only, and says so.
//!
//! The fixture (`tests/fixtures/journal-v1/`) was written once by the ignored test below
//! (`cargo test --test it journal_compat -- --ignored write_fixture`); do not regenerate it
//! with newer code, or it stops proving anything.

use crate::journal_support;

use std::path::{Path, PathBuf};

use delegate_desk::i18n::Lang;
use delegate_desk::journal::{
    Action, Choice, Journal, JournalStatus, Mark, Recorder, Tally, TallyReport, scan,
};
use delegate_desk::model::{Session, load_str};
use journal_support::*;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/journal-v1")
}

fn fixture_session() -> Session {
    let text = std::fs::read_to_string(dir().join("session.ron")).unwrap();
    load_str("session.ron", &text, Lang::En).unwrap().session
}

fn report(rec: &Recorder) -> TallyReport {
    TallyReport::new(rec.tally(), &rec.journal().head().to_hex(), "ok", Lang::En)
}

#[test]
#[ignore = "writes the committed fixture; run only to create it, with the old code"]
fn write_fixture() {
    let d = dir();
    std::fs::create_dir_all(&d).unwrap();
    let text = session_text("compat-session", 30);
    std::fs::write(d.join("session.ron"), &text).unwrap();
    let s = fixture_session();
    let path = d.join("journal.jsonl");
    let _ = std::fs::remove_file(&path);
    let mut r = Recorder::open_for_writing(&path, &s, "李秘书").unwrap();
    // Every kind of action, undos of each undoable kind, and text that JSON must escape.
    let steps: Vec<(&str, Action)> = vec![
        ("李秘书", present(1..=24)),
        ("李秘书", mark(Mark::Leave, 25..=27)),
        ("王秘书 \"乙\"", mark(Mark::Absent, 28..=30)),
        ("李秘书", open("hands")),
        ("李秘书", counts("hands", 20, 2, 1, 0)),
        ("李秘书", close("hands")),
        (
            "李秘书",
            Action::Reopen {
                motion: "hands".into(),
                reason: "计数有误\n\"重计\" \\ tab\there".into(),
            },
        ),
        ("李秘书", counts("hands", 19, 3, 1, 0)),
        ("李秘书", close("hands")),
        ("王秘书 \"乙\"", open("roll")),
        ("王秘书 \"乙\"", vote("roll", 1, Choice::Yes)),
        ("王秘书 \"乙\"", vote("roll", 2, Choice::No)),
        ("王秘书 \"乙\"", vote("roll", 3, Choice::Abstain)),
        ("王秘书 \"乙\"", vote("roll", 1, Choice::No)),
    ];
    for (who, a) in steps {
        r.record(who, a).unwrap();
    }
    let undo = r.tally().undo_action().unwrap();
    r.record("王秘书 \"乙\"", undo).unwrap();
    for n in 4..=20 {
        r.record("王秘书 \"乙\"", vote("roll", n, Choice::Yes))
            .unwrap();
    }
    r.record("王秘书 \"乙\"", close("roll")).unwrap();
    r.record("李秘书", open("ballot")).unwrap();
    r.record("李秘书", counts("ballot", 10, 10, 2, 2)).unwrap();
    let undo = r.tally().undo_action().unwrap();
    r.record("李秘书", undo).unwrap();
    r.record("李秘书", counts("ballot", 16, 5, 1, 2)).unwrap();
    r.record("李秘书", present(25..=25)).unwrap();
    let undo = r.tally().undo_action().unwrap();
    r.record("李秘书", undo).unwrap();
    // Left open, and one undoable record on top, so the undo stack's identities matter.
    r.record("李秘书", present(26..=26)).unwrap();
    let json = serde_json::to_string_pretty(&report(&r)).unwrap();
    std::fs::write(d.join("tally.json"), json + "\n").unwrap();
}

/// The tally the old code replayed, plus the head code it did not have yet (record number
/// and the first 8 hex digits of the head it did write).
fn expected() -> TallyReport {
    let mut want: TallyReport =
        serde_json::from_slice(&std::fs::read(dir().join("tally.json")).unwrap()).unwrap();
    assert_eq!(want.head_code, None);
    want.head_code = Some(format!("#{}-{}", want.records - 1, &want.head[..8]));
    want
}

#[test]
fn an_old_journal_verifies_and_replays_to_the_same_tally() {
    let s = fixture_session();
    let path = dir().join("journal.jsonl");
    let bytes = std::fs::read(&path).unwrap();
    let scanned = scan(&bytes);
    assert_eq!(scanned.status, JournalStatus::Ok);
    assert_eq!(scanned.good_len, bytes.len() as u64);
    let want = expected();
    assert_eq!(scanned.records.len() as u64, want.records);
    assert_eq!(scanned.head().to_hex(), want.head);
    // Each record writes back to exactly its line: the format is unchanged.
    let lines: Vec<&[u8]> = bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    for (r, line) in scanned.records.iter().zip(&lines) {
        assert_eq!(r.to_line().as_bytes(), *line, "record {}", r.seq);
    }
    let rec = Recorder::open_read_only(&path, &s).unwrap();
    assert_eq!(report(&rec), want);
    let replayed = Tally::replay(&s, &scanned.records).unwrap();
    assert_eq!(
        TallyReport::new(&replayed, &scanned.head().to_hex(), "ok", Lang::En),
        want
    );
}

/// A format 1 journal (fingerprinted without titles and names, no batches) is read, not
/// written: opening it to record says why, and writes nothing.
#[test]
fn an_old_journal_is_read_only_with_a_clear_note() {
    let s = fixture_session();
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("journal.jsonl");
    std::fs::copy(dir().join("journal.jsonl"), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let e = Recorder::open_for_writing(&path, &s, "新秘书").unwrap_err();
    let msg = e.message(Lang::Zh);
    assert!(
        msg.contains("旧格式 1") && msg.contains("只能查看"),
        "{msg}"
    );
    assert!(e.message(Lang::En).contains("old format 1"), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let j = Journal::open_read_only(&path, &s).unwrap();
    assert_eq!(j.format(), 1);
    assert_eq!(j.status(), &JournalStatus::Ok);
    // Renaming a motion does not matter to a format 1 journal (its fingerprint never had
    // titles), but does to a new one.
    let mut renamed = s.clone();
    renamed.motions[0].title = "另一个议案".into();
    assert!(Journal::open_read_only(&path, &renamed).is_ok());
    let new = tmp.path().join("new.jsonl");
    drop(Recorder::open_for_writing(&new, &s, "新秘书").unwrap());
    let e = Journal::open_read_only(&new, &renamed).unwrap_err();
    assert!(
        matches!(e, delegate_desk::journal::JournalError::WrongSession(_)),
        "{e}"
    );
}
