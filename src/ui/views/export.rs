//! Not built yet: an honest placeholder until its issue lands.

use crate::ui::view::ViewCtx;

#[derive(Default)]
pub struct ExportView {
    focused: Option<String>,
}

impl ExportView {
    /// Highlights one item when the view opens.
    pub fn focus(&mut self, id: &str) {
        self.focused = Some(id.to_string());
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx) {
        ui.heading(cx.tr("view.export"));
        ui.label(cx.tr("view.not_yet"));
    }
}
