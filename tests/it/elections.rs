//! Elections (选举) and project votes (票决) from the command line, as a secretary records
//! them: the published cases, a void round, a tie, a further election; and the tally's fold
//! of ballots, whatever their order.

use std::path::PathBuf;
use std::process::{Command, Output};

use delegate_desk::i18n::Lang;
use delegate_desk::journal::{Action, GENESIS, Mark, Record, Tally, TallyReport, merge};
use delegate_desk::model::{Session, load_str};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_delegate-desk");

struct Fixture {
    dir: tempfile::TempDir,
    session: PathBuf,
    journal: PathBuf,
}

fn session_text(seats: u32, elections: &str) -> String {
    format!(
        r#"Session(
    id: "elections-{seats}",
    congress: Congress(name: "测试镇人民代表大会", title: "测试会议", term: 1, session: 1,
                       town: "测试镇", date: "2024-01-05"),
    seats: {seats},
    fill_roster_with_placeholders: true,
    elections: [
        {elections}
    ],
)"#
    )
}

fn fixture(seats: u32, elections: &str) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("s.ron");
    std::fs::write(&session, session_text(seats, elections)).unwrap();
    let journal = dir.path().join("votes.jsonl");
    Fixture {
        dir,
        session,
        journal,
    }
}

fn cmd(f: &Fixture, lang: &str) -> Command {
    let mut c = Command::new(BIN);
    c.env("DELEGATE_DESK_DATA", f.dir.path().join("data"))
        .args(["--lang", lang]);
    c
}

/// Runs `record` with `actions` (whitespace-separated) and checks it succeeded.
fn record(f: &Fixture, actions: &str) -> Output {
    let out = try_record(f, actions);
    assert!(
        out.status.success(),
        "{actions}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn try_record(f: &Fixture, actions: &str) -> Output {
    cmd(f, "en")
        .arg("record")
        .arg(&f.session)
        .arg("--journal")
        .arg(&f.journal)
        .args(["--secretary", "李秘书"])
        .args(actions.split_whitespace())
        .output()
        .unwrap()
}

/// `--present d001 … d{n}`, and the rest (if any) absent.
fn attendance(n: u32, seated: u32) -> String {
    let ids: Vec<String> = (1..=n).map(|i| format!("d{i:03}")).collect();
    let rest = if n < seated { " --rest-absent" } else { "" };
    format!("--present {}{rest}", ids.join(" "))
}

fn tally_json(f: &Fixture) -> Value {
    let out = cmd(f, "en")
        .arg("tally")
        .arg(&f.session)
        .arg("--journal")
        .arg(&f.journal)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn tally_text(f: &Fixture, lang: &str) -> String {
    let out = cmd(f, lang)
        .arg("tally")
        .arg(&f.session)
        .arg("--journal")
        .arg(&f.journal)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn names(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect()
}

const BY_ELECTION: &str = r#"Election(id: "by", office: "副镇长", post: ByElection, seats: 2,
            candidates: [Candidate(name: "宋正舜"), Candidate(name: "徐进")])"#;

const DEPUTY: &str = r#"Election(id: "dep", office: "副镇长", post: Deputy, seats: 2,
            candidates: [Candidate(name: "甲"), Candidate(name: "乙"), Candidate(name: "丙")])"#;

/// 补选 of two 副镇长: 76 seated, 73 present, 宋正舜 73 votes and 徐进 71; 39 needed.
#[test]
fn published_by_election_of_two_deputy_mayors() {
    let f = fixture(76, BY_ELECTION);
    record(
        &f,
        &format!(
            "{} --open by --ballots by 73 73 --candidate-counts by 宋正舜 73 0 0 \
             --candidate-counts by 徐进 71 0 2 --close by",
            attendance(73, 76)
        ),
    );
    let t = tally_json(&f);
    let e = &t["elections"][0];
    let r = &e["rounds"][0];
    assert_eq!(r["required"], 39);
    assert_eq!(
        (r["issued"].as_u64(), r["returned"].as_u64()),
        (Some(73), Some(73))
    );
    assert_eq!(
        (r["valid"].as_u64(), r["invalid"].as_u64()),
        (Some(73), Some(0))
    );
    assert_eq!(r["void"], Value::Null);
    assert_eq!(r["frozen"]["present"], 73);
    assert_eq!(r["candidates"][1]["yes"], 71);
    assert_eq!(r["candidates"][1]["elected"], true);
    assert_eq!(names(&e["elected"]), ["宋正舜", "徐进"]);
    assert_eq!(e["next"]["step"], "done");
    let zh = tally_text(&f, "zh");
    assert!(zh.contains("须得 39 票"), "{zh}");
    assert!(zh.contains("当选：宋正舜、徐进"), "{zh}");
    assert!(zh.contains("选举结束"), "{zh}");
    let en = tally_text(&f, "en");
    assert!(en.contains("39 votes needed"), "{en}");
    // Every seat filled: nothing more to open.
    assert!(!try_record(&f, "--open by").status.success());
}

/// 90 of 102 present; the single nominee 叶沛长 赞成 90, 反对 0, 弃权 0 (等额, Art. 27).
#[test]
fn published_single_nominee_90_of_102() {
    let f = fixture(
        102,
        r#"Election(id: "head", office: "（来源未载明职务）", post: Head, seats: 1,
            candidates: [Candidate(name: "叶沛长")])"#,
    );
    record(
        &f,
        &format!(
            "{} --open head --ballots head 90 90 --candidate-counts head 叶沛长 90 0 0 \
             --close head",
            attendance(90, 102)
        ),
    );
    let t = tally_json(&f);
    let r = &t["elections"][0]["rounds"][0];
    assert_eq!(r["required"], 52);
    assert_eq!(names(&r["elected"]), ["叶沛长"]);
}

