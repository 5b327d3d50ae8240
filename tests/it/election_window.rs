//! Elections recorded through the window, as a secretary does it: refused below the quorum
//! (saying how many more must sign in), ballots issued and returned, then the published
//! by-election typed from its counting sheet, and a round counted ballot by ballot (唱票) by
//! keyboard with its checks, undo, a further election opened when asked; the journal read
//! back from disk and the result shown read-only.

use std::path::{Path, PathBuf};

use crate::common;

use delegate_desk::i18n::Lang;
use delegate_desk::journal::{Action, Mark, MotionState, Recorder, TallyReport, default_path_in};
use delegate_desk::model::election_count::{Next, RoundKind};
use delegate_desk::model::{self, Session};
use delegate_desk::ui::DeskApp;
use delegate_desk::ui::prefs::Prefs;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/elections")
        .join(name)
}

/// The app with `text` open, its journal under `dir`, the first `present` delegates (d001 …)
/// already signed in by another secretary before the window opened.
fn app(dir: &Path, text: &str, present: u32) -> (DeskApp, Session) {
    let loaded = model::load_str("s.ron", text, Lang::Zh).unwrap();
    let session = loaded.session.clone();
    let mut r =
        Recorder::open_for_writing(&default_path_in(dir, &session), &session, "王五").unwrap();
    r.record(
        "王五",
        Action::Attendance {
            mark: Mark::Present,
            delegates: (1..=present).map(|i| format!("d{i:03}").into()).collect(),
        },
    )
    .unwrap();
    drop(r);
    let mut app = DeskApp::with_prefs(Prefs::default(), dir.to_path_buf());
    app.open_loaded(loaded);
    (app, session)
}

fn secretary_harness(app: DeskApp) -> Harness<'static, DeskApp> {
    let mut h = common::harness(app);
    h.get_by_role_and_label(Role::Button, "表决").click();
    h.run();
    let field = h.get_by_role_and_label(Role::TextInput, "工作人员姓名");
    field.focus();
    field.type_text("李秘书");
    h.run();
    h.get_by_role_and_label(Role::Button, "进入工作人员模式")
        .click();
    h.run();
    assert_eq!(h.state().votes.secretary(), Some("李秘书"));
    h
}

fn select(h: &mut Harness<'static, DeskApp>, list_item: &str) {
    h.get_by_label_contains(list_item).click();
    h.run();
}

/// Replaces what a field holds with `text`.
fn type_into(h: &mut Harness<'static, DeskApp>, role: Role, label: &str, text: &str) {
    let field = h.get_by_role_and_label(role, label);
    field.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    h.get_by_role_and_label(role, label).type_text(text);
    h.run();
}

fn disabled(h: &Harness<'static, DeskApp>, label: &str) -> bool {
    h.get_by_role_and_label(Role::Button, label)
        .accesskit_node()
        .is_disabled()
}

fn report(h: &Harness<'static, DeskApp>) -> TallyReport {
    TallyReport::new(h.state().votes.tally().unwrap(), "", "ok", Lang::Zh)
}

fn keys(h: &mut Harness<'static, DeskApp>, keys: &[egui::Key]) {
    for k in keys {
        h.key_press(*k);
        h.run();
    }
}

