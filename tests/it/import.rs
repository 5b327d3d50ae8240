//! Preparing a sitting from Word and Excel files (issue 23): the .docx reader's headings,
//! tables and left-out parts, the roster reader (xlsx, GBK CSV, duplicate names), refused
//! formats, the Jiujiang article imported against the shipped session, the numbers found in
//! it (precision and recall), the target check, and `delegate-desk new` end to end.

use std::path::{Path, PathBuf};
use std::process::Command;

use delegate_desk::i18n::Lang;
use delegate_desk::import::save::render_checked;
use delegate_desk::import::{ImportError, Prepared, Request, prepare};
use delegate_desk::model::{self, AgendaKind, Post, Severity};

use crate::docx_writer::{Block, docx, heading, text};

const BIN: &str = env!("CARGO_BIN_EXE_delegate-desk");

fn request(dir: &Path, reports: &[&str], roster: Option<&str>) -> Request {
    Request {
        reports: reports.iter().map(|r| dir.join(r)).collect(),
        roster: roster.map(|r| dir.join(r)),
        title: "九江镇第三届人民代表大会第三次会议".into(),
        date: "2017-09-21".into(),
        seats: 107,
        id: "test".into(),
        ..Request::default()
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// The prepared file, rendered and loaded back as `check` loads it.
fn checked(p: &Prepared) -> model::Loaded {
    let (text, _) = render_checked(p, "new.ron").expect("the prepared file passes check");
    model::load_str("new.ron", &text, Lang::Zh).expect("loads")
}

#[test]
fn word_heading_styles_make_sections_and_tables_become_rows() {
    let dir = tempfile::tempdir().unwrap();
    let blocks = vec![
        Block::Title("2023年政府工作报告".into()),
        text("各位代表：现在，我代表镇人民政府作工作报告。"),
        heading(1, "2023年工作回顾"),
        heading(2, "经济稳中有进"),
        text("全年实现地区生产总值52.3亿元。"),
        Block::Picture,
        Block::Caption("图1 新建厂房".into()),
        Block::Table(vec![
            vec!["指标".into(), "数值".into()],
            vec!["税收".into(), "3.1亿元".into()],
        ]),
        heading(3, "工业"),
        text("规上工业企业86家。"),
        heading(1, "2024年工作安排"),
        text("力争地区生产总值增长6%。"),
    ];
    write(dir.path(), "报告.docx", &docx(&blocks, true));
    let p = prepare(&request(dir.path(), &["报告.docx"], None)).unwrap();
    let doc = &p.session.documents[0];
    assert_eq!(doc.title, "2023年政府工作报告");
    let shape: Vec<(&str, u8, usize)> = doc
        .sections
        .iter()
        .map(|s| (s.title.as_str(), s.level, s.paragraphs.len()))
        .collect();
    assert_eq!(
        shape,
        vec![
            ("2023年政府工作报告", 1, 1),
            ("2023年工作回顾", 1, 0),
            ("经济稳中有进", 2, 3),
            // A level-3 heading is kept as a level-2 section, and the notes say so.
            ("工业", 2, 1),
            ("2024年工作安排", 1, 1),
        ]
    );
    assert_eq!(doc.sections[2].paragraphs[1], "指标 | 数值");
    assert_eq!(doc.sections[2].paragraphs[2], "税收 | 3.1亿元");
    let notes = p.notes.join("\n");
    assert!(notes.contains("图片 1 张、图注 1 条未收入"), "{notes}");
    assert!(notes.contains("页眉、页脚未收入"), "{notes}");
    assert!(notes.contains("第三级"), "{notes}");
    // The comments cite the file and paragraph, and the table row.
    let (ron, _) = render_checked(&p, "new.ron").unwrap();
    assert!(ron.contains("报告.docx 第 4 段"), "{ron}");
    assert!(ron.contains("报告.docx 表 1 第 2 行"), "{ron}");
    checked(&p);
}

#[test]
fn numbering_makes_sections_when_there_are_no_heading_styles() {
    let dir = tempfile::tempdir().unwrap();
    let blocks = vec![
        text("第一部分 过去一年的工作"),
        text("一、经济发展"),
        text("一、招商引资势头良好。全年引进项目12个。"),
        text("（一）工业"),
        text("工业总产值增长8%。"),
        text("第二部分 今年的工作"),
        text("1. 加快道路建设"),
    ];
    write(dir.path(), "r.docx", &docx(&blocks, false));
    let p = prepare(&request(dir.path(), &["r.docx"], None)).unwrap();
    let shape: Vec<(&str, u8, usize)> = p.session.documents[0]
        .sections
        .iter()
        .map(|s| (s.title.as_str(), s.level, s.paragraphs.len()))
        .collect();
    assert_eq!(
        shape,
        vec![
            ("第一部分 过去一年的工作", 1, 0),
            // The run-in head "一、招商引资势头良好。…" stays text.
            ("一、经济发展", 2, 1),
            ("（一）工业", 2, 1),
            ("第二部分 今年的工作", 1, 0),
            ("1. 加快道路建设", 2, 0),
        ]
    );
    checked(&p);
}

#[test]
fn old_word_wps_and_pdf_files_are_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "报告.doc",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1old word",
    );
    let e = prepare(&request(dir.path(), &["报告.doc"], None)).unwrap_err();
    assert!(matches!(&e, ImportError::SaveAsDocx { kind, .. } if kind == "doc"));
    assert!(e.message(Lang::Zh).contains("另存为 .docx"));
    assert!(e.message(Lang::En).contains("save it as .docx"));
    write(dir.path(), "r.pdf", b"%PDF-1.5");
    let e = prepare(&request(dir.path(), &["r.pdf"], None)).unwrap_err();
    assert!(matches!(e, ImportError::SaveAsDocx { .. }));
    write(dir.path(), "r.docx", b"not a zip at all");
    let e = prepare(&request(dir.path(), &["r.docx"], None)).unwrap_err();
    assert!(matches!(e, ImportError::BadDocx { .. }));
    let e = prepare(&request(dir.path(), &["missing.docx"], None)).unwrap_err();
    assert!(e.is_unreadable());
}

