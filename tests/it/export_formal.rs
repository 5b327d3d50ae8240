//! The formal documents (表决结果公告, 决议, 会议纪要): their sentences carry the journal's real
//! figures through `pdftotext` of the PDF and of the DOCX as LibreOffice converts it; the PDF is
//! A4 with its text inside the GB/T 9704-2012 margins; empty fields print as blank lines; the
//! command line writes them and remembers the fields.

use crate::export_common;

use std::path::{Path, PathBuf};
use std::process::Command;

use delegate_desk::export::formal::{self, BLANK, Document, FormalFields};
use delegate_desk::export::{Format, SummaryData};
use delegate_desk::i18n::Lang;
use delegate_desk::journal::Tally;

const TITLE: &str = "九江镇2017年1-8月的财政预算执行情况及财政预算调整报告";

/// The sentence the small Jiujiang journal (102 present; 98 / 1 / 2 by show of hands) gives.
fn notice_sentence() -> String {
    format!("{ATTENDANCE}{}", vote_sentence())
}

const ATTENDANCE: &str = "会议应到代表107名，实到102名，符合法定人数。";

fn vote_sentence() -> String {
    format!("会议以举手表决方式，以赞成98票、反对1票、弃权2票，通过了《{TITLE}》。")
}

fn data() -> SummaryData {
    export_common::summary(Lang::Zh)
}

fn write(which: Document, format: Format, fields: &FormalFields, dir: &Path) -> PathBuf {
    let doc = formal::build(which, &data(), fields);
    let path = dir.join(format!("{which:?}.{}", format.extension()));
    formal::write(&doc, format, &path, false).unwrap();
    path
}

pub(crate) fn run(cmd: &mut Command) -> std::process::Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The PDF's text with all spaces and line breaks taken out, so a sentence wrapped over
/// lines reads whole.
pub(crate) fn pdf_text(pdf: &Path) -> String {
    let out = run(Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(pdf)
        .arg("-"));
    String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn the_notice_pdf_states_the_vote_with_the_journal_figures() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(
        Document::Notice,
        Format::Pdf,
        &FormalFields::default(),
        dir.path(),
    );
    let text = pdf_text(&pdf);
    assert!(text.contains(&notice_sentence()), "{text}");
    assert!(
        text.contains("九江镇第三届人民代表大会第三次会议表决结果公告"),
        "{text}"
    );
    assert!(text.contains("特此公告。"), "{text}");
    assert!(text.contains("2017年9月21日"), "{text}");
    assert!(text.contains("—1—"), "the page number: {text}");
    // The session names no presiding body and no 文号 was given: both are lines to fill.
    assert!(text.contains(&format!("（{BLANK}）")), "{text}");
    assert!(
        text.ends_with(&format!("{BLANK}2017年9月21日—1—")),
        "{text}"
    );
}

#[test]
fn a_motion_that_failed_or_is_still_open_gets_its_true_sentence() {
    let mut d = data();
    let mut failed = d.motions[0].clone();
    failed.verdict = Some(delegate_desk::export::summary::Verdict::NotPassed);
    failed.yes = Some(40);
    d.motions = vec![failed.clone()];
    let text = formal::build(Document::Notice, &d, &FormalFields::default()).plain_text();
    assert!(
        text.contains(&format!(
            "会议以举手表决方式对《{TITLE}》进行表决，赞成40票、反对1票、弃权2票，赞成票未达到"
        )),
        "{text}"
    );
    assert!(text.contains("（54票），未获通过。"), "{text}");
    assert!(!text.contains("通过了"), "{text}");
    let mut open = failed;
    open.state = delegate_desk::export::summary::MotionState::Open;
    open.verdict = None;
    d.motions = vec![open];
    let text = formal::build(Document::Notice, &d, &FormalFields::default()).plain_text();
    assert!(
        text.contains(&format!("《{TITLE}》的表决尚未结束")),
        "{text}"
    );
    // No resolution for a motion that has not passed.
    let r = formal::build(Document::Resolution, &d, &FormalFields::default()).plain_text();
    assert!(!r.contains(TITLE), "{r}");
}

