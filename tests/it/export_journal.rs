//! The votes part of a summary comes from the journal: attendance, counts, verdicts, the
//! per-delegate roll-call list and the chain hash that `verify` prints.

use crate::export_common;

use delegate_desk::export::summary::{Choice, MotionState, Verdict};
use delegate_desk::export::{self, Format, Options, Rendered, SummaryData};
use delegate_desk::i18n::Lang;
use delegate_desk::journal::{self, Action, Mark, Tally};
use delegate_desk::model::{Motion, Session, Threshold, VotingMethod};

fn md(data: &SummaryData) -> String {
    match export::render(data, Format::Md, &Options::default()).unwrap() {
        Rendered::File(b) => String::from_utf8(b).unwrap(),
        Rendered::Files(_) => panic!(),
    }
}

#[test]
fn journal_counts_replace_what_the_source_states() {
    let data = export_common::summary(Lang::Zh);
    let a = &data.attendance;
    assert_eq!(
        (a.present, a.on_leave, a.absent),
        (Some(102), Some(3), Some(2))
    );
    assert_eq!((a.quorum_required, a.quorum_met), (Some(72), Some(true)));
    let m = &data.motions[0];
    assert_eq!(m.state, MotionState::Closed);
    assert!(!m.stated);
    assert_eq!((m.yes, m.no, m.abstain), (Some(98), Some(1), Some(2)));
    assert_eq!(m.not_voting, Some(102 - 98 - 1 - 2));
    assert_eq!((m.base, m.required), (Some(107), Some(54)));
    assert_eq!(m.verdict, Some(Verdict::Passed));
}

#[test]
fn the_chain_hash_is_the_one_verify_prints() {
    let s = export_common::session(Lang::Zh);
    let records = export_common::jiujiang_journal(&s);
    let scanned = journal::scan(&export_common::journal_bytes(&records));
    let data = export_common::summary(Lang::Zh);
    assert_eq!(
        data.chain_hash.as_deref(),
        Some(scanned.head().to_hex().as_str())
    );
    assert_eq!(data.journal_records, Some(records.len()));
    assert!(md(&data).contains(&scanned.head().to_hex()));
    // And the head code `verify --head` checks: record number and the hash's first 8 digits.
    let code = format!("#{}-{}", records.len() - 1, &scanned.head().to_hex()[..8]);
    assert_eq!(data.head_code.as_deref(), Some(code.as_str()));
    assert!(md(&data).contains(&code));
}

/// A motion closed after attendance fell below the quorum (Art. 14 ¶4) is exported as void,
/// not as passed, whatever its counts.
#[test]
fn a_vote_closed_without_a_quorum_is_exported_as_void() {
    let s = export_common::session(Lang::Zh);
    let ids: Vec<compact_str::CompactString> =
        s.roster.iter().map(|d| d.id.as_str().into()).collect();
    let motion: compact_str::CompactString = s.motions[0].id.as_str().into();
    let actions = vec![
        Action::Attendance {
            mark: Mark::Present,
            delegates: ids[..72].to_vec(),
        },
        Action::Open {
            motion: motion.clone(),
        },
        Action::Attendance {
            mark: Mark::Leave,
            delegates: ids[71..72].to_vec(),
        },
        Action::Counts {
            motion: motion.clone(),
            yes: 71,
            no: 0,
            abstain: 0,
            invalid: 0,
        },
        Action::Close { motion },
    ];
    let mut t = Tally::new(&s);
    let mut prev = journal::GENESIS;
    for (seq, a) in actions.into_iter().enumerate() {
        let r = journal::Record::new(seq as u64 + 1, journal::now(), "秘书", a, prev);
        t.apply(&r).unwrap();
        prev = r.hash;
    }
    let data = SummaryData::from_session(&s, Lang::Zh).with_tally(&s, &t, &prev.to_hex(), Lang::Zh);
    assert_eq!(data.motions[0].verdict, Some(Verdict::NoQuorum));
    let text = md(&data);
    assert!(text.contains("未达法定人数，表决无效"), "{text}");
}

