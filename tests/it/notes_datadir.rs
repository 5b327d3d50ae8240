//! Notes live in the user's data folder, one file per session id. The only test that sets
//! `DELEGATE_DESK_DATA`: the window and the other tests are given their data folder.

use delegate_desk::notes::{NoteKind, NotesStore, Target, notes_path};

#[test]
fn notes_live_in_the_data_folder_one_file_per_session() {
    let dir = tempfile::tempdir().unwrap();
    // SAFETY: the only test that writes the environment; no other test reads this variable.
    unsafe { std::env::set_var("DELEGATE_DESK_DATA", dir.path()) };
    let path = notes_path("九江/2017:09");
    assert!(path.starts_with(dir.path().join("notes")));
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(name, "九江_2017_09.json");

    let (mut store, w) = NotesStore::open("九江/2017:09").unwrap();
    assert!(w.is_none());
    store.add(Target::stop("a"), NoteKind::Support, "好", None);
    store.save().unwrap();
    assert!(path.exists());
    let (other, _) = NotesStore::open("another").unwrap();
    assert!(other.notes().is_empty());
}
