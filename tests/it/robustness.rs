//! Robustness: every reader of user files (the session loader behind `check` and the window,
//! the journal reader and replay, the notes reader) is fed mutated and random input. None may
//! panic or hang, and every refusal must say where the problem is.
//!
//! Mutations: truncation (also mid-character), inserted random bytes (invalid UTF-8), values
//! swapped for other types, deep nesting, huge numbers (`1e999`, 2^64), a BOM, CRLF line ends,
//! 100,000-character lines, deleted ranges.
//!
//! Runs 64 cases per property by default (CI). A long run:
//! `PROPTEST_CASES=10000 cargo test --release --test it robustness`.
//!
//! A case that has not finished after 5 seconds fails as a hang. That is a guard against
//! infinite loops, not a speed assertion: a normal case takes milliseconds.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use compact_str::CompactString;
use delegate_desk::generate::{self, Params};
use delegate_desk::i18n::Lang;
use delegate_desk::journal::{
    self, Action, Choice, Counts, GENESIS, JournalStatus, Mark, Record, Recorder,
};
use delegate_desk::model::{self, LoadError, Session};
use delegate_desk::notes::{NotesError, NotesFile};
use proptest::prelude::*;
use proptest::sample::Index;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        // Shrinking a hang would take minutes per step; a failing case is printed whole.
        max_shrink_iters: 64,
        ..ProptestConfig::default()
    }
}

/// Runs `f` on its own thread; Err if it panics or runs longer than 5 s.
fn guarded<T: Send + 'static>(
    what: &str,
    f: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, TestCaseError> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name(what.to_string())
        .spawn(move || {
            let _ = tx.send(f());
        })
        .map_err(|e| TestCaseError::fail(format!("{what}: cannot spawn: {e}")))?;
    match rx.recv_timeout(Duration::from_secs(5)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(msg)) => Err(TestCaseError::fail(format!("{what}: {msg}"))),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(TestCaseError::fail(format!(
            "{what}: did not finish within 5 s (hang)"
        ))),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(TestCaseError::fail(format!("{what}: panicked")))
        }
    }
}

// ---------------------------------------------------------------- mutations

/// Values of every type a file might wrongly hold, including ones that overflow.
const WRONG_VALUES: &[&str] = &[
    "\"文本\"",
    "42",
    "-1",
    "0",
    "1e999",
    "-1e999",
    "18446744073709551616",
    "-9223372036854775809",
    "99999999999999999999999999999999999999",
    "4294967296",
    "NaN",
    "inf",
    "1.5",
    "[]",
    "()",
    "{}",
    "true",
    "null",
    "None",
    "Some(Some(1))",
    "'c'",
    "b\"x\"",
    "r#\"raw\"#",
    "0x7fffffff",
    "\"\\u{0}\"",
    "\"\\x\"",
    "\"\\ud800\"",
    "\"",
    "Session(",
    "[1, \"a\", (), {}]",
];

