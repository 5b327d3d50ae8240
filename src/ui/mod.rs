//! The window: a thin layer of views over the domain. Views draw and emit commands; the app
//! applies them once per frame.

use std::process::ExitCode;

pub mod app;
pub mod command;
pub mod notes_change;
pub mod prefs;
pub mod view;
pub mod views;

pub use app::DeskApp;

/// Opens the window. Returns when it is closed.
pub fn run_window(cli: &crate::cli::Cli) -> ExitCode {
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
    let cli_for_app = CliStart {
        file: cli.file.clone(),
        view: cli.view,
        lang: cli.lang,
    };
    let result = eframe::run_native(
        "delegate-desk",
        options,
        Box::new(move |cc| {
            let cli = crate::cli::Cli {
                file: cli_for_app.file,
                view: cli_for_app.view,
                lang: cli_for_app.lang,
                command: None,
            };
            Ok(Box::new(DeskApp::new(cc, &cli)))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("delegate-desk: cannot open the window: {e}");
            ExitCode::from(1)
        }
    }
}

/// The parts of the command line the window needs (the CLI struct is not `Send`-free of
/// subcommand data, so only these are moved into the app's constructor).
struct CliStart {
    file: Option<std::path::PathBuf>,
    view: Option<crate::cli::StartView>,
    lang: Option<crate::i18n::Lang>,
}
