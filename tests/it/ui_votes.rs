//! The Votes view driven through its widgets: secretary mode, attendance by keyboard, a
//! roll-call vote to its verdict, totals checked against those present, and the journal read
//! back from disk.

use crate::common;

use delegate_desk::i18n::Lang;
use delegate_desk::journal::{Choice, MotionState, Recorder, Verdict, default_path_in};
use delegate_desk::model;
use delegate_desk::ui::DeskApp;
use delegate_desk::ui::prefs::Prefs;
use delegate_desk::ui::view::View;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// Five seats: one named delegate and four placeholders (d001 … d004), one roll-call motion.
const SMALL: &str = r#"Session(
    id: "test-roll-call",
    congress: Congress(
        name: "测试镇人民代表大会",
        title: "测试镇第一届人民代表大会第一次会议",
        term: 1,
        session: 1,
        town: "测试镇",
        date: "2024-01-01",
    ),
    seats: 5,
    roster: [
        Delegate(id: "wang", name: Some("王小明")),
    ],
    fill_roster_with_placeholders: true,
    motions: [
        Motion(
            id: "station",
            title: "关于设立代表联络站的决定",
            method: RollCall,
        ),
    ],
)"#;

fn votes_harness(app: DeskApp) -> Harness<'static, DeskApp> {
    let mut h = common::harness(app);
    h.get_by_role_and_label(Role::Button, "表决").click();
    h.run();
    assert_eq!(h.state().prefs.view, View::Votes);
    h
}

fn enter_secretary_mode(h: &mut Harness<'static, DeskApp>, name: &str) {
    let field = h.get_by_role_and_label(Role::TextInput, "工作人员姓名");
    field.focus();
    field.type_text(name);
    h.run();
    h.get_by_role_and_label(Role::Button, "进入工作人员模式")
        .click();
    h.run();
    assert_eq!(h.state().votes.secretary(), Some(name));
}

/// Types into the attendance search field and presses Enter: marks the first match present.
fn mark_present_by_search(h: &mut Harness<'static, DeskApp>, query: &str) {
    let field = h.get_by_role_and_label(Role::TextInput, "查找");
    field.focus();
    field.type_text(query);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
}

/// 结束表决, confirmed.
fn close_vote(h: &mut Harness<'static, DeskApp>) {
    h.get_by_role_and_label(Role::Button, "结束表决").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "确认结束表决")
        .click();
    h.run();
}