#[derive(Clone, Debug)]
enum Mutation {
    /// Cut the file at a byte (possibly inside a character).
    Truncate(Index),
    InsertBytes(Index, Vec<u8>),
    /// Replace the value after a `:` (up to the next `,` or line end) with another type.
    SwapValue(Index, usize),
    /// `[[[[…` (balanced or not), `((((…`, `{{{{…`.
    Nest(Index, usize, u8, bool),
    Bom,
    Crlf,
    /// A 100,000-character line, Chinese or ASCII, quoted or not.
    LongLine(Index, usize, bool),
    DeleteRange(Index, Index),
    FlipByte(Index, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(i, b)| Mutation::InsertBytes(i, b)),
        (any::<Index>(), 0..WRONG_VALUES.len()).prop_map(|(i, v)| Mutation::SwapValue(i, v)),
        (any::<Index>(), 1usize..20_000, 0u8..3, any::<bool>())
            .prop_map(|(i, d, k, b)| Mutation::Nest(i, d, k, b)),
        Just(Mutation::Bom),
        Just(Mutation::Crlf),
        (any::<Index>(), 0usize..4, any::<bool>())
            .prop_map(|(i, k, q)| Mutation::LongLine(i, k, q)),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::DeleteRange(a, b)),
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::FlipByte(i, b)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let at = |i: &Index, len: usize| if len == 0 { 0 } else { i.index(len + 1) };
    match m {
        Mutation::Truncate(i) => {
            let n = at(i, bytes.len());
            bytes.truncate(n);
        }
        Mutation::InsertBytes(i, b) => {
            let n = at(i, bytes.len());
            bytes.splice(n..n, b.iter().copied());
        }
        Mutation::SwapValue(i, v) => {
            let colons: Vec<usize> = bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b':')
                .map(|(k, _)| k)
                .collect();
            if colons.is_empty() {
                return;
            }
            let start = colons[i.index(colons.len())] + 1;
            let end = bytes[start..]
                .iter()
                .position(|b| *b == b',' || *b == b'\n')
                .map_or(bytes.len(), |p| start + p);
            bytes.splice(start..end, WRONG_VALUES[*v].bytes());
        }
        Mutation::Nest(i, depth, kind, balanced) => {
            let (open, close) = match kind {
                0 => (b'[', b']'),
                1 => (b'(', b')'),
                _ => (b'{', b'}'),
            };
            let mut ins = vec![open; *depth];
            if *balanced {
                ins.extend(std::iter::repeat_n(close, *depth));
            }
            let n = at(i, bytes.len());
            bytes.splice(n..n, ins);
        }
        Mutation::Bom => {
            bytes.splice(0..0, [0xEF, 0xBB, 0xBF]);
        }
        Mutation::Crlf => {
            let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 20);
            for b in bytes.iter() {
                if *b == b'\n' {
                    out.push(b'\r');
                }
                out.push(*b);
            }
            *bytes = out;
        }
        Mutation::LongLine(i, kind, quoted) => {
            let unit = match kind {
                0 => "x",
                1 => "中",
                2 => "1",
                _ => "\\",
            };
            let mut s = String::new();
            if *quoted {
                s.push('"');
            }
            s.push_str(&unit.repeat(100_000));
            if *quoted {
                s.push('"');
            }
            let n = at(i, bytes.len());
            bytes.splice(n..n, s.into_bytes());
        }
        Mutation::DeleteRange(a, b) => {
            let (x, y) = (at(a, bytes.len()), at(b, bytes.len()));
            let (x, y) = (x.min(y), x.max(y).min(x.min(y) + 4096));
            bytes.drain(x..y);
        }
        Mutation::FlipByte(i, b) => {
            if !bytes.is_empty() {
                let n = i.index(bytes.len());
                bytes[n] ^= b | 1;
            }
        }
    }
}

fn mutated(base: &'static [u8]) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(mutation(), 1..4).prop_map(move |ms| {
        let mut bytes = base.to_vec();
        for m in &ms {
            apply(&mut bytes, m);
        }
        bytes
    })
}

// ---------------------------------------------------------------- sessions

/// Loads like `check` does, prints every diagnostic like `check` does, and checks that a
/// refusal has at least one error with a line and column.
fn check_session_bytes(bytes: Vec<u8>) -> Result<(), TestCaseError> {
    guarded("load_bytes", move || {
        match model::load_bytes("fuzz.ron", &bytes, Lang::En) {
            Ok(loaded) => {
                for w in &loaded.warnings {
                    let _ = w.to_string();
                }
                Ok(())
            }
            Err(LoadError::Invalid(diags)) => {
                if diags.is_empty() {
                    return Err("refused with no diagnostic".to_string());
                }
                if !diags.iter().any(|d| d.severity == model::Severity::Error) {
                    return Err("refused with warnings only".to_string());
                }
                for d in &diags {
                    if d.line < 1 || d.column < 1 || d.message.trim().is_empty() {
                        return Err(format!("diagnostic without a location: {d:?}"));
                    }
                    // `check` prints the source line with a caret: that must not panic either.
                    let _ = d.to_string();
                }
                Ok(())
            }
            Err(LoadError::Io { .. }) => Err("an I/O error from bytes in memory".to_string()),
        }
    })
}

fn jiujiang() -> &'static [u8] {
    model::BUNDLED_JIUJIANG.as_bytes()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn session_loader_survives_mutations(bytes in mutated(jiujiang())) {
        check_session_bytes(bytes)?;
    }

    #[test]
    fn session_loader_survives_random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        check_session_bytes(bytes)?;
    }

    #[test]
    fn session_loader_survives_ron_shaped_noise(
        text in r#"[()\[\]{}:,"a-z0-9 \n.\-_#/*中文（）]{0,2000}"#
    ) {
        check_session_bytes(text.into_bytes())?;
    }
}