/// 补选 of two 副镇长, 76 seated, 73 present: refused below the quorum, then typed from the
/// counting sheet with its checks, closed, on disk, and read-only for a delegate.
#[test]
fn the_published_by_election_typed_from_the_counting_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("by-election-76.ron")).unwrap();
    // 50 of 76 signed in: one short of two-thirds (51).
    let (app, session) = app(dir.path(), &text, 50);
    let mut h = secretary_harness(app);

    select(&mut h, "副镇长");
    assert!(disabled(&h, "开始第一轮投票"));
    h.get_by_label_contains("还需 1 名代表签到");
    h.get_by_label_contains("须得 39 票以上");

    // 23 more sign in: 73 present.
    h.get_by_label("签到").click();
    h.run();
    for i in 51..=73 {
        let field = h.get_by_role_and_label(Role::TextInput, "查找");
        field.focus();
        field.type_text(&format!("d{i:03}"));
        h.run();
        h.key_press(egui::Key::Enter);
        h.run();
    }
    assert_eq!(h.state().votes.tally().unwrap().attendance().present, 73);
    select(&mut h, "副镇长");
    h.get_by_role_and_label(Role::Button, "开始第一轮投票")
        .click();
    h.run();
    h.get_by_label_contains("先记录发出和收回的选票数");

    // More ballots issued than present is refused as typed.
    type_into(&mut h, Role::TextInput, "发出选票", "74");
    type_into(&mut h, Role::TextInput, "收回选票", "73");
    h.get_by_label_contains("超过实到人数 73");
    assert!(disabled(&h, "记录发出和收回"));
    type_into(&mut h, Role::TextInput, "发出选票", "73");
    h.get_by_role_and_label(Role::Button, "记录发出和收回")
        .click();
    h.run();

    // The counting sheet: more than the valid ballots for one person is refused as typed.
    type_into(&mut h, Role::TextInput, "赞成 宋正舜", "74");
    h.get_by_label_contains("超过有效票 73 张");
    assert!(disabled(&h, "记录计票单"));
    type_into(&mut h, Role::TextInput, "赞成 宋正舜", "73");
    type_into(&mut h, Role::TextInput, "赞成 徐进", "71");
    type_into(&mut h, Role::TextInput, "反对 徐进", "1");
    type_into(&mut h, Role::TextInput, "弃权 徐进", "1");
    assert!(h.query_by_label_contains("超过有效票 73 张").is_none());
    h.get_by_role_and_label(Role::Button, "记录计票单").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "结束本轮").click();
    h.run();

    let r = report(&h);
    let e = &r.elections[0];
    assert_eq!(e.elected, ["宋正舜", "徐进"]);
    assert_eq!(e.next, Some(Next::Done));
    let round = &e.rounds[0];
    assert_eq!(round.state, MotionState::Closed);
    assert_eq!(
        (round.required, round.issued, round.returned, round.valid),
        (Some(39), Some(73), Some(73), 73)
    );
    let xu = &round.candidates[1];
    assert_eq!((xu.yes, xu.no, xu.abstain, xu.elected), (71, 1, 1, true));
    h.get_by_label("当选：宋正舜、徐进");
    h.get_by_label_contains("下一步：选举结束");
    // The round is closed: no more to open.
    assert!(h.query_by_label("开始下一轮投票").is_none());

    // On disk, as a delegate's laptop reads it.
    let path = default_path_in(dir.path(), &session);
    let rec = Recorder::open_read_only(&path, &session).unwrap();
    let disk = TallyReport::new(rec.tally(), "", "ok", Lang::Zh);
    assert_eq!(disk.elections, r.elections);

    // Read-only: the result, no entry.
    h.get_by_role_and_label(Role::Button, "退出").click();
    h.run();
    assert_eq!(h.state().votes.secretary(), None);
    h.get_by_label("当选：宋正舜、徐进");
    h.get_by_label("只读查看：记录需进入工作人员模式");
    assert!(h.query_by_label("结束本轮").is_none());
    assert!(h.query_by_label("记录计票单").is_none());
}

