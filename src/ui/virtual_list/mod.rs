//! The one long list: lays out only the rows in view, learns each row's height when it is
//! drawn, keeps what is in view still when a row above it turns out taller or shorter than
//! guessed, and jumps to a row.
//!
//! Used by the report (paragraphs), the itinerary (stops) and the indicators (rows of cards).
//! A national report has thousands of paragraphs; laying them all out every frame is what
//! this avoids.

mod row_geometry;

pub use row_geometry::RowGeometry;

use std::hash::Hash;

use egui::{Rect, Ui};

#[derive(Default)]
pub struct VirtualList {
    geometry: RowGeometry,
    /// The width the heights were measured at.
    width: f32,
    /// Row to bring to the top of the view.
    jump: Option<Jump>,
    /// Offset to scroll to on the next frame, so the rows in view stay where they were drawn
    /// after rows above them were measured.
    anchored_offset: Option<f32>,
    /// Height of the content as last drawn: where the scroll area believes the list ends.
    last_total: f32,
    first_visible: Option<usize>,
    /// How many screens above and below the view are laid out too.
    overscan: f32,
}

#[derive(Clone, Copy, Debug)]
struct Jump {
    row: usize,
    /// Frames left to aim again while heights around the target are being learned.
    tries: u8,
}

/// How many frames a jump may take to land: each learns the heights of the rows it draws.
const JUMP_TRIES: u8 = 8;

/// What [`VirtualList::ui`] reports.
pub struct ListOutput {
    /// The first row in view.
    pub first_visible: Option<usize>,
    /// The visible rectangle of the list.
    pub inner_rect: Rect,
}

impl VirtualList {
    /// Lays out `screens` screens of rows above and below the view as well, so keyboard focus
    /// and screen readers can move on to the rows just out of sight.
    pub fn with_overscan(mut self, screens: f32) -> Self {
        self.overscan = screens.max(0.0);
        self
    }

    pub fn len(&self) -> usize {
        self.geometry.len()
    }

    pub fn is_empty(&self) -> bool {
        self.geometry.is_empty()
    }

    /// Whether the rows are `n` rows laid out at `width`; if not, the owner gives new
    /// estimates with [`Self::set_rows`].
    pub fn is_laid_out_for(&self, n: usize, width: f32) -> bool {
        self.len() == n && (self.width - width).abs() <= 0.5
    }

    /// New rows, with a first guess at each one's height. What was in view stays in view
    /// (by row number) unless a jump is pending.
    pub fn set_rows(&mut self, estimates: impl IntoIterator<Item = f32>, width: f32) {
        let gap = self.geometry.gap();
        self.geometry = RowGeometry::new(estimates, gap);
        self.width = width;
        self.anchored_offset = None;
        if self.jump.is_none()
            && let Some(row) = self.first_visible
        {
            self.jump_to(row);
        }
    }

    /// Forgets the rows (another document is being shown); a pending jump is kept.
    pub fn clear(&mut self) {
        self.geometry = RowGeometry::default();
        self.first_visible = None;
        self.anchored_offset = None;
    }

    /// Brings `row` to the top of the view on the next frame (or as near as the end of the
    /// list allows).
    pub fn jump_to(&mut self, row: usize) {
        self.jump = Some(Jump {
            row,
            tries: JUMP_TRIES,
        });
    }

    /// Whether a jump is still finding its row.
    pub fn is_jumping(&self) -> bool {
        self.jump.is_some()
    }

    /// The first row in view as last drawn.
    pub fn first_visible(&self) -> Option<usize> {
        self.first_visible
    }

