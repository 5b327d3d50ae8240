//! The side panel listing the delegate's notes: filter by kind, search, jump, edit, delete.

use crate::i18n::{tr, trf};
use crate::model::Session;
use crate::notes::{Anchors, Note, NoteKind, Placement, Target};
use crate::ui::notes_change::NotesChange;
use crate::ui::view::{AppCommand, ViewCtx};

#[derive(Default)]
pub struct NotesPanel {
    pub kind: Option<NoteKind>,
    pub query: String,
    /// Only the notes on this paragraph (set by clicking a paragraph's note count).
    pub paragraph: Option<String>,
}

impl NotesPanel {
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx) {
        let lang = cx.lang;
        ui.heading(tr(lang, "notes_panel.title"));
        ui.horizontal_wrapped(|ui| {
            if ui
                .selectable_label(self.kind.is_none(), tr(lang, "notes_panel.all"))
                .clicked()
            {
                self.kind = None;
            }
            for k in NoteKind::ALL {
                if ui
                    .selectable_label(self.kind == Some(k), k.label(lang))
                    .clicked()
                {
                    self.kind = Some(k);
                }
            }
        });
        ui.add(
            egui::TextEdit::singleline(&mut self.query)
                .hint_text(tr(lang, "notes_panel.search"))
                .desired_width(f32::INFINITY),
        );
        if let Some(pid) = self.paragraph.clone() {
            ui.horizontal_wrapped(|ui| {
                let label = match cx.session.find_paragraph(&pid) {
                    Some((at, _)) => trf(
                        lang,
                        "notes_panel.in_paragraph",
                        &[
                            (
                                "section",
                                &cx.session.documents[at.document].sections[at.section].title,
                            ),
                            ("n", &(at.paragraph + 1).to_string()),
                        ],
                    ),
                    None => pid.clone(),
                };
                ui.label(egui::RichText::new(label).strong());
                if ui.button(tr(lang, "notes_panel.show_all")).clicked() {
                    self.paragraph = None;
                }
            });
        }
        let mut notes = cx.notes.filter(self.kind, &self.query, Some(cx.anchors));
        if let Some(pid) = &self.paragraph {
            let here = cx.anchors.in_paragraph(pid);
            notes.retain(|n| here.contains(&n.id));
        }
        ui.label(
            egui::RichText::new(trf(
                lang,
                "notes_panel.count",
                &[
                    ("n", &notes.len().to_string()),
                    ("total", &cx.notes.notes().len().to_string()),
                ],
            ))
            .weak(),
        );
        ui.separator();
        let unplaced: std::collections::HashSet<&str> =
            cx.anchors.unplaced().iter().map(String::as_str).collect();
        egui::ScrollArea::vertical()
            .id_salt("notes_list")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if notes.is_empty() {
                    ui.label(egui::RichText::new(tr(lang, "notes_panel.empty")).weak());
                }
                let mut shown_unplaced_heading = false;
                for note in notes {
                    if unplaced.contains(note.id.as_str()) && !shown_unplaced_heading {
                        ui.separator();
                        ui.label(
                            egui::RichText::new(tr(lang, "notes_panel.unplaced"))
                                .strong()
                                .color(ui.visuals().warn_fg_color),
                        );
                        ui.label(egui::RichText::new(tr(lang, "notes_panel.unplaced_tip")).weak());
                        shown_unplaced_heading = true;
                    }
                    note_card_ui(ui, cx, note);
                }
            });
    }
}

/// Where a note sits, as a short human label: "产业发展动能增强 第2段「…」", an indicator's
/// name, a stop's project, or "unplaced".
pub fn place_label(
    session: &Session,
    anchors: &Anchors,
    note: &Note,
    lang: crate::i18n::Lang,
) -> String {
    match anchors.placement(&note.id) {
        Some(Placement::Text {
            paragraph_id,
            start,
            end,
            ..
        }) => {
            let mut s = match session.find_paragraph(paragraph_id) {
                Some((at, _)) => {
                    let sec = &session.documents[at.document].sections[at.section];
                    trf(
                        lang,
                        "notes_panel.in_paragraph",
                        &[
                            ("section", &sec.title),
                            ("n", &(at.paragraph + 1).to_string()),
                        ],
                    )
                }
                None => paragraph_id.clone(),
            };
            if let Target::Paragraph { quote: Some(_), .. } = &note.target
                && let Some((_, text)) = session.find_paragraph(paragraph_id)
            {
                let q: String = text
                    .chars()
                    .skip(*start)
                    .take(end - start)
                    .take(24)
                    .collect();
                s.push_str(&format!("「{q}」"));
            }
            s
        }
        Some(Placement::Indicator { id }) => session
            .indicator(id)
            .map(|i| format!("{} {}", tr(lang, "notes_panel.indicator"), i.name))
            .unwrap_or_else(|| id.clone()),
        Some(Placement::Stop { id }) => session
            .itinerary
            .iter()
            .find(|s| &s.id == id)
            .map(|s| format!("{} {}", tr(lang, "notes_panel.stop"), s.project))
            .unwrap_or_else(|| id.clone()),
        Some(Placement::Unplaced { reason }) => reason.message(lang),
        None => String::new(),
    }
}

fn note_card_ui(ui: &mut egui::Ui, cx: &mut ViewCtx, note: &Note) {
    let lang = cx.lang;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(note.kind.label(lang)).strong());
            if let Some(a) = &note.author {
                ui.label(egui::RichText::new(a).weak());
            }
            ui.label(egui::RichText::new(note.updated.format("%Y-%m-%d %H:%M").to_string()).weak());
        });
        ui.label(place_label(cx.session, cx.anchors, note, lang));
        ui.label(&note.text);
        ui.horizontal(|ui| {
            let placement = cx.anchors.placement(&note.id).cloned();
            let can_jump = placement.as_ref().is_some_and(Placement::is_placed);
            if ui
                .add_enabled(can_jump, egui::Button::new(tr(lang, "notes_panel.jump")))
                .clicked()
            {
                match placement {
                    Some(Placement::Text {
                        paragraph_id,
                        start,
                        end,
                        ..
                    }) => cx.send(AppCommand::JumpToParagraph {
                        paragraph_id,
                        range: Some((start, end)),
                    }),
                    Some(Placement::Indicator { id }) => cx.send(AppCommand::JumpToIndicator(id)),
                    Some(Placement::Stop { id }) => cx.send(AppCommand::JumpToStop(id)),
                    _ => {}
                }
            }
            if ui.button(tr(lang, "notes_panel.edit")).clicked() {
                cx.send(AppCommand::EditNote(note.id.clone()));
            }
            if ui.button(tr(lang, "notes_panel.delete")).clicked() {
                cx.send(AppCommand::NotesChange(NotesChange::Delete(
                    note.id.clone(),
                )));
            }
        });
    });
}
