//! A sitting's folder shared by a sync engine: one journal per writer, folded into one tally;
//! disagreements listed; conflict copies named by `verify` and recovered by `record --adopt`.

use crate::journal_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use delegate_desk::i18n::Lang;
use delegate_desk::journal::{
    Action, Choice, ConflictKey, GENESIS, Mark, Record, TallyReport, fold, read_folder, write_new,
};
use journal_support::*;

const BIN: &str = env!("CARGO_BIN_EXE_delegate-desk");

/// A record by `secretary` at second `s` past 09:00 (the chain is made by `write_new`).
fn at(s: u32, secretary: &str, action: Action) -> Record {
    let time = format!("2017-09-21T01:{:02}:{:02}.000Z", s / 60, s % 60);
    Record::new(0, time, secretary, action, GENESIS)
}

/// Two secretaries at work at once: 李 marks d001–d060 and runs the show of hands, 王 marks
/// d061–d107 and takes the roll call (opened by 李) for their own delegates.
fn two_writers() -> (Vec<Record>, Vec<Record>) {
    let li = vec![
        at(1, "李", present(1..=60)),
        at(5, "李", open("roll")),
        at(6, "李", open("hands")),
        at(8, "李", vote("roll", 1, Choice::Yes)),
        at(9, "李", counts("hands", 70, 10, 5, 0)),
        at(12, "李", vote("roll", 2, Choice::No)),
    ];
    let wang = vec![
        at(2, "王", present(61..=100)),
        at(3, "王", mark(Mark::Leave, 101..=107)),
        at(7, "王", vote("roll", 61, Choice::Yes)),
        at(10, "王", vote("roll", 62, Choice::Abstain)),
        at(11, "王", vote("roll", 63, Choice::Yes)),
    ];
    (li, wang)
}

fn report(t: &delegate_desk::journal::Tally) -> TallyReport {
    TallyReport::new(t, "", "ok", Lang::En)
}

#[test]
fn two_writers_fold_into_one_tally_with_every_record_once_in_any_order() {
    let s = session(107);
    let dir = tempfile::tempdir().unwrap();
    let (li, wang) = two_writers();
    let written_li = write_new(&dir.path().join("votes-李-a-1.jsonl"), &s, "李", &li).unwrap();
    let written_wang = write_new(&dir.path().join("votes-王-b-2.jsonl"), &s, "王", &wang).unwrap();
    let f = read_folder(dir.path(), &s).unwrap();
    assert_eq!(f.journals.len(), 2);
    assert!(f.is_clean(), "{:?} {:?}", f.refused, f.disagreements);
    assert_eq!(f.records.len(), li.len() + wang.len());
    assert_eq!(f.tally.records_applied(), (li.len() + wang.len()) as u64);
    let a = f.tally.attendance();
    assert_eq!((a.present, a.leave, a.unmarked), (100, 7, 0));
    let roll = f.tally.motion("roll").unwrap();
    let c = roll.counts();
    assert_eq!((c.yes, c.no, c.abstain), (3, 1, 1));
    assert_eq!(f.tally.motion("hands").unwrap().counts().yes, 70);
    // Every record exactly once, in time order.
    let times: Vec<&str> = f.records.iter().map(|r| r.time.as_str()).collect();
    assert!(times.windows(2).all(|w| w[0] < w[1]), "{times:?}");

    // The same records in any files and any order: the same tally and the same head. A file
    // seen twice (a copy) adds nothing.
    let want = report(&f.tally);
    let (bl, bw) = (written_li.clone(), written_wang.clone());
    let mut reversed: Vec<Record> = bl.iter().chain(&bw).cloned().collect();
    reversed.reverse();
    for sources in [
        vec![bw.clone(), bl.clone()],
        vec![reversed],
        vec![bl.clone(), bw.clone(), bl.clone()],
        vec![bw[3..].to_vec(), bl.clone(), bw[..3].to_vec()],
    ] {
        let g = fold(&s, sources);
        assert_eq!(report(&g.tally), want);
        assert_eq!(g.head, f.head);
        assert_eq!(g.records.len(), li.len() + wang.len());
    }
}

