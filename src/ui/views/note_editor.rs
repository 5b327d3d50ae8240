//! The window for writing or editing one note.

use crate::i18n::{Lang, tr};
use crate::model::Session;
use crate::notes::{Note, NoteKind, Target};
use crate::ui::notes_change::NotesChange;
use crate::ui::view::{AppCommand, ViewCtx, ViewUi};

pub struct NoteEditor {
    /// None: a new note.
    editing: Option<String>,
    target: Target,
    pub kind: NoteKind,
    pub text: String,
    pub author: String,
    focus_once: bool,
}

impl NoteEditor {
    pub fn new_note(target: Target) -> Self {
        Self {
            editing: None,
            target,
            kind: NoteKind::Question,
            text: String::new(),
            author: String::new(),
            focus_once: true,
        }
    }

    pub fn edit(note: &Note) -> Self {
        Self {
            editing: Some(note.id.clone()),
            target: note.target.clone(),
            kind: note.kind,
            text: note.text.clone(),
            author: note.author.clone().unwrap_or_default(),
            focus_once: true,
        }
    }

    fn what_label(&self, session: &Session, lang: Lang) -> String {
        match &self.target {
            Target::Paragraph {
                paragraph_id,
                quote,
                ..
            } => {
                let mut s = super::notes_panel::paragraph_label(session, paragraph_id, lang);
                if let Some(q) = quote {
                    let short: String = q.exact.chars().take(40).collect();
                    s.push_str(&format!("「{short}」"));
                }
                s
            }
            Target::Indicator { id } => session
                .indicator(id)
                .map(|i| i.name.clone())
                .unwrap_or_else(|| id.clone()),
            Target::Stop { id } => session
                .itinerary
                .iter()
                .find(|s| &s.id == id)
                .map(|s| s.project.clone())
                .unwrap_or_else(|| id.clone()),
        }
    }
}

/// Saving sends the change and closes the editor; cancelling (or Escape, or a click outside)
/// closes it.
impl ViewUi for NoteEditor {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx) {
        let (lang, session) = (cx.lang, cx.session);
        let mut save = None;
        let mut close = false;
        let title = if self.editing.is_some() {
            tr(lang, "note_editor.edit_title")
        } else {
            tr(lang, "note_editor.new_title")
        };
        let modal = egui::Modal::new(egui::Id::unique("note_editor")).show(ui.ctx(), |ui| {
            ui.set_width(460.0);
            ui.heading(title);
            ui.label(egui::RichText::new(self.what_label(session, lang)).weak());
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.label(tr(lang, "note_editor.kind"));
                for k in NoteKind::ALL {
                    ui.radio_value(&mut self.kind, k, crate::i18n::Label::label(&k, lang));
                }
            });
            let label = ui.label(tr(lang, "note_editor.text"));
            let text = ui
                .add(
                    egui::TextEdit::multiline(&mut self.text)
                        .hint_text(tr(lang, "note_editor.text_hint"))
                        .desired_rows(5)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if self.focus_once {
                text.request_focus();
                self.focus_once = false;
            }
            ui.horizontal(|ui| {
                let label = ui.label(tr(lang, "note_editor.author"));
                ui.add(
                    egui::TextEdit::singleline(&mut self.author)
                        .hint_text(tr(lang, "note_editor.author_hint")),
                )
                .labelled_by(label.id);
            });
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let can_save = !self.text.trim().is_empty();
                if ui
                    .add_enabled(can_save, egui::Button::new(tr(lang, "note_editor.save")))
                    .clicked()
                {
                    let author = Some(self.author.trim().to_string()).filter(|a| !a.is_empty());
                    save = Some(match &self.editing {
                        Some(id) => NotesChange::Update {
                            id: id.clone(),
                            kind: self.kind,
                            text: self.text.clone(),
                            author,
                        },
                        None => NotesChange::Add {
                            target: self.target.clone(),
                            kind: self.kind,
                            text: self.text.clone(),
                            author,
                        },
                    });
                }
                if ui.button(tr(lang, "note_editor.cancel")).clicked() {
                    close = true;
                }
                if let Some(id) = &self.editing
                    && ui.button(tr(lang, "notes_panel.delete")).clicked()
                {
                    save = Some(NotesChange::Delete(id.clone()));
                }
            });
        });
        if let Some(change) = save {
            cx.send(AppCommand::NotesChange(change));
            close = true;
        }
        if close || modal.should_close() {
            cx.send(AppCommand::CloseNoteEditor);
        }
    }
}
