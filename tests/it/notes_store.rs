//! The notes store: the data folder, damaged files, undo, stops, export and import.

use std::path::Path;

use delegate_desk::i18n::Lang;
use delegate_desk::notes::{
    ImportReport, NoteKind, NotesError, NotesFile, NotesStore, Target, Warning,
};

fn open(path: &Path) -> NotesStore {
    let (store, warning) = NotesStore::open_at(path, "s-1").unwrap();
    assert!(warning.is_none(), "{warning:?}");
    store
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_damaged_file_is_moved_aside_with_a_message_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s-1.json");
    let garbage = b"{\"version\": 1, \"session_id\": \"s-1\", \"notes\": [{\"id\": ";
    std::fs::write(&path, garbage).unwrap();

    let (mut store, warning) = NotesStore::open_at(&path, "s-1").unwrap();
    let Some(Warning::MovedAside { moved_to, cause }) = warning else {
        panic!("expected a warning");
    };
    assert!(matches!(cause, NotesError::Parse { .. }));
    assert_eq!(std::fs::read(&moved_to).unwrap(), garbage);
    assert!(
        moved_to
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("s-1.json.corrupt-")
    );
    let w = Warning::MovedAside {
        moved_to: moved_to.clone(),
        cause,
    };
    let msg = w.message(Lang::Zh);
    assert!(msg.contains(&moved_to.display().to_string()), "{msg}");
    assert!(msg.contains("损坏"), "{msg}");
    assert!(w.message(Lang::En).contains("damaged"));

    // Working on: the new file does not touch the damaged one.
    assert!(store.notes().is_empty());
    store.add(Target::stop("a"), NoteKind::Concern, "新批注", None);
    store.save().unwrap();
    assert_eq!(std::fs::read(&moved_to).unwrap(), garbage);
    assert_eq!(files_in(dir.path()).len(), 2);
}

#[test]
fn a_file_from_a_newer_version_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s-1.json");
    let future = br#"{"version": 7, "session_id": "s-1", "notes": [], "colour": "red"}"#;
    std::fs::write(&path, future).unwrap();
    let (store, warning) = NotesStore::open_at(&path, "s-1").unwrap();
    let Some(Warning::MovedAside { moved_to, cause }) = warning else {
        panic!("expected a warning");
    };
    assert!(matches!(cause, NotesError::FutureVersion { found: 7, .. }));
    assert!(cause.message(Lang::Zh).contains('7'));
    assert_eq!(std::fs::read(&moved_to).unwrap(), future);
    assert!(store.notes().is_empty());
    // Importing one is refused too.
    let mut store = store;
    std::fs::write(dir.path().join("future.json"), future).unwrap();
    assert!(matches!(
        store.import_from(&dir.path().join("future.json")),
        Err(NotesError::FutureVersion { .. })
    ));
}

#[test]
fn edit_delete_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("s-1.json"));
    let a = store.add(
        Target::indicator("gdp"),
        NoteKind::Question,
        "为何？",
        Some("王"),
    );
    let b = store.add(Target::stop("st"), NoteKind::Support, "赞同", None);
    let c = store.add(Target::stop("st"), NoteKind::Concern, "关注", None);

    assert!(
        store
            .update(&a, NoteKind::Suggestion, "建议细化", None)
            .unwrap()
    );
    assert!(
        !store
            .update(&a, NoteKind::Suggestion, "建议细化", Some(" "))
            .unwrap()
    );
    let edited = store.get(&a).unwrap().clone();
    assert_eq!(edited.author, None);
    assert!(edited.updated >= edited.created);

    let removed = store.delete(&b).unwrap();
    assert_eq!(removed.text, "赞同");
    assert!(store.get(&b).is_none());
    assert!(matches!(
        store.delete(&b),
        Err(NotesError::NoSuchNote { .. })
    ));

    // Undo the delete: back in its place.
    assert_eq!(store.undo().as_deref(), Some(b.as_str()));
    let ids: Vec<&str> = store.notes().iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, [a.as_str(), b.as_str(), c.as_str()]);
    // Undo the edit.
    assert_eq!(store.undo().as_deref(), Some(a.as_str()));
    let n = store.get(&a).unwrap();
    assert_eq!(
        (n.kind, n.text.as_str(), n.author.as_deref()),
        (NoteKind::Question, "为何？", Some("王"))
    );
    // Undo the three adds.
    for _ in 0..3 {
        assert!(store.undo().is_some());
    }
    assert!(store.notes().is_empty());
    assert!(store.undo().is_none());
    assert!(!store.can_undo());
}