#[test]
fn a_gbk_csv_from_chinese_excel_with_duplicate_names_and_blank_rows() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "序号,姓名,性别,代表小组,工作单位及职务\r\n1,张伟,男,第一代表小组,上东社区党委书记\r\n,,,,\r\n2,李娜,女,第二代表小组,\r\n3,张伟,男,第二代表小组,九江中学教师\r\n";
    let (gbk, _, bad) = encoding_rs::GBK.encode(csv);
    assert!(!bad);
    write(dir.path(), "名单.csv", &gbk);
    let p = prepare(&request(dir.path(), &[], Some("名单.csv"))).unwrap();
    let s = &p.session;
    let names: Vec<(&str, Option<&str>)> = s
        .roster
        .iter()
        .map(|d| (d.id.as_str(), d.name.as_deref()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("d001", Some("张伟")),
            ("d002", Some("李娜")),
            ("d003", Some("张伟"))
        ]
    );
    assert_eq!(s.roster[0].roles, vec!["上东社区党委书记".to_string()]);
    assert_eq!(s.groups.len(), 2);
    assert_eq!(s.roster[2].group.as_deref(), Some("g2"));
    let notes = p.notes.join("\n");
    assert!(notes.contains("GBK"), "{notes}");
    assert!(notes.contains("“张伟”出现在第 2, 5 行"), "{notes}");
    assert!(notes.contains("姓名 ← “姓名”（第 2 列）"), "{notes}");
    assert!(notes.contains("性别"), "{notes}");
    // Short of the 107 seats: the rest are numbered placeholders, no names invented.
    assert!(s.fill_roster_with_placeholders);
    let loaded = checked(&p);
    assert_eq!(loaded.session.roster.len(), 107);
    assert_eq!(
        loaded
            .session
            .roster
            .iter()
            .filter(|d| d.name.is_some())
            .count(),
        3
    );
}

