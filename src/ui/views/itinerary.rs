//! Not built yet: an honest placeholder until its issue lands.

use crate::ui::view::ViewCtx;

#[derive(Default)]
pub struct ItineraryView {
    focused: Option<String>,
}

impl ItineraryView {
    /// Highlights one item when the view opens.
    pub fn focus(&mut self, id: &str) {
        self.focused = Some(id.to_string());
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx) {
        ui.heading(cx.tr("view.itinerary"));
        ui.label(cx.tr("view.not_yet"));
    }
}