    /// Draws the rows in view in a vertical scroll area, `gap` points apart. `row_ui` draws
    /// row `i` into a ui as wide as the list, placed where the row goes; what it takes is
    /// the row's height.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        id_salt: impl Hash + std::fmt::Debug,
        gap: f32,
        mut row_ui: impl FnMut(&mut Ui, usize),
    ) -> ListOutput {
        self.geometry.set_gap(gap);
        let width = ui.available_width();
        if (width - self.width).abs() > 0.5 {
            self.geometry.forget_measurements();
            self.width = width;
        }
        let view_height = ui.available_height();
        let mut scroll = egui::ScrollArea::vertical()
            .id_salt(id_salt)
            .auto_shrink([false, false]);
        // Past the end the scroll area would spring back over many frames. Its end is where
        // last frame's content ended, so heights learned since count only when they make
        // the list shorter.
        let max_offset = (self.geometry.total().min(self.last_total) - view_height).max(0.0);
        let mut held_short = false;
        if let Some(jump) = self.jump {
            let target = self.geometry.top(jump.row);
            scroll = scroll.vertical_scroll_offset(target.min(max_offset));
            held_short = target > max_offset + 0.5 && self.last_total + 0.5 < self.geometry.total();
        } else if let Some(offset) = self.anchored_offset.take() {
            scroll = scroll.vertical_scroll_offset(offset.clamp(0.0, max_offset));
        }

        let geometry = &mut self.geometry;
        let overscan = self.overscan;
        let total = geometry.total();
        self.last_total = total;
        let output = scroll.show_viewport(ui, |ui, viewport| {
            ui.set_height(total);
            ui.set_width(ui.available_width());
            let origin = ui.min_rect().min;
            let row_width = ui.available_width();
            let reach = overscan * viewport.height();
            let rows = geometry.rows_between(viewport.min.y - reach, viewport.max.y + reach);
            let first_visible = geometry.rows_between(viewport.min.y, viewport.max.y).start;
            // Tops as they are now: every row is drawn where this frame's geometry puts it,
            // and what is learned while drawing moves rows from the next frame on.
            let tops: Vec<f32> = rows.clone().map(|i| geometry.top(i)).collect();
            // The first row whose top is in view stays where it is; rows above it may grow or
            // shrink as they are measured, and the scroll offset follows them.
            let anchor = rows
                .clone()
                .zip(&tops)
                .find(|(_, top)| **top >= viewport.min.y - 0.5)
                .map_or(first_visible, |(i, _)| i);
            let mut learned = Learned::default();
            for (i, top) in rows.zip(tops) {
                let rect = Rect::from_min_size(
                    origin + egui::vec2(0.0, top),
                    egui::vec2(row_width, geometry.height(i)),
                );
                let mut child = ui.new_child(
                    egui::UiBuilder::new()
                        .id_salt(("row", i))
                        .max_rect(rect)
                        .layout(egui::Layout::top_down(egui::Align::Min)),
                );
                row_ui(&mut child, i);
                let change = geometry.measure(i, child.min_rect().height());
                if change != 0.0 {
                    learned.any = true;
                    if i < anchor {
                        learned.above_anchor += change;
                    }
                }
            }
            (
                (first_visible < geometry.len()).then_some(first_visible),
                learned,
            )
        });
        let (first_visible, learned) = output.inner;
        self.first_visible = first_visible;

        if let Some(mut jump) = self.jump.take()
            && (learned.any || held_short)
            && jump.tries > 1
        {
            // Heights near the target were guesses, or the list was shorter last frame:
            // aim again once they are known.
            jump.tries -= 1;
            self.jump = Some(jump);
        } else if learned.above_anchor != 0.0 {
            self.anchored_offset = Some(output.state.unclamped_offset().y + learned.above_anchor);
        }
        if learned.any || held_short {
            // Rows below the corrected ones move: draw again so nothing overlaps.
            ui.ctx().request_repaint();
        }
        ListOutput {
            first_visible,
            inner_rect: output.inner_rect,
        }
    }
}

/// What drawing a frame's rows taught the list.
#[derive(Default)]
struct Learned {
    /// Some row's height differs from what it was thought to be.
    any: bool,
    /// By how much the rows above the anchor (the first row whose top is in view) grew, or
    /// shrank when negative.
    above_anchor: f32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::Harness;

    /// A list of plain boxes whose real heights the test sets; estimates are all 20.
    struct Fixture {
        list: VirtualList,
        real: Vec<f32>,
        /// (row, its top on screen) of the rows drawn in the last frame.
        drawn: Vec<(usize, f32)>,
        view_top: f32,
    }

