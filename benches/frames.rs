//! Headless frames of the whole window (`ctx.run_ui` + `ctx.tessellate`, no GPU), per view,
//! at national scale (2,977 delegates, ≈650,000 characters, 5,000 notes, a 180,000-record
//! journal in the data folder) and for the bundled Jiujiang session.
//!
//! Per view: a steady-state frame (nothing changes between frames); the first frame after
//! switching back to the view from another one after two frames there; the same after 600
//! frames elsewhere (long enough for egui to have dropped every text layout of the view);
//! and the first visit to the view in a freshly opened window (each sample a new window:
//! fonts, the session, a few frames on the overview, then the view's first frame, with
//! nothing of it drawn before).
//!
//! Budgets (README): steady ≤ 1 ms at national scale; the first frame of any view ≤ 16 ms
//! at national scale (one 60 Hz frame).

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{
    BenchmarkGroup, Criterion, criterion_group, criterion_main, measurement::WallTime,
};
use delegate_desk::ui::DeskApp;
use delegate_desk::ui::prefs::{NotesPanelShown, Prefs};
use delegate_desk::ui::view::View;

mod common;

/// The window as eframe drives it, minus the GPU.
struct Window {
    ctx: egui::Context,
    app: DeskApp,
    time: f64,
}

impl Window {
    /// A window just opened on a session: nothing drawn yet.
    fn fresh(data_dir: &Path, notes_panel: bool, open: impl FnOnce(&mut DeskApp)) -> Window {
        let ctx = egui::Context::default();
        delegate_desk::fonts::install_fonts(&ctx);
        let prefs = Prefs {
            notes_panel: NotesPanelShown::everywhere(notes_panel),
            ..Prefs::default()
        };
        let mut app = DeskApp::with_prefs(prefs, data_dir.to_path_buf());
        open(&mut app);
        assert!(app.open.is_some(), "the session must open");
        Window {
            ctx,
            app,
            time: 0.0,
        }
    }

    /// A window that has drawn every view a few times.
    fn new(data_dir: &Path, notes_panel: bool, open: impl FnOnce(&mut DeskApp)) -> Window {
        let mut w = Window::fresh(data_dir, notes_panel, open);
        // Fonts, the atlas and every view's first layout: not what a frame normally costs.
        for v in View::ALL {
            w.app.prefs.view = v;
            for _ in 0..3 {
                w.frame();
            }
            w.wait_for_journal();
        }
        w
    }

    /// Draws frames until the Votes view's worker has read the journal (a national one is
    /// read off the window's thread; see src/ui/views/votes/source.rs).
    fn wait_for_journal(&mut self) {
        while self.app.votes.is_reading_journal() {
            std::thread::sleep(Duration::from_millis(2));
            self.frame();
        }
    }

    /// Total time of `iters` first frames of `to`, each after `frames` frames of `from`.
    fn time_switch(&mut self, from: View, frames: usize, to: View, iters: u64) -> Duration {
        let mut total = Duration::ZERO;
        for _ in 0..iters {
            self.app.prefs.view = from;
            for _ in 0..frames {
                self.frame();
            }
            self.app.prefs.view = to;
            total += self.timed_frame();
        }
        total
    }

    /// One frame, timed.
    fn timed_frame(&mut self) -> Duration {
        let start = Instant::now();
        self.frame();
        start.elapsed()
    }

    fn frame(&mut self) {
        let raw = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            time: Some(self.time),
            ..Default::default()
        };
        self.time += 1.0 / 60.0;
        let Window { ctx, app, .. } = self;
        let out = ctx.run_ui(raw, |ui| app.show(ui));
        black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
    }
}

fn name(v: View) -> &'static str {
    match v {
        View::Overview => "overview",
        View::Report => "report",
        View::Indicators => "indicators",
        View::Votes => "votes",
        View::Itinerary => "itinerary",
        View::Export => "export",
    }
}

/// Frames spent on another view before a "long stay" switch (10 s of continuous repainting).
const LONG_STAY_FRAMES: usize = 600;

/// Frames on the overview before a fresh window's first visit (its first frames lay out the
/// overview, the menus and the notes panel, which every view shares).
const FRAMES_BEFORE_FIRST_VISIT: usize = 3;

/// Time of the first frame of view `v` in a freshly opened window (setup untimed).
fn time_first_visit(data_dir: &Path, open: &dyn Fn(&mut DeskApp), v: View, iters: u64) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let mut w = Window::fresh(data_dir, true, open);
        for _ in 0..FRAMES_BEFORE_FIRST_VISIT {
            w.frame();
        }
        w.app.prefs.view = v;
        total += w.timed_frame();
        // The Votes view's first frame starts reading the journal off the UI thread; let it
        // finish before the next window, untimed.
        w.wait_for_journal();
    }
    total
}

