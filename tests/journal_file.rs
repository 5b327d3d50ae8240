//! The journal file: chain checks, torn tails, tampering, session binding.

mod journal_support;

use delegate_desk::i18n::Lang;
use delegate_desk::journal::{Journal, JournalError, JournalStatus, Recorder, Tally, scan};
use delegate_desk::model::load_str;
use journal_support::*;

/// A journal with a few records of every kind; returns its path and bytes.
fn sample(dir: &std::path::Path) -> (std::path::PathBuf, Vec<u8>) {
    let s = session(107);
    let mut r = recorder(dir, &s);
    r.record("李秘书", present(1..=80)).unwrap();
    r.record("李秘书", open("hands")).unwrap();
    r.record("王秘书", counts("hands", 70, 5, 5, 0)).unwrap();
    r.record("李秘书", close("hands")).unwrap();
    let path = r.journal().path().to_path_buf();
    let bytes = std::fs::read(&path).unwrap();
    (path, bytes)
}

#[test]
fn a_written_journal_reloads_with_the_same_tally() {
    let dir = tempfile::tempdir().unwrap();
    let (path, bytes) = sample(dir.path());
    let s = session(107);
    let j = Journal::open_read_only(&path, &s).unwrap();
    assert_eq!(j.status(), &JournalStatus::Ok);
    assert_eq!(j.records().len(), 5);
    assert!(bytes.ends_with(b"\n"));
    assert_eq!(bytes.iter().filter(|&&b| b == b'\n').count(), 5);
    let t = Tally::replay(&s, j.records()).unwrap();
    assert_eq!(t.attendance().present, 80);
    assert_eq!(t.motion("hands").unwrap().counts().yes, 70);
    assert_eq!(j.records()[3].secretary, "王秘书");
}

#[test]
fn a_flipped_byte_anywhere_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let (_, bytes) = sample(dir.path());
    let good = scan(&bytes);
    assert_eq!(good.status, JournalStatus::Ok);
    for i in 0..bytes.len() {
        for bit in [0x01u8, 0x20, 0x80] {
            let mut b = bytes.clone();
            b[i] ^= bit;
            let s = scan(&b);
            assert_ne!(
                s.status,
                JournalStatus::Ok,
                "byte {i} ^ {bit:#x} went unnoticed"
            );
            // Only the damaged record and later ones are lost.
            let line = bytes[..i].iter().filter(|&&c| c == b'\n').count();
            assert!(s.records.len() <= line + 1);
            assert_eq!(s.records[..], good.records[..s.records.len()]);
            if let JournalStatus::Damaged { record, .. } = s.status {
                assert!(record as usize <= line, "byte {i}: blamed record {record}");
            }
        }
    }
}

#[test]
fn truncation_anywhere_in_the_last_record_keeps_all_earlier_records() {
    let dir = tempfile::tempdir().unwrap();
    let (path, bytes) = sample(dir.path());
    let s = session(107);
    let body = &bytes[..bytes.len() - 1];
    let last_start = body.iter().rposition(|&b| b == b'\n').unwrap() + 1;
    let full = scan(&bytes).records;
    for cut in last_start..bytes.len() {
        std::fs::write(&path, &bytes[..cut]).unwrap();
        let j = Journal::open_read_only(&path, &s).unwrap();
        assert_eq!(j.records(), &full[..full.len() - 1], "cut at {cut}");
        let want = if cut == last_start {
            JournalStatus::Ok
        } else {
            JournalStatus::TornTailCut {
                bytes: (cut - last_start) as u64,
            }
        };
        assert_eq!(j.status(), &want);
        // Reading never changes the file: it may still be being copied in.
        assert_eq!(std::fs::read(&path).unwrap().len(), cut);
        // Opening to write cuts the torn tail, and the chain goes on intact.
        let mut r = Recorder::open_for_writing(&path, &s, "李秘书").unwrap();
        assert_eq!(r.journal().status(), &want);
        r.record("李秘书", close("hands")).unwrap();
        let after = scan(&std::fs::read(&path).unwrap());
        assert_eq!(after.status, JournalStatus::Ok);
        assert_eq!(after.records.len(), full.len());
    }
}

