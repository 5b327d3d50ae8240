//! A row of text buttons drawn as one widget: a roster row's three choices (出席 · 请假 ·
//! 缺席, or 赞成 · 反对 · 弃权), an indicator card's actions (批注 · 复制 · 存图).
//!
//! Each looks like the egui button it replaces, without its cost: egui 0.37's `Button` lays
//! its text out through its atom layout and asks the style for its classes on every call,
//! and a roster page has some sixty of them, the indicator cards fifty. Here the labels are laid out once per frame for every row or card, and a
//! button is one `interact` and two paint calls. They take the keyboard like buttons (Tab
//! to focus, Space or Enter to press); the caller names each for a screen reader.

use std::sync::Arc;

use egui::{Galley, Response, Role, Sense, Ui, WidgetInfo};

use super::one_line::one_line;

/// The labels, laid out for this frame.
pub struct SegmentLabels<const N: usize> {
    galleys: [Arc<Galley>; N],
}

impl<const N: usize> SegmentLabels<N> {
    pub fn new(ui: &Ui, texts: [&str; N]) -> SegmentLabels<N> {
        SegmentLabels {
            galleys: texts.map(|t| one_line(ui, t)),
        }
    }

    /// How wide `segments_ui` draws them side by side, with this button padding and gap.
    pub fn width(&self, padding_x: f32, gap: f32) -> f32 {
        let buttons: f32 = self
            .galleys
            .iter()
            .map(|g| g.size().x + 2.0 * padding_x)
            .sum();
        buttons + gap * N.saturating_sub(1) as f32
    }

    /// The laid-out labels, for a caller that shows the chosen one as text too.
    pub fn galleys(&self) -> &[Arc<Galley>; N] {
        &self.galleys
    }

