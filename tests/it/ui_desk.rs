//! The delegate's desk driven through its widgets, as a person would: views, notes, reopen.

use crate::common;

use delegate_desk::notes::NoteKind;
use delegate_desk::ui::view::View;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

#[test]
fn every_view_opens_by_its_chinese_label() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(common::app_with_bundled(dir.path()));
    for (label, view) in [
        ("报告", View::Report),
        ("指标", View::Indicators),
        ("表决", View::Votes),
        ("视察", View::Itinerary),
        ("导出", View::Export),
        ("概览", View::Overview),
    ] {
        h.get_by_role_and_label(Role::Button, label).click();
        h.run();
        assert_eq!(h.state().prefs.view, view, "after clicking {label}");
    }
    // The overview shows the sitting's title and agenda.
    // (also in the status bar)
    assert!(
        h.query_all_by_label("九江镇第三届人民代表大会第三次会议")
            .count()
            >= 1
    );
    h.get_by_label_contains("镇长张厚祥作政府工作报告");
}

#[test]
fn language_switch_turns_the_labels_english() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(common::app_with_bundled(dir.path()));
    h.get_by_label("English").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Report").click();
    h.run();
    assert_eq!(h.state().prefs.view, View::Report);
    h.get_by_label("中文").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "报告");
}

/// Adds a note by typing Chinese into the editor, then closes and reopens the session and
/// finds the note again in the notes panel.
#[test]
fn a_chinese_note_survives_closing_and_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(common::app_with_bundled(dir.path()));
    h.get_by_role_and_label(Role::Button, "报告").click();
    h.run();
    h.get_by_label_contains("政府工作报告").click();
    h.run();
    h.get_by_label(&common::add_note_label("industry.1"))
        .click();
    h.run();
    h.get_by_role_and_label(Role::RadioButton, "建议").click();
    h.run();
    let text = h.get_by_role_and_label(Role::MultilineTextInput, "内容");
    text.focus();
    text.type_text("建议公开工业总产值的分行业数据");
    h.run();
    h.get_by_role_and_label(Role::Button, "保存").click();
    h.run();

    let notes = h.state().open.as_ref().unwrap().notes.notes().to_vec();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "建议公开工业总产值的分行业数据");
    assert_eq!(notes[0].kind, NoteKind::Suggestion);

    // Close (which saves) and reopen: the note is read back from the data folder.
    h.state_mut().close_session();
    h.state_mut().open_bundled();
    h.run();
    let reopened = h.state().open.as_ref().unwrap().notes.notes().to_vec();
    assert_eq!(reopened, notes);
    h.get_by_label("建议公开工业总产值的分行业数据");
    // ...and it is marked beside its paragraph.
    h.get_by_role_and_label(Role::Button, "1");
}

#[test]
fn find_counts_chinese_hits_and_steps_through_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(common::app_with_bundled(dir.path()));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    assert_eq!(h.state().prefs.view, View::Report);
    h.get_by_role_and_label(Role::TextInput, "查找")
        .type_text("九江");
    h.run();
    let n = h.state().report.find.hits.len();
    // The article mentions 九江 many times; the exact count comes from the session text.
    let session = &h.state().open.as_ref().unwrap().loaded.session;
    let expected: usize = session
        .paragraphs()
        .map(|(_, _, t)| t.matches("九江").count())
        .sum();
    assert!(expected > 5);
    assert_eq!(n, expected);
    h.get_by_label(&format!("第 1 / {n} 处"));
    h.key_press(egui::Key::F3);
    h.run();
    assert_eq!(h.state().report.find.current, 1);
}

/// A paragraph about a stop links to it, and a paragraph's note count filters the panel.
#[test]
fn report_paragraphs_link_to_their_inspection_stops() {
    use delegate_desk::ui::view::AppCommand;
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(common::app_with_bundled(dir.path()));
    h.state_mut().send(AppCommand::JumpToParagraph {
        paragraph_id: "shangdong.1".into(),
        range: None,
    });
    h.run();
    assert_eq!(h.state().prefs.view, View::Report);
    let link = h
        .query_all_by_label("视察点：上东工业区改造提升示范项目")
        .next()
        .expect("a stop link beside the paragraph");
    link.click();
    h.run();
    assert_eq!(h.state().prefs.view, View::Itinerary);
    assert_eq!(h.state().itinerary.focused(), Some("shangdong"));
}

