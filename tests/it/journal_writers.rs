//! The journal as the official record: one writer at a time (4 processes × 50 appends), a
//! batch lands whole or not at all (kill -9 at random moments, and every possible torn
//! write), and a published head code catches a journal cut short or written anew.

use crate::journal_support;

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use delegate_desk::journal::{
    HeadCode, Journal, JournalStatus, Record, Recorder, Witness, Witnessed, scan,
};
use journal_support::*;

const BIN: &str = env!("CARGO_BIN_EXE_delegate-desk");

struct Fixture {
    dir: tempfile::TempDir,
    session: PathBuf,
    journal: PathBuf,
}

fn fixture(seats: u32) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("s.ron");
    std::fs::write(&session, session_text("writers", seats)).unwrap();
    let journal = dir.path().join("votes.jsonl");
    Fixture {
        dir,
        session,
        journal,
    }
}

fn cmd(f: &Fixture) -> Command {
    let mut c = Command::new(BIN);
    c.env("DELEGATE_DESK_DATA", f.dir.path().join("data"))
        .args(["--lang", "en"]);
    c
}

fn record_args<'a>(f: &Fixture, actions: impl IntoIterator<Item = &'a str>) -> Command {
    let mut c = cmd(f);
    c.arg("record")
        .arg(&f.session)
        .arg("--journal")
        .arg(&f.journal)
        .args(["--secretary", "李秘书"])
        .args(actions);
    c
}

