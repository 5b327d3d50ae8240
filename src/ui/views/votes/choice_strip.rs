//! The three choices of one table row (出席 · 请假 · 缺席, or 赞成 · 反对 · 弃权) as a strip
//! of selectable segments.
//!
//! Each is what `Button::selectable` draws, without its cost: egui's button lays its text
//! out through its atom layout on every call, and a roster page has some sixty of them (30 %
//! of a Votes frame in `perf`). Here the three labels are laid out once per frame for the
//! whole table, and a segment is one `interact` and two paint calls. Segments take the
//! keyboard like buttons (Tab to focus, Space or Enter to choose) and tell a screen reader
//! their name, state and whether they can be pressed.

use std::sync::Arc;

use egui::{Galley, Sense, Ui, WidgetInfo};

/// The three labels, laid out for this frame.
pub struct StripLabels {
    galleys: [Arc<Galley>; 3],
}

impl StripLabels {
    pub fn new(ui: &Ui, texts: [&str; 3]) -> StripLabels {
        let galley = |t: &str| {
            egui::WidgetText::from(t).into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Button,
            )
        };
        StripLabels {
            galleys: texts.map(galley),
        }
    }

    pub fn text(&self, i: usize) -> &str {
        self.galleys.get(i).map_or("", |g| g.text())
    }
}

/// Draws the strip; returns the segment clicked. `selected`: the segment showing what is
/// recorded. `accessible(i)`: segment i's name for a screen reader (e.g. "出席 d001"), built
/// only when one asks.
pub fn choice_strip_ui(
    ui: &mut Ui,
    labels: &StripLabels,
    selected: Option<usize>,
    enabled: bool,
    accessible: impl Fn(usize) -> String,
) -> Option<usize> {
    let padding = ui.spacing().button_padding;
    let height = ui.spacing().interact_size.y;
    let sense = if enabled {
        Sense::click()
    } else {
        Sense::hover()
    };
    let mut clicked = None;
    for (i, galley) in labels.galleys.iter().enumerate() {
        let size = egui::vec2(galley.size().x + 2.0 * padding.x, height);
        let (rect, resp) = ui.allocate_exact_size(size, sense);
        let is_selected = selected == Some(i);
        resp.widget_info(|| {
            WidgetInfo::selected(egui::Role::Button, enabled, is_selected, accessible(i))
        });
        if resp.clicked() {
            clicked = Some(i);
        }
        if !ui.is_rect_visible(rect) {
            continue;
        }
        let visuals = ui.style().interact_selectable(&resp, is_selected);
        let painter = ui.painter();
        if is_selected || (enabled && (resp.hovered() || resp.has_focus())) {
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
        let pos = rect.center() - galley.size() / 2.0;
        painter.galley(pos, Arc::clone(galley), color);
    }
    clicked
}

#[cfg(test)]
mod tests {
    use egui::accesskit::{Role, Toggled};
    use egui_kittest::Harness;
    use egui_kittest::kittest::{NodeT, Queryable};

    use super::{StripLabels, choice_strip_ui};

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
                let labels = StripLabels::new(ui, ["Present", "Leave", "Absent"]);
                ui.horizontal(|ui| {
                    let name = |i: usize| format!("{} d001", labels.text(i));
                    if let Some(i) = choice_strip_ui(ui, &labels, row.selected, row.enabled, name) {
                        row.clicks.push(i);
                        row.selected = Some(i);
                    }
                });
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
}
