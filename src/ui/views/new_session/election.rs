//! An election item's election, defined where the agenda is arranged: office, post, seats and
//! candidates (one a line). The rule for the post is shown with its article as the list is
//! typed, and a breach is said in red; it also blocks saving (see `NewSessionView::missing`).

use crate::i18n::{Label, Lang, tr, trf};
use crate::import::election_entry::{ElectionEntry, POSTS};

pub(super) fn election_ui(ui: &mut egui::Ui, e: &mut ElectionEntry, row: usize, lang: Lang) {
    let n = row.to_string();
    ui.horizontal(|ui| {
        ui.label(tr(lang, "new_session.election.office"));
        text_ui(
            ui,
            &mut e.office,
            trf(lang, "new_session.election.office_of", &[("n", &n)]),
            tr(lang, "new_session.election.hint.office").into_owned(),
            160.0,
        );
        ui.label(tr(lang, "new_session.election.post"));
        let r = egui::ComboBox::from_id_salt("post")
            .selected_text(e.post.label(lang))
            .width(96.0)
            .show_ui(ui, |ui| {
                for p in POSTS {
                    ui.selectable_value(&mut e.post, p, p.label(lang));
                }
            });
        let label = trf(lang, "new_session.election.post_of", &[("n", &n)]);
        r.response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &label));
        ui.label(tr(lang, "new_session.election.seats"));
        text_ui(
            ui,
            &mut e.seats,
            trf(lang, "new_session.election.seats_of", &[("n", &n)]),
            String::new(),
            40.0,
        );
    });
    ui.horizontal_top(|ui| {
        ui.label(tr(lang, "new_session.election.candidates"));
        let label = trf(lang, "new_session.election.candidates_of", &[("n", &n)]);
        let r = ui.add(
            egui::TextEdit::multiline(&mut e.candidates)
                .hint_text(tr(lang, "new_session.election.hint.candidates"))
                .desired_rows(3)
                .desired_width(300.0),
        );
        let text = e.candidates.clone();
        r.widget_info(|| egui::WidgetInfo {
            label: Some(label.clone()),
            ..egui::WidgetInfo::text_edit(true, &text, &text, "")
        });
    });
    ui.label(egui::RichText::new(e.rule_text(lang)).weak());
    match e.problem(lang) {
        Some(why) => {
            ui.colored_label(ui.visuals().error_fg_color, why);
        }
        None => {
            ui.label(trf(
                lang,
                "new_session.election.lawful",
                &[
                    ("seats", &e.seats().unwrap_or(0).to_string()),
                    ("candidates", &e.candidates().len().to_string()),
                ],
            ));
        }
    }
}

/// A one-line field named for a screen reader (the label beside it is shared by every item).
fn text_ui(ui: &mut egui::Ui, value: &mut String, label: String, hint: String, width: f32) {
    let r = ui.add(
        egui::TextEdit::singleline(value)
            .hint_text(hint)
            .desired_width(width),
    );
    let text = value.clone();
    r.widget_info(|| egui::WidgetInfo {
        label: Some(label.clone()),
        ..egui::WidgetInfo::text_edit(true, &text, &text, "")
    });
}