#[test]
fn an_xlsx_roster_by_sheet_name_and_a_roster_longer_than_the_seats() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("名单.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let first = book.add_worksheet();
    first.set_name("说明").unwrap();
    first.write_string(0, 0, "本表为代表名单").unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("代表").unwrap();
    // The table starts below a title row, as offices often lay it out.
    sheet.write_string(1, 0, "代表姓名").unwrap();
    sheet.write_string(1, 1, "代表团").unwrap();
    for (i, (n, g)) in [
        ("王芳", "九江"),
        ("陈刚", "沙头"),
        ("", ""),
        ("刘洋", "九江"),
    ]
    .iter()
    .enumerate()
    {
        let row = 2 + i as u32;
        sheet.write_string(row, 0, *n).unwrap();
        sheet.write_string(row, 1, *g).unwrap();
    }
    book.save(&path).unwrap();
    let mut req = request(dir.path(), &[], Some("名单.xlsx"));
    req.sheet = Some("代表".into());
    let p = prepare(&req).unwrap();
    let names: Vec<&str> = p
        .session
        .roster
        .iter()
        .filter_map(|d| d.name.as_deref())
        .collect();
    assert_eq!(names, vec!["王芳", "陈刚", "刘洋"]);
    let (ron, _) = render_checked(&p, "n.ron").unwrap();
    assert!(
        ron.contains("名单.xlsx 第 6 行"),
        "Excel's own row number: {ron}"
    );
    req.sheet = Some("无此表".into());
    assert!(matches!(
        prepare(&req),
        Err(ImportError::NoSuchSheet { sheets, .. }) if sheets == "说明、代表"
    ));
    req.sheet = Some("代表".into());
    req.seats = 2;
    assert!(matches!(
        prepare(&req),
        Err(ImportError::RosterExceedsSeats {
            roster: 3,
            seats: 2,
            ..
        })
    ));
}

/// The article's lines, from its first paragraph to the last of 冯纯祥's speech, blank lines
/// dropped.
fn article_lines() -> Vec<String> {
    let text = include_str!("../fixtures/jiujiang-article.txt");
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("今日(9月21日)"))
        .unwrap();
    let end = lines
        .iter()
        .position(|l| l.starts_with("希望大家集中精力"))
        .unwrap();
    lines[start..=end].iter().map(|l| l.to_string()).collect()
}

/// The article as its author would have typed it in Word: picture captions in the caption
/// style, and the lines that head a part (`level1`) or a section in heading styles.
fn article_docx(lines: &[String], level1: &[&str], level2: &[&str]) -> Vec<u8> {
    let blocks: Vec<Block> = lines
        .iter()
        .map(|l| {
            if l.starts_with('▲') || l == "G325国道改造后" {
                Block::Caption(l.clone())
            } else if level1.contains(&l.as_str()) {
                heading(1, l)
            } else if level2.contains(&l.as_str()) {
                heading(2, l)
            } else {
                text(l)
            }
        })
        .collect();
    docx(&blocks, false)
}

const REPORT_PARTS: [&str; 2] = ["1~8月,我们完成了这些“小目标", "全面发力,增创九江发展新优势"];

