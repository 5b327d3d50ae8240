//! Every subcommand fails the same way: one `delegate-desk: …` message in the user's
//! language on standard error, exit 1 when the input or the journal is wrong, 2 when a file
//! could not be read or written; and a reader that stops early (`| head`) is no error.

use crate::journal_support;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_delegate-desk");

struct Fixture {
    dir: tempfile::TempDir,
    session: PathBuf,
    journal: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("s.ron");
    std::fs::write(&session, journal_support::session_text("cli-errors", 5)).unwrap();
    let journal = dir.path().join("votes.jsonl");
    Fixture {
        dir,
        session,
        journal,
    }
}

/// Runs the binary in `lang` ("zh", "en", or None for the default).
fn run(f: &Fixture, lang: Option<&str>, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let mut c = Command::new(BIN);
    c.env("DELEGATE_DESK_DATA", f.dir.path().join("data"));
    if let Some(lang) = lang {
        c.args(["--lang", lang]);
    }
    for a in args {
        c.arg(a);
    }
    c.output().unwrap()
}

/// Asserts the exit code and a single prefixed message containing `words`.
fn fails(out: &Output, code: i32, words: &[&str]) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{err}");
    assert!(err.starts_with("delegate-desk: "), "{err:?}");
    assert_eq!(
        err.matches("delegate-desk: ").count(),
        1,
        "said once: {err:?}"
    );
    for w in words {
        assert!(err.contains(w), "{w:?} not in {err:?}");
    }
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_missing_file_exits_2_in_chinese_by_default_and_in_english_on_request() {
    let f = fixture();
    let missing = f.dir.path().join("no-such-session.ron");
    for (lang, words) in [
        (None, ["无法读取", "no-such-session.ron"]),
        (Some("zh"), ["无法读取", "no-such-session.ron"]),
        (Some("en"), ["cannot read", "no-such-session.ron"]),
    ] {
        let out = run(&f, lang, &[&"tally", &missing, &"--journal", &f.journal]);
        fails(&out, 2, &words);
        let out = run(
            &f,
            lang,
            &[&"export", &missing, &"-o", &f.dir.path().join("x.md")],
        );
        fails(&out, 2, &words);
    }
    let out = run(&f, Some("en"), &[&"verify", &f.dir.path().join("no.jsonl")]);
    fails(&out, 2, &["cannot read", "no.jsonl"]);
}

#[test]
fn an_invalid_session_exits_1_with_its_location() {
    let f = fixture();
    let bad = f.dir.path().join("bad.ron");
    std::fs::write(&bad, "Session(\n  id: 12,\n)\n").unwrap();
    for lang in ["zh", "en"] {
        let out = run(&f, Some(lang), &[&"tally", &bad, &"--journal", &f.journal]);
        fails(&out, 1, &["bad.ron:2:"]);
        let out = run(
            &f,
            Some(lang),
            &[&"export", &bad, &"-o", &f.dir.path().join("x.md")],
        );
        fails(&out, 1, &["bad.ron:2:"]);
        assert!(!f.dir.path().join("x.md").exists());
    }
}

#[test]
fn an_unwritable_output_exits_2() {
    let f = fixture();
    // A plain file where a folder should be: no user, root included, can write beneath it.
    let blocker = f.dir.path().join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    let out_path = blocker.join("summary.md");
    for (lang, word) in [("zh", "无法写入"), ("en", "cannot write")] {
        let out = run(&f, Some(lang), &[&"export", &f.session, &"-o", &out_path]);
        fails(&out, 2, &[word, "summary.md"]);
        let out = run(
            &f,
            Some(lang),
            &[
                &"generate",
                &"--delegates",
                &"3",
                &"-o",
                &blocker.join("g.ron"),
            ],
        );
        fails(&out, 2, &["g.ron"]);
    }
}

#[test]
fn a_bad_action_spec_exits_1_in_the_user_s_language_and_writes_nothing() {
    let f = fixture();
    let cases: [(&[&str], &str, &str); 4] = [
        (
            &["--vote", "roll", "d001", "maybe"],
            "不是 yes",
            "is not yes, no or abstain",
        ),
        (
            &["--counts", "hands", "-1", "0", "0"],
            "不是票数",
            "not a whole number",
        ),
        (
            &["--frobnicate"],
            "没有“--frobnicate”这种操作",
            "unknown action",
        ),
        (&["--open"], "需要 1 个值", "needs 1 value"),
    ];
    for (actions, zh, en) in cases {
        for (lang, word) in [(None, zh), (Some("en"), en)] {
            let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![
                &"record",
                &f.session,
                &"--journal",
                &f.journal,
                &"--secretary",
                &"王",
            ];
            for a in actions {
                args.push(a);
            }
            let out = run(&f, lang, &args);
            fails(&out, 1, &[word]);
            assert!(out.stdout.is_empty());
            assert!(!f.journal.exists(), "{actions:?}");
        }
    }
    // A refused action is wrong input too, said once, in the user's language.
    let out = run(
        &f,
        None,
        &[
            &"record",
            &f.session,
            &"--journal",
            &f.journal,
            &"--secretary",
            &"王",
            &"--vote",
            &"roll",
            &"d001",
            &"yes",
        ],
    );
    fails(&out, 1, &["被拒绝", "日志未改动"]);
}

#[test]
fn a_bad_command_line_exits_1_and_help_exits_0() {
    let f = fixture();
    let out = run(&f, None, &[&"tally"]);
    assert_eq!(out.status.code(), Some(1));
    let out = run(&f, None, &[&"--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!out.stdout.is_empty());
}

/// Runs `args` with standard output a pipe whose reader is already gone, as when `head`
/// has read what it wanted.
fn with_reader_gone(f: &Fixture, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut c = Command::new(BIN);
    c.env("DELEGATE_DESK_DATA", f.dir.path().join("data"));
    for a in args {
        c.arg(a);
    }
    c.stdout(Stdio::from(writer)).stderr(Stdio::piped());
    c.output().unwrap()
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    let f = fixture();
    let record: &[&dyn AsRef<std::ffi::OsStr>] = &[
        &"record",
        &f.session,
        &"--journal",
        &f.journal,
        &"--secretary",
        &"王",
        &"--present",
        &"d001",
        &"d002",
        &"d003",
        &"d004",
        &"--open",
        &"hands",
        &"--counts",
        &"hands",
        &"3",
        &"0",
        &"0",
    ];
    let out = with_reader_gone(&f, record);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The batch was checked whole; a reader going away does not cut it short.
    let written = std::fs::read_to_string(&f.journal).unwrap();
    assert_eq!(written.lines().count(), 4, "header + 3 records");
    for args in [
        &[
            &"tally" as &dyn AsRef<std::ffi::OsStr>,
            &f.session,
            &"--journal",
            &f.journal,
        ][..],
        &[&"tally", &f.session, &"--journal", &f.journal, &"--json"],
        &[&"verify", &f.journal],
        &[&"check", &f.session],
    ] {
        let out = with_reader_gone(&f, args);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // And reading just the first line of a long answer, as `| head -1` does.
    let mut child = Command::new(BIN)
        .args(["tally"])
        .arg(&f.session)
        .arg("--journal")
        .arg(&f.journal)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut first,
    )
    .unwrap();
    assert!(!first.is_empty());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