#[test]
fn stop_state_is_saved_with_the_notes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s-1.json");
    let mut store = open(&path);
    assert!(!store.stop("jiangbei").visited);
    store.set_stop_visited("jiangbei", true);
    store.set_stop_questions("jiangbei", "污水管网何时完工？");
    store.add(Target::stop("jiangbei"), NoteKind::Concern, "臭味", None);
    store.save().unwrap();
    let store = open(&path);
    let st = store.stop("jiangbei");
    assert!(st.visited);
    assert_eq!(st.questions, "污水管网何时完工？");
    assert!(st.updated.is_some());
    assert_eq!(store.notes().len(), 1);
}

#[test]
fn export_refuses_to_overwrite_unless_told() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("s-1.json"));
    store.add(Target::stop("a"), NoteKind::Support, "一", None);
    let out = dir.path().join("usb").join("notes-export.json");
    store.export_to(&out, false).unwrap();
    std::fs::write(&out, b"keep me").unwrap();
    let err = store.export_to(&out, false).unwrap_err();
    assert!(matches!(err, NotesError::Exists { .. }));
    assert!(err.message(Lang::Zh).contains("已存在"));
    assert_eq!(std::fs::read(&out).unwrap(), b"keep me");
    store.export_to(&out, true).unwrap();
    assert_eq!(NotesFile::read(&out).unwrap(), *store.file());
}

#[test]
fn import_merges_by_id_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    // Laptop A makes two notes and exports them.
    let mut a = open(&dir.path().join("a").join("s-1.json"));
    let n1 = a.add(Target::stop("st"), NoteKind::Question, "一", None);
    let n2 = a.add(Target::indicator("gdp"), NoteKind::Concern, "二", None);
    a.set_stop_visited("st", true);
    let usb = dir.path().join("usb.json");
    a.export_to(&usb, false).unwrap();

    // Laptop B imports them, twice: the second time changes nothing.
    let b_path = dir.path().join("b").join("s-1.json");
    let mut b = open(&b_path);
    let own = b.add(Target::stop("st"), NoteKind::Support, "B 的批注", None);
    let r = b.import_from(&usb).unwrap();
    assert_eq!(
        r,
        ImportReport {
            added: 2,
            updated: 0,
            unchanged: 0,
            deleted: 0,
            stops_updated: 1
        }
    );
    assert!(b.stop("st").visited);
    let r = b.import_from(&usb).unwrap();
    assert_eq!(
        r,
        ImportReport {
            added: 0,
            updated: 0,
            unchanged: 2,
            deleted: 0,
            stops_updated: 0
        }
    );
    assert_eq!(b.notes().len(), 3);

    // B edits n1 and sends everything back; A takes the edit and B's own note.
    b.update(&n1, NoteKind::Question, "一（已改）", Some("B"))
        .unwrap();
    b.save().unwrap();
    let back = dir.path().join("back.json");
    b.export_to(&back, false).unwrap();
    let r = a.import_from(&back).unwrap();
    assert_eq!((r.added, r.updated, r.unchanged), (1, 1, 1));
    assert_eq!(a.get(&n1).unwrap().text, "一（已改）");
    assert!(a.get(&own).is_some());
    assert!(a.get(&n2).is_some());
    let mut ids: Vec<&str> = a.notes().iter().map(|n| n.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 3);

    // The whole import is one undo step.
    a.undo();
    assert_eq!(a.notes().len(), 2);
    assert_eq!(a.get(&n1).unwrap().text, "一");

    // A file for another session is refused.
    let mut other = NotesFile::new("another-session");
    other.notes = b.notes().to_vec();
    let wrong = dir.path().join("wrong.json");
    std::fs::write(&wrong, other.to_bytes()).unwrap();
    let before = a.notes().len();
    assert!(matches!(
        a.import_from(&wrong),
        Err(NotesError::WrongSession { .. })
    ));
    assert_eq!(a.notes().len(), before);
    // And a damaged one, with the reason.
    std::fs::write(&wrong, b"not json").unwrap();
    assert!(matches!(
        a.import_from(&wrong),
        Err(NotesError::Parse { .. })
    ));
}

