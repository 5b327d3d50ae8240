//! 文件 → 新建会议 in the window: files given as typed paths (no portal in tests), a .doc
//! refused with its name shown, the facts typed, the agenda arranged, the numbers reviewed,
//! an existing file kept until the secretary says to replace it, and the saved session opened.

use std::path::Path;

use crate::common;
use crate::docx_writer::{docx, heading, text};

use delegate_desk::i18n::{Label, Lang};
use delegate_desk::model::{self, AgendaKind, Post, VotingMethod};
use delegate_desk::ui::DeskApp;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// Steps frames until the dialog's reading or saving has finished (bounded, not timed), then
/// lets the window settle.
fn wait_for_dialog(h: &mut Harness<'static, DeskApp>) {
    h.step();
    for _ in 0..2000 {
        h.step();
        if !h.state().new_session.as_ref().is_some_and(|d| d.is_busy()) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(
        !h.state().new_session.as_ref().is_some_and(|d| d.is_busy()),
        "the dialog never finished its work"
    );
    for _ in 0..20 {
        if h.try_run().is_ok() {
            break;
        }
    }
}

fn type_into(h: &mut Harness<'static, DeskApp>, label: &str, text: &str) {
    let field = h.get_by_role_and_label(Role::TextInput, label);
    field.focus();
    field.type_text(text);
    h.run();
}

fn click(h: &mut Harness<'static, DeskApp>, role: Role, label: &str) {
    h.get_by_role_and_label(role, label).click_accesskit();
    h.run();
}

fn write_fixtures(dir: &Path) {
    let blocks = vec![
        heading(1, "工作回顾"),
        text("2016年,全镇地区生产总值10.0亿元,工业投资3.0亿元。"),
        heading(1, "工作安排"),
        text("2017年,力争地区生产总值达到12.5亿元,增长10%;工业投资3.3亿元,增长10%。"),
    ];
    std::fs::write(dir.join("报告.docx"), docx(&blocks, false)).unwrap();
    std::fs::write(dir.join("旧报告.doc"), b"\xd0\xcf\x11\xe0 an old Word file").unwrap();
    std::fs::write(
        dir.join("名单.csv"),
        "姓名,代表团,职务\n张三,第一代表团,镇长\n李四,第二代表团,\n王五,第一代表团,\n",
    )
    .unwrap();
}

#[test]
fn new_session_from_a_report_and_a_roster_is_saved_and_opens() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("files");
    std::fs::create_dir(&files).unwrap();
    write_fixtures(&files);
    let out = dir.path().join("新会议.ron");
    let mut h = common::harness(common::app_with_bundled(&dir.path().join("data")));

    // 文件 → 新建会议
    h.get_by_label("文件").click();
    h.run();
    // A menu button's label carries its shortcut.
    h.get_by_label("新建会议… Ctrl+N").click();
    h.run();
    assert!(h.state().new_session.is_some(), "the dialog opened");

    // An old Word file is refused, and the dialog says which.
    type_into(
        &mut h,
        "报告路径",
        &files.join("旧报告.doc").display().to_string(),
    );
    click(&mut h, Role::Button, "添加");
    click(&mut h, Role::Button, "读取文件");
    wait_for_dialog(&mut h);
    let error = h.state().new_session.as_ref().unwrap().error.clone();
    let error = error.expect("the .doc is refused");
    assert!(
        error.contains("旧报告.doc") && error.contains(".docx"),
        "{error}"
    );
    assert!(h.query_by_label_contains("旧报告.doc：").is_some());
    click(&mut h, Role::Button, "移除 旧报告.doc");

    // The report and the roster by path; the facts typed; seats left to the roster.
    type_into(
        &mut h,
        "报告路径",
        &files.join("报告.docx").display().to_string(),
    );
    click(&mut h, Role::Button, "添加");
    type_into(
        &mut h,
        "代表名单",
        &files.join("名单.csv").display().to_string(),
    );
    type_into(&mut h, "会议名称", "某镇第一届人民代表大会第二次会议");
    type_into(&mut h, "日期", "2017-03-01");
    type_into(&mut h, "会场", "镇政府礼堂");
    click(&mut h, Role::Button, "读取文件");
    wait_for_dialog(&mut h);
    {
        let d = h.state().new_session.as_ref().unwrap();
        assert_eq!(d.error, None);
        assert_eq!(
            d.facts.seats, "3",
            "the roster's count is proposed as the seats"
        );
        let read = d.read.as_ref().expect("the files were read");
        assert_eq!(read.delegates, 3);
        assert_eq!(read.review.agenda.len(), 1, "one item per report");
    }
    assert!(h.query_by_label_contains("名单：3 名代表").is_some());

    // The numbers: drop last year's investment, edit the name of this year's target.
    let values: Vec<String> = h
        .state()
        .new_session
        .as_ref()
        .unwrap()
        .read
        .as_ref()
        .unwrap()
        .review
        .numbers
        .iter()
        .map(|n| n.value.clone())
        .collect();
    let row = |v: &str| values.iter().position(|x| x == v).expect(v) + 1;
    click(
        &mut h,
        Role::CheckBox,
        &format!("保留第 {} 个数字", row("3.0")),
    );
    type_into(&mut h, &format!("第 {} 个数字的名称", row("12.5")), "目标");

    // The agenda: a vote on the report added after it.
    click(&mut h, Role::Button, "添加议程：表决");
    type_into(&mut h, "第 2 项议程名称", "表决政府工作报告");

    // A file already at the output is kept until the secretary says to replace it.
    std::fs::write(&out, "keep me").unwrap();
    type_into(&mut h, "会议文件", &out.display().to_string());
    click(&mut h, Role::Button, "保存并打开");
    wait_for_dialog(&mut h);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    assert!(h.query_by_label_contains("已存在。要替换吗？").is_some());
    click(&mut h, Role::Button, "替换");
    wait_for_dialog(&mut h);

    // Saved, closed, and open in the window.
    assert!(h.state().new_session.is_none(), "the dialog closed");
    let open = h.state().open.as_ref().expect("a session is open");
    assert_eq!(open.path.as_deref(), Some(out.as_path()));
    let s = &open.loaded.session;
    assert_eq!(s.congress.title, "某镇第一届人民代表大会第二次会议");
    assert_eq!((s.congress.term, s.congress.session), (1, 2));
    assert_eq!(s.congress.venue.as_deref(), Some("镇政府礼堂"));
    assert_eq!(s.seats, 3);
    assert_eq!(s.roster.len(), 3);
    assert_eq!(s.indicators.len(), values.len() - 1);
    assert!(s.indicators.iter().all(|i| i.value != 3.0));
    let target = s.indicators.iter().find(|i| i.value == 12.5).unwrap();
    assert!(target.name.ends_with("目标"), "{}", target.name);
    assert!(target.target);
    // The investment target lost its dropped basis; the GDP target keeps its own.
    let invest = s.indicators.iter().find(|i| i.value == 3.3).unwrap();
    assert_eq!(invest.basis, None);
    let basis = s.indicator(target.basis.as_deref().unwrap()).unwrap();
    assert_eq!(basis.value, 10.0);
    // 12.5 does not follow from 10.0 and 10 %: the file opened, with check's warning shown.
    assert!(h.query_by_label_contains("已打开，但有以下提醒").is_some());
    assert!(h.query_by_label_contains("与其基数不符").is_some());
    assert!(
        h.query_by_label_contains("原先打开的会议保持不变")
            .is_none()
    );
    let open = h.state().open.as_ref().expect("a session is open");
    let s = &open.loaded.session;
    let kinds: Vec<AgendaKind> = s.agenda.iter().map(|a| a.kind).collect();
    assert_eq!(kinds, [AgendaKind::Report, AgendaKind::Vote]);
    let motion = s.motion(s.agenda[1].motion.as_deref().unwrap()).unwrap();
    assert_eq!(motion.title, "表决政府工作报告");
    assert_eq!(motion.method, VotingMethod::ShowOfHands);

    // What was written is what `check` reads, with where each item came from.
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("在“新建会议”窗口中填写"), "{text}");
    assert!(text.contains("在“新建会议”窗口中添加"), "{text}");
    assert!(text.contains("已在窗口中修改"), "{text}");
    assert!(text.contains("在“新建会议”窗口中整理"), "{text}");
    let counts = format!("保留 {} 个，舍去 1 个", values.len() - 1);
    assert!(text.contains(&counts), "{text}");
    model::load_str("new.ron", &text, Lang::Zh).expect("check accepts the saved file");
    // The inputs were only read.
    assert!(files.join("名单.csv").exists());
}