    fn harness(rows: usize, overscan: f32) -> Harness<'static, Fixture> {
        let mut list = VirtualList::default().with_overscan(overscan);
        list.set_rows(std::iter::repeat_n(20.0, rows), 0.0);
        let fixture = Fixture {
            list,
            real: (0..rows).map(|i| 20.0 + (i % 7) as f32 * 10.0).collect(),
            drawn: Vec::new(),
            view_top: 0.0,
        };
        Harness::builder()
            .with_size(egui::vec2(400.0, 600.0))
            .with_max_steps(JUMP_TRIES as u64 + 4)
            .build_ui_state(
                |ui, f: &mut Fixture| {
                    f.drawn.clear();
                    let real = &f.real;
                    let drawn = &mut f.drawn;
                    let out = f.list.ui(ui, "test_list", 4.0, |ui, i| {
                        drawn.push((i, ui.max_rect().top()));
                        ui.allocate_exact_size(egui::vec2(50.0, real[i]), egui::Sense::hover());
                    });
                    f.view_top = out.inner_rect.top();
                },
                fixture,
            )
    }

    fn top_on_screen(h: &Harness<'static, Fixture>, row: usize) -> Option<f32> {
        let f = h.state();
        f.drawn
            .iter()
            .find(|(i, _)| *i == row)
            .map(|(_, y)| y - f.view_top)
    }

    #[test]
    fn only_the_rows_in_view_are_drawn_and_measured() {
        let mut h = harness(1000, 0.0);
        h.run();
        let f = h.state();
        assert_eq!(f.list.first_visible(), Some(0));
        assert!(
            !f.drawn.is_empty() && f.drawn.len() < 40,
            "{}",
            f.drawn.len()
        );
        assert!(f.list.geometry.is_measured(0));
        assert!(!f.list.geometry.is_measured(500));
        // Drawn rows sit where their measured heights put them.
        let (a, b) = (top_on_screen(&h, 1).unwrap(), top_on_screen(&h, 2).unwrap());
        assert!((b - a - (h.state().real[1] + 4.0)).abs() < 0.5, "{a} {b}");
    }

    #[test]
    fn a_jump_brings_its_row_to_the_top() {
        let mut h = harness(1000, 0.0);
        h.run();
        h.state_mut().list.jump_to(500);
        h.run();
        assert_eq!(h.state().list.first_visible(), Some(500));
        assert!(!h.state().list.is_jumping());
        let y = top_on_screen(&h, 500).expect("row 500 is drawn");
        assert!(y.abs() < 0.5, "row 500 is {y} below the top");
        // The rows above were never drawn: still estimates.
        assert!(!h.state().list.geometry.is_measured(400));

        // The last row: as near as the end allows, and drawn.
        h.state_mut().list.jump_to(999);
        h.run();
        assert!(top_on_screen(&h, 999).is_some());
    }

    #[test]
    fn rows_in_view_stay_put_when_rows_above_change_height() {
        let mut h = harness(1000, 1.0);
        h.run();
        h.state_mut().list.jump_to(300);
        h.run();
        let before = top_on_screen(&h, 300).expect("row 300 is drawn");
        // Rows just above the view (laid out, one screen up) turn out much taller.
        for i in 290..300 {
            h.state_mut().real[i] += 25.0;
        }
        h.run();
        assert_eq!(h.state().list.first_visible(), Some(300));
        let after = top_on_screen(&h, 300).expect("row 300 is still drawn");
        assert!(
            (after - before).abs() < 0.5,
            "moved from {before} to {after}"
        );
        // And those rows are where their new heights put them.
        let (a, b) = (
            top_on_screen(&h, 298).unwrap(),
            top_on_screen(&h, 299).unwrap(),
        );
        assert!((b - a - (h.state().real[298] + 4.0)).abs() < 0.5, "{a} {b}");
    }

    #[test]
    fn scrolling_up_into_rows_not_yet_drawn_keeps_the_rows_in_view_still() {
        // Two lists scrolled alike; in one, the row above the view is as tall as guessed,
        // in the other, 60 taller. Row 500 must end up at the same place in both.
        let at = |extra: f32| {
            let mut h = harness(1000, 0.0);
            for r in 480..500 {
                h.state_mut().real[r] = 20.0;
            }
            h.state_mut().real[499] += extra;
            h.run();
            h.state_mut().list.jump_to(500);
            h.run();
            h.hover_at(egui::pos2(100.0, 300.0));
            h.event(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, 12.0),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Unknown,
                modifiers: egui::Modifiers::NONE,
            });
            h.run_steps(12);
            h.run();
            assert!(h.state().list.geometry.is_measured(499));
            top_on_screen(&h, 500).expect("row 500 is drawn")
        };
        let (guessed, taller) = (at(0.0), at(60.0));
        assert!(guessed > 1.0, "the wheel scrolled up: row 500 at {guessed}");
        assert!((guessed - taller).abs() < 0.5, "{guessed} vs {taller}");
    }

    #[test]
    fn new_rows_keep_the_row_in_view() {
        let mut h = harness(1000, 0.0);
        h.run();
        h.state_mut().list.jump_to(120);
        h.run();
        // Laid out again (say, for a new width): row 120 stays first.
        h.state_mut()
            .list
            .set_rows(std::iter::repeat_n(35.0, 1000), 0.0);
        h.run();
        assert_eq!(h.state().list.first_visible(), Some(120));
    }
}