/// Waits a moment so that the next edit or deletion is strictly later on the clock.
fn tick() {
    std::thread::sleep(std::time::Duration::from_millis(3));
}

/// Carries `from`'s notes to `to` through `file`, as a USB stick would.
fn carry(from: &NotesStore, to: &mut NotesStore, file: &Path) -> ImportReport {
    from.export_to(file, true).unwrap();
    to.import_from(file).unwrap()
}

/// Laptop A with one note, and laptop B with a copy of it: (A, B, the note's id).
fn two_laptops_with_one_note(dir: &Path) -> (NotesStore, NotesStore, String) {
    let mut a = open(&dir.join("a").join("s-1.json"));
    let n1 = a.add(Target::stop("st"), NoteKind::Question, "一", None);
    let mut b = open(&dir.join("b").join("s-1.json"));
    carry(&a, &mut b, &dir.join("usb.json"));
    (a, b, n1)
}

#[test]
fn a_deletion_travels_and_an_older_copy_does_not_bring_the_note_back() {
    let dir = tempfile::tempdir().unwrap();
    // Laptop A makes three notes; B takes a copy.
    let mut a = open(&dir.path().join("a").join("s-1.json"));
    let n1 = a.add(Target::stop("st"), NoteKind::Question, "一", None);
    let n2 = a.add(Target::stop("st"), NoteKind::Concern, "二", None);
    let n3 = a.add(Target::stop("st"), NoteKind::Support, "三", None);
    let usb = dir.path().join("usb.json");
    a.export_to(&usb, false).unwrap();
    // Nothing deleted yet: the file is as it always was, without a deletion list.
    assert!(
        !String::from_utf8(a.file().to_bytes())
            .unwrap()
            .contains("\"deleted\"")
    );
    let b_path = dir.path().join("b").join("s-1.json");
    let mut b = open(&b_path);
    b.import_from(&usb).unwrap();
    assert_eq!(b.notes().len(), 3);

    // B deletes the second; the old copy on the stick does not bring it back.
    tick();
    b.delete(&n2).unwrap();
    let r = b.import_from(&usb).unwrap();
    assert_eq!((r.added, r.updated, r.deleted, r.unchanged), (0, 0, 0, 3));
    assert!(b.get(&n2).is_none());
    // The deletion is saved with the notes and survives a restart.
    b.save().unwrap();
    drop(b);
    let b = open(&b_path);
    assert!(b.get(&n2).is_none());
    assert!(b.file().deleted.contains_key(&n2));

    // B's file deletes the note on A too, and only that one.
    let r = carry(&b, &mut a, &dir.path().join("back.json"));
    assert_eq!((r.added, r.updated, r.deleted, r.unchanged), (0, 0, 1, 2));
    let ids: Vec<&str> = a.notes().iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, [n1.as_str(), n3.as_str()]);

    // Undoing the import puts the note back in its place and forgets the deletion…
    a.undo();
    let ids: Vec<&str> = a.notes().iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, [n1.as_str(), n2.as_str(), n3.as_str()]);
    assert!(!a.file().deleted.contains_key(&n2));
    // …as undoing a deletion here does.
    tick();
    a.delete(&n1).unwrap();
    assert!(a.file().deleted.contains_key(&n1));
    a.undo();
    assert!(a.get(&n1).is_some());
    assert!(!a.file().deleted.contains_key(&n1));
}