#[test]
fn the_jiujiang_report_as_a_docx_gives_the_shipped_documents_sections_and_paragraphs() {
    let shipped = model::load_bundled(Lang::Zh).unwrap().session;
    let report = shipped.document("gov-report").unwrap();
    let lines = article_lines();
    // The report is the article's part under “解读政府工作报告”, up to the inspection.
    let from = lines.iter().position(|l| l == REPORT_PARTS[0]).unwrap();
    let to = lines
        .iter()
        .position(|l| l == "107名人大代表视察部分重点项目")
        .unwrap();
    let level2: Vec<&str> = report
        .sections
        .iter()
        .filter(|s| s.level == 2)
        .map(|s| s.title.as_str())
        .collect();
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "政府工作报告.docx",
        &article_docx(&lines[from..to], &REPORT_PARTS, &level2),
    );
    let p = prepare(&request(dir.path(), &["政府工作报告.docx"], None)).unwrap();
    let got = &checked(&p).session.documents[0];
    // The title comes from the file name: the article's text has none for the report.
    assert_eq!(got.title, report.title);
    assert_eq!(got.sections.len(), report.sections.len());
    for (g, s) in got.sections.iter().zip(&report.sections) {
        assert_eq!((&g.title, g.level), (&s.title, s.level));
        assert_eq!(g.paragraphs, s.paragraphs, "section {}", s.title);
    }
    // Only the section ids differ (the shipped file's are chosen by hand: "industry").
    assert_eq!(got.sections[1].id, "r1-s2");
    assert!(
        p.notes.join("\n").contains("图注 4 条未收入"),
        "{:?}",
        p.notes
    );
}

/// Precision and recall of the numbers found in the whole article against the shipped
/// session's indicators, all of which come from the article: a proposal matches an
/// indicator when it has the same value and unit and comes from the paragraph with the
/// same text.
#[test]
fn the_numbers_found_in_the_article_against_the_shipped_indicators() {
    let shipped = model::load_bundled(Lang::Zh).unwrap().session;
    let lines = article_lines();
    let titles: Vec<&str> = shipped
        .documents
        .iter()
        .flat_map(|d| d.sections.iter().map(|s| s.title.as_str()))
        .chain([
            "解读政府工作报告",
            "九江镇人大主席潘洁英:",
            "九江镇委书记冯纯祥:",
        ])
        .collect();
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "article.docx",
        &article_docx(&lines, &titles, &[]),
    );
    let mut req = request(dir.path(), &["article.docx"], None);
    req.accept_indicators = true;
    let p = prepare(&req).unwrap();
    let got = checked(&p).session;
    let text_of = |s: &model::Session, id: &Option<String>| -> String {
        s.find_paragraph(id.as_deref().unwrap())
            .unwrap()
            .1
            .to_string()
    };
    let mut used = vec![false; got.indicators.len()];
    let mut missed = Vec::new();
    for truth in &shipped.indicators {
        let para = text_of(&shipped, &truth.source);
        let hit = got.indicators.iter().enumerate().position(|(k, g)| {
            !used[k]
                && g.value == truth.value
                && g.unit == truth.unit
                && text_of(&got, &g.source) == para
        });
        match hit {
            Some(k) => {
                used[k] = true;
                // What the article states beside the number is found too.
                let g = &got.indicators[k];
                assert_eq!(g.yoy, truth.yoy, "{}", truth.id);
                assert_eq!(g.qualifier, truth.qualifier, "{}", truth.id);
            }
            None => missed.push(truth.id.as_str()),
        }
    }
    let matched = used.iter().filter(|u| **u).count();
    let recall = matched as f64 / shipped.indicators.len() as f64;
    let precision = matched as f64 / got.indicators.len() as f64;
    let extra: Vec<String> = got
        .indicators
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(g, _)| format!("{}{} {}", g.value, g.unit, g.name))
        .collect();
    eprintln!(
        "article numbers: {matched} of {} found (recall {:.1} %), {} proposed (precision {:.1} %); missed {missed:?}; extra {extra:?}",
        shipped.indicators.len(),
        recall * 100.0,
        got.indicators.len(),
        precision * 100.0
    );
    // The figures README.md states.
    assert_eq!(
        (matched, shipped.indicators.len(), got.indicators.len()),
        (41, 43, 42)
    );
    assert_eq!(missed, vec!["zhongkao-titles", "plan-aspects"]);
    assert!(recall >= 0.9 && precision >= 0.9);
}

