//! The window: a thin layer of views over the domain. Views draw and emit commands; the app
//! applies them once per frame.

pub mod app;
pub mod command;
pub mod look;
pub mod note_color;
pub mod notes_change;
pub mod one_line;
pub mod open_externally;
pub mod prefs;
pub mod projector;
pub mod segments;
pub mod separated;
pub mod task;
pub mod text_block;
pub mod tip;
pub mod view;
pub mod views;
pub mod virtual_list;

pub use app::DeskApp;

/// What the command line asks of the window; the CLI fills it in (`ui` does not know `cli`).
#[derive(Clone, Debug, Default)]
pub struct Start {
    /// The session to open instead of the last one.
    pub file: Option<std::path::PathBuf>,
    /// The view to start on instead of the remembered one.
    pub view: Option<view::View>,
    /// The language instead of the remembered one.
    pub lang: Option<crate::i18n::Lang>,
}

/// Opens the window. Returns when it is closed.
pub fn run_window(start: Start) -> eframe::Result {
    let started = std::time::Instant::now();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("代表履职台 Delegate Desk")
            .with_app_id("delegate-desk")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 420.0])
            .with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "delegate-desk",
        options,
        Box::new(move |cc| {
            let app = DeskApp::new(cc, &start);
            if std::env::var_os("DELEGATE_DESK_TRACE").is_some() {
                Ok(Box::new(Traced::new(app, started)))
            } else {
                Ok(Box::new(app))
            }
        }),
    )
}

/// `DELEGATE_DESK_TRACE=1`: prints the time from start to the first frame, then how many
/// frames were drawn in each second that had any (an idle window should print nothing).
struct Traced {
    app: DeskApp,
    started: std::time::Instant,
    frames: u64,
    second: u64,
    in_second: u64,
}

impl Traced {
    fn new(app: DeskApp, started: std::time::Instant) -> Self {
        Self {
            app,
            started,
            frames: 0,
            second: 0,
            in_second: 0,
        }
    }
}

impl eframe::App for Traced {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let t = self.started.elapsed();
        if self.frames == 0 {
            eprintln!("trace: first frame after {} ms", t.as_millis());
        }
        self.frames += 1;
        let sec = t.as_secs();
        if sec != self.second {
            if self.in_second > 0 {
                eprintln!("trace: second {}: {} frame(s)", self.second, self.in_second);
            }
            self.second = sec;
            self.in_second = 0;
        }
        self.in_second += 1;
        self.app.ui(ui, frame);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.app.save(storage);
    }

    fn on_exit(&mut self, gl: Option<&eframe::glow::Context>) {
        self.app.on_exit(gl);
    }
}