#[test]
fn no_round_opens_below_the_quorum() {
    let f = fixture(76, BY_ELECTION);
    // Two-thirds of 76 is 51.
    let out = try_record(&f, &format!("{} --open by", attendance(50, 76)));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("quorum"));
    assert!(!f.journal.exists());
    record(&f, &format!("{} --open by", attendance(51, 76)));
}

#[test]
fn more_ballots_returned_than_issued_voids_the_round_and_it_is_voted_again() {
    let f = fixture(10, DEPUTY);
    // Returned = issued stands; one more voids the round.
    record(
        &f,
        &format!(
            "{} --open dep --ballots dep 10 11 --close dep",
            attendance(10, 10)
        ),
    );
    let t = tally_json(&f);
    let r = &t["elections"][0]["rounds"][0];
    assert_eq!(r["void"], "more_returned_than_issued");
    assert_eq!(t["elections"][0]["next"]["step"], "revote");
    assert!(tally_text(&f, "en").contains("this round is void"));
    // Reopened with a reason, the count corrected, it stands.
    record(
        &f,
        "--reopen dep 收回数点错 --ballots dep 10 10 --candidate-counts dep 甲 6 4 0 \
         --candidate-counts dep 乙 6 3 1 --candidate-counts dep 丙 2 8 0 --close dep",
    );
    let t = tally_json(&f);
    assert_eq!(t["elections"][0]["rounds"][0]["void"], Value::Null);
    assert_eq!(names(&t["elections"][0]["elected"]), ["甲", "乙"]);
}

