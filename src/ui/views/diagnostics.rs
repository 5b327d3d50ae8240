//! The problems of a session file, shown as the command line prints them: where, what, and
//! the offending line with a caret.

use crate::i18n::{Lang, tr, trf};
use crate::model::Severity;
use crate::ui::app::Problems;

pub fn diagnostics_ui(ui: &mut egui::Ui, lang: Lang, p: &Problems) {
    let errors = p
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if let Some(io) = &p.io_error {
        ui.label(trf(
            lang,
            "problems.unreadable",
            &[("file", &p.file), ("why", io)],
        ));
    } else if errors > 0 {
        ui.label(trf(
            lang,
            "problems.not_opened",
            &[("file", &p.file), ("n", &errors.to_string())],
        ));
    } else {
        ui.label(trf(lang, "problems.warnings", &[("file", &p.file)]));
    }
    // Only a file that did not open leaves the previous session open.
    if p.io_error.is_some() || errors > 0 {
        ui.label(egui::RichText::new(tr(lang, "problems.previous_stays")).weak());
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .max_height(420.0)
        .show(ui, |ui| {
            for d in &p.diagnostics {
                let color = match d.severity {
                    Severity::Error => ui.visuals().error_fg_color,
                    Severity::Warning => ui.visuals().warn_fg_color,
                };
                ui.label(egui::RichText::new(d.headline()).color(color).strong());
                ui.label(egui::RichText::new(d.caret_lines()).monospace());
                ui.add_space(4.0);
            }
        });
    if ui.button(tr(lang, "problems.copy")).clicked() {
        let text: Vec<String> = p.diagnostics.iter().map(|d| d.to_string()).collect();
        ui.ctx().copy_text(text.join("\n"));
    }
}