#[test]
fn a_target_is_linked_to_last_years_result_and_checked_against_its_growth() {
    let dir = tempfile::tempdir().unwrap();
    let blocks = vec![
        heading(1, "工作回顾"),
        text("2016年,全镇地区生产总值10.0亿元,工业投资3.0亿元。"),
        heading(1, "工作安排"),
        text("2017年,力争地区生产总值达到12.5亿元,增长10%;工业投资3.3亿元,增长10%。"),
    ];
    write(dir.path(), "r.docx", &docx(&blocks, false));
    let mut req = request(dir.path(), &["r.docx"], None);
    req.accept_indicators = true;
    let p = prepare(&req).unwrap();
    let loaded = checked(&p);
    let s = &loaded.session;
    let gdp = s
        .indicators
        .iter()
        .find(|i| i.value == 12.5)
        .expect("the target is proposed");
    assert!(gdp.target);
    assert_eq!(gdp.yoy, Some(10.0));
    let basis = s.indicator(gdp.basis.as_deref().unwrap()).unwrap();
    assert_eq!((basis.value, basis.target), (10.0, false));
    // 10.0 × 1.10 = 11.0, not 12.5: a warning, with the numbers kept as printed; 3.0 × 1.10
    // = 3.3 follows.
    let growth: Vec<&str> = loaded
        .warnings
        .iter()
        .filter(|w| w.message.contains("基数"))
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(growth.len(), 1, "{growth:?}");
    assert!(
        growth[0].contains("12.5亿元") && growth[0].contains("11.0亿元"),
        "{}",
        growth[0]
    );
    assert!(
        loaded
            .warnings
            .iter()
            .all(|w| w.severity == Severity::Warning)
    );
}

#[test]
fn existing_session_files_load_unchanged() {
    // No file written before the schema grew says `target` or `basis`; both default.
    let s = model::load_bundled(Lang::Zh).unwrap().session;
    assert!(s.indicators.iter().all(|i| !i.target && i.basis.is_none()));
}

#[test]
fn new_on_the_command_line_writes_a_file_check_accepts_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let blocks = vec![
        heading(1, "产业发展动能增强"),
        text("今年1-8月,全镇实现工业总产值189.25亿元,较去年同期增长8.7%。"),
    ];
    let report = write(dir.path(), "报告.docx", &docx(&blocks, false));
    let roster = write(
        dir.path(),
        "名单.csv",
        "姓名,代表小组\n张钊荣,上东\n".as_bytes(),
    );
    let out = dir.path().join("jiujiang.ron");
    let new = |extra: &[&str]| {
        Command::new(BIN)
            .arg("new")
            .arg("--report")
            .arg(&report)
            .arg("--roster")
            .arg(&roster)
            .args(["--title", "九江镇第三届人民代表大会第三次会议"])
            .args([
                "--date",
                "2017-09-21",
                "--seats",
                "107",
                "--town",
                "佛山市南海区九江镇",
            ])
            .arg("-o")
            .arg(&out)
            .args(extra)
            .output()
            .unwrap()
    };
    let r = new(&[]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let first = std::fs::read_to_string(&out).unwrap();
    assert!(first.contains("// indicators: ["), "proposals await review");
    assert!(
        first.contains("“全镇实现工业总产值189.25亿元,较去年同期增长8.7%”"),
        "{first}"
    );
    let check = Command::new(BIN).arg("check").arg(&out).output().unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    // Not overwritten without --force.
    let again = new(&["--accept-indicators"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), first);

    let forced = new(&["--accept-indicators", "--force"]);
    assert_eq!(
        forced.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&forced.stderr)
    );
    let loaded = model::load_path(&out, Lang::Zh).unwrap().session;
    assert_eq!(loaded.indicators.len(), 1);
    assert_eq!(loaded.indicators[0].period.as_deref(), Some("2017年1-8月"));
    assert_eq!(loaded.congress.name, "九江镇人民代表大会");
    assert_eq!((loaded.congress.term, loaded.congress.session), (3, 3));

    // Never written over one of its inputs; unreadable input is exit 2, bad input exit 1.
    let r = Command::new(BIN)
        .args([
            "new",
            "--title",
            "t",
            "--date",
            "2017-09-21",
            "--seats",
            "5",
            "--force",
        ])
        .arg("--roster")
        .arg(&roster)
        .arg("-o")
        .arg(&roster)
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    assert!(
        std::fs::read_to_string(&roster)
            .unwrap()
            .starts_with("姓名")
    );
    let r = Command::new(BIN)
        .args([
            "new",
            "--title",
            "t",
            "--date",
            "2017-09-21",
            "--seats",
            "5",
        ])
        .args(["--report", "/no/such/report.docx", "-o"])
        .arg(dir.path().join("x.ron"))
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    let doc = write(dir.path(), "old.doc", b"\xD0\xCF\x11\xE0");
    let r = Command::new(BIN)
        .args([
            "new",
            "--title",
            "t",
            "--date",
            "2017-09-21",
            "--seats",
            "5",
            "--report",
        ])
        .arg(&doc)
        .arg("-o")
        .arg(dir.path().join("y.ron"))
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains(".docx"));
}

