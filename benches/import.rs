//! Preparing a sitting from the township's files: a 100-page report (about 300,000
//! characters, headings and numbers as a government work report has them) read, split into
//! sections and searched for numbers; a roster of 2,977 rows (the national congress's size)
//! read from .xlsx and from a GBK .csv.
//!
//! Budgets (issue 23): report ≤ 1 s; roster ≤ 200 ms.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use delegate_desk::import::{Request, prepare, roster};

#[path = "../tests/it/docx_writer.rs"]
mod docx_writer;

use docx_writer::{docx, heading, text};

/// About 300,000 characters: 10 parts of 10 sections of 20 paragraphs, each paragraph a
/// sentence with figures repeated to ~150 characters.
fn report() -> Vec<u8> {
    let mut blocks = Vec::new();
    let mut chars = 0usize;
    for part in 1..=10 {
        blocks.push(heading(1, &format!("第{part}部分 工作回顾与安排")));
        for sec in 1..=10 {
            blocks.push(heading(2, &format!("（{sec}）产业发展动能增强")));
            for p in 1..=20 {
                let para = format!(
                    "今年1-8月,全镇实现工业总产值{part}{sec}{p}.25亿元,较去年同期增长8.7%;完成固定资产投资37.99亿元,同比增长55.74%。新增储备用地600多亩,建成社区公园{p}个,配置了104名网格长、242名网格巡查员,截至8月31日,累计完成巡查任务987783条,办结率99.32%。力争明年地区生产总值增长6%,协助企业融资近亿元。"
                );
                chars += para.chars().count();
                blocks.push(text(&para));
            }
        }
    }
    assert!(chars >= 290_000, "{chars} characters");
    docx(&blocks, true)
}

fn roster_rows() -> Vec<(String, String, String)> {
    (1..=2977)
        .map(|i| {
            (
                format!("代表{i:04}"),
                format!("第{}代表团", i % 35 + 1),
                format!("某单位职务{}", i % 97),
            )
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let report_path = dir.path().join("report.docx");
    std::fs::write(&report_path, report()).expect("write report");

    let rows = roster_rows();
    let xlsx = dir.path().join("roster.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, h) in ["姓名", "代表团", "职务"].iter().enumerate() {
        sheet.write_string(0, col as u16, *h).expect("cell");
    }
    for (i, (n, g, r)) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, n).expect("cell");
        sheet.write_string(row, 1, g).expect("cell");
        sheet.write_string(row, 2, r).expect("cell");
    }
    book.save(&xlsx).expect("save xlsx");
    let mut csv = String::from("姓名,代表团,职务\r\n");
    for (n, g, r) in &rows {
        csv.push_str(&format!("{n},{g},{r}\r\n"));
    }
    let (gbk, _, _) = encoding_rs::GBK.encode(&csv);
    let gbk = gbk.into_owned();

    let req = Request {
        reports: vec![report_path.clone()],
        title: "某镇第一届人民代表大会第一次会议".into(),
        date: "2024-01-10".into(),
        seats: 3000,
        id: "bench".into(),
        accept_indicators: true,
        ..Request::default()
    };
    let mut g = c.benchmark_group("import");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("report 300k chars/prepare (read+sections+numbers)", |b| {
        b.iter(|| prepare(black_box(&req)).expect("prepares"))
    });
    g.bench_function("report 300k chars/prepare+render+check", |b| {
        b.iter(|| {
            let p = prepare(black_box(&req)).expect("prepares");
            delegate_desk::import::save::render_checked(&p, "bench.ron").expect("checks")
        })
    });
    g.bench_function("roster 2977 rows/xlsx", |b| {
        b.iter(|| roster::read_roster(black_box(&xlsx), None).expect("reads"))
    });
    g.bench_function("roster 2977 rows/gbk csv", |b| {
        b.iter(|| roster::read_csv("roster.csv", black_box(&gbk)).expect("reads"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
