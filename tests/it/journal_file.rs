//! The journal file: chain checks, torn tails, tampering, session binding.

use crate::journal_support;

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
    assert_eq!(j.len(), 5);
    assert!(bytes.ends_with(b"\n"));
    assert_eq!(bytes.iter().filter(|&&b| b == b'\n').count(), 5);
    let t = Tally::replay(&s, &j.read_all().unwrap()).unwrap();
    assert_eq!(t.attendance().present, 80);
    assert_eq!(t.motion("hands").unwrap().counts().yes, 70);
    assert_eq!(j.read_all().unwrap()[3].secretary, "王秘书");
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
        assert_eq!(
            j.read_all().unwrap(),
            &full[..full.len() - 1],
            "cut at {cut}"
        );
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
    assert_eq!(j.len(), 3);
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

/// A second writer is refused while the first holds the journal. Where the lock is not
/// honoured (a network share), the length check still tells a writer the file changed
/// behind it: here a copy tool appends a line while `a` holds the journal.
#[test]
fn a_second_writer_is_refused_and_a_change_behind_the_lock_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(107);
    let path = dir.path().join("votes.jsonl");
    let mut a = Recorder::open_for_writing(&path, &s, "李秘书").unwrap();
    let e = Recorder::open_for_writing(&path, &s, "王秘书").unwrap_err();
    assert!(
        e.message(Lang::En).contains("another program"),
        "{}",
        e.message(Lang::En)
    );
    a.record("李秘书", present(1..=3)).unwrap();
    let mut other = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    std::io::Write::write_all(&mut other, b"{}\n").unwrap();
    let e = a.record("李秘书", present(4..=6)).unwrap_err();
    assert!(e.message(Lang::En).contains("changed on disk"), "{e}");
}

#[test]
fn recording_needs_a_secretary() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(10);
    let e = Journal::open_for_writing(&dir.path().join("j.jsonl"), &s, " ").unwrap_err();
    assert!(matches!(e, JournalError::NoSecretary { .. }));
    assert!(!dir.path().join("j.jsonl").exists());
}

/// The journal keeps where records lie, not the records: reading them back gives what was
/// written, by range or by seq, and a file changed underneath is refused, not misread.
#[test]
fn records_read_back_are_the_written_ones_and_a_changed_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (path, bytes) = sample(dir.path());
    let s = session(107);
    let j = Journal::open_read_only(&path, &s).unwrap();
    let all = j.read_all().unwrap();
    assert_eq!(all, scan(&bytes).records);
    assert_eq!(j.head(), all[4].hash);
    assert_eq!(j.read_range(1..3).unwrap(), all[1..3].to_vec());
    // Seqs in any grouping; past the end is skipped.
    let picked = j.read_seqs(&[0, 2, 3, 4, 9]).unwrap();
    let seqs: Vec<u64> = picked.iter().map(|r| r.seq).collect();
    assert_eq!(seqs, [0, 2, 3, 4]);
    assert_eq!(picked[1], all[2]);

    // Record 3 rewritten with another secretary and a correct hash, the rest re-chained:
    // a valid journal, but not the one that was opened.
    let mut edited = all.clone();
    edited[3].secretary = "赵秘书".into();
    let mut text = String::new();
    let mut prev = edited[2].hash;
    for r in &mut edited[3..] {
        *r = r.rechained(r.seq, prev);
        prev = r.hash;
    }
    for r in &edited {
        text.push_str(&r.to_line());
        text.push('\n');
    }
    std::fs::write(&path, text).unwrap();
    assert!(matches!(
        j.read_seqs(&[3]),
        Err(JournalError::ChangedOnDisk { .. })
    ));
    assert!(
        j.read_range(0..3).is_ok(),
        "the records before the edit still read"
    );
    // Cut short: refused too.
    std::fs::write(&path, &bytes[..100]).unwrap();
    assert!(matches!(
        j.read_all(),
        Err(JournalError::ChangedOnDisk { .. })
    ));
}

/// "Save as" copies the file byte for byte, never over an existing file, and refuses a
/// journal that changed since it was opened.
#[test]
fn a_copy_is_byte_for_byte_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let (path, bytes) = sample(dir.path());
    let s = session(107);
    let j = Journal::open_read_only(&path, &s).unwrap();
    let to = dir.path().join("copy.jsonl");
    j.copy_to_new(&to).unwrap();
    assert_eq!(std::fs::read(&to).unwrap(), bytes);
    assert!(
        j.copy_to_new(&to).is_err(),
        "an existing file is never overwritten"
    );
    let mut flipped = bytes.clone();
    let at = flipped.len() - 10;
    flipped[at] = if flipped[at] == b'a' { b'b' } else { b'a' };
    std::fs::write(&path, &flipped).unwrap();
    let other = dir.path().join("copy2.jsonl");
    assert!(matches!(
        j.copy_to_new(&other),
        Err(JournalError::ChangedOnDisk { .. })
    ));
    assert!(!other.exists());
}

/// Opening replays the file as it is read; what may still be undone survives the reopening
/// (its id is computed from the record the tally kept, only when an undo asks).
#[test]
fn a_reopened_journal_can_undo_what_was_recorded_before() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(107);
    let path = {
        let mut r = recorder(dir.path(), &s);
        r.record("李秘书", present(1..=80)).unwrap();
        r.record("李秘书", open("hands")).unwrap();
        r.record("王秘书", counts("hands", 50, 0, 0, 0)).unwrap();
        r.record("王秘书", counts("hands", 60, 0, 0, 0)).unwrap();
        r.journal().path().to_path_buf()
    };
    let mut r = Recorder::open_for_writing(&path, &s, "李秘书").unwrap();
    assert_eq!(r.tally().undoable(), Some(4));
    let undo = r.tally().undo_action().unwrap();
    let all = r.journal().read_all().unwrap();
    assert_eq!(
        undo,
        delegate_desk::journal::Action::Undo {
            seq: 4,
            record: all[4].id()
        }
    );
    r.record("李秘书", undo).unwrap();
    assert_eq!(r.tally().motion("hands").unwrap().counts().yes, 50);
    let again = Recorder::open_read_only(&path, &s).unwrap();
    assert_eq!(again.tally().motion("hands").unwrap().counts().yes, 50);
    assert_eq!(again.tally().undoable(), Some(3));
    assert_eq!(again.journal().len(), 6);
}