#[test]
fn a_note_edited_after_it_was_deleted_elsewhere_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b, n1) = two_laptops_with_one_note(dir.path());

    // B deletes the note; afterwards A, not knowing, edits it.
    tick();
    b.delete(&n1).unwrap();
    tick();
    a.update(&n1, NoteKind::Question, "一（补充）", None)
        .unwrap();

    // A keeps its edit when B's file arrives…
    let r = carry(&b, &mut a, &dir.path().join("from-b.json"));
    assert_eq!(r.deleted, 0);
    assert_eq!(a.get(&n1).unwrap().text, "一（补充）");
    // …and the edit, newer than B's deletion, comes back to B.
    let r = carry(&a, &mut b, &dir.path().join("from-a.json"));
    assert_eq!(r.added, 1);
    assert_eq!(b.get(&n1).unwrap().text, "一（补充）");
}

#[test]
fn undoing_an_import_restores_the_stops_it_changed() {
    let dir = tempfile::tempdir().unwrap();
    let mut b = open(&dir.path().join("b").join("s-1.json"));
    b.set_stop_visited("old", true);
    tick();
    // Laptop A, later: questions for the stop B has visited, and a stop B never touched.
    let mut a = open(&dir.path().join("a").join("s-1.json"));
    a.set_stop_questions("old", "何时完工？");
    a.set_stop_visited("new", true);
    let usb = dir.path().join("usb.json");
    a.export_to(&usb, false).unwrap();

    let before = b.file().stops.clone();
    let r = b.import_from(&usb).unwrap();
    assert_eq!(r.stops_updated, 2);
    assert_eq!(b.stop("old").questions, "何时完工？");
    assert!(b.stop("new").visited);
    // One undo takes the import back, stops included.
    assert!(b.undo().is_some());
    assert_eq!(b.file().stops, before);
    assert!(b.stop("old").visited);
    assert!(!b.file().stops.contains_key("new"));
}

#[test]
fn an_import_that_only_brings_deletion_marks_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b, n1) = two_laptops_with_one_note(dir.path());
    // Both delete the note, B first.
    tick();
    b.delete(&n1).unwrap();
    b.save().unwrap();
    tick();
    a.delete(&n1).unwrap();
    let later = a.file().deleted[&n1];
    assert!(later > b.file().deleted[&n1]);

    // A's later mark changes nothing visible on B, but B's file must keep it.
    let r = carry(&a, &mut b, &dir.path().join("from-a.json"));
    assert_eq!((r.added, r.updated, r.deleted), (0, 0, 0));
    assert_eq!(b.file().deleted[&n1], later);
    assert!(b.is_dirty());
}

#[test]
fn a_stops_visited_mark_and_questions_are_undone_one_change_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("s-1.json"));
    // Setting what is already so records nothing.
    store.set_stop_visited("jiangbei", false);
    assert!(!store.can_undo());
    assert!(!store.file().stops.contains_key("jiangbei"));

    store.set_stop_visited("jiangbei", true);
    store.set_stop_questions("jiangbei", "污水管网何时完工？");
    let first = store.stop("jiangbei").updated.unwrap();
    tick();
    store.set_stop_questions("jiangbei", "污水管网何时完工？臭味何时解决？");
    assert!(store.stop("jiangbei").updated.unwrap() > first);

    assert_eq!(store.undo().as_deref(), Some("jiangbei"));
    assert_eq!(store.stop("jiangbei").questions, "污水管网何时完工？");
    assert_eq!(store.undo().as_deref(), Some("jiangbei"));
    assert_eq!(store.stop("jiangbei").questions, "");
    assert!(store.stop("jiangbei").visited);
    assert_eq!(store.undo().as_deref(), Some("jiangbei"));
    // Back to no state at all, as before the first change.
    assert!(!store.file().stops.contains_key("jiangbei"));
    assert!(!store.can_undo());
}
