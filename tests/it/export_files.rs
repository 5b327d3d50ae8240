//! Writing exports: byte-identical output for the same input, no overwriting without
//! `force`, no half-written files, and the `export` command's exit codes.

use crate::export_common;

use std::path::Path;
use std::process::Command;

use delegate_desk::export::{self, ExportError, Format, Options, Rendered};
use delegate_desk::i18n::Lang;

fn opts() -> Options {
    Options::default()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn every_format_is_byte_identical_across_runs() {
    for format in Format::ALL {
        // Two summaries built separately, so no state is shared between the runs.
        let a = export::render(&export_common::summary(Lang::Zh), format, &opts()).unwrap();
        let b = export::render(&export_common::summary(Lang::Zh), format, &opts()).unwrap();
        assert!(a == b, "{format:?} differs between two runs");
    }
}

#[test]
fn a_stamp_appears_only_when_asked_for() {
    let data = export_common::summary(Lang::Zh);
    let stamped = Options {
        stamp: Some("2017-09-21 18:00:00 +08:00".into()),
        ..opts()
    };
    for format in [Format::Md, Format::Html] {
        let Rendered::File(plain) = export::render(&data, format, &opts()).unwrap() else {
            panic!()
        };
        let Rendered::File(with) = export::render(&data, format, &stamped).unwrap() else {
            panic!()
        };
        let plain = String::from_utf8(plain).unwrap();
        let with = String::from_utf8(with).unwrap();
        assert!(!plain.contains("2017-09-21 18:00:00"));
        assert!(
            with.contains("生成时间：2017-09-21 18:00:00 +08:00"),
            "{format:?}"
        );
    }
}

#[test]
fn a_file_is_not_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let data = export_common::summary(Lang::Zh);
    for format in [Format::Md, Format::Html, Format::Xlsx, Format::Pdf] {
        let path = dir.path().join(format!("out.{}", format.extension()));
        std::fs::write(&path, b"keep me").unwrap();
        let err = export::write(&data, format, &path, &opts()).unwrap_err();
        assert!(
            matches!(err, ExportError::Exists(ref p) if p == &path),
            "{err}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"keep me");
        let forced = Options {
            force: true,
            ..opts()
        };
        export::write(&data, format, &path, &forced).unwrap();
        assert_ne!(std::fs::read(&path).unwrap(), b"keep me");
    }
    // Nothing but the four outputs: no temporary files left behind.
    assert_eq!(
        names_in(dir.path()),
        ["out.html", "out.md", "out.pdf", "out.xlsx"]
    );
}

#[test]
fn csv_refuses_a_folder_holding_any_of_its_files_and_writes_none() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("csv");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("votes.csv"), b"mine").unwrap();
    let data = export_common::summary(Lang::Zh);
    let err = export::write(&data, Format::Csv, &out, &opts()).unwrap_err();
    assert!(
        matches!(err, ExportError::Exists(ref p) if p.ends_with("votes.csv")),
        "{err}"
    );
    assert_eq!(names_in(&out), ["votes.csv"]);
    assert_eq!(std::fs::read(out.join("votes.csv")).unwrap(), b"mine");

    let forced = Options {
        force: true,
        ..opts()
    };
    export::write(&data, Format::Csv, &out, &forced).unwrap();
    assert_eq!(
        names_in(&out),
        [
            "agenda.csv",
            "attendance.csv",
            "indicators.csv",
            "itinerary.csv",
            "notes.csv",
            "session.csv",
            "votes.csv"
        ]
    );
    assert!(
        std::fs::read(out.join("votes.csv"))
            .unwrap()
            .starts_with(b"\xEF\xBB\xBF")
    );
}

#[test]
fn a_csv_export_stopped_midway_reports_which_files_are_complete() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("csv");
    // A folder where votes.csv should go: moving the file there fails.
    std::fs::create_dir_all(out.join("votes.csv").join("x")).unwrap();
    let data = export_common::summary(Lang::Zh);
    let forced = Options {
        force: true,
        ..opts()
    };
    let err = export::write(&data, Format::Csv, &out, &forced).unwrap_err();
    let ExportError::Partial { done, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(done, &["session.csv", "agenda.csv", "attendance.csv"]);
    let Rendered::Files(files) = export::render(&data, Format::Csv, &opts()).unwrap() else {
        panic!()
    };
    for (name, bytes) in files.iter().take(3) {
        assert_eq!(&std::fs::read(out.join(name)).unwrap(), bytes, "{name}");
    }
    // The temporary folder is gone, and nothing after the failure was written.
    assert_eq!(
        names_in(&out),
        ["agenda.csv", "attendance.csv", "session.csv", "votes.csv"]
    );
}