/// The notes panel is shown or hidden view by view with the button beside the tabs; on
/// Votes and Export it is hidden until asked for.
#[test]
fn the_notes_panel_toggles_per_view_and_starts_hidden_on_votes_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(common::app_with_bundled(dir.path()));
    let panel_shown = |h: &egui_kittest::Harness<'static, delegate_desk::ui::DeskApp>| {
        h.query_by_label_contains("显示 0 条，共 0 条").is_some()
    };
    assert!(panel_shown(&h), "shown on the overview");
    h.get_by_role_and_label(Role::Button, "批注栏").click();
    h.run();
    assert!(!panel_shown(&h), "hidden by its button");
    assert!(!h.state().prefs.notes_panel.on(View::Overview));

    for (tab, view) in [("表决", View::Votes), ("导出", View::Export)] {
        h.get_by_role_and_label(Role::Button, tab).click();
        h.run();
        assert!(!panel_shown(&h), "hidden on {view:?} until asked for");
    }
    h.get_by_role_and_label(Role::Button, "批注栏").click();
    h.run();
    assert!(panel_shown(&h), "asked for on Export");
    h.get_by_role_and_label(Role::Button, "报告").click();
    h.run();
    assert!(panel_shown(&h), "the report keeps its own choice");
    h.get_by_role_and_label(Role::Button, "概览").click();
    h.run();
    assert!(!panel_shown(&h), "the overview keeps its own choice");
}

/// Text for older eyes: body text 16 points in near-black, nothing under 12, and A−/A+
/// beside the tabs change the size.
#[test]
fn text_is_large_and_dark_and_a_plus_a_minus_size_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(common::app_with_bundled(dir.path()));
    let style = h.ctx.style_of(egui::Theme::Light);
    for (text_style, font) in &style.text_styles {
        assert!(font.size >= 12.0, "{text_style:?} is {} points", font.size);
    }
    assert!(style.text_styles[&egui::TextStyle::Body].size >= 16.0);
    let c = style.visuals.text_color();
    assert!(
        c.r().max(c.g()).max(c.b()) <= 40,
        "body text {c:?} is not near-black"
    );
    let w = style.visuals.weak_text_color();
    assert!(
        w.r().max(w.g()).max(w.b()) <= 100,
        "weak text {w:?} too faint"
    );

    let zoom = h.state().prefs.zoom;
    h.get_by_role_and_label(Role::Button, "A+").click();
    h.run();
    assert!(h.state().prefs.zoom > zoom);
    h.get_by_role_and_label(Role::Button, "A−").click();
    h.get_by_role_and_label(Role::Button, "A−").click();
    h.run();
    assert!(h.state().prefs.zoom < zoom);
}

/// The notes panel filters by kind and by search, and lays out only the visible cards.
#[test]
fn notes_panel_filters_by_kind_and_search_and_draws_only_what_is_visible() {
    use delegate_desk::notes::Target;
    use delegate_desk::ui::notes_change::NotesChange;
    use delegate_desk::ui::view::AppCommand;
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(common::app_with_bundled(dir.path()));
    let add = |kind, text: &str| {
        AppCommand::NotesChange(NotesChange::Add {
            target: Target::indicator("industrial-output"),
            kind,
            text: text.into(),
            author: None,
        })
    };
    h.state_mut()
        .send(add(NoteKind::Question, "产值增速为何放缓"));
    h.state_mut()
        .send(add(NoteKind::Concern, "关注税收的可持续性"));
    for i in 0..200 {
        h.state_mut()
            .send(add(NoteKind::Support, &format!("赞同第{i}条")));
    }
    h.run();
    h.get_by_label("显示 202 条，共 202 条");
    // Only a screenful of the 202 cards is in the tree.
    let cards = h.query_all_by_label_contains("赞同第").count();
    assert!(cards > 0 && cards < 50, "{cards} cards laid out");

    h.get_by_role_and_label(Role::Button, "关注").click();
    h.run();
    h.get_by_label("显示 1 条，共 202 条");
    h.get_by_label("关注税收的可持续性");

    h.get_by_role_and_label(Role::Button, "全部").click();
    h.run();
    h.state_mut().notes_panel.query = "增速".into();
    h.run();
    h.get_by_label("显示 1 条，共 202 条");
    h.get_by_label("产值增速为何放缓");
}