/// Replaces what a field holds with `text`.
fn replace_in(h: &mut Harness<'static, DeskApp>, label: &str, text: &str) {
    let field = h.get_by_role_and_label(Role::TextInput, label);
    field.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
}

fn choose_post(h: &mut Harness<'static, DeskApp>, post: &str) {
    click(h, Role::ComboBox, "第 2 项议程的职位类别");
    h.get_by_label(post).click();
    h.run();
    let read = h
        .state()
        .new_session
        .as_ref()
        .unwrap()
        .read
        .as_ref()
        .unwrap();
    let e = read.review.agenda[1].election.as_ref().unwrap();
    assert_eq!(e.post.label(Lang::Zh), post);
}

fn save_disabled(h: &Harness<'static, DeskApp>) -> bool {
    h.get_by_role_and_label(Role::Button, "保存并打开")
        .accesskit_node()
        .is_disabled()
}

#[test]
fn an_election_and_the_inspection_typed_into_the_agenda_are_saved_checked_and_open() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("files");
    std::fs::create_dir(&files).unwrap();
    write_fixtures(&files);
    let out = dir.path().join("选举.ron");
    let mut h = common::harness(common::app_with_bundled(&dir.path().join("data")));
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("新建会议… Ctrl+N").click();
    h.run();
    type_into(
        &mut h,
        "报告路径",
        &files.join("报告.docx").display().to_string(),
    );
    click(&mut h, Role::Button, "添加");
    type_into(
        &mut h,
        "代表名单",
        &files.join("名单.csv").display().to_string(),
    );
    type_into(&mut h, "会议名称", "某镇第一届人民代表大会第二次会议");
    type_into(&mut h, "日期", "2017-03-01");
    click(&mut h, Role::Button, "读取文件");
    wait_for_dialog(&mut h);
    type_into(&mut h, "会议文件", &out.display().to_string());

    // An election of two deputy mayors, defined in the agenda.
    click(&mut h, Role::Button, "添加议程：选举");
    type_into(&mut h, "第 2 项议程名称", "选举副镇长");
    type_into(&mut h, "第 2 项议程的职务", "副镇长");
    replace_in(&mut h, "第 2 项议程的应选名额", "2");
    assert!(
        h.query_by_label_contains("副职：候选人数应比应选人数多一人至三人")
            .is_some()
    );

    // Seven candidates for two deputy seats: five more, so Art. 27 asks for a primary first.
    type_into(&mut h, "第 2 项议程的候选人", "甲\n乙\n丙\n丁\n戊\n己\n庚");
    let missing = h.state().new_session.as_ref().unwrap().missing(Lang::Zh);
    assert!(
        missing.iter().any(
            |m| m.starts_with("第 2 项议程（选举）：违反《地方组织法》第二十七条")
                && m.contains("预选")
        ),
        "{missing:?}"
    );
    assert!(save_disabled(&h), "a breach of Art. 27 blocks saving");
    assert!(
        h.query_by_label_contains("第 2 项议程（选举）：违反《地方组织法》第二十七条")
            .is_some()
    );
    // The same list is lawful for a by-election (Art. 30: as many as the seats, or more).
    choose_post(&mut h, "补选");
    assert!(
        h.query_by_label_contains("（《地方组织法》第三十条）")
            .is_some()
    );
    assert!(!save_disabled(&h));
    choose_post(&mut h, "副职");
    assert!(save_disabled(&h));
    replace_in(
        &mut h,
        "第 2 项议程的候选人",
        "张三\n李四（现任镇党委委员）\n王五",
    );
    assert!(
        h.query_by_label_contains("应选 2 名，候选人 3 名：符合规定")
            .is_some()
    );

    // The inspection: empty at first (said, not refused), then one stop typed.
    click(&mut h, Role::Button, "添加议程：视察");
    type_into(&mut h, "第 3 项议程名称", "代表视察重点项目");
    assert!(h.query_by_label_contains("行程为空").is_some());
    assert!(
        !save_disabled(&h),
        "an inspection with no stop can be saved"
    );
    click(&mut h, Role::Button, "第 3 项议程：添加视察点");
    assert!(save_disabled(&h), "a stop needs its project and place");
    type_into(&mut h, "第 3 项议程第 1 个视察点的项目", "污水处理厂");
    type_into(&mut h, "第 3 项议程第 1 个视察点的地点", "沙口村");
    type_into(&mut h, "第 3 项议程第 1 个视察点的时间", "下午");

    click(&mut h, Role::Button, "保存并打开");
    wait_for_dialog(&mut h);
    assert!(h.state().new_session.is_none(), "the dialog closed");
    let open = h.state().open.as_ref().expect("a session is open");
    let s = &open.loaded.session;
    let kinds: Vec<AgendaKind> = s.agenda.iter().map(|a| a.kind).collect();
    assert_eq!(
        kinds,
        [
            AgendaKind::Report,
            AgendaKind::Election,
            AgendaKind::Inspection
        ]
    );
    let e = s
        .election(s.agenda[1].election.as_deref().unwrap())
        .unwrap();
    assert_eq!(
        (e.office.as_str(), e.post, e.seats),
        ("副镇长", Post::Deputy, 2)
    );
    assert_eq!(
        e.candidate_names().collect::<Vec<_>>(),
        ["张三", "李四", "王五"]
    );
    assert_eq!(e.candidates[1].note.as_deref(), Some("现任镇党委委员"));
    assert!(s.motion(&e.id).is_none());
    let election_id = e.id.clone();
    assert_eq!(s.itinerary.len(), 1);
    let stop = &s.itinerary[0];
    assert_eq!(
        (
            stop.project.as_str(),
            stop.place.as_str(),
            stop.time.as_deref(),
            stop.host.as_deref()
        ),
        ("污水处理厂", "沙口村", Some("下午"), None)
    );

    // Said in the file to be typed in the dialog, and accepted as `check` reads it.
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("// 在“新建会议”窗口中输入，不是从文件读取\n        Election("),
        "{text}"
    );
    assert!(
        text.contains("// 视察点，在“新建会议”窗口中输入，不是从文件读取"),
        "{text}"
    );
    let loaded = model::load_str("new.ron", &text, Lang::Zh).expect("check accepts it");
    // Only the fixture's target is warned about (12.5 does not follow from 10.0 and 10 %).
    assert!(
        loaded
            .warnings
            .iter()
            .all(|w| w.message.contains("与其基数不符")),
        "{:?}",
        loaded.warnings
    );

    // The election is in the Votes view.
    h.get_by_role_and_label(Role::Button, "表决").click();
    h.run();
    h.get_by_label_contains("副镇长 · ").click();
    h.run();
    assert_eq!(h.state().votes.selected(), Some(election_id.as_str()));
    assert!(
        h.query_by_label("副镇长").is_some(),
        "the election's heading"
    );
    assert!(h.query_by_label_contains("副职，应选 2 名").is_some());
}