/// Two 副镇长 of three candidates, five delegates: ballots called out one by one by keyboard,
/// a ballot with too many marks counted invalid and taken back, a write-in, a spoiled
/// ballot, no more ballots than returned; one elected, and the further election for the
/// seat left opened when asked, with the next two by votes.
#[test]
fn ballot_by_ballot_by_keyboard_to_a_further_election() {
    const SMALL: &str = r#"Session(
    id: "ballots-5",
    congress: Congress(name: "测试镇人民代表大会", title: "测试会议", term: 1, session: 1,
                       town: "测试镇", date: "2024-01-05"),
    seats: 5,
    fill_roster_with_placeholders: true,
    elections: [
        Election(id: "dep", office: "副镇长", post: Deputy, seats: 2,
                 candidates: [Candidate(name: "甲"), Candidate(name: "乙"), Candidate(name: "丙")]),
    ],
)"#;
    use egui::Key::{Backspace, Enter, N, Num0, X, Y};
    let dir = tempfile::tempdir().unwrap();
    let (app, session) = app(dir.path(), SMALL, 5);
    let mut h = secretary_harness(app);
    select(&mut h, "副镇长");
    h.get_by_role_and_label(Role::Button, "开始第一轮投票")
        .click();
    h.run();
    type_into(&mut h, Role::TextInput, "发出选票", "5");
    type_into(&mut h, Role::TextInput, "收回选票", "5");
    h.get_by_role_and_label(Role::Button, "记录发出和收回")
        .click();
    h.run();
    h.get_by_label("逐张唱票").click();
    h.run();
    let counted = |h: &Harness<'static, DeskApp>| {
        let t = h.state().votes.tally().unwrap();
        let r = &t.election("dep").unwrap().rounds[0];
        (r.valid(), r.invalid())
    };

    keys(&mut h, &[Y, Y, N, Enter]);
    keys(&mut h, &[Y, N, Y, Enter]);
    assert_eq!(counted(&h), (2, 0));
    h.get_by_label_contains("已唱票 2 张");
    // Three yes marks for two seats: said before it is recorded, then counted invalid.
    keys(&mut h, &[Y, Y, Y]);
    h.get_by_label("本张选票赞成 3 人，多于应选 2 名，将计为废票");
    keys(&mut h, &[Enter]);
    assert_eq!(counted(&h), (2, 1));
    // Backspace takes that ballot back.
    keys(&mut h, &[Backspace]);
    assert_eq!(counted(&h), (2, 0));
    // 甲 and a written-in 王五.
    keys(&mut h, &[Y, Num0, Num0]);
    let field = h.get_by_role_and_label(Role::TextInput, "本张另选他人");
    field.focus();
    field.type_text("王五");
    h.run();
    h.key_press(Enter);
    h.run();
    h.get_by_role_and_label(Role::Button, "+王五 ×");
    assert_eq!(
        counted(&h),
        (2, 0),
        "Enter in the name field adds it, nothing more"
    );
    keys(&mut h, &[Enter]);
    assert_eq!(counted(&h), (3, 0));
    // A spoiled ballot, then 甲 no, 乙 and 丙 yes.
    keys(&mut h, &[X]);
    h.get_by_label("本张选票记为废票");
    keys(&mut h, &[Enter]);
    keys(&mut h, &[N, Y, Y, Enter]);
    assert_eq!(counted(&h), (4, 1));
    h.get_by_label_contains("还有 0 张");
    // A sixth ballot of five returned is refused.
    assert!(disabled(&h, "记下本张（回车）"));
    h.get_by_label_contains("超过收回的 5 张");
    keys(&mut h, &[Enter]);
    assert_eq!(counted(&h), (4, 1));

    h.get_by_role_and_label(Role::Button, "结束本轮").click();
    h.run();
    let r = report(&h);
    let e = &r.elections[0];
    let round = &e.rounds[0];
    let votes: Vec<(&str, u32, u32, u32)> = round
        .candidates
        .iter()
        .map(|c| (c.name.as_str(), c.yes, c.no, c.abstain))
        .collect();
    assert_eq!(
        votes,
        [
            ("甲", 3, 1, 0),
            ("乙", 2, 1, 0),
            ("丙", 2, 1, 0),
            ("王五", 1, 0, 0)
        ]
    );
    assert!(round.candidates[3].written_in);
    // 3 of 5 seated needed: 甲 alone; the seat left goes to a further election.
    assert_eq!(e.elected, ["甲"]);
    assert_eq!(
        e.next,
        Some(Next::FurtherElection {
            seats: 1,
            candidates: Some(vec!["乙".into(), "丙".into()])
        })
    );
    h.get_by_label("当选：甲");
    h.get_by_label_contains("不足的 1 个名额另行选举");

    // Opened when asked.
    h.get_by_role_and_label(Role::Button, "开始下一轮投票")
        .click();
    h.run();
    let t = h.state().votes.tally().unwrap();
    let e = t.election("dep").unwrap();
    let r2 = &e.rounds[1];
    assert_eq!(
        (r2.kind, r2.seats, r2.state),
        (RoundKind::Further, 1, MotionState::Open)
    );
    assert_eq!(r2.candidates, ["乙", "丙"]);
    assert!(
        h.query_all_by_label_contains("第 2 轮（另行选举")
            .next()
            .is_some()
    );

    // Every ballot is on disk.
    let rec = Recorder::open_read_only(&default_path_in(dir.path(), &session), &session).unwrap();
    let ballots = rec
        .journal()
        .read_all()
        .unwrap()
        .iter()
        .filter(|r| matches!(r.action, Action::ElectionBallot { .. }))
        .count();
    // Six recorded, one taken back by an undo record.
    assert_eq!(ballots, 6);
}

