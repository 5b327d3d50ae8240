//! Every semantic check has a fixture that triggers it; each test pins the message and the
//! line and column it is reported at. Fixtures differ from `valid.ron` in one place.

use std::path::Path;
use std::process::Command;

use delegate_desk::i18n::Lang;
use delegate_desk::model::{LoadError, Severity, load_path};

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/check")
        .join(format!("{name}.ron"))
}

/// The diagnostics of a fixture that must not load.
fn errors_of(name: &str) -> Vec<(usize, usize, Severity, String)> {
    match load_path(&fixture(name), Lang::Zh) {
        Ok(_) => panic!("{name} loaded, but it should not"),
        Err(LoadError::Invalid(d)) => d
            .into_iter()
            .map(|d| (d.line, d.column, d.severity, d.message))
            .collect(),
        Err(e) => panic!("{name}: {e}"),
    }
}

#[test]
fn the_base_fixture_is_valid() {
    let loaded = load_path(&fixture("valid"), Lang::Zh).unwrap();
    assert!(loaded.warnings.is_empty());
    assert_eq!(loaded.session.roster.len(), 3);
}

#[test]
fn each_check_reports_its_message_at_the_offending_item() {
    use Severity::Error;
    let cases: &[(&str, usize, usize, &str)] = &[
        ("duplicate_id", 38, 16, "id “budget” 重复（第 1 项已使用）"),
        (
            "duplicate_section",
            27,
            25,
            "章节 id “economy” 重复：段落编号必须在整个会议文件中唯一",
        ),
        ("missing_ref", 34, 70, "引用了不存在的段落“economy.9”"),
        ("missing_list_ref", 40, 81, "引用了不存在的段落“economy.7”"),
        (
            "roster_exceeds_seats",
            12,
            5,
            "代表名单有 3 人，多于实有代表数 2",
        ),
        ("rate_range", 35, 72, "比率 168% 超出 0–100 的范围"),
        (
            "rate_mismatch",
            33,
            72,
            "所列比率 99.7% 与其组成不符：1246 / 1252 = 99.52%",
        ),
        ("bad_fraction", 38, 43, "比例 3/2 必须大于 0 且不超过 1"),
        ("empty_title", 37, 30, "标题不能为空"),
        ("parse_error", 13, 5, "无法解析会议文件：Expected comma"),
        ("wrong_type", 12, 12, "无法解析会议文件：Expected integer"),
    ];
    for (name, line, col, msg) in cases {
        let errs = errors_of(name);
        assert_eq!(
            errs,
            vec![(*line, *col, Error, msg.to_string())],
            "fixture {name}"
        );
    }
    let unknown = errors_of("unknown_field");
    assert_eq!((unknown[0].0, unknown[0].1), (11, 9));
    assert!(unknown[0].3.contains("`venu`") && unknown[0].3.contains("`venue`"));
}

#[test]
fn a_short_roster_is_only_a_warning() {
    let loaded = load_path(&fixture("roster_short"), Lang::Zh).unwrap();
    assert_eq!(loaded.warnings.len(), 1);
    let w = &loaded.warnings[0];
    assert_eq!((w.line, w.column, w.severity), (12, 5, Severity::Warning));
}

#[test]
fn messages_come_in_english_on_request() {
    match load_path(&fixture("rate_range"), Lang::En) {
        Err(LoadError::Invalid(d)) => assert_eq!(d[0].message, "rate 168% is outside 0–100"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn invalid_utf8_is_located() {
    let mut bytes = b"Session(\n  id: \"x\xff\",\n".to_vec();
    bytes.extend_from_slice(b")\n");
    match delegate_desk::model::load_bytes("bad.ron", &bytes, Lang::En) {
        Err(LoadError::Invalid(d)) => {
            assert_eq!((d[0].line, d[0].column), (2, 9));
            assert!(d[0].message.contains("UTF-8"));
        }
        other => panic!("{other:?}"),
    }
}

fn run_check(args: &[&Path]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_delegate-desk"))
        .arg("check")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_command_exit_status_and_format() {
    let (code, out, _) = run_check(&[&fixture("valid")]);
    assert_eq!(code, 0, "{out}");
    // warnings alone still exit 0
    let (code, _, err) = run_check(&[&fixture("roster_short")]);
    assert_eq!(code, 0);
    assert!(err.contains(":12:5: warning: "), "{err}");
    // errors exit 1, printed as FILE:LINE:COL: error: message, the line, and a caret
    let f = fixture("empty_title");
    let (code, _, err) = run_check(&[&f]);
    assert_eq!(code, 1);
    let mut lines = err.lines();
    assert_eq!(
        lines.next().unwrap(),
        format!("{}:37:30: error: 标题不能为空", f.display())
    );
    assert_eq!(
        lines.next().unwrap(),
        "          Motion(id: \"budget\", title: \"\", method: ShowOfHands),"
    );
    // the caret sits under column 30 (two spaces of indent, 29 narrow chars before it)
    assert_eq!(lines.next().unwrap(), format!("  {}^", " ".repeat(29)));
    // an unreadable file exits 2, even beside a good one
    let (code, _, err) = run_check(&[&fixture("valid"), Path::new("/nonexistent/x.ron")]);
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent/x.ron"));
}

#[test]
fn the_bundled_session_checks_clean() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/jiujiang-2017-09-21.ron");
    let (code, out, err) = run_check(&[&path]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.is_empty(), "warnings in the shipped session: {err}");
}

/// Every character of every shipped session has a glyph in the bundled font: no tofu.
#[test]
fn every_character_of_every_shipped_session_has_a_glyph() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            let text = std::fs::read_to_string(&path).unwrap();
            let missing: Vec<char> = text
                .chars()
                .filter(|c| !delegate_desk::fonts::has_glyph(*c))
                .collect();
            assert!(
                missing.is_empty(),
                "{}: no glyph for {missing:?}",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 1);
    // and the check itself can fail
    assert!(!delegate_desk::fonts::has_glyph('\u{1F600}'));
}
