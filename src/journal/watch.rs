//! Telling a read-only viewer that the journal file changed (a synced or shared folder).
//!
//! The folder is watched rather than the file, because sync tools often replace a file by
//! renaming a new copy over it. The window polls [`JournalWatcher::changed`] each frame and
//! reloads with [`super::Journal::open_read_only`], which tolerates a last line still being
//! copied in.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use notify::{RecursiveMode, Watcher};

/// Watches one journal file.
pub struct JournalWatcher {
    // Kept alive: dropping it stops the watch.
    _watcher: notify::RecommendedWatcher,
    rx: Receiver<()>,
}

impl std::fmt::Debug for JournalWatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JournalWatcher").finish_non_exhaustive()
    }
}

impl JournalWatcher {
    /// Starts watching `path` (the file need not exist yet; its folder must).
    pub fn new(path: &Path) -> notify::Result<JournalWatcher> {
        JournalWatcher::with_waker(path, || {})
    }

    /// Like [`JournalWatcher::new`], also calling `wake` from the watching thread on each
    /// change, so a window can sleep until something happens instead of polling.
    pub fn with_waker(
        path: &Path,
        wake: impl Fn() + Send + 'static,
    ) -> notify::Result<JournalWatcher> {
        let (tx, rx) = channel();
        let name = path.file_name().map(|n| n.to_os_string());
        let dir: PathBuf = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut watcher =
            notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
                if let Ok(ev) = res {
                    let ours = ev
                        .paths
                        .iter()
                        .any(|p| p.file_name().map(|n| n.to_os_string()) == name);
                    if ours && !ev.kind.is_access() {
                        // The receiver may be gone when the window closed; nothing to do then.
                        let _ = tx.send(());
                        wake();
                    }
                }
            })?;
        watcher.watch(&dir, RecursiveMode::NonRecursive)?;
        Ok(JournalWatcher {
            _watcher: watcher,
            rx,
        })
    }

    /// Whether the file changed since the last call (drains pending events; never blocks).
    pub fn changed(&self) -> bool {
        let mut any = false;
        while self.rx.try_recv().is_ok() {
            any = true;
        }
        any
    }

    /// Waits up to `timeout` for a change (for command-line followers and tests).
    pub fn wait(&self, timeout: std::time::Duration) -> bool {
        let got = self.rx.recv_timeout(timeout).is_ok();
        // Collapse a burst of events into one change.
        got | self.changed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The waker is how an idle window learns of a change without polling.
    #[test]
    fn a_change_calls_the_waker() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let (tx, rx) = std::sync::mpsc::channel();
        let w = JournalWatcher::with_waker(&path, move || {
            let _ = tx.send(());
        })
        .unwrap();
        std::fs::write(&path, b"{}\n").unwrap();
        // Waits for the event; the bound only keeps a broken watcher from hanging the run.
        assert!(rx.recv_timeout(std::time::Duration::from_secs(10)).is_ok());
        assert!(w.changed());
    }
}
