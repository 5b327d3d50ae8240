//! Right after a session opens, the app draws every view once, unseen, in the frame after the
//! first (src/ui/warm_up.rs), so that a first visit lays out no text and reads no file.

use crate::common;

use delegate_desk::ui::DeskApp;
use delegate_desk::ui::view::View;

/// Draws one frame of the whole window (as eframe would, minus the GPU); returns its passes.
fn frame(ctx: &egui::Context, app: &mut DeskApp) -> u64 {
    let raw = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::Vec2::from(common::SIZE),
        )),
        ..Default::default()
    };
    let before = ctx.cumulative_pass_nr();
    let mut out = ctx.run_ui(raw, |ui| app.show(ui));
    // No renderer here to take the font atlas.
    out.textures_delta.clear();
    ctx.cumulative_pass_nr() - before
}

/// A headless window on the bundled session, nothing drawn yet; notes go under `dir`.
fn window(dir: &std::path::Path) -> (egui::Context, DeskApp) {
    let ctx = egui::Context::default();
    delegate_desk::fonts::install_fonts(&ctx);
    (ctx, common::app_with_bundled(dir))
}

fn galleys(ctx: &egui::Context) -> usize {
    ctx.fonts(|f| f.num_galleys_in_cache())
}

#[test]
fn the_frame_after_the_first_draws_every_other_view_unseen() {
    let dir = tempfile::tempdir().unwrap();
    let (ctx, mut app) = window(dir.path());
    // egui may take a second pass of its own in a window's first frame (sizing new panels).
    assert!(
        frame(&ctx, &mut app) <= 2,
        "the first frame draws no other view"
    );
    assert_eq!(app.views_to_warm_up().len(), 2 * (View::ALL.len() - 1));
    assert!(app.votes.journal_path().is_none(), "Votes not drawn yet");

    // Twice per other view, plus the view on screen before and after.
    assert_eq!(frame(&ctx, &mut app), 2 * (View::ALL.len() as u64 - 1) + 2);
    assert!(app.views_to_warm_up().is_empty());
    assert_eq!(
        app.prefs.view,
        View::Overview,
        "the user is still where they were"
    );
    assert!(
        app.votes.journal_path().is_some(),
        "the Votes view found its journal before anyone visited it"
    );
    assert_eq!(frame(&ctx, &mut app), 1, "and then one pass a frame again");
}

#[test]
fn a_first_visit_lays_out_no_new_text() {
    let dir = tempfile::tempdir().unwrap();
    let (ctx, mut app) = window(dir.path());
    for _ in 0..3 {
        frame(&ctx, &mut app);
    }
    for v in View::ALL {
        app.prefs.view = v;
        let before = galleys(&ctx);
        frame(&ctx, &mut app);
        assert_eq!(
            galleys(&ctx),
            before,
            "{v:?}: text laid out on the first visit"
        );
    }
}

#[test]
fn without_a_session_there_is_nothing_to_warm_up() {
    let dir = tempfile::tempdir().unwrap();
    let (ctx, mut app) = window(dir.path());
    app.close_session();
    assert!(app.views_to_warm_up().is_empty());
    assert_eq!(frame(&ctx, &mut app), 1);
    assert_eq!(frame(&ctx, &mut app), 1);
}
