//! The window at national scale: 2,977 delegates in 35 delegations, ≈650,000 characters of
//! report, 300 indicators, 60 roll-call motions with a full journal, 12 stops, 5,000 notes.
//! Every view opens by its label, scrolls, and shows an item found by its label.

use crate::common;

use std::path::Path;
use std::sync::OnceLock;

use delegate_desk::generate::{self, Params};
use delegate_desk::i18n::Lang;
use delegate_desk::journal::default_path_in;
use delegate_desk::model::Session;
use delegate_desk::notes::notes_path_in;
use delegate_desk::ui::DeskApp;
use delegate_desk::ui::prefs::Prefs;
use delegate_desk::ui::view::View;
use delegate_desk::ui::views::report::add_note_label;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

struct National {
    _dir: tempfile::TempDir,
    session: Session,
    session_path: std::path::PathBuf,
    data_dir: std::path::PathBuf,
}

/// Generated once per test binary; each test opens its own window on it.
fn national() -> &'static National {
    static N: OnceLock<National> = OnceLock::new();
    N.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let p = Params::NATIONAL;
        let session = generate::session(&p);
        let session_path = dir.path().join("national.ron");
        std::fs::write(&session_path, generate::session_ron(&session, &p).unwrap()).unwrap();
        let data_dir = dir.path().join("data");
        let journal = default_path_in(&data_dir, &session);
        std::fs::create_dir_all(journal.parent().unwrap()).unwrap();
        let records = generate::journal_records(&session, p.seed);
        std::fs::write(&journal, generate::journal_bytes(&records)).unwrap();
        let notes = notes_path_in(&data_dir, &session.id);
        std::fs::create_dir_all(notes.parent().unwrap()).unwrap();
        std::fs::write(
            &notes,
            generate::notes(&session, p.notes, p.seed).to_bytes(),
        )
        .unwrap();
        National {
            _dir: dir,
            session,
            session_path,
            data_dir,
        }
    })
}

/// The national session open in a window, its journal not yet waited for.
fn open_national_unread() -> Harness<'static, DeskApp> {
    let n = national();
    let mut app = DeskApp::with_prefs(Prefs::default(), n.data_dir.clone());
    app.open_path(&n.session_path);
    let open = app.open.as_ref().expect("the national session opens");
    assert_eq!(open.loaded.session.roster.len(), 2977);
    assert_eq!(open.notes.notes().len(), 5000);
    common::harness(app)
}

fn open_national() -> Harness<'static, DeskApp> {
    let mut h = open_national_unread();
    wait_for_journal(&mut h);
    h
}

/// The 50 MB journal is read off the UI thread, started by the Votes view's first frame;
/// draws frames until it has arrived (the task wakes the window when done).
fn wait_for_journal(h: &mut Harness<'static, DeskApp>) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while h.state().votes.is_reading_journal() {
        assert!(
            std::time::Instant::now() < deadline,
            "the journal never arrived"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    h.run();
}

fn go(h: &mut Harness<'static, DeskApp>, label: &str, view: View) {
    h.get_by_role_and_label(Role::Button, label).click();
    h.run();
    assert_eq!(h.state().prefs.view, view, "after clicking {label}");
}

/// Scrolls the central area down by `pages` pages, as a mouse wheel would.
fn scroll_central(h: &mut Harness<'static, DeskApp>, pages: f32) {
    h.hover_at(egui::pos2(400.0, 450.0));
    h.run();
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Page,
        delta: egui::vec2(0.0, -pages),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: egui::Modifiers::NONE,
    });
    // Wheel scrolling is smoothed over several frames; let it finish.
    h.run_steps(12);
}

