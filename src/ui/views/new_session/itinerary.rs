//! An inspection item's stops, typed in visiting order: project and place, and the time and
//! host when the programme gives them. With no stop the item is kept, and says the itinerary
//! is empty.

use crate::i18n::{Lang, tr, trf};
use crate::import::stop_entry::StopEntry;

pub(super) fn stops_ui(ui: &mut egui::Ui, stops: &mut Vec<StopEntry>, row: usize, lang: Lang) {
    let n = row.to_string();
    if stops.is_empty() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            tr(lang, "new_session.stop.empty"),
        );
    }
    let mut remove = None;
    for (k, s) in stops.iter_mut().enumerate() {
        let k1 = (k + 1).to_string();
        ui.push_id(("stop", k), |ui| {
            ui.horizontal(|ui| {
                ui.label(trf(lang, "new_session.stop.number", &[("k", &k1)]));
                let fields: [(&mut String, &str, &str, f32); 4] = [
                    (
                        &mut s.project,
                        "new_session.stop.project_of",
                        "new_session.stop.hint.project",
                        180.0,
                    ),
                    (
                        &mut s.place,
                        "new_session.stop.place_of",
                        "new_session.stop.hint.place",
                        140.0,
                    ),
                    (
                        &mut s.time,
                        "new_session.stop.time_of",
                        "new_session.stop.hint.time",
                        120.0,
                    ),
                    (
                        &mut s.host,
                        "new_session.stop.host_of",
                        "new_session.stop.hint.host",
                        150.0,
                    ),
                ];
                for (value, label, hint, width) in fields {
                    let label = trf(lang, label, &[("n", &n), ("k", &k1)]);
                    let r = ui.add(
                        egui::TextEdit::singleline(value)
                            .hint_text(tr(lang, hint))
                            .desired_width(width),
                    );
                    let text = value.clone();
                    r.widget_info(|| egui::WidgetInfo {
                        label: Some(label.clone()),
                        ..egui::WidgetInfo::text_edit(true, &text, &text, "")
                    });
                }
                let x = ui.add(egui::Button::new("×").small());
                let label = trf(lang, "new_session.stop.remove", &[("n", &n), ("k", &k1)]);
                x.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                if x.clicked() {
                    remove = Some(k);
                }
            });
            if let Some(why) = s.problem(lang) {
                ui.colored_label(ui.visuals().error_fg_color, why);
            }
        });
    }
    if let Some(k) = remove {
        stops.remove(k);
    }
    let b = ui.button(tr(lang, "new_session.stop.add"));
    let label = trf(lang, "new_session.stop.add_to", &[("n", &n)]);
    b.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    if b.clicked() {
        stops.push(StopEntry::default());
    }
}
