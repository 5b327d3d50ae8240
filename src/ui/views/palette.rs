//! The command palette (Ctrl+Shift+P): every command by name, filtered as you type.

use crate::i18n::{Lang, tr};
use crate::ui::command::UiCommand;
use crate::ui::view::AppCommand;

#[derive(Default)]
pub struct Palette {
    open: bool,
    query: String,
    selected: usize,
    focus_once: bool,
}

impl Palette {
    pub fn open(&mut self) {
        self.open = true;
        self.query.clear();
        self.selected = 0;
        self.focus_once = true;
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Sends the command chosen, if one is. Drawn with or without a session open, so it is
    /// given only the language, not a [`crate::ui::view::ViewCtx`].
    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang, out: &mut Vec<AppCommand>) {
        if !self.open {
            return;
        }
        let ctx = ui.ctx().clone();
        let q = self.query.to_lowercase();
        let matches: Vec<UiCommand> = UiCommand::all()
            .into_iter()
            .filter(|c| {
                q.is_empty()
                    || c.label(lang).to_lowercase().contains(&q)
                    || c.label(Lang::En).to_lowercase().contains(&q)
            })
            .collect();
        self.selected = self.selected.min(matches.len().saturating_sub(1));
        let mut chosen = None;
        let modal = egui::Modal::new(egui::Id::unique("command_palette")).show(&ctx, |ui| {
            ui.set_width(420.0);
            let r = ui.add(
                egui::TextEdit::singleline(&mut self.query)
                    .hint_text(tr(lang, "palette.hint"))
                    .desired_width(f32::INFINITY),
            );
            if self.focus_once {
                r.request_focus();
                self.focus_once = false;
            }
            if ui.input(|i| i.key_pressed(egui::Key::ArrowDown)) {
                self.selected = (self.selected + 1).min(matches.len().saturating_sub(1));
            }
            if ui.input(|i| i.key_pressed(egui::Key::ArrowUp)) {
                self.selected = self.selected.saturating_sub(1);
            }
            if ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                chosen = matches.get(self.selected).copied();
            }
            for (i, c) in matches.iter().enumerate() {
                let shortcut = c.shortcut_text(&ctx);
                let r = ui.add(
                    egui::Button::selectable(i == self.selected, c.label(lang))
                        .shortcut_text(shortcut),
                );
                if r.clicked() {
                    chosen = Some(*c);
                }
            }
        });
        if chosen.is_some() || modal.should_close() {
            self.open = false;
        }
        if let Some(c) = chosen {
            out.push(AppCommand::Ui(c));
        }
    }
}