fn has_label_containing(h: &Harness<'static, DeskApp>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

#[test]
fn overview_shows_the_sitting_and_scrolls_its_agenda() {
    let s = &national().session;
    let mut h = open_national();
    go(&mut h, "报告", View::Report);
    go(&mut h, "概览", View::Overview);
    assert!(has_label_containing(&h, &s.congress.title));
    h.get_by_label_contains(&s.agenda[1].title);
    scroll_central(&mut h, 20.0);
    // The last agenda item (the closing) is reachable.
    let last = &s.agenda[s.agenda.len() - 1].title;
    assert!(has_label_containing(&h, last), "{last} after scrolling");
}

#[test]
fn report_scrolls_through_650_thousand_characters() {
    let s = &national().session;
    let mut h = open_national();
    go(&mut h, "报告", View::Report);
    let first_section = &s.documents[0].sections[0];
    let first = add_note_label(Lang::Zh, 0, &first_section.paragraphs[0]);
    h.get_by_label(&first);
    assert!(has_label_containing(&h, &first_section.title));
    scroll_central(&mut h, 200.0);
    // Only what is visible is laid out: the first paragraph is gone, later ones are shown.
    assert!(
        h.query_by_label(&first).is_none(),
        "the first paragraph is still shown after scrolling 200 pages"
    );
    let later = s.documents[0]
        .sections
        .iter()
        .skip(1)
        .flat_map(|sec| sec.paragraphs.iter().enumerate())
        .any(|(i, text)| {
            h.query_by_label(&add_note_label(Lang::Zh, i, text))
                .is_some()
        });
    assert!(later, "no later paragraph is shown after scrolling");
}

#[test]
fn report_find_counts_hits_across_the_whole_report() {
    let s = &national().session;
    let mut h = open_national();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    assert_eq!(h.state().prefs.view, View::Report);
    // An indicator's name is stated in its source paragraph, so it is found at least once.
    let needle = &s.indicators[0].name;
    h.get_by_role_and_label(Role::TextInput, "查找")
        .type_text(needle);
    h.run();
    let expected: usize = s
        .paragraphs()
        .map(|(_, _, t)| t.matches(needle.as_str()).count())
        .sum();
    assert!(expected >= 1);
    assert_eq!(h.state().report.find.hits.len(), expected);
}

#[test]
fn indicators_view_lists_300_and_scrolls_to_the_last() {
    let s = &national().session;
    let mut h = open_national();
    go(&mut h, "指标", View::Indicators);
    assert!(has_label_containing(&h, &s.indicators[0].name));
    scroll_central(&mut h, 500.0);
    // The view groups by category (in order of first appearance), so the indicator at the
    // bottom is the last one of the last category, not the last one in the file.
    let groups = delegate_desk::model::indicator_math::group_by_category(&s.indicators);
    let bottom = groups
        .last()
        .and_then(|c| c.indicators.last())
        .copied()
        .unwrap();
    let last = &s.indicators[bottom].name;
    assert!(has_label_containing(&h, last), "{last} after scrolling");
}

#[test]
fn votes_view_shows_the_motions_of_the_national_journal() {
    let s = &national().session;
    let mut h = open_national();
    go(&mut h, "表决", View::Votes);
    assert!(has_label_containing(&h, &s.motions[0].title));
    scroll_central(&mut h, 50.0);
    go(&mut h, "概览", View::Overview);
    go(&mut h, "表决", View::Votes);
}

#[test]
fn the_national_journal_is_read_while_the_window_goes_on_drawing() {
    let mut h = open_national_unread();
    // The Votes view's first frame started reading the 50 MB journal off the UI thread and
    // returned; the window has drawn since, showing an empty tally and saying it is reading.
    go(&mut h, "表决", View::Votes);
    assert!(h.state().votes.is_reading_journal());
    assert_eq!(h.state().votes.tally().unwrap().attendance().present, 0);
    h.get_by_label("正在读取表决日志……");
    wait_for_journal(&mut h);
    assert!(h.query_by_label("正在读取表决日志……").is_none());
    let present = h.state().votes.tally().unwrap().attendance().present;
    assert!(present > 2000, "{present} present");
    h.get_by_label_contains(&format!("实到 {present}"));
}

#[test]
fn a_national_roll_call_shows_its_audit_trail_rows_in_view_only() {
    let s = &national().session;
    let mut h = open_national();
    go(&mut h, "表决", View::Votes);
    wait_for_journal(&mut h);
    let first = &s.motions[0];
    // The list's button reads "■ title · state".
    h.get_by_label_contains(&format!("{} · ", first.title))
        .click();
    h.run();
    let audit: Vec<u64> = h
        .state()
        .votes
        .tally()
        .unwrap()
        .motion(&first.id)
        .unwrap()
        .audit
        .clone();
    // open, one vote per delegate present, close
    assert!(audit.len() > 2000, "{} records", audit.len());
    h.get_by_label_contains(&format!("本议案的记录（{} 条）", audit.len()));
    // Newest first: the close is the top row; the opening is far below, not laid out.
    let newest = format!("#{} ", audit[audit.len() - 1]);
    let oldest = format!("#{} ", audit[0]);
    assert!(has_label_containing(&h, &newest), "{newest}");
    assert!(
        !has_label_containing(&h, &oldest),
        "{oldest} is out of view"
    );
    // A trail row reads "#seq time secretary — what".
    let rows = h.query_all_by_label_contains(" — ").count();
    assert!((5..200).contains(&rows), "{rows} rows laid out");
}

#[test]
fn itinerary_shows_every_stop() {
    let s = &national().session;
    let mut h = open_national();
    go(&mut h, "视察", View::Itinerary);
    assert!(has_label_containing(&h, &s.itinerary[0].project));
    scroll_central(&mut h, 50.0);
    let last = &s.itinerary[s.itinerary.len() - 1].project;
    assert!(has_label_containing(&h, last), "{last} after scrolling");
}

#[test]
fn export_view_opens_at_national_scale() {
    let mut h = open_national();
    go(&mut h, "导出", View::Export);
    scroll_central(&mut h, 10.0);
    h.get_by_role_and_label(Role::Button, "导出");
}

#[test]
fn notes_panel_counts_5000_notes_and_shows_the_first() {
    let n = national();
    let h = open_national();
    h.get_by_label("显示 5000 条，共 5000 条");
    let file = delegate_desk::notes::NotesFile::read(&notes_path_in(
        Path::new(&n.data_dir),
        &n.session.id,
    ))
    .unwrap();
    assert_eq!(file.notes.len(), 5000);
    assert!(has_label_containing(&h, &file.notes[0].text));
}

#[test]
fn a_big_journal_of_another_session_is_refused_once_read() {
    use delegate_desk::ui::view::AppCommand;
    use delegate_desk::ui::views::votes::VotesCommand;
    let n = national();
    let dir = tempfile::tempdir().unwrap();
    let mut app = DeskApp::with_prefs(Prefs::default(), dir.path().to_path_buf());
    app.open_bundled();
    let mut h = common::harness(app);
    go(&mut h, "表决", View::Votes);
    // The national journal (52 MB) opened from the Jiujiang session: read on a worker,
    // refused when the worker finds whose it is, and said where errors are said.
    let journal = default_path_in(&n.data_dir, &n.session);
    h.state_mut()
        .send(AppCommand::Votes(VotesCommand::OpenJournal(journal)));
    h.run();
    wait_for_journal(&mut h);
    let refusal = format!("该日志属于会议“{}”", n.session.id);
    // In the journal bar, the view's error line and the status bar, as for a small journal
    // (the status bar said "reading" meanwhile, not "opened").
    let said = h.query_all_by_label_contains(&refusal).count();
    assert_eq!(said, 3, "{refusal}");
    let status = h.state().status.clone().unwrap_or_default();
    assert!(status.contains(&refusal), "status bar: {status}");
    assert_eq!(h.state().votes.tally().unwrap().attendance().present, 0);
}

#[test]
fn a_big_journal_opened_from_the_menu_is_announced_once_read() {
    use delegate_desk::ui::view::AppCommand;
    use delegate_desk::ui::views::votes::VotesCommand;
    let n = national();
    let mut h = open_national_unread();
    go(&mut h, "表决", View::Votes);
    wait_for_journal(&mut h);
    // The same journal chosen again from the menu: read again on a worker.
    let journal = default_path_in(&n.data_dir, &n.session);
    h.state_mut()
        .send(AppCommand::Votes(VotesCommand::OpenJournal(
            journal.clone(),
        )));
    h.run();
    assert!(
        h.state().votes.is_reading_journal(),
        "a 52 MB journal is read on a worker"
    );
    assert_eq!(h.state().status.as_deref(), Some("正在读取表决日志……"));
    wait_for_journal(&mut h);
    let status = h.state().status.clone().unwrap_or_default();
    assert!(
        status.starts_with("已打开日志") && status.contains(&journal.display().to_string()),
        "status bar: {status}"
    );
    assert_eq!(h.state().votes.tally().unwrap().attendance().present, 2977);
}
