//! Drawing every view once, unseen, right after a session opens, so that the first visit to
//! a view is as quick as any other frame.
//!
//! A view's first frame lays out all of its text (each short label costs a few microseconds
//! to shape) and reads what it shows (the Votes view reads the journal): several times a
//! normal frame. That work is moved to the frame after the first: its first pass draws the
//! view on screen (and takes the input), then egui is asked to discard the pass and run
//! another, twice per view not yet drawn, each drawing one of them in the central panel; the
//! last pass draws the current view again and is the one shown. The text stays laid out
//! because the patched epaint keeps unused layouts within a size bound
//! (vendor/epaint/PATCHES.md). Passes after the first get no input events, so nothing the
//! hidden views draw can be clicked or typed into.

use std::num::NonZeroUsize;

use crate::ui::view::View;

#[derive(Debug, Default)]
pub struct WarmUp {
    /// Views not drawn since the session opened.
    pending: Vec<View>,
    /// The frame that draws them (the one after the session was first shown).
    frame: Option<u64>,
    /// egui's pass limit before it was raised for the warm-up, to restore after.
    saved_max_passes: Option<NonZeroUsize>,
    /// Whether the pass being drawn draws a view nobody sees.
    hidden: bool,
}

impl WarmUp {
    /// A session opened: every view is to be drawn, twice (a scroll area or a table learns
    /// its content's size in its first pass and only lays out all it shows in the second).
    pub fn start(&mut self) {
        self.pending = View::ALL.iter().flat_map(|&v| [v, v]).collect();
        self.frame = None;
    }

    /// The session closed: nothing to draw.
    pub fn stop(&mut self) {
        self.pending.clear();
    }

    /// Views still to draw unseen.
    pub fn pending(&self) -> &[View] {
        &self.pending
    }

    /// Whether this pass draws a view nobody sees (its commands are to be dropped).
    pub fn is_hidden_pass(&self) -> bool {
        self.hidden
    }

    /// The view to draw in the central panel this pass, given the one the user is on.
    pub fn view_for_pass(&mut self, ctx: &egui::Context, current: View) -> View {
        self.hidden = false;
        self.pending.retain(|&v| v != current);
        if self.pending.is_empty() {
            self.restore_max_passes(ctx);
            return current;
        }
        let frame = ctx.cumulative_frame_nr();
        let Some(warm_frame) = self.frame else {
            // First frame with the session: keep it quick; warm up in the next one.
            self.frame = Some(frame + 1);
            // One pass for the view on screen, one per hidden drawing, one to show it again.
            let needed = NonZeroUsize::new(self.pending.len() + 2).unwrap_or(NonZeroUsize::MIN);
            ctx.options_mut(|o| {
                if o.max_passes < needed {
                    self.saved_max_passes = Some(o.max_passes);
                    o.max_passes = needed;
                }
            });
            ctx.request_repaint();
            return current;
        };
        let pass = ctx.current_pass_index();
        let max_passes = ctx.options(|o| o.max_passes.get());
        // The first pass takes the input; the last one must show the current view.
        if frame < warm_frame || pass == 0 || max_passes <= pass + 1 {
            return current;
        }
        self.hidden = true;
        self.pending.remove(0)
    }

    /// After a pass: asks for another while views are left to draw, and never lets a hidden
    /// view's pass be the one shown.
    pub fn end_pass(&mut self, ctx: &egui::Context) {
        let warming = self.frame.is_some_and(|f| f <= ctx.cumulative_frame_nr());
        if self.hidden || (warming && !self.pending.is_empty()) {
            ctx.request_discard("warming up the views not yet shown");
        }
        let last_pass = ctx.options(|o| o.max_passes.get()) <= ctx.current_pass_index() + 1;
        if warming && !self.pending.is_empty() && last_pass {
            // Out of passes this frame (egui used some for itself): go on in the next.
            ctx.request_repaint();
        }
    }

    fn restore_max_passes(&mut self, ctx: &egui::Context) {
        if let Some(saved) = self.saved_max_passes.take() {
            ctx.options_mut(|o| o.max_passes = saved);
        }
    }
}
