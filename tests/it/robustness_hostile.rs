//! Hostile input to the command line, each case one that used to hang, eat memory or do
//! harm: a huge `seats`, 40,000 duplicate ids, `/dev/zero`, a file beyond the size bound, a
//! one-line file of megabytes, an export over its own inputs, invisible or control-character
//! secretaries, and a notes file with a BOM. Each must be answered with a clear message.
//!
//! A run that has not finished after 30 s is killed and fails as a hang: a guard against
//! the old behaviour (minutes, or forever), not a speed assertion.

use crate::journal_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_delegate-desk");

/// Runs the binary with `args`; fails if it has not finished within the hang guard. The
/// output is read while it runs (a full pipe would stall the child).
fn run(data: &Path, args: &[&std::ffi::OsStr]) -> Output {
    let child = Command::new(BIN)
        .env("DELEGATE_DESK_DATA", data)
        .args(["--lang", "en"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(Duration::from_secs(30)) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("{args:?}: still running after 30 s (hang)");
        }
    }
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn write_session(dir: &Path, seats: &str, extra: &str) -> PathBuf {
    let text = journal_support::session_text("hostile", 3)
        .replace("seats: 3,", &format!("seats: {seats},"))
        .replace("    motions: [", &format!("{extra}    motions: ["));
    let p = dir.join("s.ron");
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn a_huge_seats_is_refused_not_filled() {
    let dir = tempfile::tempdir().unwrap();
    let s = write_session(dir.path(), "4294967295", "");
    for cmd in ["check", "tally"] {
        let mut args = vec![os(cmd), s.as_os_str()];
        if cmd == "tally" {
            args.extend([os("--journal"), os("nowhere.jsonl")]);
        }
        let out = run(dir.path(), &args);
        assert_ne!(out.status.code(), Some(0), "{cmd}");
        let e = text(&out.stderr);
        assert!(
            e.contains("4294967295") && e.contains("10000"),
            "{cmd}: {e}"
        );
    }
    // The bound itself is accepted.
    let s = write_session(dir.path(), "10000", "");
    let out = run(dir.path(), &[os("check"), s.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn forty_thousand_duplicate_ids_are_all_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut extra = String::from("    indicators: [\n");
    for _ in 0..40_000 {
        extra += "        Indicator(id: \"x\", name: \"指标\", category: \"经济\", kind: Count, value: 1, unit: \"个\"),\n";
    }
    extra += "    ],\n";
    let s = write_session(dir.path(), "3", &extra);
    let out = run(dir.path(), &[os("check"), s.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let e = text(&out.stderr);
    assert_eq!(
        e.matches("duplicate").count(),
        39_999,
        "{}",
        &e[..e.len().min(500)]
    );
}

#[cfg(unix)]
#[test]
fn devices_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let zero = Path::new("/dev/zero");
    let out = run(dir.path(), &[os("check"), zero.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not a regular file"),
        "{}",
        text(&out.stderr)
    );
    let out = run(dir.path(), &[os("verify"), zero.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    let s = write_session(dir.path(), "3", "");
    let out = run(
        dir.path(),
        &[
            os("tally"),
            s.as_os_str(),
            os("--journal"),
            zero.as_os_str(),
        ],
    );
    assert_ne!(out.status.code(), Some(0));
    assert!(
        text(&out.stderr).contains("not a regular file"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn files_beyond_the_bound_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.ron");
    // Sparse: no disk used, 65 MB long.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(65 * 1024 * 1024)
        .unwrap();
    let out = run(dir.path(), &[os("check"), big.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("64 MB"), "{}", text(&out.stderr));
}

#[test]
fn a_one_line_file_of_megabytes_is_echoed_around_the_caret_only() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("line.ron");
    let mut body = String::from("Session(id: \"x\", ");
    body += &"a".repeat(5 * 1024 * 1024);
    std::fs::write(&p, body).unwrap();
    let out = run(dir.path(), &[os("check"), p.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let e = text(&out.stderr);
    assert!(e.len() < 2_000, "{} bytes echoed", e.len());
    assert!(e.contains("line.ron:1:"), "{e}");
}

#[test]
fn an_export_never_writes_over_its_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let s = write_session(dir.path(), "3", "");
    let journal = dir.path().join("j.jsonl");
    let out = run(
        dir.path(),
        &[
            os("record"),
            s.as_os_str(),
            os("--journal"),
            journal.as_os_str(),
            os("--secretary"),
            os("李秘书"),
            os("--present"),
            os("d001"),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let before_j = std::fs::read(&journal).unwrap();
    let before_s = std::fs::read(&s).unwrap();
    // Also through another spelling of the same path.
    let dotted = dir.path().join(".").join("j.jsonl");
    for target in [&journal, &s, &dotted] {
        let out = run(
            dir.path(),
            &[
                os("export"),
                s.as_os_str(),
                os("--journal"),
                journal.as_os_str(),
                os("-f"),
                os("md"),
                os("-o"),
                target.as_os_str(),
                os("--force"),
            ],
        );
        assert_eq!(out.status.code(), Some(1), "{target:?}");
        assert!(
            text(&out.stderr).contains("never writes over"),
            "{}",
            text(&out.stderr)
        );
    }
    assert_eq!(std::fs::read(&journal).unwrap(), before_j);
    assert_eq!(std::fs::read(&s).unwrap(), before_s);
}

#[test]
fn hostile_secretary_names_are_refused_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let s = write_session(dir.path(), "3", "");
    let journal = dir.path().join("j.jsonl");
    for name in [
        "\u{1}",
        "\u{200B}\u{200B}",
        "李\n王",
        "\u{1b}[31m李秘书",
        "   ",
        &"李".repeat(65),
    ] {
        let out = run(
            dir.path(),
            &[
                os("record"),
                s.as_os_str(),
                os("--journal"),
                journal.as_os_str(),
                os("--secretary"),
                os(name),
                os("--present"),
                os("d001"),
            ],
        );
        assert_eq!(out.status.code(), Some(1), "{name:?}");
        assert!(!journal.exists(), "{name:?}");
    }
    // A name with spaces around it is recorded trimmed.
    let out = run(
        dir.path(),
        &[
            os("record"),
            s.as_os_str(),
            os("--journal"),
            journal.as_os_str(),
            os("--secretary"),
            os("  李秘书 "),
            os("--present"),
            os("d001"),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let text = std::fs::read_to_string(&journal).unwrap();
    assert!(text.contains("\"secretary\":\"李秘书\""), "{text}");
}

#[test]
fn a_notes_file_with_a_bom_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let s = write_session(dir.path(), "3", "");
    let notes = dir.path().join("notes.json");
    let file = delegate_desk::notes::NotesFile::new("hostile");
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(file.to_bytes());
    std::fs::write(&notes, bytes).unwrap();
    let out_md = dir.path().join("out.md");
    let out = run(
        dir.path(),
        &[
            os("export"),
            s.as_os_str(),
            os("--notes"),
            notes.as_os_str(),
            os("-o"),
            out_md.as_os_str(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}
