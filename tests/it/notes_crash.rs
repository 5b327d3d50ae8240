//! A save killed at any moment leaves the old notes file or the new one, never a torn one.
//!
//! The test re-runs its own binary as a child that saves notes in a tight loop
//! (`crash_writer_child`), kills it with SIGKILL after a random short delay, and checks the
//! file on disk each time.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use delegate_desk::notes::{NoteKind, NotesFile, NotesStore, Target};

const DIR_VAR: &str = "DELEGATE_DESK_CRASH_TEST_DIR";
const READY: &str = "NOTES-WRITER-READY";
const SESSION: &str = "crash-session";

/// The text of note number `i`. Lengths vary so versions differ in size.
fn text_of(i: usize) -> String {
    format!("第{i}条：{}", "关于河涌整治的批注内容。".repeat(i % 40 + 1))
}

/// Checks that the file is one complete version: notes 0..n, each exactly as written.
/// Returns n.
fn check_complete(path: &Path) -> usize {
    let file = match NotesFile::read(path) {
        Ok(f) => f,
        Err(e) => panic!("torn or unreadable notes file: {e}"),
    };
    assert_eq!(file.session_id, SESSION);
    for (i, n) in file.notes.iter().enumerate() {
        assert_eq!(n.text, text_of(i), "note {i} of {}", file.notes.len());
    }
    let ids: std::collections::HashSet<&str> = file.notes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids.len(), file.notes.len(), "duplicate ids");
    file.notes.len()
}

/// Not a test on its own: the child process of `a_killed_save_never_tears_the_file`.
#[test]
#[ignore = "run as a child process by a_killed_save_never_tears_the_file"]
fn crash_writer_child() {
    let Some(dir) = std::env::var_os(DIR_VAR) else {
        return;
    };
    let path = Path::new(&dir).join("notes").join("crash-session.json");
    let (mut store, warning) = NotesStore::open_at(&path, SESSION).unwrap();
    assert!(warning.is_none(), "the previous kill left a damaged file");
    let started = Instant::now();
    let mut announced = false;
    // Bounded, so a child whose parent died does not run forever.
    while started.elapsed() < Duration::from_secs(20) {
        let i = store.notes().len();
        store.add(
            Target::stop("s1"),
            NoteKind::Concern,
            &text_of(i),
            Some("测试"),
        );
        store.save().unwrap();
        if !announced {
            println!("{READY}");
            announced = true;
        }
    }
}

fn random_below(n: u64) -> u64 {
    let mut h = RandomState::new().build_hasher();
    h.write_u64(0);
    h.finish() % n
}

#[test]
fn a_killed_save_never_tears_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes").join("crash-session.json");
    let exe = std::env::current_exe().unwrap();
    let mut last = 0;
    for round in 0..40 {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "notes_crash::crash_writer_child",
                "--ignored",
                "--nocapture",
            ])
            .args(["--test-threads", "1"])
            .env(DIR_VAR, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Wait until the child has saved once in this round, so the kill lands in the loop.
        let stdout = child.stdout.take().unwrap();
        let mut ready = false;
        for line in BufReader::new(stdout).lines() {
            if line.unwrap().contains(READY) {
                ready = true;
                break;
            }
        }
        if !ready {
            let mut err = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            panic!("round {round}: the writer child stopped early:\n{err}");
        }
        std::thread::sleep(Duration::from_micros(random_below(30_000)));
        child.kill().unwrap();
        child.wait().unwrap();

        let n = check_complete(&path);
        // The old version or a newer one, and at least the save announced this round.
        assert!(n > last, "round {round}: {n} notes after {last}");
        last = n;
    }
    // The store opens it cleanly: nothing was moved aside as damaged.
    let (store, warning) = NotesStore::open_at(&path, SESSION).unwrap();
    assert!(warning.is_none());
    assert_eq!(store.notes().len(), last);
    let moved_aside = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("corrupt"))
        .count();
    assert_eq!(moved_aside, 0);
}
