//! Read-only text painted as one widget: rich texts laid side by side in one galley, wrapped
//! at the ui's width, read by a screen reader as one label.
//!
//! For text drawn in bulk on every frame (the indicator cards). An egui `Label` per text
//! lays itself out through `WidgetText`, keeps text-selection state and registers its own
//! widget; on a card of five or six texts that was most of a frame of the Indicators view
//! (BENCHMARKS.md 17). The price: the text cannot be selected with the mouse (the cards copy
//! their data with a button instead).

use egui::text::LayoutJob;
use egui::{Align, FontSelection, Response, RichText, Sense, Ui, WidgetInfo};

/// Paints `parts` one after the other, `gap` points apart, wrapping at the available width.
pub fn text_block(ui: &mut Ui, parts: impl IntoIterator<Item = RichText>, gap: f32) -> Response {
    let mut job = LayoutJob::default();
    for (i, part) in parts.into_iter().enumerate() {
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
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, galley.text()));
    if ui.is_rect_visible(rect) {
        let color = ui.visuals().text_color();
        ui.painter().galley(rect.min, galley, color);
    }
    response
}
