//! The agenda as the secretary arranges it: one item per report to start with; items moved,
//! added (a vote, the inspection, procedure …) and removed. An item may present a document,
//! and a vote says how it is taken (it becomes a motion of its own title); an election item
//! defines its election, an inspection item its stops.

use super::{DocumentRead, ReadFiles, election, itinerary};
use crate::i18n::{Label, Lang, tr, trf};
use crate::import::review::AgendaEntry;
use crate::model::{AgendaKind, VotingMethod};

const KINDS: [AgendaKind; 8] = [
    AgendaKind::Procedure,
    AgendaKind::Report,
    AgendaKind::Review,
    AgendaKind::Vote,
    AgendaKind::Speech,
    AgendaKind::Inspection,
    AgendaKind::Election,
    AgendaKind::Other,
];

const METHODS: [VotingMethod; 3] = [
    VotingMethod::ShowOfHands,
    VotingMethod::RollCall,
    VotingMethod::SecretBallot,
];

pub(super) fn agenda_ui(ui: &mut egui::Ui, read: &mut ReadFiles, lang: Lang) {
    let documents = &read.documents;
    let agenda = &mut read.review.agenda;
    let mut remove = None;
    let mut swap = None;
    let n = agenda.len();
    if n == 0 {
        ui.label(egui::RichText::new(tr(lang, "new_session.agenda_empty")).weak());
    }
    for (i, a) in agenda.iter_mut().enumerate() {
        ui.push_id(("agenda_item", i), |ui| {
            ui.horizontal(|ui| {
                ui.label(format!("{}.", i + 1));
                let mut kind = a.kind;
                let row = (i + 1).to_string();
                let r = egui::ComboBox::from_id_salt("kind")
                    .selected_text(a.kind.label(lang))
                    .width(72.0)
                    .show_ui(ui, |ui| {
                        for k in KINDS {
                            ui.selectable_value(&mut kind, k, k.label(lang));
                        }
                    });
                named(
                    &r.response,
                    trf(lang, "new_session.agenda_kind", &[("n", &row)]),
                );
                if kind != a.kind {
                    a.set_kind(kind);
                }
                let label = trf(
                    lang,
                    "new_session.agenda_title",
                    &[("n", &(i + 1).to_string())],
                );
                let r = ui.add(
                    egui::TextEdit::singleline(&mut a.title)
                        .hint_text(tr(lang, "new_session.hint.agenda_title"))
                        .desired_width(300.0),
                );
                let text = a.title.clone();
                r.widget_info(|| egui::WidgetInfo {
                    label: Some(label.clone()),
                    ..egui::WidgetInfo::text_edit(true, &text, &text, "")
                });
                let r = document_ui(ui, a, documents, lang);
                named(&r, trf(lang, "new_session.agenda_document", &[("n", &row)]));
                if let Some(method) = &mut a.method {
                    let r = egui::ComboBox::from_id_salt("method")
                        .selected_text(method.label(lang))
                        .show_ui(ui, |ui| {
                            for m in METHODS {
                                ui.selectable_value(method, m, m.label(lang));
                            }
                        });
                    named(
                        &r.response,
                        trf(lang, "new_session.agenda_method", &[("n", &row)]),
                    );
                }
                if ui
                    .add_enabled(i > 0, egui::Button::new("↑").small())
                    .clicked()
                {
                    swap = Some((i - 1, i));
                }
                if ui
                    .add_enabled(i + 1 < n, egui::Button::new("↓").small())
                    .clicked()
                {
                    swap = Some((i, i + 1));
                }
                let x = ui.add(egui::Button::new("×").small());
                x.widget_info(|| {
                    let l = trf(
                        lang,
                        "new_session.agenda_remove",
                        &[("n", &(i + 1).to_string())],
                    );
                    egui::WidgetInfo::labeled(egui::Role::Button, true, l)
                });
                if x.clicked() {
                    remove = Some(i);
                }
            });
            ui.indent("details", |ui| {
                if a.kind == AgendaKind::Election
                    && let Some(e) = &mut a.election
                {
                    election::election_ui(ui, e, i + 1, lang);
                }
                if a.kind == AgendaKind::Inspection {
                    itinerary::stops_ui(ui, &mut a.stops, i + 1, lang);
                }
            });
        });
    }
    if let Some((a, b)) = swap {
        agenda.swap(a, b);
    }
    if let Some(i) = remove {
        agenda.remove(i);
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(tr(lang, "new_session.agenda_add"));
        for k in KINDS {
            let b = ui.button(format!("+ {}", k.label(lang)));
            let label = trf(
                lang,
                "new_session.agenda_add_kind",
                &[("kind", &k.label(lang))],
            );
            b.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
            if b.clicked() {
                agenda.push(AgendaEntry::added(k, lang));
            }
        }
    });
}

/// Names a drop-down for a screen reader (it shows only its choice).
fn named(r: &egui::Response, label: String) {
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &label));
}

/// Which document the item presents, if any.
fn document_ui(
    ui: &mut egui::Ui,
    a: &mut AgendaEntry,
    documents: &[DocumentRead],
    lang: Lang,
) -> egui::Response {
    let none = tr(lang, "new_session.no_document");
    let shown = a
        .document
        .as_ref()
        .and_then(|id| documents.iter().find(|d| &d.id == id))
        .map_or(none.to_string(), |d| d.title.clone());
    egui::ComboBox::from_id_salt("document")
        .selected_text(shown)
        .width(200.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut a.document, None, none.as_ref());
            for d in documents {
                ui.selectable_value(&mut a.document, Some(d.id.clone()), &d.title);
            }
        })
        .response
}