/// Every view draws in English and in the dark theme without a missing glyph (kittest panics
/// on one) and without an unnamed control.
#[test]
fn every_view_draws_in_english_and_dark() {
    use delegate_desk::i18n::Lang;
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::app_with_bundled(dir.path());
    app.prefs.lang = Lang::En;
    app.prefs.dark = true;
    let mut h = common::harness(app);
    for (label, view) in [
        ("Report", View::Report),
        ("Indicators", View::Indicators),
        ("Votes", View::Votes),
        ("Itinerary", View::Itinerary),
        ("Export", View::Export),
        ("Overview", View::Overview),
    ] {
        h.get_by_role_and_label(Role::Button, label).click();
        h.run();
        assert_eq!(h.state().prefs.view, view, "after clicking {label}");
    }
    h.get_by_label("Agenda");
}

/// In English the notes panel's kind filter is wider than the panel's default width; the
/// panel widens to keep it on one line rather than wrap "Concern" alone onto a second.
#[test]
fn the_english_kind_filter_stays_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(common::app_with_bundled(dir.path()));
    // The search box fills the panel's width.
    let width = |h: &egui_kittest::Harness<'_, _>| h.get_by_role(Role::TextInput).rect().width();
    let chinese = width(&h);
    h.get_by_label("English").click();
    h.run();
    assert!(
        width(&h) > chinese,
        "the English filter is wider than the panel's default"
    );
    let top = |h: &egui_kittest::Harness<'_, _>, label: &str| {
        h.get_by_role_and_label(Role::Button, label).rect().top()
    };
    let all = top(&h, "All");
    for kind in ["Question", "Suggestion", "Support", "Concern"] {
        assert_eq!(top(&h, kind), all, "{kind} is not on the filter's line");
    }
    // Back in Chinese the filter fits on one line again…
    h.get_by_label("中文").click();
    h.run();
    let all = top(&h, "全部");
    assert_eq!(top(&h, "关注"), all);
    // …and the panel is as wide as before: it was only pushed wider for the English filter.
    assert_eq!(width(&h), chinese);
}

/// Zoom in has two shortcuts, Ctrl+= (the key marked "+" without Shift) and Ctrl++, and both
/// work; a shortcut without Ctrl (Alt+4, the Votes view) is the text field's while one has
/// focus, and works again once none has.
#[test]
fn both_zoom_shortcuts_work_and_a_plain_shortcut_waits_while_typing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(common::app_with_bundled(dir.path()));
    let zoom = h.state().prefs.zoom;
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Equals);
    h.run();
    assert!((h.state().prefs.zoom - (zoom + 0.1)).abs() < 1e-4);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Plus);
    h.run();
    assert!((h.state().prefs.zoom - (zoom + 0.2)).abs() < 1e-4);

    // Typing in the find field: Alt+4 does not leave the report.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    assert_eq!(h.state().prefs.view, View::Report);
    h.get_by_role_and_label(Role::TextInput, "查找")
        .type_text("九江");
    h.run();
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::Num4);
    h.run();
    assert_eq!(h.state().prefs.view, View::Report);
    assert_eq!(h.state().report.find.query, "九江");

    // With no text field focused, Alt+4 shows the Votes view.
    h.key_press(egui::Key::Escape);
    h.run();
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::Num4);
    h.run();
    assert_eq!(h.state().prefs.view, View::Votes);
}