fn record(f: &Fixture, actions: &str) -> Output {
    record_args(f, actions.split_whitespace()).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// `recorded #SEQ HASH` lines.
fn acknowledged(out: &str) -> Vec<(u64, String)> {
    out.lines()
        .filter_map(|l| {
            let (seq, hash) = l.strip_prefix("recorded #")?.split_once(' ')?;
            Some((seq.parse().ok()?, hash.to_string()))
        })
        .collect()
}

/// The head code printed after a batch.
fn head_code(out: &str) -> HeadCode {
    let line = out.lines().find(|l| l.starts_with("head #")).unwrap();
    line["head ".len()..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

fn verify_head(f: &Fixture, code: &str) -> Output {
    cmd(f)
        .arg("verify")
        .arg(&f.journal)
        .args(["--head", code])
        .output()
        .unwrap()
}

/// One writer's 50 appends, each its own `record` process, retried while another program
/// holds the journal. Returns the records it was told were written, and how often it was
/// turned away.
fn writer(f: &Fixture, id: &str) -> (Vec<(u64, String)>, u32) {
    let mut acked = Vec::new();
    let mut busy = 0u32;
    let mut n = 0;
    while n < 50 {
        let mark = if n % 2 == 0 { "--present" } else { "--leave" };
        let out = record_args(f, [mark, id]).output().unwrap();
        match out.status.code() {
            Some(0) => {
                let a = acknowledged(&text(&out.stdout));
                assert_eq!(a.len(), 1, "{}", text(&out.stdout));
                acked.extend(a);
                n += 1;
            }
            Some(2) => {
                let e = text(&out.stderr);
                assert!(e.contains("another program"), "{e}");
                busy += 1;
            }
            other => panic!("{other:?}: {}", text(&out.stderr)),
        }
    }
    (acked, busy)
}

/// Four processes append 50 records each at the same time. Each is told either that its
/// record is written, or that another program is recording (exit 2) and then tries again.
/// In the end the chain verifies and holds every acknowledged record exactly once.
#[test]
fn four_writers_fifty_appends_each_lose_and_fork_nothing() {
    let f = fixture(8);
    // The journal exists before the race, so the header is no one's.
    assert!(record(&f, "--absent d008").status.success());
    let results: Vec<(Vec<(u64, String)>, u32)> = std::thread::scope(|s| {
        let handles: Vec<_> = (1..=4u32)
            .map(|w| {
                let f = &f;
                s.spawn(move || writer(f, &format!("d{w:03}")))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let bytes = std::fs::read(&f.journal).unwrap();
    let scanned = scan(&bytes);
    assert_eq!(scanned.status, JournalStatus::Ok);
    // Header, the first mark, 4 × 50.
    assert_eq!(scanned.records.len(), 2 + 200);
    let mut acked: Vec<(u64, String)> = results.iter().flat_map(|(a, _)| a.clone()).collect();
    acked.sort();
    let on_disk: Vec<(u64, String)> = scanned.records[2..]
        .iter()
        .map(|r| (r.seq, r.hash.to_hex()))
        .collect();
    assert_eq!(
        acked, on_disk,
        "every acknowledged record, once, and nothing else"
    );
    let out = cmd(&f).arg("verify").arg(&f.journal).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let turned_away: u32 = results.iter().map(|(_, b)| b).sum();
    eprintln!("4 writers × 50 appends: {turned_away} times told another program was recording");
}

/// A second writer in the same process is refused while the first holds the journal, and
/// may write once the first is gone.
#[test]
fn a_second_writer_is_refused_until_the_first_lets_go() {
    let s = session(4);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.jsonl");
    let first = Recorder::open_for_writing(&path, &s, "李秘书").unwrap();
    let e = Recorder::open_for_writing(&path, &s, "王秘书").unwrap_err();
    assert!(
        e.message(delegate_desk::i18n::Lang::Zh)
            .contains("另一个程序"),
        "{}",
        e.message(delegate_desk::i18n::Lang::Zh)
    );
    // Reading is never refused.
    assert!(Journal::open_read_only(&path, &s).is_ok());
    drop(first);
    let mut second = Recorder::open_for_writing(&path, &s, "王秘书").unwrap();
    second.record("王秘书", present(1..=1)).unwrap();
}

/// Batch sizes of the records in `records` (a batch ends at `more == 0`).
fn batch_sizes(records: &[Record]) -> Vec<usize> {
    let mut sizes = Vec::new();
    let mut n = 0;
    for r in records {
        n += 1;
        if r.more == 0 {
            sizes.push(n);
            n = 0;
        }
    }
    assert_eq!(n, 0, "a batch left open");
    sizes
}

const BATCH: usize = 40;

/// A `record` run of BATCH actions, killed (SIGKILL) after `delay_ms`.
fn kill_batch(f: &Fixture, delay_ms: u64) -> Vec<(u64, String)> {
    let mut args: Vec<String> = Vec::new();
    for n in 0..BATCH {
        args.push(if n % 2 == 0 { "--present" } else { "--absent" }.into());
        args.push(format!("d{:03}", n % 4 + 1));
    }
    let mut child = record_args(f, args.iter().map(String::as_str))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(delay_ms));
    let _ = child.kill();
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    let _ = child.wait();
    acknowledged(&out)
}

/// Multi-action batches killed at random moments: the journal never holds part of a batch,
/// and every record a run reported written is there.
#[test]
fn a_killed_batch_lands_whole_or_not_at_all() {
    let f = fixture(4);
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut acked = Vec::new();
    let mut kills = 0;
    for _ in 0..20 {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        acked.extend(kill_batch(&f, 2 + rng % 60));
        kills += 1;
        if !f.journal.exists() {
            continue;
        }
        // Opening to write cuts a torn batch, as the next run would.
        drop(Recorder::open_for_writing(&f.journal, &session_of(&f), "检查").unwrap());
        let s = scan(&std::fs::read(&f.journal).unwrap());
        assert_eq!(s.status, JournalStatus::Ok);
        for size in &batch_sizes(&s.records)[1..] {
            assert_eq!(*size, BATCH, "half a batch on disk");
        }
        for (seq, hash) in &acked {
            let r = s.records.get(*seq as usize);
            assert_eq!(
                r.map(|r| r.hash.to_hex()).as_ref(),
                Some(hash),
                "record {seq} lost"
            );
        }
    }
    eprintln!(
        "{kills} kills, {} acknowledged records all kept",
        acked.len()
    );
}

fn session_of(f: &Fixture) -> delegate_desk::model::Session {
    delegate_desk::model::load_path(&f.session, delegate_desk::i18n::Lang::En)
        .unwrap()
        .session
}

/// Every way a batch write can be torn (the file cut at each byte of it): the batch is held
/// back whole when reading, cut whole when opening to write, and what came before is kept.
#[test]
fn a_batch_torn_at_any_byte_is_cut_whole() {
    let s = session(4);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.jsonl");
    let mut r = Recorder::open_for_writing(&path, &s, "李秘书").unwrap();
    r.record("李秘书", present(1..=1)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let steps: Vec<_> = [
        present(2..=2),
        present(3..=3),
        mark(delegate_desk::journal::Mark::Leave, 4..=4),
    ]
    .into_iter()
    .map(delegate_desk::journal::Planned::Act)
    .collect();
    r.record_batch("李秘书", &steps, |_| {}).unwrap();
    drop(r);
    let whole = std::fs::read(&path).unwrap();
    assert_eq!(batch_sizes(&scan(&whole).records), [1, 1, 3]);
    for cut in before.len()..whole.len() {
        let torn = &whole[..cut];
        let sc = scan(torn);
        assert_eq!(sc.records.len(), 2, "cut at {cut}");
        if cut > before.len() {
            assert_eq!(
                sc.status,
                JournalStatus::TornTailCut {
                    bytes: (cut - before.len()) as u64
                },
                "cut at {cut}"
            );
        }
        std::fs::write(&path, torn).unwrap();
        let r = Recorder::open_for_writing(&path, &s, "李秘书").unwrap();
        assert_eq!(r.journal().len(), 2);
        drop(r);
        assert_eq!(std::fs::read(&path).unwrap(), before, "cut at {cut}");
    }
}

/// `verify --head` with the code printed after `record`: passes while the journal holds that
/// record, fails once records are cut off the end (whole lines or mid-line) or the journal
/// is written anew, though the chain itself verifies.
#[test]
fn head_codes_catch_truncation_and_rewriting() {
    let f = fixture(4);
    let out = record(
        &f,
        "--present d001 d002 d003 --open hands --counts hands 3 0 0",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let code = head_code(&text(&out.stdout));
    assert_eq!(code.seq, 3);
    let original = std::fs::read(&f.journal).unwrap();
    let ok = verify_head(&f, &code.to_string());
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stdout));
    // More records after it: still held.
    assert!(record(&f, "--close hands").status.success());
    assert_eq!(verify_head(&f, &code.to_string()).status.code(), Some(0));

    let mut tampers = 0;
    let mut caught = 0;
    let lines: Vec<usize> = std::iter::once(0)
        .chain(memchr_all(&original).into_iter().map(|i| i + 1))
        .collect();
    // Cut after each whole line before the head, and in the middle of the head's line.
    let mut cuts: Vec<usize> = lines[1..lines.len() - 1].to_vec();
    cuts.push(lines[lines.len() - 2] + 10);
    for cut in cuts {
        std::fs::write(&f.journal, &original[..cut]).unwrap();
        let plain = cmd(&f).arg("verify").arg(&f.journal).output().unwrap();
        assert_eq!(plain.status.code(), Some(0), "the chain alone passes");
        let out = verify_head(&f, &code.to_string());
        tampers += 1;
        if out.status.code() == Some(1) && text(&out.stdout).contains("cut short") {
            caught += 1;
        }
    }
    // Written anew: as many records, another history.
    std::fs::remove_file(&f.journal).unwrap();
    assert!(
        record(
            &f,
            "--present d001 d002 d004 --open hands --counts hands 2 1 0"
        )
        .status
        .success()
    );
    let out = verify_head(&f, &code.to_string());
    tampers += 1;
    if out.status.code() == Some(1) && text(&out.stdout).contains("rewritten") {
        caught += 1;
    }
    assert_eq!(caught, tampers);
    eprintln!("head codes: {tampers} tampers tried, {caught} caught");
    // A code that does not read is a usage error.
    assert_eq!(verify_head(&f, "117").status.code(), Some(1));
}

fn memchr_all(b: &[u8]) -> Vec<usize> {
    b.iter()
        .enumerate()
        .filter(|(_, c)| **c == b'\n')
        .map(|(i, _)| i)
        .collect()
}

/// A window's witness: remembers the head it showed and says when the journal later holds
/// fewer records, or another record at that number.
#[test]
fn the_witness_notices_a_journal_cut_short_or_rewritten() {
    let s = session(4);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = dir.path().join("j.jsonl");
    let mut r = Recorder::open_for_writing(&path, &s, "李秘书").unwrap();
    r.record("李秘书", present(1..=3)).unwrap();
    r.record("李秘书", present(4..=4)).unwrap();
    drop(r);
    let w = Witness::of(&data, &path);
    let j = Journal::open_read_only(&path, &s).unwrap();
    assert_eq!(w.observe(&j).unwrap(), Witnessed::Consistent);
    let seen = j.head_code().unwrap();
    assert_eq!(w.last(), Some(seen));
    // Cut the last record off.
    let bytes = std::fs::read(&path).unwrap();
    let last_line = bytes[..bytes.len() - 1]
        .iter()
        .rposition(|&b| b == b'\n')
        .unwrap();
    std::fs::write(&path, &bytes[..=last_line]).unwrap();
    let j = Journal::open_read_only(&path, &s).unwrap();
    assert_eq!(
        w.observe(&j).unwrap(),
        Witnessed::Truncated { seen, now: 2 }
    );
    // The warning stays: the head that shows it is kept.
    assert_eq!(w.last(), Some(seen));
    // Written anew with as many records.
    std::fs::remove_file(&path).unwrap();
    let mut r = Recorder::open_for_writing(&path, &s, "李秘书").unwrap();
    r.record("李秘书", present(1..=2)).unwrap();
    r.record("李秘书", present(3..=4)).unwrap();
    drop(r);
    let j = Journal::open_read_only(&path, &s).unwrap();
    assert_eq!(w.observe(&j).unwrap(), Witnessed::Rewritten { seen });
    // Another journal has a witness of its own.
    let other = Witness::of(&data, &dir.path().join("other.jsonl"));
    assert_eq!(other.last(), None);
}

/// A creation that fails leaves no file behind, and a failed open creates nothing.
#[test]
fn a_failed_creation_leaves_no_empty_file() {
    let s = session(4);
    let dir = tempfile::tempdir().unwrap();
    // The folder is a file: creation fails.
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, b"").unwrap();
    let path = blocker.join("j.jsonl");
    assert!(Recorder::open_for_writing(&path, &s, "李秘书").is_err());
    // A journal whose creation worked holds its header and nothing half-written.
    let path = dir.path().join("new").join("j.jsonl");
    let r = Recorder::open_for_writing(&path, &s, "李秘书").unwrap();
    drop(r);
    let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["j.jsonl"], "no temporary file left");
    assert_eq!(scan(&std::fs::read(&path).unwrap()).records.len(), 1);
}

/// While a window (here: this process) records in a journal, `record` is refused with exit
/// 2 and a message saying another program is recording, and writes nothing.
#[test]
fn record_is_refused_while_another_program_records() {
    let f = fixture(4);
    let holder = Recorder::open_for_writing(&f.journal, &session_of(&f), "王秘书").unwrap();
    let before = std::fs::read(&f.journal).unwrap();
    let out = record(&f, "--present d001");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("another program"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&f.journal).unwrap(), before);
    drop(holder);
    assert!(record(&f, "--present d001").status.success());
}
