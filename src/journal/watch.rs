//! Telling a read-only viewer that the journal file changed (a synced or shared folder).
//!
//! The folder is watched rather than the file, because sync tools often replace a file by
//! renaming a new copy over it. The window polls [`JournalWatcher::changed`] each frame and
//! reloads with [`super::Journal::open_read_only`], which tolerates a last line still being
//! copied in.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use notify::{RecursiveMode, Watcher};

/// Watches one journal file, or every file of a sitting's folder ([`JournalWatcher::folder`]).
///
/// When the journal's folder does not exist yet (a fresh laptop: nothing recorded), the
/// nearest folder above it that does is watched instead, so that its creation is noticed;
/// [`JournalWatcher::changed`] then moves the watch onto the journal's folder. (Failing
/// instead would leave the caller to retry, and a window retrying every frame started an
/// inotify instance and a thread per frame.)
pub struct JournalWatcher {
    path: PathBuf,
    /// The folder whose files are watched.
    folder: PathBuf,
    /// The file watched in it; None: any file (a sitting's folder).
    name: Option<std::ffi::OsString>,
    wake: Arc<dyn Fn() + Send + Sync>,
    tx: Sender<()>,
    rx: Receiver<()>,
    /// The live watch and the folder it is on. Kept alive: dropping it stops the watch.
    watch: Mutex<(notify::RecommendedWatcher, PathBuf)>,
}

impl std::fmt::Debug for JournalWatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JournalWatcher")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// The folder a journal file lives in (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `dir` if it exists, else the nearest folder above it that does.
fn nearest_existing(dir: &Path) -> PathBuf {
    dir.ancestors()
        .find(|a| !a.as_os_str().is_empty() && a.is_dir())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

impl JournalWatcher {
    /// Starts watching `path` (neither the file nor its folder need exist yet).
    pub fn new(path: &Path) -> notify::Result<JournalWatcher> {
        JournalWatcher::with_waker(path, || {})
    }

    /// Like [`JournalWatcher::new`], also calling `wake` from the watching thread on each
    /// change, so a window can sleep until something happens instead of polling.
    pub fn with_waker(
        path: &Path,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> notify::Result<JournalWatcher> {
        let name = path.file_name().map(|n| n.to_os_string());
        JournalWatcher::start(path, folder_of(path), name, Arc::new(wake))
    }

    /// Watches every file of a sitting's folder (journals arriving, conflict copies), calling
    /// `wake` on each change.
    pub fn folder(
        dir: &Path,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> notify::Result<JournalWatcher> {
        JournalWatcher::start(dir, dir.to_path_buf(), None, Arc::new(wake))
    }

    fn start(
        path: &Path,
        folder: PathBuf,
        name: Option<std::ffi::OsString>,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> notify::Result<JournalWatcher> {
        let (tx, rx) = channel();
        let watch = Self::watch_on(&folder, name.clone(), &tx, &wake)?;
        Ok(JournalWatcher {
            path: path.to_path_buf(),
            folder,
            name,
            wake,
            tx,
            rx,
            watch: Mutex::new(watch),
        })
    }

    /// A watch on `folder` (for the file `name`, or any), or on the nearest existing folder
    /// above it.
    fn watch_on(
        folder: &Path,
        name: Option<std::ffi::OsString>,
        tx: &Sender<()>,
        wake: &Arc<dyn Fn() + Send + Sync>,
    ) -> notify::Result<(notify::RecommendedWatcher, PathBuf)> {
        let on = nearest_existing(folder);
        let waiting = on != folder;
        let (tx, wake) = (tx.clone(), Arc::clone(wake));
        let mut watcher =
            notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
                if let Ok(ev) = res {
                    // While waiting for the folder, anything happening above it may be the
                    // folder on the way appearing: report it and let `changed` look.
                    let ours = waiting
                        || name.is_none()
                        || ev
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
        watcher.watch(&on, RecursiveMode::NonRecursive)?;
        Ok((watcher, on))
    }

    /// Whether the watch is on the journal's own folder yet (false while it does not exist).
    pub fn is_on_journal_folder(&self) -> bool {
        let watch = self.watch.lock().unwrap_or_else(|e| e.into_inner());
        watch.1 == self.folder
    }

    /// Whether the file changed since the last call (drains pending events; never blocks).
    /// A change while the journal's folder did not exist moves the watch onto that folder
    /// once it does.
    pub fn changed(&self) -> bool {
        let mut any = false;
        while self.rx.try_recv().is_ok() {
            any = true;
        }
        if any {
            self.follow_folder();
        }
        any
    }

    /// After a change while waiting for the journal's folder: moves the watch as close to
    /// it as now exists. Best effort: should the new watch fail, the old one keeps reporting.
    fn follow_folder(&self) {
        if !self.is_on_journal_folder()
            && let Ok(w) = Self::watch_on(&self.folder, self.name.clone(), &self.tx, &self.wake)
        {
            *self.watch.lock().unwrap_or_else(|e| e.into_inner()) = w;
        }
    }

    /// Waits up to `timeout` for a change (for command-line followers and tests).
    pub fn wait(&self, timeout: std::time::Duration) -> bool {
        let got = self.rx.recv_timeout(timeout).is_ok();
        if got {
            self.follow_folder();
        }
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

    /// A fresh laptop has no journal folder: the watch waits above it, notices the folder
    /// appear, moves onto it, and then reports the journal's own changes.
    #[test]
    fn a_missing_folder_is_waited_for() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data").join("journals").join("j.jsonl");
        let w = JournalWatcher::new(&path).unwrap();
        assert!(!w.is_on_journal_folder());
        let bound = std::time::Duration::from_secs(10);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        // `data` appears: seen, and the watch moves down (onto `journals`, unless the event
        // was handled between the two folders being made: then one more event settles it).
        assert!(w.wait(bound));
        if !w.is_on_journal_folder() {
            std::fs::write(dir.path().join("data").join("touch"), b"").unwrap();
            assert!(w.wait(bound));
        }
        assert!(w.is_on_journal_folder());
        std::fs::write(&path, b"{}\n").unwrap();
        assert!(w.wait(bound));
    }
}
