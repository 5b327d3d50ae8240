//! A delegate's laptop follows the secretary's journal in a synced folder.

use crate::journal_support;

use std::io::Write;
use std::time::Duration;

use delegate_desk::journal::{Journal, JournalStatus, JournalWatcher, Recorder, Tally};
use journal_support::*;

#[test]
fn a_viewer_sees_new_records_and_tolerates_one_still_being_copied() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(107);
    let path = dir.path().join("votes.jsonl");
    let mut secretary = Recorder::open_for_writing(&path, &s, "李秘书").unwrap();
    let watcher = JournalWatcher::new(&path).unwrap();
    secretary.record("李秘书", present(1..=72)).unwrap();
    // Generous: file events usually arrive in milliseconds; this only bounds a hang.
    assert!(watcher.wait(Duration::from_secs(20)));
    let view = Journal::open_read_only(&path, &s).unwrap();
    assert_eq!(
        Tally::replay(&s, &view.read_all().unwrap())
            .unwrap()
            .attendance()
            .present,
        72
    );

    // The next record arrives, then a sync tool rewrites the file in two pieces.
    let rec = secretary.record("李秘书", open("hands")).unwrap().to_line() + "\n";
    let full = std::fs::read(&path).unwrap();
    let half = full.len() - rec.len() / 2;
    std::fs::write(&path, &full[..half]).unwrap();
    assert!(watcher.wait(Duration::from_secs(20)));
    let view = Journal::open_read_only(&path, &s).unwrap();
    assert!(matches!(view.status(), JournalStatus::TornTailCut { .. }));
    assert_eq!(view.len(), 2);
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    f.write_all(&full[half..]).unwrap();
    drop(f);
    assert!(watcher.wait(Duration::from_secs(20)));
    let view = Journal::open_read_only(&path, &s).unwrap();
    assert_eq!(view.status(), &JournalStatus::Ok);
    let t = Tally::replay(&s, &view.read_all().unwrap()).unwrap();
    assert_eq!(
        t.motion("hands").unwrap().state,
        delegate_desk::journal::MotionState::Open
    );
}