/// The same page in English: the law named, the words from the locale.
#[test]
fn the_election_page_speaks_english() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("by-election-76.ron")).unwrap();
    let (mut app, _) = app(dir.path(), &text, 50);
    app.prefs.lang = Lang::En;
    let mut h = common::harness(app);
    h.get_by_role_and_label(Role::Button, "Votes").click();
    h.run();
    select(&mut h, "副镇长");
    h.get_by_label_contains("Organic Law Art. 25 and 29");
    h.get_by_label("Elected: (nobody yet)");
    h.get_by_label("Read-only: recording needs secretary mode");
}

/// The published head-post election: 102 seated, 90 present, the single nominee 叶沛长
/// (等额, Art. 27) 赞成 90 反对 0 弃权 0, typed from the counting sheet. Closing the round, the
/// window states 当选 with his 90 votes and the 52 required — more than half of all 102
/// seated (Art. 25, Art. 29), not of the 90 present.
#[test]
fn the_published_single_nominee_90_of_102_is_elected_in_the_window() {
    const HEAD: &str = r#"Session(
    id: "head-102",
    congress: Congress(name: "测试镇人民代表大会", title: "测试镇第一届人民代表大会第一次会议",
                       term: 1, session: 1, town: "测试镇", date: "2024-01-05"),
    seats: 102,
    fill_roster_with_placeholders: true,
    elections: [
        Election(id: "mayor", office: "镇长", post: Head, seats: 1,
            candidates: [Candidate(name: "叶沛长")]),
    ],
)"#;
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = app(dir.path(), HEAD, 90);
    let mut h = secretary_harness(app);
    select(&mut h, "镇长");
    h.get_by_role_and_label(Role::Button, "开始第一轮投票")
        .click();
    h.run();
    type_into(&mut h, Role::TextInput, "发出选票", "90");
    type_into(&mut h, Role::TextInput, "收回选票", "90");
    h.get_by_role_and_label(Role::Button, "记录发出和收回")
        .click();
    h.run();
    type_into(&mut h, Role::TextInput, "赞成 叶沛长", "90");
    type_into(&mut h, Role::TextInput, "反对 叶沛长", "0");
    type_into(&mut h, Role::TextInput, "弃权 叶沛长", "0");
    h.get_by_role_and_label(Role::Button, "记录计票单").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "结束本轮").click();
    h.run();

    // The tally behind the window.
    let r = report(&h);
    let e = &r.elections[0];
    assert_eq!(e.elected, ["叶沛长"]);
    assert_eq!(e.next, Some(Next::Done));
    assert_eq!(e.rounds[0].required, Some(52));
    assert_eq!(e.rounds[0].state, MotionState::Closed);

    // What the window shows.
    h.get_by_label("当选：叶沛长");
    h.get_by_label_contains("须得 52 票（全体代表 102 人的过半数");
    h.get_by_label_contains("发出选票 90 张，收回 90 张，有效 90 张，废票 0 张");
    h.get_by_label_contains("下一步：选举结束");
    // His row of the result grid: name, 90 赞成, 0, 0, 当选 on one line.
    let rows: Vec<f32> = h
        .query_all_by_label("叶沛长")
        .map(|n| n.rect().center().y)
        .collect();
    let on_row = |label: &str, y: f32| {
        h.query_all_by_label(label)
            .filter(|n| (n.rect().center().y - y).abs() < 2.0)
            .count()
    };
    assert!(
        rows.iter()
            .any(|&y| on_row("90", y) == 1 && on_row("0", y) == 2 && on_row("当选", y) == 1),
        "no result row reads 叶沛长 90 0 0 当选"
    );
}
