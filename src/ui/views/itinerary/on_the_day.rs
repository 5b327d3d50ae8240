//! The delegate's own part of a stop's card: visited, a note, questions to raise (typed
//! into a draft, saved as one change), and the notes already made.

use egui::RichText;

use crate::i18n::{tr, trf};
use crate::model::Stop;
use crate::notes::Target;
use crate::ui::note_color::note_color;
use crate::ui::notes_change::NotesChange;
use crate::ui::view::{AppCommand, ViewCtx};

use super::cards::Card;
use super::stop_card::show_all_ui;
use super::{ItineraryView, LIST_CAP};

impl ItineraryView {
    /// The delegate's own part: visited, a note, questions to raise, and notes already made.
    pub(super) fn on_the_day_ui(
        &mut self,
        ui: &mut egui::Ui,
        cx: &mut ViewCtx,
        stop: &Stop,
        card: &Card,
    ) {
        let lang = cx.lang;
        let state = cx.notes.stop(&stop.id);
        ui.horizontal(|ui| {
            let mut visited = state.visited;
            let label = trf(
                lang,
                "itinerary.visited_label",
                &[("project", &stop.project)],
            );
            let r = ui.checkbox(&mut visited, tr(lang, "itinerary.visited"));
            r.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::CheckBox, true, visited, &label)
            });
            if r.changed() {
                cx.send(AppCommand::NotesChange(NotesChange::StopVisited {
                    stop: stop.id.clone(),
                    visited,
                }));
            }
            let note = ui.button(tr(lang, "itinerary.note"));
            let label = trf(lang, "itinerary.note_label", &[("project", &stop.project)]);
            note.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
            if note.clicked() {
                cx.send(AppCommand::NewNote(Target::stop(&stop.id)));
            }
        });

        let stored = state.questions;
        let mut text = self
            .drafts
            .get(&stop.id)
            .cloned()
            .unwrap_or_else(|| stored.clone());
        let label = ui.label(tr(lang, "itinerary.questions"));
        let edit_id = ui.make_persistent_id(("questions", &stop.id));
        // Ctrl+Enter saves; taken before the field sees it, so it adds no line break.
        let save_key = ui.memory(|m| m.has_focus(edit_id))
            && ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter));
        let r = ui
            .add(
                egui::TextEdit::multiline(&mut text)
                    .id(edit_id)
                    .hint_text(tr(lang, "itinerary.questions_hint"))
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if r.changed() {
            self.drafts.insert(stop.id.clone(), text.clone());
        }
        let dirty = self.drafts.get(&stop.id).is_some_and(|d| *d != stored);
        let save = ui
            .horizontal(|ui| {
                let b = ui.add_enabled(
                    dirty,
                    egui::Button::new(tr(lang, "itinerary.save_questions")),
                );
                let label = trf(
                    lang,
                    "itinerary.save_questions_label",
                    &[("project", &stop.project)],
                );
                b.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, dirty, &label));
                if dirty {
                    ui.label(RichText::new(tr(lang, "itinerary.unsaved")).weak());
                }
                b.clicked()
            })
            .inner;
        // Save when asked, and whenever the field is left with changes in it (focus moved,
        // another view was opened and this one came back).
        if dirty && (save || save_key || !r.has_focus()) {
            cx.send(AppCommand::NotesChange(NotesChange::StopQuestions {
                stop: stop.id.clone(),
                text,
            }));
            self.drafts.remove(&stop.id);
        } else if !dirty && !r.has_focus() {
            self.drafts.remove(&stop.id);
        }

        if !card.notes.is_empty() {
            ui.add_space(4.0);
            ui.label(
                RichText::new(trf(
                    lang,
                    "itinerary.notes_here",
                    &[("n", &card.notes.len().to_string())],
                ))
                .strong(),
            );
            let all = self.all_notes.contains(&stop.id);
            let shown = if all { usize::MAX } else { LIST_CAP };
            for note in card.notes.iter().take(shown) {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(&note.kind).color(note_color()).strong());
                    ui.label(&note.text);
                    if ui.small_button(tr(lang, "itinerary.edit_note")).clicked() {
                        cx.send(AppCommand::EditNote(note.id.clone()));
                    }
                });
            }
            show_all_ui(ui, lang, card.notes.len(), &mut self.all_notes, &stop.id);
        }
    }
}
