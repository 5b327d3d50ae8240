//! National scale: 2,977 delegates, 60 motions (every one a roll call), 300 indicators.
//! Prints how long each format takes; the budgets (md/html ≤ 100 ms, csv ≤ 50 ms,
//! pdf ≤ 3 s) are checked by reading the output of
//! `cargo test --release --test it export_scale -- --ignored --nocapture`, not asserted, since
//! timings depend on the machine. What is asserted is that every row arrives.

use std::time::Instant;

use delegate_desk::export::summary::{
    Attendance, Choice, Header, IndicatorRow, MotionRow, MotionState, RollCallRow, SummaryData,
    Verdict,
};
use delegate_desk::export::{self, Format, Options, Rendered};
use delegate_desk::model::{IndicatorKind, VotingMethod};

const DELEGATES: u32 = 2977;
const MOTIONS: u32 = 60;
const INDICATORS: u32 = 300;

fn national() -> SummaryData {
    let mut d = SummaryData {
        header: Header {
            session_id: "npc-14-1".into(),
            title: "第十四届全国人民代表大会第一次会议".into(),
            congress: "全国人民代表大会".into(),
            term: 14,
            session: 1,
            town: "北京".into(),
            date: "2023-03-05".into(),
            venue: Some("人民大会堂".into()),
            presiding_body: Some("大会主席团".into()),
            source: None,
        },
        attendance: Attendance {
            seats: DELEGATES,
            present: Some(2947),
            on_leave: Some(25),
            absent: Some(5),
            unmarked: Some(0),
            quorum_rule: "全体代表三分之二以上".into(),
            quorum_required: Some(1985),
            quorum_met: Some(true),
        },
        chain_hash: Some("ab".repeat(32)),
        journal_records: Some(1000),
        ..SummaryData::default()
    };
    for m in 0..MOTIONS {
        let title = format!("关于第{m}号议案的决定（草案）");
        d.motions.push(MotionRow {
            id: format!("m{m}"),
            title: title.clone(),
            method: VotingMethod::RollCall,
            state: MotionState::Closed,
            yes: Some(2900),
            no: Some(30),
            abstain: Some(17),
            invalid: None,
            not_voting: Some(0),
            rule: "全体代表过半数".into(),
            base: Some(DELEGATES),
            required: Some(1489),
            verdict: Some(Verdict::Passed),
            stated: false,
        });
        for i in 0..DELEGATES {
            d.roll_calls.push(RollCallRow {
                motion_id: format!("m{m}"),
                motion_title: title.clone(),
                delegate_id: format!("d{i:04}"),
                name: format!("代表{i:04}"),
                choice: if i % 100 == 0 {
                    Choice::No
                } else {
                    Choice::Yes
                },
            });
        }
    }
    for i in 0..INDICATORS {
        d.indicators.push(IndicatorRow {
            id: format!("i{i}"),
            category: ["经济", "民生", "生态"][i as usize % 3].into(),
            name: format!("第{i}项指标名称较长的说明"),
            kind: IndicatorKind::Amount,
            value: f64::from(i) * 1.25,
            written: delegate_desk::model::validate::fmt_num(f64::from(i) * 1.25),
            unit: "亿元".into(),
            qualifier: None,
            period: Some("2022年".into()),
            yoy: Some(f64::from(i % 17) - 8.0),
        });
    }
    d
}

#[test]
#[ignore = "timing report; run in release with --ignored --nocapture"]
fn national_scale_timings() {
    let mut totals_only = national();
    totals_only.roll_calls.clear();
    println!("-- without roll-call lists --");
    timings(&totals_only);
    println!(
        "-- every motion a roll call: {} rows --",
        MOTIONS * DELEGATES
    );
    timings(&national());
}

fn timings(data: &SummaryData) {
    let data = data.clone();
    let opts = Options::default();
    // The first call pays one-time costs (the translation table, page faults).
    let t = Instant::now();
    export::render(&data, Format::Md, &opts).unwrap();
    println!(
        "first call (md, cold): {:.1} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    for format in Format::ALL {
        let mut best = f64::MAX;
        let mut out = None;
        for _ in 0..3 {
            let t = Instant::now();
            out = Some(export::render(&data, format, &opts).unwrap());
            best = best.min(t.elapsed().as_secs_f64() * 1000.0);
        }
        let out = out.unwrap();
        let ms = best;
        let bytes = match &out {
            Rendered::File(b) => b.len(),
            Rendered::Files(f) => f.iter().map(|(_, b)| b.len()).sum(),
        };
        println!("{format:?}: {ms:.1} ms, {bytes} bytes");
        if let (Format::Csv, Rendered::Files(files), false) =
            (format, &out, data.roll_calls.is_empty())
        {
            let roll = files.iter().find(|(n, _)| n == "roll_calls.csv").unwrap();
            let lines = roll
                .1
                .split(|&b| b == b'\n')
                .filter(|l| !l.is_empty())
                .count();
            assert_eq!(lines as u32, 1 + MOTIONS * DELEGATES);
        }
    }
}