#[test]
fn a_disagreement_is_listed_not_dropped_and_a_recorded_decision_settles_it() {
    let s = session(107);
    let dir = tempfile::tempdir().unwrap();
    let li = vec![
        at(1, "李", present(1..=80)),
        at(2, "李", open("hands")),
        at(4, "李", counts("hands", 60, 10, 2, 0)),
    ];
    let wang = vec![
        at(3, "王", mark(Mark::Leave, 80..=80)),
        at(5, "王", counts("hands", 61, 10, 2, 0)),
    ];
    write_new(&dir.path().join("votes-李.jsonl"), &s, "李", &li).unwrap();
    write_new(&dir.path().join("votes-王.jsonl"), &s, "王", &wang).unwrap();
    let f = read_folder(dir.path(), &s).unwrap();
    let keys: Vec<&ConflictKey> = f.disagreements.iter().map(|d| &d.key).collect();
    assert_eq!(
        keys,
        [
            &ConflictKey::Attendance {
                delegate: "d080".into()
            },
            &ConflictKey::Counts {
                motion: "hands".into()
            },
        ]
    );
    let d = &f.disagreements[1];
    assert_eq!(
        (d.earlier.secretary.as_str(), d.later.secretary.as_str()),
        ("李", "王")
    );
    // Nothing dropped: every record is in the tally, the later counts for now.
    assert_eq!(f.records.len(), 5);
    assert_eq!(f.tally.motion("hands").unwrap().counts().yes, 61);
    assert!(!f.is_clean());

    // 李 checks and decides: d080 is on leave, the totals were 60. Recorded like any action.
    let decided = vec![
        at(6, "李", mark(Mark::Leave, 80..=80)),
        at(7, "李", counts("hands", 60, 10, 2, 0)),
    ];
    write_new(&dir.path().join("votes-李-2.jsonl"), &s, "李", &decided).unwrap();
    let f = read_folder(dir.path(), &s).unwrap();
    assert!(f.disagreements.is_empty(), "{:?}", f.disagreements);
    assert_eq!(f.tally.motion("hands").unwrap().counts().yes, 60);
    assert!(f.is_clean());
}

#[test]
fn a_record_the_folded_order_refuses_is_listed() {
    let s = session(107);
    let dir = tempfile::tempdir().unwrap();
    // 王's clock is behind: his vote sorts before 李 opened the motion.
    write_new(
        &dir.path().join("votes-李.jsonl"),
        &s,
        "李",
        &[at(1, "李", present(1..=80)), at(5, "李", open("roll"))],
    )
    .unwrap();
    write_new(
        &dir.path().join("votes-王.jsonl"),
        &s,
        "王",
        &[at(3, "王", vote("roll", 1, Choice::Yes))],
    )
    .unwrap();
    let f = read_folder(dir.path(), &s).unwrap();
    assert_eq!(f.refused.len(), 1);
    assert_eq!(f.refused[0].record.secretary, "王");
    assert!(!f.is_clean());
}

struct Sitting {
    dir: tempfile::TempDir,
    session: PathBuf,
    folder: PathBuf,
}

fn sitting() -> Sitting {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("s.ron");
    std::fs::write(&session, session_text("folder-session", 107)).unwrap();
    let folder = dir.path().join("sitting");
    std::fs::create_dir(&folder).unwrap();
    Sitting {
        dir,
        session,
        folder,
    }
}

/// The command on `laptop` (its own data folder: its own machine id).
fn cmd(s: &Sitting, laptop: &str) -> Command {
    let mut c = Command::new(BIN);
    c.env("DELEGATE_DESK_DATA", s.dir.path().join(laptop))
        .args(["--lang", "en"]);
    c
}

fn record(s: &Sitting, laptop: &str, secretary: &str, actions: &str) -> Output {
    cmd(s, laptop)
        .arg("record")
        .arg(&s.session)
        .arg("--journal-dir")
        .arg(&s.folder)
        .args(["--secretary", secretary])
        .args(actions.split_whitespace())
        .output()
        .unwrap()
}

