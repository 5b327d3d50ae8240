//! The Itinerary view driven through its widgets: tick a stop, note it, write questions,
//! follow links, and a session whose stops have coordinates.

use crate::common;

use delegate_desk::notes::Target;
use delegate_desk::ui::DeskApp;
use delegate_desk::ui::prefs::Prefs;
use delegate_desk::ui::view::{AppCommand, View};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

const FIRST: &str = "上东工业区改造提升示范项目";

fn open_itinerary(h: &mut egui_kittest::Harness<'static, DeskApp>) {
    h.get_by_role_and_label(Role::Button, "视察").click();
    h.run();
    assert_eq!(h.state().prefs.view, View::Itinerary);
}

/// Scrolls the widget into view, then clicks it, as a person would.
fn click(h: &mut egui_kittest::Harness<'static, DeskApp>, role: Role, label: &str) {
    h.get_by_role_and_label(role, label).scroll_to_me();
    h.run();
    h.get_by_role_and_label(role, label).click();
    h.run();
}

#[test]
fn ticking_a_stop_and_noting_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(common::app_with_bundled(dir.path()));
    open_itinerary(&mut h);
    h.get_by_label("已视察 0/4");
    h.get_by_label_contains("下一站：第1站");
    // The article gives no coordinates, and says so.
    h.get_by_label("会议文件未提供坐标，仅显示时间线");

    click(&mut h, Role::CheckBox, &format!("已视察：{FIRST}"));
    let open = h.state().open.as_ref().unwrap();
    assert!(open.notes.stop("shangdong").visited);
    assert!(!open.notes.stop("shakou-wall").visited);
    h.get_by_label("已视察 1/4");
    h.get_by_label_contains("下一站：第2站 南北主涌沙口段挡土墙重建工程");

    click(&mut h, Role::Button, &format!("批注：{FIRST}"));
    let text = h.get_by_role_and_label(Role::MultilineTextInput, "内容");
    text.focus();
    text.type_text("停车场建成后由谁管理？");
    h.run();
    h.get_by_role_and_label(Role::Button, "保存").click();
    h.run();

    let open = h.state().open.as_ref().unwrap();
    let notes = open.notes.notes();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "停车场建成后由谁管理？");
    assert_eq!(notes[0].target, Target::stop("shangdong"));
    assert_eq!(open.anchors.on_stop("shangdong"), [notes[0].id.clone()]);
    // The note shows on its stop's card (the notes panel may show it too).
    h.run();
    assert!(h.query_all_by_label("停车场建成后由谁管理？").count() >= 1);
    h.get_by_label("本站批注（1）");

    // Unticking goes back.
    click(&mut h, Role::CheckBox, &format!("已视察：{FIRST}"));
    assert!(
        !h.state()
            .open
            .as_ref()
            .unwrap()
            .notes
            .stop("shangdong")
            .visited
    );
}

#[test]
fn questions_are_kept_in_the_field_until_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(common::app_with_bundled(dir.path()));
    open_itinerary(&mut h);
    let field = h
        .query_all_by_role_and_label(Role::MultilineTextInput, "拟提问题")
        .next()
        .unwrap();
    field.focus();
    field.type_text("网格员待遇如何保障？");
    h.run();
    // Still typing: nothing stored yet.
    let stored = |h: &egui_kittest::Harness<'static, DeskApp>| {
        h.state()
            .open
            .as_ref()
            .unwrap()
            .notes
            .stop("shangdong")
            .questions
    };
    assert_eq!(stored(&h), "");
    assert!(!h.state().open.as_ref().unwrap().notes.is_dirty());
    h.get_by_label("未保存");
    click(&mut h, Role::Button, &format!("保存问题：{FIRST}"));
    assert_eq!(stored(&h), "网格员待遇如何保障？");
    assert_eq!(h.state().status.as_deref(), Some("问题已保存"));
    assert!(h.query_by_label("未保存").is_none());

    // Ctrl+Enter in the field saves too, without adding a line break.
    let field = h
        .query_all_by_role_and_label(Role::MultilineTextInput, "拟提问题")
        .nth(1)
        .unwrap();
    field.focus();
    field.type_text("挡土墙何时完工？");
    h.run();
    assert_eq!(
        h.state()
            .open
            .as_ref()
            .unwrap()
            .notes
            .stop("shakou-wall")
            .questions,
        ""
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Enter);
    h.run();
    assert_eq!(
        h.state()
            .open
            .as_ref()
            .unwrap()
            .notes
            .stop("shakou-wall")
            .questions,
        "挡土墙何时完工？"
    );
}

#[test]
fn links_open_the_report_and_the_indicators() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(common::app_with_bundled(dir.path()));
    open_itinerary(&mut h);
    let link = "上东工业区占地面积 52.4亩";
    h.get_by_label(link).scroll_to_me();
    h.run();
    h.get_by_label(link).click();
    // The Indicators view animates its highlight for a few frames.
    h.run_steps(10);
    assert_eq!(h.state().prefs.view, View::Indicators);

    open_itinerary(&mut h);
    let quote = "「九江镇人大代表、上东社区党委书记张钊荣";
    h.get_by_label_contains(quote).scroll_to_me();
    h.run();
    h.get_by_label_contains(quote).click();
    h.run();
    assert_eq!(h.state().prefs.view, View::Report);

    // And back: a jump to a stop opens the view with that stop highlighted.
    h.state_mut().send(AppCommand::JumpToStop("grid".into()));
    h.run();
    assert_eq!(h.state().prefs.view, View::Itinerary);
    assert_eq!(h.state().itinerary.focused(), Some("grid"));
}

#[test]
fn a_session_with_coordinates_gets_a_route_sketch() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = DeskApp::with_prefs(Prefs::default(), dir.path().to_path_buf());
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/itinerary-coords.ron"
    );
    app.open_path(std::path::Path::new(path));
    assert!(app.open.is_some());
    let mut h = common::harness(app);
    open_itinerary(&mut h);
    h.get_by_label("路线示意");
    assert!(
        h.query_by_label("会议文件未提供坐标，仅显示时间线")
            .is_none()
    );
    // The stop without a time says so rather than inventing one.
    h.get_by_label("资料未载明时间");
    h.get_by_label("13:30–14:00");
    h.get_by_label("已视察 0/7");
    // Tick the first two: the next stop is the third.
    for project in ["东环路拓宽工程", "北桥改造"] {
        click(&mut h, Role::CheckBox, &format!("已视察：{project}"));
    }
    h.get_by_label("已视察 2/7");
    h.get_by_label_contains("下一站：第3站 西涌整治");
}