#[test]
fn named_hard_cases_of_sessions_are_refused_with_a_location() {
    let base = model::BUNDLED_JIUJIANG;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("bom only", vec![0xEF, 0xBB, 0xBF]),
        ("deep brackets", "[".repeat(100_000).into_bytes()),
        ("deep parens", "Session(".repeat(50_000).into_bytes()),
        (
            "huge seats",
            base.replace("seats: 107", "seats: 1e999").into_bytes(),
        ),
        (
            "seats past u32",
            base.replace("seats: 107", "seats: 4294967296").into_bytes(),
        ),
        (
            "value past f64",
            base.replace("value: 189.25", "value: 1e999").into_bytes(),
        ),
        ("invalid utf-8 mid-file", {
            let mut b = base.as_bytes().to_vec();
            b.insert(b.len() / 2, 0xFF);
            b
        }),
        ("cut inside a character", {
            let b = base.as_bytes();
            let i = base.find('九').map_or(0, |i| i + 1);
            b[..i].to_vec()
        }),
        (
            "a 100k-character id",
            base.replacen(
                "id: \"jiujiang-2017-09-21\"",
                &format!("id: {}", "中".repeat(100_000)),
                1,
            )
            .into_bytes(),
        ),
    ];
    for (what, bytes) in cases {
        match model::load_bytes("hard.ron", &bytes, Lang::Zh) {
            Err(LoadError::Invalid(d)) => {
                assert!(!d.is_empty(), "{what}: no diagnostic");
                assert!(d.iter().all(|d| d.line >= 1 && d.column >= 1), "{what}");
            }
            other => panic!("{what}: expected a refusal, got {other:?}"),
        }
    }
    // A BOM and CRLF line ends are fine, and the file means the same.
    let crlf = format!("\u{feff}{}", base.replace('\n', "\r\n"));
    let a = model::load_bytes("crlf.ron", crlf.as_bytes(), Lang::Zh).unwrap();
    let b = model::load_bundled(Lang::Zh).unwrap();
    assert_eq!(a.session, b.session);
}

// ---------------------------------------------------------------- journals

fn small_params() -> Params {
    Params {
        delegates: 12,
        groups: 3,
        sections: 3,
        indicators: 4,
        motions: 3,
        stops: 1,
        notes: 10,
        election: false,
        seed: 3,
    }
}

fn small_session() -> &'static Session {
    static S: std::sync::OnceLock<Session> = std::sync::OnceLock::new();
    S.get_or_init(|| generate::session(&small_params()))
}

fn small_journal() -> &'static [u8] {
    static J: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    J.get_or_init(|| {
        let s = small_session();
        generate::journal_bytes(&generate::journal_records(s, 3))
    })
}

/// Scans and opens a journal: the chain check must place damage at a record, and opening it
/// read-only with replay must give a journal or an error, never a panic.
fn check_journal_bytes(bytes: Vec<u8>) -> Result<(), TestCaseError> {
    guarded("journal", move || {
        let sc = journal::scan(&bytes);
        match &sc.status {
            JournalStatus::Ok => {
                if sc.good_len != bytes.len() as u64 {
                    return Err("Ok, but not every byte is a good record".to_string());
                }
            }
            JournalStatus::TornTailCut { bytes: cut } => {
                if sc.good_len + cut != bytes.len() as u64 {
                    return Err(format!(
                        "torn tail of {cut} after {} good bytes of {}",
                        sc.good_len,
                        bytes.len()
                    ));
                }
            }
            JournalStatus::Damaged { record, reason } => {
                // The damaged record is the one after the last good one.
                if *record != sc.records.len() as u64 || reason.trim().is_empty() {
                    return Err(format!(
                        "damage reported at record {record} after {} good records: {reason:?}",
                        sc.records.len()
                    ));
                }
            }
        }
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let path = dir.path().join("j.jsonl");
        std::fs::write(&path, &bytes).map_err(|e| e.to_string())?;
        match Recorder::open_read_only(&path, small_session()) {
            Ok(rec) => {
                let _ = rec.tally().attendance();
                for m in rec.tally().motions() {
                    let _ = rec.tally().result(m);
                }
            }
            Err(e) => {
                if e.message(Lang::En).trim().is_empty() {
                    return Err("an error without a message".to_string());
                }
            }
        }
        Ok(())
    })
}