#[test]
fn without_a_journal_attendance_and_figures_are_never_invented() {
    let s = export_common::session(Lang::Zh);
    let d = SummaryData::from_session(&s, Lang::Zh);
    let text = formal::build(Document::Notice, &d, &FormalFields::default()).plain_text();
    assert!(
        text.contains(&format!("会议应到代表107名，实到{BLANK}名。")),
        "{text}"
    );
    // The article states the budget passed by show of hands but gives no counts.
    assert!(
        text.contains(&format!(
            "会议以举手表决方式通过了《{TITLE}》（表决票数未见记录）。"
        )),
        "{text}"
    );
    assert!(!text.contains("赞成"), "{text}");
}

#[test]
fn the_resolution_names_the_sitting_in_chinese_ordinals() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(
        Document::Resolution,
        Format::Pdf,
        &FormalFields::default(),
        dir.path(),
    );
    let text = pdf_text(&pdf);
    assert!(
        text.contains(&format!(
            "九江镇第三届人民代表大会第三次会议关于《{TITLE}》的决议"
        )),
        "{text}"
    );
    assert!(
        text.contains("（2017年9月21日九江镇第三届人民代表大会第三次会议通过）"),
        "{text}"
    );
    // No text written: the standard opening, then lines to fill by hand.
    assert!(
        text.contains(&format!(
            "九江镇第三届人民代表大会第三次会议审议并通过了《{TITLE}》。＿＿"
        )),
        "{text}"
    );

    let mut fields = FormalFields::default();
    let id = data().motions[0].id.clone();
    fields
        .resolutions
        .insert(id, "会议同意该报告。\n要求镇人民政府认真执行。".into());
    let text = formal::build(Document::Resolution, &data(), &fields).plain_text();
    assert!(
        text.contains("会议同意该报告。\n要求镇人民政府认真执行。\n"),
        "{text}"
    );
    assert!(!text.contains('＿'), "{text}");
}