/// The bundled session with two roll-call motions added: "roll" (delegates 0, 1, 2 vote yes,
/// no, abstain; closed) and "open" (delegate 4 votes yes; still open).
fn two_roll_calls() -> (Session, Vec<compact_str::CompactString>, SummaryData) {
    let mut s = export_common::session(Lang::Zh);
    for (id, title) in [("roll", "记名表决测试议案"), ("open", "尚未结束的议案")] {
        s.motions.push(Motion {
            id: id.into(),
            title: title.into(),
            method: VotingMethod::RollCall,
            rule: Threshold::default_majority(),
            document: None,
            outcome: None,
        });
    }
    let ids: Vec<compact_str::CompactString> =
        s.roster.iter().map(|d| d.id.as_str().into()).collect();
    let vote = |motion: &str, d: usize, choice| Action::Vote {
        motion: motion.into(),
        delegate: ids[d].clone(),
        choice,
    };
    let records = export_common::chain(
        &s,
        vec![
            Action::Attendance {
                mark: Mark::Present,
                delegates: ids.clone(),
            },
            Action::Open {
                motion: "roll".into(),
            },
            vote("roll", 0, journal::Choice::Yes),
            vote("roll", 1, journal::Choice::No),
            vote("roll", 2, journal::Choice::Abstain),
            Action::Close {
                motion: "roll".into(),
            },
            Action::Open {
                motion: "open".into(),
            },
            vote("open", 4, journal::Choice::Yes),
        ],
    );
    let tally = Tally::replay(&s, &records).unwrap();
    let head = records.last().unwrap().hash.to_hex();
    let data = SummaryData::from_session(&s, Lang::Zh).with_tally(&s, &tally, &head, Lang::Zh);

    (s, ids, data)
}

#[test]
fn a_roll_call_lists_each_recorded_choice_and_an_open_motion_has_no_verdict() {
    let (s, ids, data) = two_roll_calls();
    let roll: Vec<_> = data
        .roll_calls
        .iter()
        .filter(|r| r.motion_id == "roll")
        .collect();
    let got: Vec<(&str, Choice)> = roll
        .iter()
        .map(|r| (r.delegate_id.as_str(), r.choice))
        .collect();
    assert_eq!(
        got,
        [
            (ids[0].as_str(), Choice::Yes),
            (ids[1].as_str(), Choice::No),
            (ids[2].as_str(), Choice::Abstain)
        ]
    );
    assert_eq!(roll[0].name, s.roster[0].display_name());
    let m = data.motions.iter().find(|m| m.id == "roll").unwrap();
    assert_eq!(
        (m.yes, m.no, m.abstain, m.not_voting),
        (Some(1), Some(1), Some(1), Some(104))
    );
    assert_eq!(m.verdict, Some(Verdict::NotPassed));
    let open = data.motions.iter().find(|m| m.id == "open").unwrap();
    assert_eq!(
        (open.state, open.verdict, open.not_voting),
        (MotionState::Open, None, None)
    );

    let text = md(&data);
    assert!(text.contains("### 记名表决：记名表决测试议案"), "{text}");
    assert!(text.contains(&format!(
        "| {} | {} | 反对 |",
        ids[1],
        s.roster[1].display_name()
    )));
    // The budget motion was not opened in this journal: it keeps the source's statement.
    let budget = &data.motions[0];
    assert!(budget.stated && budget.state == MotionState::NotRecorded);
}

/// The roll-call CSV is one row per recorded choice, motion by motion: the motion's title,
/// the delegate's number and name, the choice in the reader's words.
#[test]
fn the_roll_call_csv_has_a_row_per_choice_with_motion_delegate_and_choice() {
    let (s, ids, data) = two_roll_calls();
    let files = match export::render(&data, Format::Csv, &Options::default()).unwrap() {
        Rendered::Files(f) => f,
        Rendered::File(_) => panic!("csv gave one file"),
    };
    let (_, bytes) = files
        .iter()
        .find(|(name, _)| name == "roll_calls.csv")
        .unwrap();
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let row = |motion: &str, d: usize, choice: &str| {
        format!(
            "{motion},{},{},{choice}\r\n",
            ids[d],
            s.roster[d].display_name()
        )
    };
    let want = [
        "议案,代表编号,姓名,表决意见\r\n".to_string(),
        row("记名表决测试议案", 0, "赞成"),
        row("记名表决测试议案", 1, "反对"),
        row("记名表决测试议案", 2, "弃权"),
        row("尚未结束的议案", 4, "赞成"),
    ]
    .concat();
    assert_eq!(text, want);
}
