//! Elections in the summary exports: per round the seats, the votes needed, ballots issued,
//! returned, valid and invalid, each person's votes and who is elected — in Markdown, HTML,
//! CSV, XLSX and PDF alike. A session without elections (Jiujiang) exports as before (its
//! golden files pin that down).

use std::path::Path;

use crate::export_common::chain;
use crate::export_pdf::extract;

use calamine::Reader;
use delegate_desk::export::{self, Format, Options, Rendered, SummaryData};
use delegate_desk::i18n::Lang;
use delegate_desk::journal::{Action, Mark, Tally};
use delegate_desk::model::{self, Session};

fn session() -> Session {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/elections/by-election-76.ron");
    model::load_path(&path, Lang::Zh).unwrap().session
}

/// The published 补选: 73 of 76 present, 宋正舜 73, 徐进 71 (1 against, 1 abstaining).
fn summary(lang: Lang) -> SummaryData {
    let s = session();
    let e = || "by-deputy-mayor".into();
    let counts = |name: &str, yes, no, abstain| Action::ElectionCounts {
        election: e(),
        name: name.into(),
        yes,
        no,
        abstain,
    };
    let records = chain(
        &s,
        vec![
            Action::Attendance {
                mark: Mark::Present,
                delegates: (1..=73).map(|i| format!("d{i:03}").into()).collect(),
            },
            Action::ElectionOpen {
                election: e(),
                nominees: Vec::new(),
            },
            Action::ElectionBallots {
                election: e(),
                issued: 73,
                returned: 73,
            },
            counts("宋正舜", 73, 0, 0),
            counts("徐进", 71, 1, 1),
            Action::ElectionClose { election: e() },
        ],
    );
    let tally = Tally::replay(&s, &records).unwrap();
    let head = records.last().unwrap().hash.to_hex();
    SummaryData::from_session(&s, lang).with_tally(&s, &tally, &head, lang)
}

fn render(d: &SummaryData, format: Format, lang: Lang) -> Rendered {
    let opts = Options {
        lang,
        ..Options::default()
    };
    export::render(d, format, &opts).unwrap()
}

fn file(d: &SummaryData, format: Format, lang: Lang) -> Vec<u8> {
    match render(d, format, lang) {
        Rendered::File(b) => b,
        Rendered::Files(_) => panic!("{format:?} gave several files"),
    }
}

fn text(d: &SummaryData, format: Format, lang: Lang) -> String {
    String::from_utf8(file(d, format, lang)).unwrap()
}

#[test]
fn markdown_and_html_give_each_round_and_who_is_elected() {
    let d = summary(Lang::Zh);
    let md = text(&d, Format::Md, Lang::Zh);
    assert!(md.contains("选举：副镇长（补选，应选 2 名）"), "{md}");
    assert!(md.contains("当选：宋正舜、徐进"));
    assert!(md.contains("下一步：选举结束"));
    // The round's figures and 徐进's votes on one row: seats 2, 39 needed (more than half of
    // all 76 seated), 73 issued, returned and valid, 0 invalid, not void (a dash).
    let row = md
        .lines()
        .find(|l| l.contains("| 徐进 |"))
        .unwrap_or_else(|| panic!("{md}"));
    let cells: Vec<&str> = row.split('|').map(str::trim).collect();
    assert_eq!(
        &cells[1..cells.len() - 1],
        [
            "第1轮（投票）",
            "已结束",
            "2",
            "39",
            "73",
            "73",
            "73",
            "0",
            "—",
            "徐进",
            "71",
            "1",
            "1",
            "当选"
        ]
    );

    let en = text(&summary(Lang::En), Format::Md, Lang::En);
    assert!(
        en.contains("Election: 副镇长 (by-election, 2 seat(s))"),
        "{en}"
    );
    assert!(en.contains("Elected: 宋正舜, 徐进"));

    let html = text(&d, Format::Html, Lang::Zh);
    assert!(html.contains("选举：副镇长（补选，应选 2 名）"));
    assert!(html.contains("当选：宋正舜、徐进"));
    assert!(html.contains("<td>徐进</td>"), "{html}");
}

#[test]
fn csv_and_xlsx_have_an_elections_table() {
    let d = summary(Lang::Zh);
    let Rendered::Files(files) = render(&d, Format::Csv, Lang::Zh) else {
        panic!("csv is a folder")
    };
    let (_, bytes) = files
        .iter()
        .find(|(n, _)| n == "elections.csv")
        .unwrap_or_else(|| panic!("{:?}", files.iter().map(|f| &f.0).collect::<Vec<_>>()));
    let csv = String::from_utf8_lossy(bytes);
    let mut lines = csv.lines().map(|l| l.trim_start_matches('\u{feff}'));
    assert_eq!(
        lines.next().unwrap(),
        "选举,轮次,状态,应选名额,所需票数,发出选票,收回选票,有效票,废票,本轮无效,候选人,赞成,反对,弃权,结果"
    );
    assert_eq!(
        lines.collect::<Vec<_>>(),
        [
            "副镇长,第1轮（投票）,已结束,2,39,73,73,73,0,,宋正舜,73,0,0,当选",
            "副镇长,第1轮（投票）,已结束,2,39,73,73,73,0,,徐进,71,1,1,当选",
        ]
    );

    let bytes = file(&d, Format::Xlsx, Lang::Zh);
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("选举").unwrap();
    let row: Vec<String> = sheet
        .rows()
        .find(|r| r.iter().any(|c| *c == "徐进"))
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        row,
        [
            "副镇长",
            "第1轮（投票）",
            "已结束",
            "2",
            "39",
            "73",
            "73",
            "73",
            "0",
            "",
            "徐进",
            "71",
            "1",
            "1",
            "当选"
        ]
    );
}

#[test]
fn the_pdf_carries_the_election_as_text() {
    let pdf = extract(&file(&summary(Lang::Zh), Format::Pdf, Lang::Zh));
    for want in [
        "选举：副镇长（补选，应选 2 名）",
        "当选：宋正舜、徐进",
        "宋正舜",
        "徐进",
    ] {
        assert!(pdf.contains(want), "{want} not in {pdf}");
    }
}

#[test]
fn an_election_not_voted_on_lists_its_candidates_and_no_figures() {
    let s = session();
    let d = SummaryData::from_session(&s, Lang::Zh);
    let md = text(&d, Format::Md, Lang::Zh);
    assert!(md.contains("下一步：开始第一轮投票"), "{md}");
    assert!(!md.contains("当选："), "nothing elected is invented");
    let row = md.lines().find(|l| l.contains("| 徐进 |")).unwrap();
    assert!(row.contains("尚未投票"), "{row}");
    assert!(!row.contains("39"), "{row}");
}

#[test]
fn jiujiang_has_no_election_in_any_format() {
    let d = crate::export_common::summary(Lang::Zh);
    assert!(d.elections.is_empty());
    assert!(!text(&d, Format::Md, Lang::Zh).contains("选举："));
    let Rendered::Files(files) = render(&d, Format::Csv, Lang::Zh) else {
        panic!()
    };
    assert!(files.iter().all(|(n, _)| n != "elections.csv"));
}