#[test]
fn the_minutes_carry_the_fields_and_blanks_for_the_rest() {
    let fields = FormalFields {
        chair: "潘洁英".into(),
        recorder: "李明".into(),
        ..FormalFields::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(Document::Minutes, Format::Pdf, &fields, dir.path());
    let text = pdf_text(&pdf);
    for want in [
        "九江镇第三届人民代表大会第三次会议纪要".to_string(),
        "时间：2017年9月21日".to_string(),
        format!("地点：{BLANK}"),
        "主持人：潘洁英".to_string(),
        "出席：应到代表107名，实到102名，请假3名，缺席2名".to_string(),
        format!("列席：{BLANK}"),
        "记录人：李明".to_string(),
        "（二）镇长张厚祥作政府工作报告。".to_string(),
        "（六）下午，107名人大代表视察部分重点项目。".to_string(),
        "会议以举手表决方式，以赞成98票、反对1票、弃权2票，通过了".to_string(),
    ] {
        assert!(text.contains(&want), "{want} not in {text}");
    }
}

/// A word's box from `pdftotext -bbox`, in points from the top-left corner.
#[derive(Debug)]
struct Word {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    text: String,
}

/// The word boxes of each page.
fn word_boxes(pdf: &Path) -> Vec<Vec<Word>> {
    let out = run(Command::new("pdftotext").arg("-bbox").arg(pdf).arg("-"));
    let html = String::from_utf8(out.stdout).unwrap();
    let attr = |tag: &str, name: &str| -> f32 {
        let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let end = at + tag[at..].find('"').unwrap();
        tag[at..end].parse().unwrap()
    };
    let mut pages = Vec::new();
    for page in html.split("<page ").skip(1) {
        let mut words = Vec::new();
        for w in page.split("<word ").skip(1) {
            let (tag, rest) = w.split_once('>').unwrap();
            let text = rest.split("</word>").next().unwrap().to_string();
            words.push(Word {
                x0: attr(tag, "xMin"),
                y0: attr(tag, "yMin"),
                x1: attr(tag, "xMax"),
                y1: attr(tag, "yMax"),
                text,
            });
        }
        pages.push(words);
    }
    pages
}

#[test]
fn the_pdf_is_a4_with_its_text_inside_the_gb_t_9704_margins() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(
        Document::Minutes,
        Format::Pdf,
        &FormalFields::default(),
        dir.path(),
    );
    let info = run(Command::new("pdfinfo").arg(&pdf));
    let info = String::from_utf8(info.stdout).unwrap();
    let size = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap_or_else(|| panic!("{info}"));
    let wh: Vec<f32> = size
        .split_whitespace()
        .filter_map(|t| t.parse().ok())
        .collect();
    assert!(
        wh.len() == 2 && (wh[0] - 595.276).abs() < 0.1 && (wh[1] - 841.89).abs() < 0.1,
        "{size}"
    );
    assert!(size.contains("(A4)"), "{size}");

    let mm = 72.0 / 25.4;
    let (left, top) = (28.0 * mm, 37.0 * mm);
    let (right, bottom) = (left + 156.0 * mm, top + 225.0 * mm);
    let pages = word_boxes(&pdf);
    assert!(!pages.is_empty());
    for (i, words) in pages.iter().enumerate() {
        let number = format!("{}", i + 1);
        let (body, footer): (Vec<_>, Vec<_>) = words.iter().partition(|w| w.y0 < bottom);
        assert!(
            footer.iter().any(|w| w.text == number),
            "page {} has no number below the text block: {footer:?}",
            i + 1
        );
        let min_x = body.iter().map(|w| w.x0).fold(f32::MAX, f32::min);
        let min_y = body.iter().map(|w| w.y0).fold(f32::MAX, f32::min);
        let max_x = body.iter().map(|w| w.x1).fold(0.0, f32::max);
        let max_y = body.iter().map(|w| w.y1).fold(0.0, f32::max);
        // Lines that do not start a paragraph begin exactly at the binding margin.
        assert!(
            (min_x - left).abs() < 1.0,
            "page {}: left edge {min_x}",
            i + 1
        );
        assert!(
            min_y >= top - 1.0,
            "page {}: top edge {min_y} < {top}",
            i + 1
        );
        assert!(
            min_y < top + 12.0,
            "page {}: text starts low at {min_y}",
            i + 1
        );
        assert!(max_x <= right + 1.0, "page {}: right edge {max_x}", i + 1);
        assert!(max_y <= bottom + 1.0, "page {}: bottom edge {max_y}", i + 1);
    }
}