#[test]
fn new_on_the_command_line_adds_elections_and_the_inspection_to_the_agenda() {
    let dir = tempfile::tempdir().unwrap();
    let blocks = vec![
        heading(1, "工作回顾"),
        text("全镇实现工业总产值189.25亿元。"),
    ];
    let report = write(dir.path(), "报告.docx", &docx(&blocks, false));
    let new = |out: &Path, extra: &[&str]| {
        Command::new(BIN)
            .arg("new")
            .arg("--report")
            .arg(&report)
            .args(["--title", "某镇第一届人民代表大会第二次会议"])
            .args(["--date", "2017-03-01", "--seats", "60", "-o"])
            .arg(out)
            .args(extra)
            .output()
            .unwrap()
    };
    let out = dir.path().join("s.ron");
    let r = new(
        &out,
        &[
            "--election",
            "副镇长;Deputy;2;张三,李四（现任镇党委委员）,王五",
            "--election",
            "镇长；正职；1；赵六",
            "--stop",
            "污水处理厂;沙口村;下午",
            "--stop",
            "文化广场;镇中心",
        ],
    );
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let check = Command::new(BIN).arg("check").arg(&out).output().unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let s = model::load_path(&out, Lang::Zh).unwrap().session;
    let kinds: Vec<AgendaKind> = s.agenda.iter().map(|a| a.kind).collect();
    assert_eq!(
        kinds,
        [
            AgendaKind::Report,
            AgendaKind::Election,
            AgendaKind::Election,
            AgendaKind::Inspection
        ]
    );
    assert_eq!(s.agenda[1].title, "选举副镇长");
    let ids: Vec<&str> = s.elections.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["deputy-1", "head-1"]);
    assert_eq!(s.agenda[2].election.as_deref(), Some("head-1"));
    let deputy = s.election("deputy-1").unwrap();
    assert_eq!((deputy.post, deputy.seats), (Post::Deputy, 2));
    assert_eq!(deputy.candidates[1].note.as_deref(), Some("现任镇党委委员"));
    let stops: Vec<(&str, Option<&str>)> = s
        .itinerary
        .iter()
        .map(|x| (x.place.as_str(), x.time.as_deref()))
        .collect();
    assert_eq!(stops, [("沙口村", Some("下午")), ("镇中心", None)]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("// 由命令行 --election 给出，不是从文件读取"),
        "{text}"
    );
    assert!(
        text.contains("// 视察点，由命令行 --stop 给出，不是从文件读取"),
        "{text}"
    );

    // Five more candidates than the one deputy seat: refused with the article, nothing
    // written.
    let bad = dir.path().join("bad.ron");
    let r = new(&bad, &["--election", "副镇长;副职;1;甲,乙,丙,丁,戊,己"]);
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("第二十七条") && err.contains("预选"), "{err}");
    assert!(!bad.exists());

    // A spec that cannot be read says what to write.
    for spec in [
        &["--election", "副镇长;2;张三"][..],
        &["--election", "副镇长;部长;2;张三"],
        &["--stop", "只有项目"],
    ] {
        let r = new(&bad, spec);
        assert_eq!(r.status.code(), Some(1), "{spec:?}");
        let err = String::from_utf8_lossy(&r.stderr);
        assert!(err.contains(spec[0]) && err.contains(spec[1]), "{err}");
        assert!(!bad.exists());
    }
}