#[test]
fn a_damaged_journal_opens_read_only_with_the_records_before_the_damage() {
    let dir = tempfile::tempdir().unwrap();
    let (path, bytes) = sample(dir.path());
    let s = session(107);
    // Change the counts in record 3 without fixing the hash.
    let text = String::from_utf8(bytes)
        .unwrap()
        .replace("\"yes\":70", "\"yes\":75");
    std::fs::write(&path, &text).unwrap();
    let j = Journal::open_read_only(&path, &s).unwrap();
    assert!(matches!(
        j.status(),
        JournalStatus::Damaged { record: 3, .. }
    ));
    assert_eq!(j.records().len(), 3);
    assert!(!j.is_writable());
    match Journal::open_for_writing(&path, &s, "李秘书") {
        Err(JournalError::ReadOnly { record: 3, .. }) => {}
        other => panic!("expected read-only refusal, got {other:?}"),
    }
    // Nothing was "repaired".
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_rehashed_edit_still_breaks_the_chain_at_the_next_record() {
    let dir = tempfile::tempdir().unwrap();
    let (path, bytes) = sample(dir.path());
    let mut recs = scan(&bytes).records;
    if let delegate_desk::journal::Action::Counts { yes, .. } = &mut recs[3].action {
        *yes = 75;
    }
    recs[3].hash = recs[3].compute_hash();
    let text: String = recs.iter().map(|r| r.to_line() + "\n").collect();
    std::fs::write(&path, text).unwrap();
    let s = scan(&std::fs::read(&path).unwrap());
    assert!(matches!(s.status, JournalStatus::Damaged { record: 4, .. }));
}

#[test]
fn a_journal_of_another_session_is_refused_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = sample(dir.path());
    let other = load_str("o.ron", &session_text("other-session", 107), Lang::En)
        .unwrap()
        .session;
    let e = Journal::open_read_only(&path, &other).unwrap_err();
    let msg = e.message(Lang::En);
    assert!(
        msg.contains("test-session") && msg.contains("other-session"),
        "{msg}"
    );
    assert!(Journal::open_for_writing(&path, &other, "x").is_err());
    // Same id, different roster: also refused, and said so.
    let smaller = session(106);
    let msg = Journal::open_read_only(&path, &smaller)
        .unwrap_err()
        .message(Lang::Zh);
    assert!(
        msg.contains("test-session") && msg.contains("名册"),
        "{msg}"
    );
    // A different report text with the same roster and motions is the same session.
    let retitled = load_str(
        "r.ron",
        &session_text("test-session", 107).replace("测试会议", "测试会议（修订）"),
        Lang::En,
    )
    .unwrap()
    .session;
    assert!(Journal::open_read_only(&path, &retitled).is_ok());
}

#[test]
fn a_second_writer_is_told_the_file_changed() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(107);
    let path = dir.path().join("votes.jsonl");
    let mut a = Recorder::open_for_writing(&path, &s, "李秘书").unwrap();
    let mut b = Recorder::open_for_writing(&path, &s, "王秘书").unwrap();
    a.record("李秘书", present(1..=3)).unwrap();
    let e = b.record("王秘书", present(4..=6)).unwrap_err();
    assert!(e.message(Lang::En).contains("changed on disk"), "{e}");
    assert_eq!(
        scan(&std::fs::read(&path).unwrap()).status,
        JournalStatus::Ok
    );
}

#[test]
fn recording_needs_a_secretary() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(10);
    let e = Journal::open_for_writing(&dir.path().join("j.jsonl"), &s, " ").unwrap_err();
    assert!(matches!(e, JournalError::NoSecretary { .. }));
    assert!(!dir.path().join("j.jsonl").exists());
}