    pub fn text(&self, i: usize) -> &str {
        self.galleys.get(i).map_or("", |g| g.text())
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Look {
    /// As `Button::selectable`: a frame on the chosen one, and on the others under the
    /// pointer or with the keyboard focus.
    Selectable { selected: Option<usize> },
    /// As `Button::small`: always framed, as high as the text.
    Small,
}

/// Draws the buttons left to right, each named `name(i)` for a screen reader (built only
/// when one asks: e.g. "出席 d001", so a row's buttons can be told apart), then calls
/// `each(i, response)` for each: give it a tooltip, see whether it was clicked. Disabled
/// buttons sense only hover.
pub fn segments_ui<const N: usize>(
    ui: &mut Ui,
    labels: &SegmentLabels<N>,
    look: Look,
    enabled: bool,
    name: impl Fn(usize) -> String,
    mut each: impl FnMut(usize, Response),
) {
    let padding = ui.spacing().button_padding;
    let sense = if enabled {
        Sense::click()
    } else {
        Sense::hover()
    };
    for (i, galley) in labels.galleys.iter().enumerate() {
        let height = match look {
            Look::Selectable { .. } => ui.spacing().interact_size.y,
            Look::Small => galley.size().y,
        };
        let size = egui::vec2(galley.size().x + 2.0 * padding.x, height);
        let (rect, resp) = ui.allocate_exact_size(size, sense);
        resp.widget_info(|| match look {
            Look::Selectable { selected } => {
                WidgetInfo::selected(Role::Button, enabled, selected == Some(i), name(i))
            }
            Look::Small => WidgetInfo::labeled(Role::Button, enabled, name(i)),
        });
        if ui.is_rect_visible(rect) {
            paint(ui, &resp, galley, look, i, enabled);
        }
        each(i, resp);
    }
}

fn paint(ui: &Ui, resp: &Response, galley: &Arc<Galley>, look: Look, i: usize, enabled: bool) {
    let rect = resp.rect;
    let (visuals, framed) = match look {
        Look::Selectable { selected } => {
            let chosen = selected == Some(i);
            let active = enabled && (resp.hovered() || resp.has_focus());
            (
                ui.style().interact_selectable(resp, chosen),
                chosen || active,
            )
        }
        Look::Small => (*ui.style().interact(resp), true),
    };
    let painter = ui.painter();
    if framed {
        painter.rect(
            rect,
            visuals.corner_radius,
            visuals.weak_bg_fill,
            visuals.bg_stroke,
            egui::StrokeKind::Inside,
        );
    }
    let color = if enabled {
        visuals.text_color()
    } else {
        ui.visuals().weak_text_color()
    };
    painter.galley(
        rect.center() - galley.size() / 2.0,
        Arc::clone(galley),
        color,
    );
}

#[cfg(test)]
mod tests {
    use egui::accesskit::{Role, Toggled};
    use egui_kittest::Harness;
    use egui_kittest::kittest::{NodeT, Queryable};

    use super::{Look, SegmentLabels, segments_ui};

    struct Row {
        selected: Option<usize>,
        enabled: bool,
        clicks: Vec<usize>,
    }

    fn harness(enabled: bool) -> Harness<'static, Row> {
        let row = Row {
            selected: Some(0),
            enabled,
            clicks: Vec::new(),
        };
        Harness::new_ui_state(
            |ui, row: &mut Row| {
                let labels = SegmentLabels::new(ui, ["Present", "Leave", "Absent"]);
                let (selected, enabled) = (row.selected, row.enabled);
                let look = Look::Selectable { selected };
                let mut clicked = None;
                ui.horizontal(|ui| {
                    let name = |i: usize| format!("{} d001", labels.text(i));
                    segments_ui(ui, &labels, look, enabled, name, |i, r| {
                        if r.clicked() {
                            clicked = Some(i);
                        }
                    });
                });
                if let Some(i) = clicked {
                    row.clicks.push(i);
                    row.selected = Some(i);
                }
            },
            row,
        )
    }

    #[test]
    fn a_segment_is_a_button_named_for_its_row_that_can_be_clicked() {
        let mut h = harness(true);
        h.run();
        assert_eq!(
            h.get_by_role_and_label(Role::Button, "Present d001")
                .accesskit_node()
                .toggled(),
            Some(Toggled::True)
        );
        assert_eq!(
            h.get_by_role_and_label(Role::Button, "Leave d001")
                .accesskit_node()
                .toggled(),
            Some(Toggled::False)
        );
        h.get_by_label("Leave d001").click();
        h.run();
        assert_eq!(h.state().clicks, vec![1]);
        assert_eq!(
            h.get_by_label("Leave d001").accesskit_node().toggled(),
            Some(Toggled::True)
        );
        assert_eq!(
            h.get_by_label("Present d001").accesskit_node().toggled(),
            Some(Toggled::False)
        );
    }

    #[test]
    fn the_keyboard_reaches_and_presses_a_segment() {
        let mut h = harness(true);
        h.run();
        h.get_by_label("Absent d001").focus();
        h.run();
        h.key_press(egui::Key::Space);
        h.run();
        assert_eq!(h.state().clicks, vec![2]);
    }

    #[test]
    fn a_disabled_strip_says_so_and_ignores_clicks() {
        let mut h = harness(false);
        h.run();
        let absent = h.get_by_label("Absent d001");
        assert!(absent.accesskit_node().is_disabled());
        absent.click();
        h.run();
        assert!(h.state().clicks.is_empty());
        assert_eq!(
            h.get_by_label("Present d001").accesskit_node().toggled(),
            Some(Toggled::True)
        );
    }

    /// The roster sizes its last column by `width`: it must be what the strip takes.
    #[test]
    fn width_is_the_span_the_strip_draws() {
        let mut span = None;
        let mut predicted = None;
        let mut h = Harness::new_ui(|ui| {
            let labels = SegmentLabels::new(ui, ["Present", "Leave", "Absent"]);
            let s = ui.spacing();
            predicted = Some(labels.width(s.button_padding.x, s.item_spacing.x));
            let mut rects = Vec::new();
            ui.horizontal(|ui| {
                let look = Look::Selectable { selected: None };
                segments_ui(
                    ui,
                    &labels,
                    look,
                    true,
                    |i| i.to_string(),
                    |_, r| {
                        rects.push(r.rect);
                    },
                );
            });
            if let (Some(a), Some(b)) = (rects.first(), rects.last()) {
                span = Some(b.right() - a.left());
            }
        });
        h.run();
        drop(h);
        let (span, predicted) = (span.unwrap(), predicted.unwrap());
        assert!(span > 100.0, "three labelled buttons: {span}");
        assert!((span - predicted).abs() < 0.01, "{span} vs {predicted}");
    }
}