/// LibreOffice opening the DOCX stands for WPS and Word; its PDF must say the same.
#[test]
fn the_docx_opens_in_libreoffice_and_says_the_same() {
    if Command::new("libreoffice")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!(
            "SKIPPED: libreoffice is not installed (Debian: apt-get install --no-install-recommends libreoffice-writer); the DOCX was not opened"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let docx = write(
        Document::Notice,
        Format::Docx,
        &FormalFields::default(),
        dir.path(),
    );
    let out = dir.path().join("out");
    // A private profile: a user's running LibreOffice, or a parallel test, cannot interfere.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.path().join("lo").display()
    );
    run(Command::new("libreoffice")
        .arg(profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .arg(&docx));
    let pdf = out.join("Notice.pdf");
    let text = pdf_text(&pdf);
    assert!(text.contains(&notice_sentence()), "{text}");
    assert!(text.contains("特此公告。"), "{text}");
    let info = run(Command::new("pdfinfo").arg(&pdf));
    let info = String::from_utf8(info.stdout).unwrap();
    assert!(info.contains("(A4)"), "{info}");
    // The DOCX's margins as LibreOffice lays them out (glyph boxes of whatever face stands in
    // for 仿宋 start a little right of the margin).
    let mm = 72.0 / 25.4;
    let (left, top) = (28.0 * mm, 37.0 * mm);
    let right = left + 156.0 * mm;
    let words = &word_boxes(&pdf)[0];
    let body: Vec<&Word> = words.iter().filter(|w| w.y0 < top + 225.0 * mm).collect();
    let min_x = body.iter().map(|w| w.x0).fold(f32::MAX, f32::min);
    let max_x = body.iter().map(|w| w.x1).fold(0.0, f32::max);
    let min_y = body.iter().map(|w| w.y0).fold(f32::MAX, f32::min);
    assert!(
        min_x >= left - 1.0 && min_x < left + 8.0,
        "left edge {min_x}"
    );
    assert!(max_x <= right + 1.0, "right edge {max_x}");
    assert!(min_y >= top - 1.0 && min_y < top + 12.0, "top edge {min_y}");
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_delegate-desk"));
    c.env(
        "DELEGATE_DESK_DATA",
        std::env::temp_dir().join("dd-export-formal-test"),
    );
    c
}

#[test]
fn the_command_writes_each_document_and_remembers_the_fields() {
    let dir = tempfile::tempdir().unwrap();
    let session = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/jiujiang-2017-09-21.ron");
    let s = export_common::session(Lang::Zh);
    let journal = dir.path().join("journal.jsonl");
    let records = export_common::jiujiang_journal(&s);
    std::fs::write(&journal, export_common::journal_bytes(&records)).unwrap();
    let journal_bytes = std::fs::read(&journal).unwrap();
    let export = |doc: &str, out: &Path, extra: &[&str]| {
        bin()
            .arg("export")
            .arg(&session)
            .arg("--journal")
            .arg(&journal)
            .args(["--document", doc, "-o"])
            .arg(out)
            .args(extra)
            .output()
            .unwrap()
    };

    let body = dir.path().join("body.txt");
    std::fs::write(&body, "会议决定批准该报告。").unwrap();
    let notice = dir.path().join("notice.docx");
    let o = export(
        "notice",
        &notice,
        &[
            "--chair",
            "潘洁英",
            "--resolution-body",
            body.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read(&notice).unwrap().starts_with(b"PK"));
    let remembered = FormalFields::beside(&journal);
    let f = FormalFields::read(&remembered).unwrap();
    assert_eq!(f.chair, "潘洁英");
    assert_eq!(
        f.resolutions.get(&s.motions[0].id).unwrap(),
        "会议决定批准该报告。"
    );
    assert_eq!(
        std::fs::read(&journal).unwrap(),
        journal_bytes,
        "the journal is input"
    );

    // The next export remembers the chair and the resolution's text.
    let minutes = dir.path().join("minutes.pdf");
    let o = export("minutes", &minutes, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(pdf_text(&minutes).contains("主持人：潘洁英"));
    let resolution = dir.path().join("resolution.pdf");
    let o = export("resolution", &resolution, &["--format", "pdf"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(pdf_text(&resolution).contains("会议决定批准该报告。"));

    // Refused, as wrong input (exit 1, said once): an existing output, a summary format,
    // DOCX without a document.
    let o = export("minutes", &minutes, &[]);
    assert_eq!(o.status.code(), Some(1));
    let o = export("minutes", &dir.path().join("m.md"), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("delegate-desk: "));
    let o = bin()
        .arg("export")
        .arg(&session)
        .arg("-o")
        .arg(dir.path().join("summary.docx"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("delegate-desk: "));
    assert!(!dir.path().join("summary.docx").exists());
}

#[test]
fn the_journal_tally_reaches_the_documents_unchanged() {
    // Independent of the renderers: the model the writers draw holds the sentence.
    let s = export_common::session(Lang::Zh);
    let records = export_common::jiujiang_journal(&s);
    let tally = Tally::replay(&s, &records).unwrap();
    let d = SummaryData::from_session(&s, Lang::Zh).with_tally(&s, &tally, "h", Lang::Zh);
    for which in [Document::Notice, Document::Minutes] {
        let text: String = formal::build(which, &d, &FormalFields::default())
            .plain_text()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert!(text.contains(ATTENDANCE), "{which:?}: {text}");
        assert!(text.contains(&vote_sentence()), "{which:?}: {text}");
    }
}

#[test]
fn the_readme_fields_example_reads() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("FormalFields(\n")
        .expect("a FormalFields example in the README");
    let end = start + readme[start..].find("```").expect("the block ends");
    let f = FormalFields::parse(&readme[start..end]).unwrap_or_else(|e| panic!("README: {e}"));
    assert_eq!(f.chair, "（主持人姓名）");
    assert_eq!(f.resolutions.len(), 1);
}
