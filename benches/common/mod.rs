//! Fixtures shared by the benchmarks: the national session, journal and notes, generated at
//! bench start into a temporary folder (never committed), laid out the way the app finds
//! them (`<data>/notes/<id>.json`, `<data>/journals/<id>.jsonl`).
#![allow(dead_code)]

use std::path::PathBuf;

use delegate_desk::generate::{self, Params};
use delegate_desk::journal::Record;
use delegate_desk::model::Session;
use delegate_desk::notes::NotesFile;
use delegate_desk::storage::sanitize_file_stem;

pub struct Fixture {
    /// Keeps the files alive for the bench's lifetime.
    pub dir: tempfile::TempDir,
    /// The data folder the app is pointed at.
    pub data_dir: PathBuf,
    pub session_path: PathBuf,
    pub session_text: String,
    pub session: Session,
    pub journal_path: PathBuf,
    pub journal_bytes: Vec<u8>,
    pub records: Vec<Record>,
    pub notes: NotesFile,
}

/// Generates a fixture for `p` (the national preset unless a bench says otherwise).
pub fn fixture(p: &Params) -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("data");
    let session = generate::session(p);
    let session_text = generate::session_ron(&session, p).expect("serialize");
    let session_path = dir.path().join("national.ron");
    std::fs::write(&session_path, &session_text).expect("write session");
    let stem = sanitize_file_stem(&session.id);
    let records = generate::journal_records(&session, p.seed);
    let journal_bytes = generate::journal_bytes(&records);
    let journal_path = data_dir.join("journals").join(format!("{stem}.jsonl"));
    std::fs::create_dir_all(journal_path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&journal_path, &journal_bytes).expect("write journal");
    let notes = generate::notes(&session, p.notes, p.seed);
    let notes_path = data_dir.join("notes").join(format!("{stem}.json"));
    std::fs::create_dir_all(notes_path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&notes_path, notes.to_bytes()).expect("write notes");
    Fixture {
        dir,
        data_dir,
        session_path,
        session_text,
        session,
        journal_path,
        journal_bytes,
        records,
        notes,
    }
}

pub fn national() -> Fixture {
    fixture(&Params::NATIONAL)
}
