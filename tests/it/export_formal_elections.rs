//! Elections in the formal documents: the published 补选 (76 seated, 73 present, 宋正舜 73,
//! 徐进 71, 39 needed) recorded on the command line and exported as the 表决和选举结果公告 /
//! 选举结果公告 and the 会议纪要, in PDF (read back with `pdftotext`) and in DOCX (opened by
//! LibreOffice) — each with the sentence a town office writes and the journal's figures.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::export_formal::{pdf_text, run};

const BIN: &str = env!("CARGO_BIN_EXE_delegate-desk");

/// The sentences the notice must carry, spaces removed as `pdf_text` removes them.
const ATTENDANCE: &str = "会议应到代表76名，实到73名，符合法定人数。";
const ELECTED: &str = "会议以无记名投票方式，补选宋正舜、徐进为某镇人民政府副镇长。\
    本次选举发出选票73张，收回73张，其中有效票73张、无效票0张。\
    宋正舜得赞成票73票、反对票0票、弃权票0票；徐进得赞成票71票、反对票1票、弃权票1票。";
const RULE: &str = "第二十五条、第二十九条，获得全体代表过半数即39票以上赞成票的候选人始得当选。";

struct Sitting {
    dir: tempfile::TempDir,
    session: PathBuf,
    journal: PathBuf,
}

fn cmd(dir: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.env("DELEGATE_DESK_DATA", dir.join("data"));
    c
}

/// The published by-election, recorded as a secretary records it: 73 present, ballots 73/73,
/// each candidate's totals from the counting sheet, closed.
fn by_election() -> Sitting {
    let dir = tempfile::tempdir().unwrap();
    let session =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/elections/by-election-76.ron");
    let journal = dir.path().join("votes.jsonl");
    let present: Vec<String> = (1..=73).map(|i| format!("d{i:03}")).collect();
    run(cmd(dir.path())
        .arg("record")
        .arg(&session)
        .arg("--journal")
        .arg(&journal)
        .args(["--secretary", "李秘书", "--present"])
        .args(&present)
        .arg("--rest-absent")
        .args("--open by-deputy-mayor --ballots by-deputy-mayor 73 73".split(' '))
        .args("--candidate-counts by-deputy-mayor 宋正舜 73 0 0".split(' '))
        .args("--candidate-counts by-deputy-mayor 徐进 71 1 1".split(' '))
        .args(["--close", "by-deputy-mayor"]));
    Sitting {
        dir,
        session,
        journal,
    }
}

fn export(s: &Sitting, document: &str, out: &Path) {
    run(cmd(s.dir.path())
        .arg("export")
        .arg(&s.session)
        .arg("--journal")
        .arg(&s.journal)
        .args(["--document", document, "-o"])
        .arg(out));
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_election_notice_pdf_states_who_was_elected_with_the_journal_figures() {
    let s = by_election();
    let pdf = s.dir.path().join("notice.pdf");
    export(&s, "election-notice", &pdf);
    let text = pdf_text(&pdf);
    // A sitting that only elected posts a 选举结果公告.
    assert!(
        text.contains("某镇第十八届人民代表大会第三次会议选举结果公告"),
        "{text}"
    );
    assert!(text.contains(&format!("{ATTENDANCE}{ELECTED}")), "{text}");
    assert!(text.contains(RULE), "{text}");
    assert!(!text.contains("未当选"), "{text}");
    assert!(!text.contains("另行选举"), "{text}");
    assert!(text.contains("特此公告。"), "{text}");
}

#[test]
fn the_minutes_state_the_election_in_sentences() {
    let s = by_election();
    let pdf = s.dir.path().join("minutes.pdf");
    export(&s, "minutes", &pdf);
    let text = pdf_text(&pdf);
    assert!(text.contains("三、选举结果"), "{text}");
    assert!(
        !text.contains("表决结果"),
        "no motion, no empty section: {text}"
    );
    assert!(text.contains(ELECTED), "{text}");
    // The file lists no agenda: a line to fill by hand under its heading.
    assert!(
        text.contains(&format!("一、会议议程{}", formal_blank_line())),
        "{text}"
    );
}

fn formal_blank_line() -> String {
    "＿".repeat(26)
}

/// LibreOffice opening the DOCX stands for WPS and Word; its PDF must say the same.
#[test]
fn the_election_notice_docx_opens_in_libreoffice_and_says_the_same() {
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
    let s = by_election();
    let docx = s.dir.path().join("notice.docx");
    export(&s, "notice", &docx);
    let out = s.dir.path().join("out");
    let profile = format!(
        "-env:UserInstallation=file://{}",
        s.dir.path().join("lo").display()
    );
    run(Command::new("libreoffice")
        .arg(profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .arg(&docx));
    let text = squeeze(&pdf_text(&out.join("notice.pdf")));
    assert!(text.contains("选举结果公告"), "{text}");
    assert!(text.contains(&format!("{ATTENDANCE}{ELECTED}")), "{text}");
    assert!(text.contains(RULE), "{text}");
}

/// The Export view names the notice for what the sitting decided: a sitting that only
/// elected offers the 选举结果公告.
#[test]
fn the_export_view_offers_the_election_notice_by_its_name() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;

    let dir = tempfile::tempdir().unwrap();
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/elections/by-election-76.ron");
    let loaded = delegate_desk::model::load_path(&path, delegate_desk::i18n::Lang::Zh).unwrap();
    let mut app = delegate_desk::ui::DeskApp::with_prefs(
        delegate_desk::ui::prefs::Prefs::default(),
        dir.path().to_path_buf(),
    );
    app.open_loaded(loaded);
    let mut h = crate::common::harness(app);
    h.get_by_role_and_label(Role::Button, "导出").click();
    h.run();
    h.get_by_role_and_label(Role::RadioButton, "选举结果公告");
    assert!(h.query_by_label("表决结果公告").is_none());
}