#[test]
fn a_failed_write_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").unwrap();
    let path = blocker.join("out.md");
    let err = export::write(
        &export_common::summary(Lang::Zh),
        Format::Md,
        &path,
        &opts(),
    );
    assert!(matches!(err, Err(ExportError::Io { .. })));
    assert_eq!(names_in(dir.path()), ["not-a-folder"]);
}

#[test]
fn xlsx_is_a_workbook_with_one_sheet_per_table() {
    let Rendered::File(bytes) =
        export::render(&export_common::summary(Lang::Zh), Format::Xlsx, &opts()).unwrap()
    else {
        panic!()
    };
    assert!(bytes.starts_with(b"PK"));
    // Sheet names are stored uncompressed in the zip's directory of parts.
    let text = String::from_utf8_lossy(&bytes);
    assert_eq!(text.matches("xl/worksheets/sheet").count() / 2, 7, "sheets");
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_delegate-desk"));
    c.env(
        "DELEGATE_DESK_DATA",
        std::env::temp_dir().join("dd-export-test"),
    );
    c
}

#[test]
fn the_command_writes_refuses_and_forces() {
    let dir = tempfile::tempdir().unwrap();
    let session = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/jiujiang-2017-09-21.ron");
    let s = export_common::session(Lang::Zh);
    let notes = dir.path().join("notes.json");
    std::fs::write(&notes, export_common::notes(&s).to_bytes()).unwrap();
    let journal = dir.path().join("journal.jsonl");
    let records = export_common::jiujiang_journal(&s);
    std::fs::write(&journal, export_common::journal_bytes(&records)).unwrap();
    let out = dir.path().join("summary.md");

    let run = |extra: &[&str]| {
        bin()
            .arg("export")
            .arg(&session)
            .arg("--journal")
            .arg(&journal)
            .arg("--notes")
            .arg(&notes)
            .arg("-o")
            .arg(&out)
            .args(extra)
            .output()
            .unwrap()
    };
    let first = run(&[]);
    assert_eq!(first.status.code(), Some(0), "{first:?}");
    let Rendered::File(want) =
        export::render(&export_common::summary(Lang::Zh), Format::Md, &opts()).unwrap()
    else {
        panic!()
    };
    assert_eq!(
        std::fs::read(&out).unwrap(),
        want,
        "the command and the library agree"
    );

    // The hash in the summary is the one `verify` prints for the journal.
    let verify = bin().arg("verify").arg(&journal).output().unwrap();
    assert_eq!(verify.status.code(), Some(0), "{verify:?}");
    let head = records.last().unwrap().hash.to_hex();
    assert!(String::from_utf8_lossy(&verify.stdout).contains(head.as_str()));
    assert!(
        String::from_utf8(std::fs::read(&out).unwrap())
            .unwrap()
            .contains(head.as_str())
    );

    let again = run(&[]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));

    let forced = run(&["--force", "--stamp"]);
    assert_eq!(forced.status.code(), Some(0));
    assert!(
        String::from_utf8(std::fs::read(&out).unwrap())
            .unwrap()
            .contains("生成时间")
    );

    // No format and no telling extension: the command line is wrong, exit 1 as for any
    // wrong input.
    let odd = bin()
        .args(["export"])
        .arg(&session)
        .arg("-o")
        .arg(dir.path().join("summary.txt"))
        .output()
        .unwrap();
    assert_eq!(odd.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&odd.stderr).starts_with("delegate-desk: "));

    // A journal that fails its chain check is not exported from.
    let mut bytes = export_common::journal_bytes(&records);
    let at = bytes.len() - 20;
    bytes[at] = if bytes[at] == b'0' { b'1' } else { b'0' };
    std::fs::write(&journal, bytes).unwrap();
    let damaged = run(&["--force"]);
    assert_eq!(damaged.status.code(), Some(1), "{damaged:?}");
}