/// In read-only mode a click on a roster button (or its key) records nothing and says why,
/// with how to get to secretary mode; once there, the same click records and the warning
/// is gone.
#[test]
fn a_read_only_roster_click_says_why_nothing_happened() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(common::app_with_bundled(dir.path()));
    h.get_by_role_and_label(Role::Button, "表决").click();
    h.run();
    assert_eq!(h.state().votes.secretary(), None);
    let name = h.state().open.as_ref().unwrap().loaded.session.roster[0]
        .name
        .clone()
        .unwrap();
    let button = format!("出席 1 {name}");
    let why = "只读：进入工作人员模式后才能签到";
    assert!(
        h.query_by_label_contains(why).is_none(),
        "not before a click"
    );

    // The P key on the highlighted row, the keyboard's way to mark: the same answer.
    h.key_press(egui::Key::P);
    h.run();
    assert_eq!(h.state().votes.tally().unwrap().mark(0), None);
    h.get_by_label_contains(why);

    let mut h = common::harness(common::app_with_bundled(dir.path()));
    h.get_by_role_and_label(Role::Button, "表决").click();
    h.run();
    h.get_by_role_and_label(Role::Button, &button).click();
    h.run();
    let tally = h.state().votes.tally().unwrap();
    assert_eq!(tally.mark(0), None, "nothing recorded");
    h.get_by_label_contains(why);
    h.get_by_label_contains("进入工作人员模式”");

    let field = h.get_by_role_and_label(Role::TextInput, "工作人员姓名");
    field.focus();
    field.type_text("秘书");
    h.run();
    h.get_by_role_and_label(Role::Button, "进入工作人员模式")
        .click();
    h.run();
    assert!(
        h.query_by_label_contains(why).is_none(),
        "gone once allowed"
    );
    h.get_by_role_and_label(Role::Button, &button).click();
    h.run();
    assert_eq!(
        h.state().votes.tally().unwrap().mark(0),
        Some(delegate_desk::journal::Mark::Present)
    );
}

/// In English at 1024×640, a decided motion in the Votes view: the verdict is capitalised
/// and in sight (above the records, not scrolled away below the rule's details), and every
/// caption with a number keeps the two together with a non-breaking space, so a narrow line
/// never leaves "Present" above its "105".
#[test]
fn english_at_1024_shows_the_verdict_and_keeps_captions_with_their_numbers() {
    use delegate_desk::i18n::Lang;
    use delegate_desk::journal::{Action, Mark, Recorder, default_path_in};
    use egui_kittest::kittest::{NodeT, by};

    let dir = tempfile::tempdir().unwrap();
    let s = delegate_desk::model::load_bundled(Lang::Zh)
        .unwrap()
        .session;
    let motion = s.motions[0].id.as_str();
    let mut rec = Recorder::open_for_writing(&default_path_in(dir.path(), &s), &s, "秘书").unwrap();
    let present = s.roster[..105]
        .iter()
        .map(|d| d.id.as_str().into())
        .collect();
    for action in [
        Action::Attendance {
            mark: Mark::Present,
            delegates: present,
        },
        Action::Open {
            motion: motion.into(),
        },
        Action::Counts {
            motion: motion.into(),
            yes: 98,
            no: 3,
            abstain: 2,
            invalid: 0,
        },
        Action::Close {
            motion: motion.into(),
        },
    ] {
        rec.record("秘书", action).unwrap();
    }
    drop(rec);

    let mut app = common::app_with_bundled(dir.path());
    app.prefs.lang = Lang::En;
    app.prefs.view = View::Votes;
    let mut h = egui_kittest::Harness::builder()
        .with_size([1024.0, 640.0])
        .with_context_setup(delegate_desk::fonts::install_fonts)
        .with_max_steps(10)
        .build_ui_state(|ui, app: &mut delegate_desk::ui::DeskApp| app.show(ui), app);
    h.run();

    // Short captions ending in a number ("Present 105", "Stop 2") on every view drawn.
    let mut joined_by_plain_space = Vec::new();
    for v in [
        View::Votes,
        View::Overview,
        View::Indicators,
        View::Itinerary,
    ] {
        h.state_mut().prefs.view = v;
        h.run();
        for n in h.root().query_all(by()) {
            let Some(text) = n.accesskit_node().label() else {
                continue;
            };
            let words: Vec<&str> = text.split(' ').collect();
            let caption = text.chars().count() <= 24
                && words.len() >= 2
                && words[0].chars().all(|c| c.is_ascii_alphabetic())
                && words[words.len() - 1]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit() || c == '+' || c == '-');
            if caption {
                joined_by_plain_space.push((v, text));
            }
        }
    }
    assert!(
        joined_by_plain_space.is_empty(),
        "captions that can break before their number: {joined_by_plain_space:#?}"
    );
    h.state_mut().prefs.view = View::Votes;
    h.run();
    h.get_by_label("Present\u{a0}105");
    h.get_by_label_contains("财政预算执行情况").click();
    h.run();
    let verdict = h.get_by_label("Passed").rect();
    let records = h.get_by_label_contains("Records for this motion").rect();
    assert!(
        verdict.bottom() <= records.top(),
        "the verdict {verdict:?} is below the records' heading {records:?}: scrolled away"
    );
}