/// Text shown somewhere (the view and the status line may both show a message).
fn shown(h: &Harness<'static, DeskApp>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

fn present(h: &Harness<'static, DeskApp>) -> u32 {
    h.state().votes.tally().unwrap().attendance().present
}

#[test]
fn a_roll_call_recorded_through_the_window_reaches_its_verdict_and_is_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let (app, session) = small_app(dir.path());
    let mut h = votes_harness(app);

    // Read-only by default: nothing can be marked.
    assert_eq!(h.state().votes.secretary(), None);
    assert!(
        h.get_by_role_and_label(Role::Button, "出席 1 王小明")
            .accesskit_node()
            .is_disabled()
    );
    // Nobody marked yet: not "not quorate" but "not started", in a neutral colour.
    h.get_by_label("签到未开始");
    assert!(h.query_by_label("未达法定人数").is_none());
    // Without a name the switch is disabled, and says why on hover.
    h.get_by_role_and_label(Role::Button, "进入工作人员模式")
        .hover();
    h.run();
    h.get_by_label_contains("请先在左边填写工作人员姓名");
    enter_secretary_mode(&mut h, "张三");

    // Quick entry by keyboard: a name, then numbers.
    mark_present_by_search(&mut h, "王小明");
    assert_eq!(present(&h), 1);
    for n in ["d001", "d002", "d003"] {
        mark_present_by_search(&mut h, n);
    }
    assert_eq!(present(&h), 4);
    h.get_by_label("已达法定人数");

    // The rest absent, after a confirmation.
    h.get_by_role_and_label(Role::Button, "其余未签到者标为缺席…")
        .click();
    h.run();
    assert_eq!(h.state().votes.tally().unwrap().attendance().absent, 0);
    h.get_by_label_contains("确认将其余 1 名");
    h.get_by_role_and_label(Role::Button, "确认").click();
    h.run();
    let att = h.state().votes.tally().unwrap().attendance();
    assert_eq!((att.present, att.absent, att.unmarked), (4, 1, 0));

    // The motion: open, one choice per present delegate, close.
    h.get_by_label_contains("关于设立代表联络站的决定").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "开始表决").click();
    h.run();
    // The absent delegate has no row to vote in.
    assert!(h.query_by_label("赞成 5 （未具名）").is_none());
    for (who, choice) in [
        ("1 王小明", "赞成"),
        ("2 （未具名）", "赞成"),
        ("3 （未具名）", "赞成"),
        ("4 （未具名）", "反对"),
    ] {
        h.get_by_role_and_label(Role::Button, &format!("{choice} {who}"))
            .click();
        h.run();
    }
    // A change of mind replaces the earlier choice while the vote is open.
    h.get_by_role_and_label(Role::Button, "弃权 4 （未具名）")
        .click();
    h.run();
    close_vote(&mut h);

    let tally = h.state().votes.tally().unwrap();
    let m = tally.motion("station").unwrap();
    assert_eq!(m.state, MotionState::Closed);
    let r = tally.result(m);
    assert_eq!((r.counts.yes, r.counts.no, r.counts.abstain), (3, 0, 1));
    assert_eq!(r.not_voting, 0);
    // More than half of the 5 seated: 3 yes votes pass it.
    assert_eq!(r.required, Some(3));
    assert_eq!(r.verdict, Verdict::Passed);
    h.get_by_label("通过");
    assert!(h.query_by_label("未通过").is_none());
    // The choice of d003 is shown in the table.
    let d003 = tally.delegate_index("d003").unwrap();
    assert_eq!(m.choice(d003), Some(Choice::Abstain));
    // The audit trail lists the records of this motion, with the secretary's name.
    h.get_by_label_contains("张三 — 结束表决");
    assert!(h.query_all_by_label_contains("张三").count() >= 6);

    // Leaving secretary mode reopens the journal read-only from disk: the same tally.
    h.get_by_role_and_label(Role::Button, "退出").click();
    h.run();
    assert_eq!(h.state().votes.secretary(), None);
    h.get_by_label("通过");

    // And a fresh reader of the file (a delegate's laptop) sees the same.
    let path = default_path_in(dir.path(), &session);
    assert_eq!(h.state().votes.journal_path(), Some(path.as_path()));
    let rec = Recorder::open_read_only(&path, &session).unwrap();
    let t = rec.tally();
    let m = t.motion("station").unwrap();
    let r = t.result(m);
    assert_eq!((r.counts.yes, r.counts.no, r.counts.abstain), (3, 0, 1));
    assert_eq!(r.verdict, Verdict::Passed);
    assert_eq!(m.frozen.unwrap().present, 4);
    assert!(
        rec.journal()
            .read_all()
            .unwrap()
            .iter()
            .skip(1)
            .all(|r| r.secretary == "张三")
    );
}

