//! The Jiujiang summary (with a small notes file) as Markdown, HTML and CSV, compared byte
//! for byte with files a person has read. `UPDATE_GOLDEN=1 cargo test --test it export_golden`
//! rewrites them.

use crate::export_common;

use std::path::{Path, PathBuf};

use delegate_desk::export::{self, Format, Options, Rendered, SummaryData};
use delegate_desk::i18n::Lang;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/export")
}

fn jiujiang(lang: Lang) -> SummaryData {
    export_common::summary(lang)
}

/// Compares `bytes` with the golden file `name`, or rewrites it when asked to.
fn check(name: &str, bytes: &[u8]) {
    let path = golden_dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        return;
    }
    let want = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", path.display()));
    if want != bytes {
        let got = String::from_utf8_lossy(bytes);
        let want = String::from_utf8_lossy(&want);
        let line = got
            .lines()
            .zip(want.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(got.lines().count().min(want.lines().count()));
        panic!(
            "{name} differs from the golden file at line {}:\n got: {:?}\nwant: {:?}",
            line + 1,
            got.lines().nth(line),
            want.lines().nth(line)
        );
    }
}

fn single(data: &SummaryData, format: Format, lang: Lang) -> Vec<u8> {
    let opts = Options {
        lang,
        ..Options::default()
    };
    match export::render(data, format, &opts).unwrap() {
        Rendered::File(b) => b,
        Rendered::Files(_) => panic!("{format:?} gave several files"),
    }
}

#[test]
fn markdown_matches_golden() {
    check(
        "jiujiang.md",
        &single(&jiujiang(Lang::Zh), Format::Md, Lang::Zh),
    );
}

#[test]
fn english_markdown_matches_golden() {
    check(
        "jiujiang.en.md",
        &single(&jiujiang(Lang::En), Format::Md, Lang::En),
    );
}

#[test]
fn html_matches_golden() {
    check(
        "jiujiang.html",
        &single(&jiujiang(Lang::Zh), Format::Html, Lang::Zh),
    );
}

#[test]
fn csv_files_match_golden() {
    let opts = Options::default();
    let Rendered::Files(files) = export::render(&jiujiang(Lang::Zh), Format::Csv, &opts).unwrap()
    else {
        panic!("csv gave one file");
    };
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "session.csv",
            "agenda.csv",
            "attendance.csv",
            "votes.csv",
            "indicators.csv",
            "itinerary.csv",
            "notes.csv"
        ]
    );
    for (name, bytes) in &files {
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{name} has no BOM");
        check(&format!("jiujiang-csv/{name}"), bytes);
    }
}

/// The handout reads as a handout: the session's code, the chain hash and the head code
/// are in a short 核验 appendix at the end, not in the overview or under the votes.
#[test]
fn verification_is_a_short_appendix_at_the_end() {
    let d = jiujiang(Lang::Zh);
    let md = String::from_utf8(single(&d, Format::Md, Lang::Zh)).unwrap();
    let (body, appendix) = md.split_once("\n## 附：核验\n").expect("the appendix");
    assert!(!appendix.contains("\n## "), "the appendix is the last part");
    let hash = d.chain_hash.clone().unwrap();
    let head = d.head_code.clone().unwrap();
    for text in [
        hash.as_str(),
        head.as_str(),
        &d.header.session_id,
        "delegate-desk verify",
    ] {
        assert!(appendix.contains(text), "{text} not in the appendix");
        assert!(!body.contains(text), "{text} in the handout's body");
    }
    assert!(appendix.lines().count() <= 16, "short:\n{appendix}");
}