/// First visits: each sample opens a new window, so one iteration per sample.
fn first_visits(c: &mut Criterion, scale: &str, data_dir: &Path, open: &dyn Fn(&mut DeskApp)) {
    let mut g = c.benchmark_group("frames");
    g.sampling_mode(criterion::SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_millis(1));
    for v in View::ALL {
        g.bench_function(
            format!("{scale}/{}/first visit, fresh window", name(v)),
            |b| b.iter_custom(|iters| time_first_visit(data_dir, open, v, iters)),
        );
    }
    g.finish();
}

fn per_view(g: &mut BenchmarkGroup<'_, WallTime>, scale: &str, w: &mut Window, long_stay: bool) {
    for v in View::ALL {
        w.app.prefs.view = v;
        w.frame();
        g.bench_function(format!("{scale}/{}/steady", name(v)), |b| {
            b.iter(|| w.frame())
        });
        let other = if v == View::Overview {
            View::Report
        } else {
            View::Overview
        };
        g.bench_function(format!("{scale}/{}/first after switch", name(v)), |b| {
            b.iter_custom(|iters| w.time_switch(other, 2, v, iters))
        });
        if long_stay {
            g.bench_function(
                format!("{scale}/{}/first after a long stay elsewhere", name(v)),
                |b| b.iter_custom(|iters| w.time_switch(other, LONG_STAY_FRAMES, v, iters)),
            );
        }
    }
}

fn frames(c: &mut Criterion) {
    let fx = common::national();
    // The votes view finds the journal through the data folder.
    // SAFETY: set before any thread of this process reads the environment.
    unsafe { std::env::set_var("DELEGATE_DESK_DATA", &fx.data_dir) };

    let mut g = c.benchmark_group("frames");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2));
    g.bench_function("national/open + first frame", |b| {
        b.iter(|| {
            let ctx = egui::Context::default();
            delegate_desk::fonts::install_fonts(&ctx);
            let mut app = DeskApp::with_prefs(Prefs::default(), fx.data_dir.clone());
            app.open_path(&fx.session_path);
            let raw = egui::RawInput {
                screen_rect: Some(egui::Rect::from_min_size(
                    egui::Pos2::ZERO,
                    egui::vec2(1280.0, 800.0),
                )),
                ..Default::default()
            };
            let out = ctx.run_ui(raw, |ui| app.show(ui));
            black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
        })
    });
    // The notes panel (open by default) lists all 5,000 notes; measured with it open and
    // closed so that the views' own cost is seen apart from the panel's.
    let open_national = |app: &mut DeskApp| app.open_path(&fx.session_path);
    let mut national = Window::new(&fx.data_dir, true, open_national);
    per_view(&mut g, "national", &mut national, true);
    // A closed roll call selected: its result and its audit trail of 2,979 records.
    national.app.prefs.view = View::Votes;
    national.app.votes.focus("m01");
    for _ in 0..3 {
        national.frame();
    }
    g.bench_function("national/votes, roll call m01 selected/steady", |b| {
        b.iter(|| national.frame())
    });
    // The election of 190 candidates for 175 seats, counted ballot by ballot and closed: its
    // counting sheet, result and the tie ballot it calls for.
    national
        .app
        .votes
        .focus(delegate_desk::generate::ELECTION_ID);
    for _ in 0..3 {
        national.frame();
    }
    g.bench_function("national/votes, election selected/steady", |b| {
        b.iter(|| national.frame())
    });
    g.bench_function(
        "national/votes, election selected/first after a long stay elsewhere",
        |b| {
            b.iter_custom(|iters| {
                national.time_switch(View::Overview, LONG_STAY_FRAMES, View::Votes, iters)
            })
        },
    );
    drop(national);
    let mut national = Window::new(&fx.data_dir, false, open_national);
    per_view(
        &mut g,
        "national (notes panel closed)",
        &mut national,
        false,
    );
    drop(national);
    let mut jiujiang = Window::new(&fx.data_dir, true, DeskApp::open_bundled);
    per_view(&mut g, "jiujiang", &mut jiujiang, true);
    drop(jiujiang);
    g.finish();
    first_visits(c, "jiujiang", &fx.data_dir, &DeskApp::open_bundled);
    first_visits(c, "national", &fx.data_dir, &open_national);
}

criterion_group!(benches, frames);
criterion_main!(benches);
