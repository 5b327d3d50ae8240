//! Shared by the UI tests: the real app, with the bundled font, notes in a temp folder.
#![allow(dead_code)]

use std::path::Path;

use delegate_desk::ui::DeskApp;
use delegate_desk::ui::prefs::Prefs;
use egui_kittest::Harness;

pub const SIZE: [f32; 2] = [1280.0, 800.0];

/// The app with the bundled Jiujiang session open, storing notes under `data_dir`.
pub fn app_with_bundled(data_dir: &Path) -> DeskApp {
    let mut app = DeskApp::with_prefs(Prefs::default(), data_dir.to_path_buf());
    app.open_bundled();
    assert!(app.open.is_some(), "the bundled session must open");
    app
}

/// The Chinese accessible name of the add-note button beside the bundled session's
/// paragraph `pid` ("industry.1"): its number and first words, as the report names it.
pub fn add_note_label(pid: &str) -> String {
    use delegate_desk::i18n::Lang;
    let loaded = delegate_desk::model::load_bundled(Lang::Zh);
    let Ok(loaded) = loaded else {
        panic!("the bundled session loads");
    };
    let Some((at, text)) = loaded.session.find_paragraph(pid) else {
        panic!("no paragraph {pid} in the bundled session");
    };
    delegate_desk::ui::views::report::add_note_label(Lang::Zh, at.paragraph, text)
}

/// A kittest harness that draws the whole window, as eframe would.
pub fn harness(app: DeskApp) -> Harness<'static, DeskApp> {
    let mut h = Harness::builder()
        .with_size(SIZE)
        .with_context_setup(delegate_desk::fonts::install_fonts)
        // A jump to a paragraph scrolls there animated, over more frames than kittest's 4.
        .with_max_steps(10)
        .build_ui_state(|ui, app: &mut DeskApp| app.show(ui), app);
    h.run();
    h
}