/// Random actions, properly hash-chained, so that replay itself is fuzzed (not only the
/// chain check): unknown ids, wrong order, counts up to u32::MAX, undo of anything.
fn action() -> impl Strategy<Value = Action> {
    let delegate = prop_oneof![
        (1u32..14).prop_map(|n| CompactString::from(format!("d{n:04}"))),
        Just(CompactString::default()),
        "[a-z0-9中]{0,8}".prop_map(CompactString::from),
    ];
    let motion = prop_oneof![
        (1u32..5).prop_map(|n| CompactString::from(format!("m{n:02}"))),
        "[a-z0-9]{0,4}".prop_map(CompactString::from),
    ];
    let mark = prop_oneof![Just(Mark::Present), Just(Mark::Leave), Just(Mark::Absent)];
    let choice = prop_oneof![Just(Choice::Yes), Just(Choice::No), Just(Choice::Abstain)];
    prop_oneof![
        (mark, prop::collection::vec(delegate.clone(), 0..14))
            .prop_map(|(mark, delegates)| Action::Attendance { mark, delegates }),
        motion.clone().prop_map(|motion| Action::Open { motion }),
        (motion.clone(), delegate, choice).prop_map(|(motion, delegate, choice)| {
            Action::Vote {
                motion,
                delegate,
                choice,
            }
        }),
        (motion.clone(), any::<[u32; 4]>()).prop_map(|(motion, c)| {
            let Counts {
                yes,
                no,
                abstain,
                invalid,
            } = Counts {
                yes: c[0] % 20,
                no: if c[1] % 7 == 0 { c[1] } else { c[1] % 5 },
                abstain: c[2] % 5,
                invalid: c[3] % 3,
            };
            Action::Counts {
                motion,
                yes,
                no,
                abstain,
                invalid,
            }
        }),
        motion.clone().prop_map(|motion| Action::Close { motion }),
        (motion, "[a-z ]{0,8}").prop_map(|(motion, reason)| Action::Reopen { motion, reason }),
        (any::<u64>(), "[0-9a-f]{0,64}").prop_map(|(seq, record)| Action::Undo {
            seq: seq % 64,
            record
        }),
        Just(Action::Begin {
            session: "x".into(),
            fingerprint: "y".into(),
            format: 99
        }),
    ]
}

fn chained(actions: Vec<Action>, undo_last: Vec<bool>) -> Vec<u8> {
    let s = small_session();
    let mut records = generate::journal_records(s, 3);
    records.truncate(1 + 3); // header and attendance by group
    for (k, a) in actions.into_iter().enumerate() {
        let prev = records.last().map_or(GENESIS, |r| r.hash);
        let seq = records.len() as u64;
        // Real undo targets too, not only random ones.
        let a = match (undo_last.get(k), records.last()) {
            (Some(true), Some(last)) => Action::Undo {
                seq: last.seq,
                record: last.id(),
            },
            _ => a,
        };
        let time = format!("2024-03-05T02:{:02}:{:02}.000Z", (seq / 60) % 60, seq % 60);
        records.push(Record::new(seq, time, "fuzz", a, prev));
    }
    generate::journal_bytes(&records)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn journal_reader_survives_mutations(bytes in mutated(small_journal())) {
        check_journal_bytes(bytes)?;
    }

    #[test]
    fn journal_reader_survives_random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        check_journal_bytes(bytes)?;
    }

    #[test]
    fn journal_replay_survives_random_chained_actions(
        actions in prop::collection::vec(action(), 0..40),
        undo in prop::collection::vec(prop::bool::weighted(0.15), 0..40),
    ) {
        check_journal_bytes(chained(actions, undo))?;
    }
}

// ---------------------------------------------------------------- notes

fn small_notes() -> &'static [u8] {
    static N: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    N.get_or_init(|| {
        let mut file = generate::notes(small_session(), 12, 3);
        // A deletion mark too, so that mutations reach its id and date.
        if let Some(note) = file.notes.pop() {
            file.deleted.insert(note.id, note.updated);
        }
        file.to_bytes()
    })
}

/// Parses a notes file: a refusal must be a parse error naming a line and column (or a
/// clear "newer version").
fn check_notes_bytes(bytes: Vec<u8>) -> Result<(), TestCaseError> {
    guarded("notes", move || {
        match NotesFile::parse(Path::new("fuzz.json"), &bytes) {
            Ok(f) => {
                // Whatever parses must survive being placed in a session.
                let _ = delegate_desk::notes::Anchors::compute(small_session(), &f.notes);
                let _ = f.to_bytes();
                Ok(())
            }
            Err(NotesError::Parse { detail, .. }) => {
                let line = detail
                    .rsplit_once(" at line ")
                    .and_then(|(_, rest)| rest.split_whitespace().next())
                    .and_then(|n| n.parse::<u64>().ok());
                match line {
                    Some(n) if n >= 1 && detail.contains(" column ") => Ok(()),
                    _ => Err(format!("parse error without a location: {detail}")),
                }
            }
            Err(NotesError::FutureVersion { found, .. }) if found > 1 => Ok(()),
            Err(e) => Err(format!("unexpected error: {e}")),
        }
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn notes_reader_survives_mutations(bytes in mutated(small_notes())) {
        check_notes_bytes(bytes)?;
    }

    #[test]
    fn notes_reader_survives_json_shaped_noise(
        text in r#"[\[\]{}:,"a-z0-9 \n.\-_\\中]{0,2000}"#
    ) {
        check_notes_bytes(text.into_bytes())?;
    }
}