#[test]
fn a_void_round_is_balloted_again_in_a_new_round() {
    let f = fixture(10, DEPUTY);
    record(
        &f,
        &format!(
            "{} --open dep --ballots dep 10 11 --close dep --open dep",
            attendance(10, 10)
        ),
    );
    let t = tally_json(&f);
    let rounds = t["elections"][0]["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 2);
    assert_eq!(rounds[1]["kind"], "revote");
    assert_eq!(rounds[1]["state"], "Open");
    assert_eq!(rounds[1]["candidates"].as_array().unwrap().len(), 3);
}

#[test]
fn a_ballot_with_more_yes_marks_than_seats_is_invalid() {
    let f = fixture(6, DEPUTY);
    // Two seats: two 赞成 is valid, three is not; write-ins count as 赞成.
    record(
        &f,
        &format!(
            "{} --open dep --ballots dep 6 6 \
             --ballot dep 甲=yes,乙=yes --ballot dep 甲=yes,乙=yes --ballot dep 甲=yes,乙=yes \
             --ballot dep 甲=yes,+王五 --ballot dep 甲=yes,乙=yes,丙=yes \
             --ballot dep 乙=yes,+王五,+赵六",
            attendance(6, 6)
        ),
    );
    let t = tally_json(&f);
    let r = &t["elections"][0]["rounds"][0];
    assert_eq!(
        (r["valid"].as_u64(), r["invalid"].as_u64()),
        (Some(4), Some(2))
    );
    assert_eq!(r["candidates"][0]["yes"], 4);
    assert_eq!(r["candidates"][3]["name"], "王五");
    assert_eq!(r["candidates"][3]["written_in"], true);
    assert_eq!(r["candidates"][3]["yes"], 1);
    // Six returned, six counted: a seventh is refused, and the journal is unchanged.
    let before = std::fs::read(&f.journal).unwrap();
    assert!(!try_record(&f, "--ballot dep 甲=yes").status.success());
    assert_eq!(std::fs::read(&f.journal).unwrap(), before);
    record(&f, "--close dep");
    let t = tally_json(&f);
    // 6 seated: 4 needed. 甲 has 4, 乙 3.
    assert_eq!(names(&t["elections"][0]["elected"]), ["甲"]);
}

#[test]
fn a_tie_at_the_last_seat_goes_to_a_new_ballot_among_the_tied() {
    let f = fixture(10, DEPUTY);
    record(
        &f,
        &format!(
            "{} --open dep --ballots dep 10 10 --candidate-counts dep 甲 8 2 0 \
             --candidate-counts dep 乙 6 4 0 --candidate-counts dep 丙 6 3 1 --close dep",
            attendance(10, 10)
        ),
    );
    let t = tally_json(&f);
    let e = &t["elections"][0];
    assert_eq!(names(&e["elected"]), ["甲"]);
    assert_eq!(e["next"]["step"], "tie_ballot");
    assert_eq!(e["next"]["seats"], 1);
    assert_eq!(names(&e["next"]["among"]), ["乙", "丙"]);
    assert!(tally_text(&f, "zh").contains("就票数相等的 乙、丙 再次投票"));
    // The tie ballot, ballot by ballot; one mistyped ballot undone.
    record(
        &f,
        "--open dep --ballots dep 10 10 --ballot dep 乙=yes --ballot dep 乙=yes \
         --ballot dep 乙=yes --ballot dep 乙=yes --ballot dep 丙=yes --ballot dep 丙=yes \
         --ballot dep 丙=yes --ballot dep 乙=yes,丙=yes --ballot dep 丙=no --undo \
         --ballot dep 乙=no --ballot dep invalid",
    );
    // No one can be written in when only the tied stand.
    assert!(!try_record(&f, "--ballot dep +王五").status.success());
    record(&f, "--close dep");
    let t = tally_json(&f);
    let r = &t["elections"][0]["rounds"][1];
    assert_eq!(r["kind"], "tie_ballot");
    assert_eq!(r["required"], Value::Null);
    assert_eq!(
        (r["valid"].as_u64(), r["invalid"].as_u64()),
        (Some(8), Some(2))
    );
    assert_eq!(
        (
            r["candidates"][0]["yes"].as_u64(),
            r["candidates"][0]["no"].as_u64()
        ),
        (Some(4), Some(1))
    );
    assert_eq!(names(&t["elections"][0]["elected"]), ["甲", "乙"]);
    assert_eq!(t["elections"][0]["next"]["step"], "done");
}

#[test]
fn unfilled_seats_go_to_a_further_election() {
    let f = fixture(10, DEPUTY);
    record(
        &f,
        &format!(
            "{} --open dep --ballots dep 10 10 --candidate-counts dep 甲 8 2 0 \
             --candidate-counts dep 乙 5 5 0 --candidate-counts dep 丙 4 6 0 --close dep",
            attendance(10, 10)
        ),
    );
    let t = tally_json(&f);
    let next = &t["elections"][0]["next"];
    assert_eq!(next["step"], "further_election");
    assert_eq!(next["seats"], 1);
    assert_eq!(names(&next["candidates"]), ["乙", "丙"]);
    // Deputy posts stay 差额 (Art. 29 ¶3): a single nominee for the one seat is refused.
    let out = try_record(&f, "--nominate dep 赵六");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Art. 27"));
    record(
        &f,
        "--open dep --ballots dep 10 10 --candidate-counts dep 乙 7 3 0 \
         --candidate-counts dep 丙 3 7 0 --close dep",
    );
    let t = tally_json(&f);
    let r = &t["elections"][0]["rounds"][1];
    assert_eq!(r["kind"], "further");
    assert_eq!(r["seats"], 1);
    assert_eq!(r["required"], 6);
    assert_eq!(names(&t["elections"][0]["elected"]), ["甲", "乙"]);
}

#[test]
fn a_project_vote_chooses_n_of_m() {
    let f = fixture(
        10,
        r#"Election(id: "proj", office: "民生实事项目", post: Project, seats: 2,
            candidates: [Candidate(name: "道路硬化"), Candidate(name: "污水管网"),
                         Candidate(name: "文化广场")])"#,
    );
    record(
        &f,
        &format!(
            "{} --open proj --ballots proj 10 10 --invalid-ballots proj 1 \
             --candidate-counts proj 道路硬化 9 0 0 --candidate-counts proj 污水管网 6 3 0 \
             --candidate-counts proj 文化广场 3 6 0 --close proj",
            attendance(10, 10)
        ),
    );
    let t = tally_json(&f);
    let r = &t["elections"][0]["rounds"][0];
    assert_eq!(
        (r["valid"].as_u64(), r["invalid"].as_u64()),
        (Some(9), Some(1))
    );
    assert_eq!(names(&r["elected"]), ["道路硬化", "污水管网"]);
    // A project cannot be written in.
    let g = fixture(
        10,
        r#"Election(id: "proj", office: "项目", post: Project, seats: 1,
            candidates: [Candidate(name: "甲"), Candidate(name: "乙")])"#,
    );
    assert!(
        !try_record(
            &g,
            &format!(
                "{} --open proj --ballots proj 10 10 --ballot proj +丙",
                attendance(10, 10)
            )
        )
        .status
        .success()
    );
}

