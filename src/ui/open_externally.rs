//! Opens a file or a folder as the desktop would (the file manager, WPS, a PDF reader):
//! `xdg-open` on Linux, `open` on macOS, `explorer` on Windows — the desktop's own opener,
//! rather than a crate that would run the same programs. Run as a [`Task`]: the opener can
//! take a while to answer, and the window does not wait for it.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::ui::task::Task;

/// What the desktop opener said, once it answered: Err with why it could not open `path`.
pub type Opened = Result<PathBuf, (PathBuf, String)>;

fn opener() -> &'static str {
    if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    }
}

/// Starts opening `path` on a thread.
pub fn open_externally(ctx: &egui::Context, path: PathBuf) -> Task<Opened> {
    Task::spawn(ctx, "open-externally", move || {
        run(&path).map(|()| path.clone()).map_err(|e| (path, e))
    })
}

fn run(path: &Path) -> Result<(), String> {
    let status = Command::new(opener())
        .arg(path)
        .status()
        .map_err(|e| format!("{}: {e}", opener()))?;
    // explorer answers 1 even when it opened the folder.
    if status.success() || cfg!(windows) {
        Ok(())
    } else {
        Err(format!("{} {status}", opener()))
    }
}
