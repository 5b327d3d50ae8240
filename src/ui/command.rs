//! One list of user actions. Each has its label, tooltip and keyboard shortcut, so the menus,
//! the shortcuts and the command palette always agree (after rerun's `UiCommand`).

use egui::{Key, KeyboardShortcut, Modifiers};

use super::view::View;
use crate::i18n::{Lang, tr};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    OpenSession,
    OpenBundled,
    CloseSession,
    Show(View),
    Find,
    FindNext,
    FindPrevious,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ToggleTheme,
    ToggleLanguage,
    ToggleNotesPanel,
    CommandPalette,
    UndoNote,
    ExportNotes,
    ImportNotes,
    Quit,
}

impl UiCommand {
    /// Every command, in menu order; the palette lists them all.
    pub fn all() -> Vec<UiCommand> {
        let mut v = vec![
            UiCommand::OpenSession,
            UiCommand::OpenBundled,
            UiCommand::CloseSession,
        ];
        v.extend(View::ALL.iter().map(|v| UiCommand::Show(*v)));
        v.extend([
            UiCommand::Find,
            UiCommand::FindNext,
            UiCommand::FindPrevious,
            UiCommand::ToggleNotesPanel,
            UiCommand::UndoNote,
            UiCommand::ExportNotes,
            UiCommand::ImportNotes,
            UiCommand::ZoomIn,
            UiCommand::ZoomOut,
            UiCommand::ZoomReset,
            UiCommand::ToggleTheme,
            UiCommand::ToggleLanguage,
            UiCommand::CommandPalette,
            UiCommand::Quit,
        ]);
        v
    }

    fn key(self) -> &'static str {
        match self {
            UiCommand::OpenSession => "cmd.open",
            UiCommand::OpenBundled => "cmd.open_bundled",
            UiCommand::CloseSession => "cmd.close",
            UiCommand::Show(v) => v.label_key(),
            UiCommand::Find => "cmd.find",
            UiCommand::FindNext => "cmd.find_next",
            UiCommand::FindPrevious => "cmd.find_previous",
            UiCommand::ZoomIn => "cmd.zoom_in",
            UiCommand::ZoomOut => "cmd.zoom_out",
            UiCommand::ZoomReset => "cmd.zoom_reset",
            UiCommand::ToggleTheme => "cmd.theme",
            UiCommand::ToggleLanguage => "cmd.language",
            UiCommand::ToggleNotesPanel => "cmd.notes_panel",
            UiCommand::CommandPalette => "cmd.palette",
            UiCommand::UndoNote => "cmd.undo_note",
            UiCommand::ExportNotes => "cmd.export_notes",
            UiCommand::ImportNotes => "cmd.import_notes",
            UiCommand::Quit => "cmd.quit",
        }
    }

    pub fn label(self, lang: Lang) -> String {
        tr(lang, self.key()).into_owned()
    }

    pub fn tooltip(self, lang: Lang) -> String {
        let tip = tr(lang, &format!("{}.tip", self.key())).into_owned();
        match self.shortcut() {
            Some(s) => format!("{tip} ({})", shortcut_text(&s)),
            None => tip,
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let ctrl = Modifiers::COMMAND;
        let ctrl_shift = Modifiers::COMMAND.plus(Modifiers::SHIFT);
        let s = |m, k| Some(KeyboardShortcut::new(m, k));
        match self {
            UiCommand::OpenSession => s(ctrl, Key::O),
            UiCommand::CloseSession => s(ctrl, Key::W),
            UiCommand::Show(v) => s(Modifiers::ALT, v.number_key()),
            UiCommand::Find => s(ctrl, Key::F),
            UiCommand::FindNext => s(Modifiers::NONE, Key::F3),
            UiCommand::FindPrevious => s(Modifiers::SHIFT, Key::F3),
            UiCommand::ZoomIn => s(ctrl, Key::Plus),
            UiCommand::ZoomOut => s(ctrl, Key::Minus),
            UiCommand::ZoomReset => s(ctrl, Key::Num0),
            UiCommand::ToggleTheme => s(ctrl_shift, Key::T),
            UiCommand::ToggleLanguage => s(ctrl_shift, Key::L),
            UiCommand::ToggleNotesPanel => s(ctrl_shift, Key::N),
            UiCommand::CommandPalette => s(ctrl_shift, Key::P),
            UiCommand::UndoNote => s(ctrl, Key::Z),
            UiCommand::Quit => s(ctrl, Key::Q),
            UiCommand::OpenBundled | UiCommand::ExportNotes | UiCommand::ImportNotes => None,
        }
    }

    /// The first command whose shortcut was pressed this frame, consuming it. Longer
    /// shortcuts are tried first so Ctrl+Shift+P is not taken as Ctrl+P.
    pub fn from_input(ctx: &egui::Context) -> Option<UiCommand> {
        let mut all: Vec<(UiCommand, KeyboardShortcut)> = Self::all()
            .into_iter()
            .filter_map(|c| c.shortcut().map(|s| (c, s)))
            .collect();
        all.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
        // Ctrl+= is what many keyboards send for "Ctrl +".
        let extra = KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals);
        ctx.input_mut(|i| {
            if i.consume_shortcut(&extra) {
                return Some(UiCommand::ZoomIn);
            }
            all.into_iter()
                .find(|(_, s)| i.consume_shortcut(s))
                .map(|(c, _)| c)
        })
    }
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.alt) + u8::from(m.ctrl || m.command || m.mac_cmd) + u8::from(m.shift)
}

/// "Ctrl+Shift+P", the same on every platform this app targets.
pub fn shortcut_text(s: &KeyboardShortcut) -> String {
    let mut parts = Vec::new();
    if s.modifiers.ctrl || s.modifiers.command || s.modifiers.mac_cmd {
        parts.push("Ctrl".to_string());
    }
    if s.modifiers.alt {
        parts.push("Alt".to_string());
    }
    if s.modifiers.shift {
        parts.push("Shift".to_string());
    }
    parts.push(s.logical_key.symbol_or_name().to_string());
    parts.join("+")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_a_label_and_tooltip_in_both_languages() {
        for c in UiCommand::all() {
            for lang in [Lang::Zh, Lang::En] {
                let label = c.label(lang);
                assert!(
                    !label.starts_with("cmd.") && !label.starts_with("view."),
                    "{c:?} {label}"
                );
                let tip = c.tooltip(lang);
                assert!(!tip.contains(".tip"), "{c:?} {tip}");
            }
        }
    }

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = std::collections::HashSet::new();
        for c in UiCommand::all() {
            if let Some(s) = c.shortcut() {
                assert!(
                    seen.insert(shortcut_text(&s)),
                    "{c:?} reuses {}",
                    shortcut_text(&s)
                );
            }
        }
    }
}