#[test]
fn jiujiang_show_of_hands_accepts_totals_and_refuses_more_than_present() {
    let dir = tempfile::tempdir().unwrap();
    // 69 delegates signed in already (by another secretary, before this window opened).
    let s = model::load_bundled(Lang::Zh).unwrap().session;
    let zhang = s
        .roster
        .iter()
        .find(|d| d.name.as_deref() == Some("张钊荣"))
        .unwrap()
        .id
        .clone();
    let others: Vec<compact_str::CompactString> = s
        .roster
        .iter()
        .map(|d| d.id.as_str())
        .filter(|id| ![zhang.as_str(), "d001", "d002"].contains(id))
        .take(69)
        .map(Into::into)
        .collect();
    let mut r = Recorder::open_for_writing(&default_path_in(dir.path(), &s), &s, "王五").unwrap();
    r.record(
        "王五",
        delegate_desk::journal::Action::Attendance {
            mark: delegate_desk::journal::Mark::Present,
            delegates: others,
        },
    )
    .unwrap();
    drop(r);
    let mut h = votes_harness(common::app_with_bundled(dir.path()));
    h.get_by_label("应到 107");
    h.get_by_label("法定人数 72");
    h.get_by_label("未达法定人数");
    enter_secretary_mode(&mut h, "李四");
    for q in ["张钊荣", "d001"] {
        mark_present_by_search(&mut h, q);
    }
    assert_eq!(present(&h), 71);

    // One short of the quorum (Art. 14 ¶4): the vote cannot be opened, and the view says
    // how many more must sign in.
    h.get_by_label_contains("财政预算执行情况").click();
    h.run();
    assert!(
        h.get_by_role_and_label(Role::Button, "开始表决")
            .accesskit_node()
            .is_disabled()
    );
    h.get_by_label_contains("还需 1 名代表签到");
    h.get_by_label("签到").click();
    h.run();
    mark_present_by_search(&mut h, "d002");
    assert_eq!(present(&h), 72);
    h.get_by_label_contains("财政预算执行情况").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "开始表决").click();
    h.run();

    // 73 in favour with 72 present: refused, with the reason shown.
    let yes = h.get_by_role_and_label(Role::TextInput, "赞成");
    yes.focus();
    yes.type_text("73");
    h.run();
    h.get_by_label_contains("超过出席人数 72");
    assert!(
        h.get_by_role_and_label(Role::Button, "记录票数")
            .accesskit_node()
            .is_disabled()
    );
    // A negative number is refused too.
    let abstain = h.get_by_role_and_label(Role::TextInput, "弃权");
    abstain.focus();
    abstain.type_text("-1");
    h.run();
    h.get_by_label("弃权不能为负数");
    h.key_press(egui::Key::Backspace);
    h.key_press(egui::Key::Backspace);
    h.run();

    // Two yes, one no: accepted.
    let yes = h.get_by_role_and_label(Role::TextInput, "赞成");
    yes.focus();
    h.key_press(egui::Key::End);
    h.key_press(egui::Key::Backspace);
    h.key_press(egui::Key::Backspace);
    yes.type_text("2");
    h.run();
    let no = h.get_by_role_and_label(Role::TextInput, "反对");
    no.focus();
    no.type_text("1");
    h.run();
    assert!(h.query_by_label_contains("超过出席人数").is_none());
    h.get_by_role_and_label(Role::Button, "记录票数").click();
    h.run();
    let tally = h.state().votes.tally().unwrap();
    let m = tally.motion("budget-2017-jan-aug").unwrap();
    assert!(m.is_counted());
    assert_eq!(
        (m.counts().yes, m.counts().no, m.counts().abstain),
        (2, 1, 0)
    );

    // Closing asks first, with the counts and the verdict it will freeze; cancelling
    // leaves the vote open.
    h.get_by_role_and_label(Role::Button, "结束表决").click();
    h.run();
    h.get_by_label("赞成 2，反对 1，弃权 0，未表决 69（实到 72 名）");
    h.get_by_label("结果将冻结为：未通过（需赞成 54 票）");
    h.get_by_role_and_label(Role::Button, "取消").click();
    h.run();
    assert!(h.query_by_label_contains("结果将冻结为").is_none());
    let open = h
        .state()
        .votes
        .tally()
        .unwrap()
        .motion("budget-2017-jan-aug")
        .unwrap()
        .state;
    assert_eq!(open, MotionState::Open);
    // Closing: two yes of 107 seated (54 needed) does not pass.
    close_vote(&mut h);
    h.get_by_label("未通过");
    h.get_by_label("基数 107，需赞成 54 票");
}

fn small_app(dir: &std::path::Path) -> (DeskApp, delegate_desk::model::Session) {
    let loaded = model::load_str("small.ron", SMALL, Lang::Zh).unwrap();
    let session = loaded.session.clone();
    let mut app = DeskApp::with_prefs(Prefs::default(), dir.to_path_buf());
    app.open_loaded(loaded);
    (app, session)
}

fn mark_of(h: &Harness<'static, DeskApp>, id: &str) -> Option<delegate_desk::journal::Mark> {
    let t = h.state().votes.tally().unwrap();
    t.mark(t.delegate_index(id).unwrap())
}

