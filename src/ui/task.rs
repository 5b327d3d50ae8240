//! Work the window must not wait for — a file dialog, reading a big journal, writing an
//! export, saving a chart — runs as a [`Task`]: a closure on its own thread, which wakes the
//! window when it is done; each frame the owner polls for the answer without blocking.
//!
//! This is the one way the UI does anything off its thread, so every such job starts,
//! wakes and ends the same way, and a job whose owner has moved on (another journal opened,
//! the window closed) simply finishes unheard.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, mpsc};

/// The answer of work running elsewhere, polled each frame.
pub struct Task<T> {
    rx: mpsc::Receiver<T>,
    /// How far the work is, 0.0 to 1.0, for those that say ([`Task::spawn_with_progress`]).
    progress: Arc<AtomicU32>,
}

/// The work ended without an answer (it panicked, or no thread could be started).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lost;

/// Where the answer of a [`Task::pending`] goes: whoever holds it finishes the task.
pub struct Done<T> {
    tx: mpsc::Sender<T>,
    ctx: egui::Context,
}

impl<T: Send + 'static> Done<T> {
    /// Hands over the answer and wakes the window to take it.
    pub fn send(self, value: T) {
        // Nobody listening any more is fine: the owner moved on.
        let _ = self.tx.send(value);
        self.ctx.request_repaint();
    }
}

impl<T: Send + 'static> Task<T> {
    /// Runs `work` on a thread named `name`.
    pub fn spawn(
        ctx: &egui::Context,
        name: &str,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Task<T> {
        Task::spawn_with_progress(ctx, name, move |_| work())
    }

    /// Runs `work` on a thread named `name`; `work` reports how far it is (0.0 to 1.0) through
    /// the function it is given, which wakes the window to show it ([`Task::progress`]).
    pub fn spawn_with_progress(
        ctx: &egui::Context,
        name: &str,
        work: impl FnOnce(&mut dyn FnMut(f32)) -> T + Send + 'static,
    ) -> Task<T> {
        let (task, done) = Task::pending(ctx);
        let progress = Arc::clone(&task.progress);
        // Should no thread be had, `done` is dropped with the closure and polling says Lost.
        let _ = std::thread::Builder::new()
            .name(name.to_string())
            .spawn(move || {
                let ctx = done.ctx.clone();
                let mut report = |f: f32| {
                    progress.store(f.to_bits(), Ordering::Relaxed);
                    ctx.request_repaint();
                };
                let value = work(&mut report);
                done.send(value);
            });
        task
    }

    /// A task finished by whoever is given the [`Done`]: for an answer that arrives from
    /// elsewhere, such as a screenshot from the renderer.
    pub fn pending(ctx: &egui::Context) -> (Task<T>, Done<T>) {
        let (tx, rx) = mpsc::channel();
        let task = Task {
            rx,
            progress: Arc::new(AtomicU32::new(0f32.to_bits())),
        };
        let done = Done {
            tx,
            ctx: ctx.clone(),
        };
        (task, done)
    }

    /// The answer once it has come; `None` while the work goes on.
    pub fn poll(&mut self) -> Option<Result<T, Lost>> {
        match self.rx.try_recv() {
            Ok(v) => Some(Ok(v)),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Err(Lost)),
        }
    }

    /// How far the work said it is, 0.0 to 1.0.
    pub fn progress(&self) -> f32 {
        f32::from_bits(self.progress.load(Ordering::Relaxed))
    }
}

/// Polls the task in `slot`, if any, and empties the slot once it has finished.
pub fn poll_slot<T: Send + 'static>(slot: &mut Option<Task<T>>) -> Option<Result<T, Lost>> {
    let answer = slot.as_mut()?.poll();
    if answer.is_some() {
        *slot = None;
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait<T: Send + 'static>(slot: &mut Option<Task<T>>) -> Result<T, Lost> {
        for _ in 0..1000 {
            if let Some(answer) = poll_slot(slot) {
                return answer;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        panic!("the task never finished")
    }

    #[test]
    fn a_task_answers_once_and_empties_its_slot() {
        let ctx = egui::Context::default();
        let mut slot = Some(Task::spawn(&ctx, "test", || 6 * 7));
        assert_eq!(wait(&mut slot), Ok(42));
        assert!(slot.is_none());
        assert!(poll_slot(&mut slot).is_none());
    }

    #[test]
    fn work_that_panics_is_lost_not_waited_for() {
        let ctx = egui::Context::default();
        let mut slot: Option<Task<u8>> = Some(Task::spawn(&ctx, "test", || panic!("boom")));
        assert_eq!(wait(&mut slot), Err(Lost));
    }

    #[test]
    fn progress_is_seen_while_the_work_goes_on() {
        let ctx = egui::Context::default();
        let (go_tx, go_rx) = mpsc::channel::<()>();
        let mut task = Task::spawn_with_progress(&ctx, "test", move |report| {
            report(0.5);
            let _ = go_rx.recv();
            1
        });
        for _ in 0..1000 {
            if task.progress() == 0.5 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        assert_eq!(task.progress(), 0.5);
        assert!(task.poll().is_none(), "still waiting for the go");
        let _ = go_tx.send(());
        let mut slot = Some(task);
        assert_eq!(wait(&mut slot), Ok(1));
    }

    #[test]
    fn a_pending_task_is_finished_by_its_done() {
        let ctx = egui::Context::default();
        let (task, done) = Task::pending(&ctx);
        let mut slot = Some(task);
        assert!(poll_slot(&mut slot).is_none());
        done.send("shot");
        assert_eq!(poll_slot(&mut slot), Some(Ok("shot")));
    }
}
