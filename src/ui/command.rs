//! One list of user actions. Each has its label, tooltip and keyboard shortcuts, so the menus,
//! the shortcuts and the command palette always agree (after rerun's `UiCommand`).

use egui::{Key, KeyboardShortcut, Modifiers};

use super::view::View;
use crate::i18n::{Lang, tr};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    NewSession,
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
    ToggleProjector,
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
            UiCommand::NewSession,
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
            UiCommand::ToggleProjector,
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
            UiCommand::NewSession => "cmd.new_session",
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
            UiCommand::ToggleProjector => "cmd.projector",
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

    /// The tooltip, with the shortcuts as egui writes them on this platform.
    pub fn tooltip(self, ctx: &egui::Context, lang: Lang) -> String {
        let tip = tr(lang, &format!("{}.tip", self.key())).into_owned();
        let keys: Vec<String> = self
            .shortcuts()
            .iter()
            .map(|s| ctx.format_shortcut(s))
            .collect();
        if keys.is_empty() {
            tip
        } else {
            format!("{tip} ({})", keys.join(" / "))
        }
    }

    /// The first shortcut, as egui writes it on this platform (⌘ on a Mac), for menus and
    /// the palette; empty for a command without one.
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcuts()
            .first()
            .map(|s| ctx.format_shortcut(s))
            .unwrap_or_default()
    }

    /// Every shortcut of the command; the first is the one menus show. Ctrl means Cmd on a
    /// Mac.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        let ctrl = Modifiers::COMMAND;
        let ctrl_shift = Modifiers::COMMAND.plus(Modifiers::SHIFT);
        let s = |m, k| vec![KeyboardShortcut::new(m, k)];
        match self {
            UiCommand::NewSession => s(ctrl, Key::N),
            UiCommand::OpenSession => s(ctrl, Key::O),
            UiCommand::CloseSession => s(ctrl, Key::W),
            UiCommand::Show(v) => s(Modifiers::ALT, v.number_key()),
            UiCommand::Find => s(ctrl, Key::F),
            UiCommand::FindNext => s(Modifiers::NONE, Key::F3),
            UiCommand::FindPrevious => s(Modifiers::SHIFT, Key::F3),
            // Ctrl+= is what most keyboards send for the key marked "+" without Shift.
            UiCommand::ZoomIn => vec![
                KeyboardShortcut::new(ctrl, Key::Plus),
                KeyboardShortcut::new(ctrl, Key::Equals),
            ],
            UiCommand::ZoomOut => s(ctrl, Key::Minus),
            UiCommand::ZoomReset => s(ctrl, Key::Num0),
            UiCommand::ToggleTheme => s(ctrl_shift, Key::T),
            UiCommand::ToggleLanguage => s(ctrl_shift, Key::L),
            UiCommand::ToggleNotesPanel => s(ctrl_shift, Key::N),
            // F5 starts a slide show in presentation programs: the key a secretary expects.
            UiCommand::ToggleProjector => s(Modifiers::NONE, Key::F5),
            UiCommand::CommandPalette => s(ctrl_shift, Key::P),
            UiCommand::UndoNote => s(ctrl, Key::Z),
            UiCommand::Quit => s(ctrl, Key::Q),
            UiCommand::OpenBundled | UiCommand::ExportNotes | UiCommand::ImportNotes => Vec::new(),
        }
    }

    /// The first command whose shortcut was pressed this frame, consuming it. Longer
    /// shortcuts are tried first so Ctrl+Shift+P is not taken as Ctrl+P. While a text field
    /// has the keyboard, only what [`fires_while_typing`] allows is looked for; the rest is
    /// the field's.
    pub fn from_input(ctx: &egui::Context) -> Option<UiCommand> {
        let typing = ctx.memory(|m| m.focused().is_some()) && ctx.egui_wants_keyboard_input();
        let mut all: Vec<(UiCommand, KeyboardShortcut)> = Self::all()
            .into_iter()
            .flat_map(|c| c.shortcuts().into_iter().map(move |s| (c, s)))
            .filter(|(_, s)| !typing || fires_while_typing(s))
            .collect();
        all.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
        ctx.input_mut(|i| {
            all.into_iter()
                .find(|(_, s)| i.consume_shortcut(s))
                .map(|(c, _)| c)
        })
    }
}

/// The one rule for shortcuts while a text field has the keyboard: a shortcut fires only if
/// it cannot be part of typing — it holds Ctrl (Cmd on a Mac) and is not one of the editing
/// keys the field answers itself (undo, redo, select all, copy, cut, paste), or it is a
/// function key, which types nothing (F3 finds the next hit while the find field has focus).
pub fn fires_while_typing(s: &KeyboardShortcut) -> bool {
    const FIELD_KEYS: [Key; 6] = [Key::Z, Key::Y, Key::A, Key::C, Key::X, Key::V];
    let function_key = matches!(
        s.logical_key,
        Key::F1
            | Key::F2
            | Key::F3
            | Key::F4
            | Key::F5
            | Key::F6
            | Key::F7
            | Key::F8
            | Key::F9
            | Key::F10
            | Key::F11
            | Key::F12
    );
    (s.modifiers.command && !s.modifiers.alt && !FIELD_KEYS.contains(&s.logical_key))
        || function_key
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.alt) + u8::from(m.ctrl || m.command || m.mac_cmd) + u8::from(m.shift)
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
                let tip = c.tooltip(&egui::Context::default(), lang);
                assert!(!tip.contains(".tip"), "{c:?} {tip}");
            }
        }
    }

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let ctx = egui::Context::default();
        let mut seen = std::collections::HashSet::new();
        for c in UiCommand::all() {
            for s in c.shortcuts() {
                let text = ctx.format_shortcut(&s);
                assert!(seen.insert(text.clone()), "{c:?} reuses {text}");
            }
        }
    }

    #[test]
    fn while_typing_only_ctrl_shortcuts_the_field_does_not_use_and_function_keys_fire() {
        let fires = |c: UiCommand| c.shortcuts().iter().any(fires_while_typing);
        assert!(fires(UiCommand::ZoomIn));
        assert!(fires(UiCommand::CommandPalette));
        assert!(fires(UiCommand::FindNext));
        assert!(!fires(UiCommand::UndoNote), "Ctrl+Z undoes the typing");
        assert!(
            !fires(UiCommand::Show(View::Votes)),
            "Alt+4 may type a character"
        );
    }
}