/// Keyboard only: P/L/A on the highlighted row, undo, a roll call by Y/1/N/A, then a closed
/// vote reopened with a reason and corrected.
#[test]
fn keyboard_entry_undo_and_reopening_with_a_reason() {
    use delegate_desk::journal::Mark;
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = small_app(dir.path());
    let mut h = votes_harness(app);
    enter_secretary_mode(&mut h, "张三");

    // Rows: wang, d001 … d004; the first is highlighted.
    for key in [egui::Key::P, egui::Key::L, egui::Key::A] {
        h.key_press(key);
        h.run();
    }
    assert_eq!(mark_of(&h, "wang"), Some(Mark::Present));
    assert_eq!(mark_of(&h, "d001"), Some(Mark::Leave));
    assert_eq!(mark_of(&h, "d002"), Some(Mark::Absent));

    // Undo is a compensating record: d002 is unmarked again.
    h.get_by_role_and_label(Role::Button, "撤销上一条").click();
    h.run();
    assert_eq!(mark_of(&h, "d002"), None);
    assert!(shown(&h, "撤销第 3 条记录"));

    h.key_press(egui::Key::ArrowUp);
    h.run();
    for _ in 0..2 {
        h.key_press(egui::Key::P);
        h.run();
    }
    assert_eq!(present(&h), 3);
    h.get_by_label("未达法定人数");
    h.key_press(egui::Key::P);
    h.run();
    assert_eq!(mark_of(&h, "d004"), Some(Mark::Present));
    h.get_by_label("已达法定人数");

    h.get_by_label_contains("关于设立代表联络站的决定").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "开始表决").click();
    h.run();
    // Present: wang, d002, d003, d004.
    for key in [egui::Key::Y, egui::Key::Num1, egui::Key::N, egui::Key::A] {
        h.key_press(key);
        h.run();
    }
    close_vote(&mut h);
    h.get_by_label("未通过");
    {
        let t = h.state().votes.tally().unwrap();
        let r = t.result(t.motion("station").unwrap());
        assert_eq!((r.counts.yes, r.counts.no, r.counts.abstain), (2, 1, 1));
        assert_eq!(r.verdict, Verdict::NotPassed);
    }
    // A closed vote is locked: no choices can be clicked.
    assert!(
        h.get_by_role_and_label(Role::Button, "赞成 5 （未具名）")
            .accesskit_node()
            .is_disabled()
    );
    // Reopening needs a reason, which is recorded.
    assert!(
        h.get_by_role_and_label(Role::Button, "重新开放")
            .accesskit_node()
            .is_disabled()
    );
    let reason = h.get_by_role_and_label(Role::TextInput, "重新开放的理由");
    reason.focus();
    reason.type_text("计票有误");
    h.run();
    h.get_by_role_and_label(Role::Button, "重新开放").click();
    h.run();
    assert!(shown(&h, "理由：计票有误"));
    h.get_by_role_and_label(Role::Button, "赞成 5 （未具名）")
        .click();
    h.run();
    close_vote(&mut h);
    h.get_by_label("通过");

    // The projector button opens the projector window with this verdict; F5 closes it.
    h.get_by_role_and_label(Role::Button, "投影").click();
    h.run();
    assert!(h.state().projector.is_open());
    let c = h.state().projector.content().unwrap();
    assert!(c.texts().contains(&"通过"), "{c:?}");
    h.key_press(egui::Key::F5);
    h.run();
    assert!(!h.state().projector.is_open());
    h.get_by_role_and_label(Role::Button, "签到");
}

#[test]
fn a_journal_of_another_session_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let (app, session) = small_app(dir.path());
    let jiujiang = model::load_bundled(Lang::Zh).unwrap().session;
    let path = default_path_in(dir.path(), &session);
    Recorder::open_for_writing(&path, &jiujiang, "王五").unwrap();
    let mut h = votes_harness(app);
    assert!(shown(&h, "该日志属于会议“jiujiang-2017-09-21”"));
    let name = h.get_by_role_and_label(Role::TextInput, "工作人员姓名");
    name.focus();
    name.type_text("张三");
    h.run();
    // Nothing can be recorded into it.
    assert!(
        h.get_by_role_and_label(Role::Button, "进入工作人员模式")
            .accesskit_node()
            .is_disabled()
    );
    assert_eq!(present(&h), 0);
}