fn session(seats: u32) -> Session {
    load_str("s.ron", &session_text(seats, DEPUTY), Lang::En)
        .unwrap()
        .session
}

/// A journal by one secretary: attendance, the round opened, then `ballots`.
fn journal(s: &Session, secretary: &str, first_second: u32, ballots: &[&str]) -> Vec<Record> {
    let begin = Record::new(
        0,
        "2024-01-05T01:00:00.000Z",
        "李秘书",
        Action::Begin {
            session: s.id.clone(),
            fingerprint: delegate_desk::journal::fingerprint(s),
            format: delegate_desk::journal::FORMAT,
        },
        GENESIS,
    );
    let mut actions = vec![
        Action::Attendance {
            mark: Mark::Present,
            delegates: (1..=s.seats).map(|i| format!("d{i:03}").into()).collect(),
        },
        Action::ElectionOpen {
            election: "dep".into(),
            nominees: Vec::new(),
        },
        Action::ElectionBallots {
            election: "dep".into(),
            issued: s.seats,
            returned: s.seats,
        },
    ];
    let shared = actions.len();
    actions.extend(
        ballots
            .iter()
            .map(|b| Action::ballot_from_spec("dep", b).unwrap()),
    );
    let mut out = vec![begin];
    for (i, a) in actions.into_iter().enumerate() {
        // The shared records are the same records in both journals (same time, same
        // secretary); each secretary's ballots have their own times.
        let (who, time) = if i < shared {
            ("李秘书", format!("2024-01-05T01:00:0{i}.000Z"))
        } else {
            let sec = first_second + u32::try_from(i).unwrap();
            (
                secretary,
                format!("2024-01-05T01:{:02}:{:02}.000Z", sec / 60, sec % 60),
            )
        };
        let prev = out.last().map_or(GENESIS, |r: &Record| r.hash);
        out.push(Record::new(out.len() as u64, time, who, a, prev));
    }
    out
}

fn report(s: &Session, records: &[Record]) -> TallyReport {
    let mut t = Tally::replay(s, records).unwrap();
    t = close_dep(t);
    TallyReport::new(&t, "", "ok", Lang::En)
}

fn close_dep(mut t: Tally) -> Tally {
    let seq = t.records_applied();
    let r = Record::new(
        seq,
        "2024-01-05T02:00:00.000Z",
        "李秘书",
        Action::ElectionClose {
            election: "dep".into(),
        },
        GENESIS,
    );
    t.apply(&r).unwrap();
    t
}

#[test]
fn the_fold_does_not_depend_on_the_order_of_ballots() {
    let s = session(12);
    let ballots = [
        "甲=yes,乙=yes",
        "甲=yes,丙=yes",
        "甲=no,乙=yes,+王五",
        "甲=yes,乙=yes,丙=yes",
        "invalid",
        "乙=abstain,丙=yes",
        "甲=yes,+王五",
        "+王五,+赵六",
        "甲=yes,乙=yes",
        "丙=no",
        "甲=yes,乙=no,丙=abstain",
        "",
    ];
    let whole = report(&s, &journal(&s, "李秘书", 100, &ballots));
    let e = &whole.elections[0];
    assert_eq!(e.rounds[0].valid + e.rounds[0].invalid, 12);
    // Shuffled (a fixed permutation per seed) and replayed: the same tally.
    for seed in [1u64, 7, 12345] {
        let mut order: Vec<usize> = (0..ballots.len()).collect();
        let mut x = seed;
        for i in (1..order.len()).rev() {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            order.swap(i, (x >> 33) as usize % (i + 1));
        }
        let shuffled: Vec<&str> = order.iter().map(|&i| ballots[i]).collect();
        assert_eq!(report(&s, &journal(&s, "李秘书", 100, &shuffled)), whole);
    }
    // Two secretaries each entered half, in their own order; merged either way round,
    // the same tally as one secretary entering all.
    let ours = journal(&s, "李秘书", 100, &ballots[..6]);
    let theirs = journal(&s, "王秘书", 200, &ballots[6..]);
    for (a, b) in [(&ours, &theirs), (&theirs, &ours)] {
        let m = merge(a, b).unwrap();
        assert!(m.conflicts.is_empty());
        let mut records = vec![ours[0].clone()];
        let merged = m.finish(&s).unwrap();
        records.extend(merged);
        assert_eq!(report(&s, &records), whole);
    }
}