#[test]
fn an_arranged_agenda_gives_motions_and_elections_one_namespace_and_says_an_empty_itinerary() {
    use delegate_desk::import::election_entry::ElectionEntry;
    use delegate_desk::import::review::{AgendaEntry, ReviewError, apply_agenda};
    use delegate_desk::import::stop_entry::StopEntry;

    let dir = tempfile::tempdir().unwrap();
    let blocks = vec![heading(1, "工作回顾"), text("正文。")];
    write(dir.path(), "r.docx", &docx(&blocks, false));
    let mut p = prepare(&Request {
        from_window: true,
        ..request(dir.path(), &["r.docx"], None)
    })
    .unwrap();
    let mut agenda = vec![
        AgendaEntry::added(AgendaKind::Vote, Lang::Zh),
        AgendaEntry::added(AgendaKind::Election, Lang::Zh),
        AgendaEntry::added(AgendaKind::Election, Lang::Zh),
        AgendaEntry::added(AgendaKind::Inspection, Lang::Zh),
    ];
    for (a, t) in agenda
        .iter_mut()
        .zip(["表决决议", "选举副镇长", "补选副镇长", "视察"])
    {
        a.title = t.into();
    }
    let deputy = ElectionEntry::from_spec("副镇长;副职;1;甲,乙", Lang::Zh).unwrap();
    agenda[1].election = Some(deputy.clone());
    // Art. 30: a by-election needs at least as many candidates as seats.
    agenda[2].election = Some(ElectionEntry::from_spec("副镇长;补选;2;丙", Lang::Zh).unwrap());
    match apply_agenda(&mut p, &agenda) {
        Err(e @ ReviewError::Election { row: 3, .. }) => {
            assert!(e.message(Lang::Zh).contains("第三十条"), "{e}")
        }
        other => panic!("{other:?}"),
    }
    agenda[2].election = Some(deputy);
    // Stops typed on an item then made another kind are kept in the window, never written.
    let mut switched = AgendaEntry::added(AgendaKind::Inspection, Lang::Zh);
    switched.title = "其他事项".into();
    switched.stops = vec![StopEntry::from_spec("厂;村", Lang::Zh).unwrap()];
    switched.set_kind(AgendaKind::Other);
    assert_eq!(switched.stops.len(), 1);
    agenda.push(switched);
    apply_agenda(&mut p, &agenda).unwrap();
    let s = checked(&p).session;
    let mut ids: Vec<&str> = s.motions.iter().map(|m| m.id.as_str()).collect();
    ids.extend(s.elections.iter().map(|e| e.id.as_str()));
    assert_eq!(ids, ["m1", "deputy-1", "deputy-2"]);
    assert!(s.itinerary.is_empty());
    let text = delegate_desk::import::write_ron::render(&p);
    let line = text
        .lines()
        .find(|l| l.contains("kind: Inspection"))
        .unwrap();
    assert!(line.contains("行程为空"), "{line}");
}