#[test]
fn a_damaged_journal_opens_read_only_at_the_damage_and_a_torn_tail_is_reported() {
    use delegate_desk::journal::{Action, Mark};
    let dir = tempfile::tempdir().unwrap();
    let (app, session) = small_app(dir.path());
    let path = default_path_in(dir.path(), &session);
    let mut rec = Recorder::open_for_writing(&path, &session, "王五").unwrap();
    for d in ["wang", "d001", "d002"] {
        rec.record(
            "王五",
            Action::Attendance {
                mark: Mark::Present,
                delegates: vec![d.into()],
            },
        )
        .unwrap();
    }
    drop(rec);
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // Alter record 2 (the third line): "d001" → "d004" breaks its hash.
    let altered = format!(
        "{}\n{}\n{}\n{}\n",
        lines[0],
        lines[1],
        lines[2].replace("d001", "d004"),
        lines[3]
    );
    std::fs::write(&path, altered).unwrap();

    let mut h = votes_harness(app);
    h.get_by_label("日志在第 2 条记录处损坏，只读");
    assert!(shown(&h, "第 2 条记录损坏或被改动"));
    // Only the record before the damage counts.
    assert_eq!(present(&h), 1);
    enter_secretary_mode_refused(&mut h);
    assert!(shown(&h, "只能只读打开"));

    // A torn last record (a power cut mid-write): cut with a warning when opened to record.
    std::fs::write(&path, format!("{}\n{}\n{{\"seq\":2,", lines[0], lines[1])).unwrap();
    h.state_mut()
        .send(delegate_desk::ui::view::AppCommand::Votes(
            delegate_desk::ui::views::votes::VotesCommand::UseDefault,
        ));
    h.run();
    assert!(shown(&h, "最后一条记录不完整"));
    assert_eq!(present(&h), 1);
    // The name typed before is still there.
    h.get_by_role_and_label(Role::Button, "进入工作人员模式")
        .click();
    h.run();
    assert_eq!(h.state().votes.secretary(), Some("张三"));
    assert!(shown(&h, "已截去"));
    let on_disk = std::fs::read_to_string(&path).unwrap();
    assert!(on_disk.ends_with('\n'));
    assert_eq!(on_disk.lines().count(), 2);
}

fn enter_secretary_mode_refused(h: &mut Harness<'static, DeskApp>) {
    let field = h.get_by_role_and_label(Role::TextInput, "工作人员姓名");
    field.focus();
    field.type_text("张三");
    h.run();
    h.get_by_role_and_label(Role::Button, "进入工作人员模式")
        .click();
    h.run();
    assert_eq!(h.state().votes.secretary(), None);
}

/// Importing another secretary's journal lists the disagreement for a decision; the merged
/// journal is written as a new file and both inputs stay as they were.
#[test]
fn merging_lists_conflicts_for_a_decision_and_writes_a_new_journal() {
    use delegate_desk::journal::{Action, Mark};
    use delegate_desk::ui::view::AppCommand;
    use delegate_desk::ui::views::votes::VotesCommand;
    let dir = tempfile::tempdir().unwrap();
    let (app, session) = small_app(dir.path());
    let ours_path = default_path_in(dir.path(), &session);
    let theirs_path = dir.path().join("lisi.jsonl");
    let mark = |mark, d: &str| Action::Attendance {
        mark,
        delegates: vec![d.into()],
    };
    let mut ours = Recorder::open_for_writing(&ours_path, &session, "张三").unwrap();
    ours.record("张三", mark(Mark::Present, "wang")).unwrap();
    ours.record("张三", mark(Mark::Present, "d002")).unwrap();
    let mut theirs = Recorder::open_for_writing(&theirs_path, &session, "李四").unwrap();
    theirs.record("李四", mark(Mark::Absent, "d002")).unwrap();
    theirs.record("李四", mark(Mark::Present, "d003")).unwrap();
    // One writer at a time: the window records in our journal once we let go of it.
    drop((ours, theirs));
    let before = std::fs::read(&ours_path).unwrap();

    let mut h = votes_harness(app);
    enter_secretary_mode(&mut h, "张三");
    h.state_mut()
        .send(AppCommand::Votes(VotesCommand::Import(theirs_path.clone())));
    h.run();
    assert!(shown(&h, "冲突 1 个，待决定 1 个"));
    assert!(shown(&h, "d002 的签到"));
    assert!(
        h.get_by_role_and_label(Role::Button, "将合并结果保存为新日志…")
            .accesskit_node()
            .is_disabled()
    );
    h.get_by_role_and_label(Role::RadioButton, "采用导入记录 (1)")
        .click();
    h.run();
    assert!(shown(&h, "待决定 0 个"));
    assert!(
        !h.get_by_role_and_label(Role::Button, "将合并结果保存为新日志…")
            .accesskit_node()
            .is_disabled()
    );

    // The save dialog's answer (a native dialog cannot run in a test).
    let merged = dir.path().join("merged.jsonl");
    h.state_mut()
        .send(AppCommand::Votes(VotesCommand::SaveMerged(merged.clone())));
    h.run();
    assert!(h.query_by_label_contains("待决定").is_none());
    assert_eq!(h.state().votes.journal_path(), Some(merged.as_path()));
    assert_eq!(h.state().votes.secretary(), Some("张三"));
    assert_eq!(mark_of(&h, "wang"), Some(Mark::Present));
    assert_eq!(mark_of(&h, "d002"), Some(Mark::Absent));
    assert_eq!(mark_of(&h, "d003"), Some(Mark::Present));
    assert_eq!(std::fs::read(&ours_path).unwrap(), before);
    let reread = Recorder::open_read_only(&merged, &session).unwrap();
    assert_eq!(reread.tally().attendance().present, 2);
}