fn run(s: &Sitting, args: &[&str], dir_arg: bool) -> Output {
    let mut c = cmd(s, "reader");
    c.args(args);
    if dir_arg {
        c.arg("--journal-dir").arg(&s.folder);
    }
    c.output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn tally_json(s: &Sitting) -> (Option<i32>, serde_json::Value) {
    let out = run(s, &["tally", s.session.to_str().unwrap(), "--json"], true);
    (
        out.status.code(),
        serde_json::from_slice(&out.stdout).unwrap(),
    )
}

fn journal_names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn each_laptop_writes_its_own_file_and_reads_everyones() {
    let s = sitting();
    // A quorum (72 of 107) signs in before the motion opens.
    let quorum: Vec<String> = (1..=72).map(|i| format!("d{i:03}")).collect();
    let out = record(
        &s,
        "laptop-a",
        "李秘书",
        &format!("--present {} --open roll", quorum.join(" ")),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // 王 on another laptop votes on the motion 李 opened: checked against the whole folder.
    let out = record(&s, "laptop-b", "王秘书", "--vote roll d002 no");
    assert!(out.status.success(), "{}", text(&out.stderr));
    // A refused batch writes nothing, not even a new file.
    let before = journal_names(&s.folder);
    let out = record(&s, "laptop-c", "赵秘书", "--vote roll d099 yes");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(journal_names(&s.folder), before);
    assert_eq!(before.len(), 2, "{before:?}");
    assert!(before.iter().all(|n| n.starts_with("votes-")), "{before:?}");
    assert!(before.iter().any(|n| n.contains("李秘书")), "{before:?}");

    let (code, json) = tally_json(&s);
    assert_eq!(code, Some(0), "{json}");
    assert_eq!(json["records"], 3);
    assert_eq!(json["attendance"]["present"], 72);
    assert_eq!(json["motions"][1]["no"], 1);
    assert_eq!(json["folder"]["journals"].as_array().unwrap().len(), 2);
    let out = run(&s, &["verify"], true);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}

#[test]
fn a_sync_conflict_copy_fails_verify_by_name_and_adopting_it_recovers_its_records() {
    let s = sitting();
    assert!(
        record(&s, "laptop-a", "李秘书", "--present d001 d002 d003 d004")
            .status
            .success()
    );
    assert!(
        record(&s, "laptop-b", "王秘书", "--leave d005 d006")
            .status
            .success()
    );
    assert!(
        record(&s, "laptop-b", "王秘书", "--absent d007")
            .status
            .success()
    );
    // Syncthing kept another version of 王's file and parked his as a conflict copy.
    let wang = journal_names(&s.folder)
        .into_iter()
        .find(|n| n.contains("王秘书"))
        .unwrap();
    let stem = wang.trim_end_matches(".jsonl");
    let copy_name = format!("{stem}.sync-conflict-20261207-061500-7ZQ4XKD.jsonl");
    let copy = s.folder.join(&copy_name);
    std::fs::rename(s.folder.join(&wang), &copy).unwrap();

    let out = run(&s, &["verify"], true);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains(&copy_name),
        "{}",
        text(&out.stdout)
    );
    let (code, json) = tally_json(&s);
    assert_eq!(code, Some(1));
    assert_eq!(json["attendance"]["leave"], 0);
    assert_eq!(
        json["folder"]["conflict_copies"][0]["name"],
        copy_name.as_str()
    );
    assert_eq!(json["folder"]["conflict_copies"][0]["missing"], 2);
    let export = s.dir.path().join("summary.md");
    let out = run(
        &s,
        &[
            "export",
            s.session.to_str().unwrap(),
            "-o",
            export.to_str().unwrap(),
        ],
        true,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(!export.exists());

    // Adopting the copy brings its records back, with their own secretary and time.
    let out = cmd(&s, "laptop-a")
        .arg("record")
        .arg(&s.session)
        .arg("--journal-dir")
        .arg(&s.folder)
        .args(["--secretary", "李秘书", "--adopt"])
        .arg(&copy)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("recovered 2 records"),
        "{}",
        text(&out.stdout)
    );
    let (code, json) = tally_json(&s);
    assert_eq!(code, Some(0), "{json}");
    assert_eq!(json["records"], 3);
    assert_eq!(json["attendance"]["leave"], 2);
    assert_eq!(json["attendance"]["absent"], 1);
    assert_eq!(json["folder"]["conflict_copies"][0]["missing"], 0);
    let f = read_folder(&s.folder, &session_of(&s)).unwrap();
    assert!(f.records.iter().any(|r| r.secretary == "王秘书"));
    // Adopting again finds nothing new; the copy stays named until a person deletes it.
    let out = run(&s, &["verify"], true);
    assert_eq!(out.status.code(), Some(1));
    std::fs::remove_file(&copy).unwrap();
    let out = run(&s, &["verify"], true);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let out = run(
        &s,
        &[
            "export",
            s.session.to_str().unwrap(),
            "-o",
            export.to_str().unwrap(),
        ],
        true,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

fn session_of(s: &Sitting) -> delegate_desk::model::Session {
    delegate_desk::model::load_path(&s.session, Lang::En)
        .unwrap()
        .session
}

/// The file `secretary` writes in the sitting's folder.
fn own_file(s: &Sitting, secretary: &str) -> PathBuf {
    let name = journal_names(&s.folder)
        .into_iter()
        .find(|n| n.contains(secretary) && !n.contains("sync-conflict"))
        .unwrap();
    s.folder.join(name)
}

#[test]
fn a_writers_own_file_is_locked_while_it_records_and_its_head_code_is_printed() {
    let s = sitting();
    let out = record(&s, "laptop-a", "李秘书", "--present d001 d002");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("head #1-"),
        "{}",
        text(&out.stdout)
    );
    // Another program (the window in secretary mode) holds 李's file open to record.
    let own = own_file(&s, "李秘书");
    let held =
        delegate_desk::journal::Journal::open_for_writing(&own, &session_of(&s), "李秘书").unwrap();
    let before = std::fs::read(&own).unwrap();
    let out = record(&s, "laptop-a", "李秘书", "--present d003");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("another program"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&own).unwrap(), before);
    // Another secretary's laptop writes its own file meanwhile.
    let out = record(&s, "laptop-b", "王秘书", "--present d004");
    assert!(out.status.success(), "{}", text(&out.stderr));
    drop(held);
    let out = record(&s, "laptop-a", "李秘书", "--present d003");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (code, json) = tally_json(&s);
    assert_eq!(code, Some(0), "{json}");
    assert_eq!(json["attendance"]["present"], 4);
}

#[test]
fn a_journal_later_showing_less_than_this_laptop_saw_is_named_by_verify_and_tally() {
    let s = sitting();
    for d in ["d001", "d002", "d003"] {
        let out = record(&s, "laptop-b", "王秘书", &format!("--present {d}"));
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    // The reader's laptop sees 王's file with its three records.
    let out = run(&s, &["verify"], true);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    // A sync engine brings back an older version of it (two records cut off its end): a good
    // chain, so only what this laptop remembers can tell.
    let own = own_file(&s, "王秘书");
    let bytes = std::fs::read(&own).unwrap();
    let keep: usize = bytes
        .split_inclusive(|&b| b == b'\n')
        .take(2)
        .map(<[u8]>::len)
        .sum();
    std::fs::write(&own, &bytes[..keep]).unwrap();
    let name = own.file_name().unwrap().to_string_lossy().into_owned();
    let out = run(&s, &["verify"], true);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let said = text(&out.stdout);
    assert!(said.contains(&name) && said.contains("cut short"), "{said}");
    assert!(said.contains("#3-"), "{said}");
    // The tally says so too, and is not one to rely on; it stays so (the warning is kept).
    let (code, json) = tally_json(&s);
    assert_eq!(code, Some(1), "{json}");
    assert_eq!(json["attendance"]["present"], 1);
    let out = run(&s, &["verify"], true);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    // Another laptop never saw more: its verify passes.
    let out = cmd(&s, "laptop-c")
        .arg("verify")
        .arg("--journal-dir")
        .arg(&s.folder)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}
