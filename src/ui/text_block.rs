//! Read-only text painted as one widget: rich texts laid side by side in one galley, wrapped
//! at the ui's width, read by a screen reader as one label.
//!
//! For text drawn in bulk on every frame (the indicator cards). An egui `Label` per text
//! lays itself out through `WidgetText`, keeps text-selection state and registers its own
//! widget, which on a card of five or six texts costs more than painting them. The price: the text cannot be selected with the mouse (the cards copy
//! their data with a button instead).

use egui::text::LayoutJob;
use egui::{Align, FontSelection, Response, RichText, Sense, Ui, WidgetInfo};

/// Paints `parts` one after the other, `gap` points apart, wrapping at the available width.
pub fn text_block(ui: &mut Ui, parts: impl IntoIterator<Item = RichText>, gap: f32) -> Response {
    let mut job = LayoutJob::default();
    // What a screen reader hears: the parts with a space between, as the gap shows them.
    let mut spoken = String::new();
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            spoken.push(' ');
        }
        spoken.push_str(part.text());
        // `RichText` resolves its format only by appending itself to a job.
        let mut one = LayoutJob::default();
        part.append_to(&mut one, ui.style(), FontSelection::Default, Align::BOTTOM);
        let space = if i > 0 { gap } else { 0.0 };
        for s in one.sections {
            let text = one
                .text
                .get(s.byte_range.start.0..s.byte_range.end.0)
                .unwrap_or("");
            job.append(text, space, s.format);
        }
    }
    job.wrap.max_width = ui.available_width();
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    let (rect, response) = ui.allocate_exact_size(galley.size(), Sense::hover());
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, &spoken));
    if ui.is_rect_visible(rect) {
        let color = ui.visuals().text_color();
        ui.painter().galley(rect.min, galley, color);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    fn width(parts: Vec<RichText>, gap: f32) -> f32 {
        let mut w = 0.0;
        let mut h = Harness::builder()
            .with_context_setup(crate::fonts::install_fonts)
            .build_ui(|ui| {
                w = text_block(ui, parts.clone(), gap).rect.width();
            });
        h.run();
        drop(h);
        w
    }

    #[test]
    fn parts_are_one_label_spoken_with_spaces_and_drawn_gap_apart() {
        let h = Harness::builder()
            .with_context_setup(crate::fonts::install_fonts)
            .build_ui(|ui| {
                text_block(
                    ui,
                    [RichText::new("189.25").size(22.0), RichText::new("亿元")],
                    8.0,
                );
            });
        h.get_by_label("189.25 亿元");
        assert!(h.query_by_label("亿元").is_none());

        let parts = vec![RichText::new("abc"), RichText::new("def")];
        let apart = width(parts.clone(), 8.0);
        let together = width(parts, 0.0);
        assert!(
            (apart - together - 8.0).abs() < 0.5,
            "{apart} vs {together}"
        );
    }

    #[test]
    fn a_long_text_wraps_at_the_available_width() {
        let long = "代表".repeat(200);
        let mut size = egui::Vec2::ZERO;
        let mut h = Harness::builder()
            .with_size(egui::vec2(300.0, 600.0))
            .with_context_setup(crate::fonts::install_fonts)
            .build_ui(|ui| {
                size = text_block(ui, [RichText::new(long.as_str())], 0.0)
                    .rect
                    .size();
            });
        h.run();
        drop(h);
        assert!(size.x <= 300.0, "{size:?}");
        assert!(size.y > 40.0, "{size:?}");
    }
}