#[test]
fn a_read_only_window_follows_what_a_secretary_records_elsewhere() {
    use delegate_desk::journal::{Action, Mark};
    use std::time::{Duration, Instant};

    let dir = tempfile::tempdir().unwrap();
    let (app, session) = small_app(dir.path());
    let mut h = votes_harness(app);
    assert_eq!(present(&h), 0);
    // Another secretary writes to the same (shared) file: its folder does not exist yet.
    let path = default_path_in(dir.path(), &session);
    let mut rec = Recorder::open_for_writing(&path, &session, "李四").unwrap();
    let wang = Action::Attendance {
        mark: Mark::Present,
        delegates: vec!["wang".into()],
    };
    rec.record("李四", wang).unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while present(&h) == 0 {
        assert!(Instant::now() < deadline, "the window never saw the record");
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run();
    h.get_by_label("日志文件已更新，计票已刷新");
    assert_eq!(h.state().votes.secretary(), None, "still read-only");
}

/// The motion's header wraps between its parts, not inside them: "状态：" stays beside the
/// state, however narrow the view (here beside the notes panel).
#[test]
fn the_motion_state_is_never_parted_from_its_label() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::app_with_bundled(dir.path());
    app.prefs.notes_panel.set(View::Votes, true);
    let mut h = votes_harness(app);
    h.get_by_label_contains("财政预算执行情况").click();
    h.run();
    let state = h.get_by_label("状态：未开始").rect();
    let row = (h.query_all_by_label_contains("通过条件：").next())
        .expect("the rule beside it")
        .rect();
    assert!(
        state.height() <= row.height() + 0.5,
        "the state took {} points, a line {}",
        state.height(),
        row.height()
    );
}

/// A placeholder (the source names only some delegates) reads as unnamed, not as its number
/// twice; a named delegate reads as their name; each row is numbered by seat, not by id.
#[test]
fn a_placeholder_delegate_reads_as_unnamed() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = small_app(dir.path());
    let h = votes_harness(app);
    assert!(h.query_by_label("1 王小明 未签到").is_some());
    assert!(h.query_by_label("2 （未具名） 未签到").is_some());
    assert!(!shown(&h, "d001"));
    assert!(!shown(&h, "wang"));
}

/// An agenda item's 表决 link on the overview opens the Votes view on that item's motion, not
/// on whatever was selected last.
#[test]
fn the_overview_agenda_link_opens_the_item_motion() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(common::app_with_bundled(dir.path()));
    assert_eq!(h.state().prefs.view, View::Overview);
    let first = h
        .state()
        .open
        .as_ref()
        .and_then(|o| {
            o.loaded
                .session
                .agenda
                .iter()
                .find_map(|a| a.motion.clone())
        })
        .expect("the Jiujiang agenda votes on a motion");
    h.get_all_by_role_and_label(Role::Link, "表决")
        .next()
        .expect("an agenda item links to its vote")
        .click();
    h.run();
    assert_eq!(h.state().prefs.view, View::Votes);
    assert_eq!(h.state().votes.selected(), Some(first.as_str()));
}
