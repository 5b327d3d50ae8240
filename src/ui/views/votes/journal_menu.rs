//! The top of the Votes view: which journal is shown, in which mode, the secretary switch,
//! the journal menu (open another, save a copy, import and merge) and undo.

use std::path::PathBuf;

use super::VotesCommand;
use super::source::Source;
use crate::i18n::{Lang, tr, trf};
use crate::journal::Planned;
use crate::ui::task::Task;
use crate::ui::tip::Tip;

/// Which file dialog is open, so its answer goes to the right place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogKind {
    OpenJournal,
    /// A sitting's folder shared by a sync engine, read as one tally.
    OpenFolder,
    SaveAs,
    Import,
    SaveMerged,
}

/// A file dialog's answer; `None` path: cancelled.
pub struct DialogAnswer {
    pub kind: DialogKind,
    pub path: Option<PathBuf>,
}

/// Asks for a file in a native dialog, off the UI thread (the portal can take long to
/// answer).
pub fn ask_path(ctx: &egui::Context, kind: DialogKind, suggested: String) -> Task<DialogAnswer> {
    Task::spawn(ctx, "file-dialog", move || {
        let d = rfd::FileDialog::new().add_filter("JSON Lines", &["jsonl"]);
        let path = match kind {
            DialogKind::OpenJournal | DialogKind::Import => d.pick_file(),
            DialogKind::OpenFolder => d.pick_folder(),
            DialogKind::SaveAs | DialogKind::SaveMerged => d.set_file_name(suggested).save_file(),
        };
        DialogAnswer { kind, path }
    })
}

/// Draws the bar; what is asked for goes to `out`.
pub fn bar_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    src: &Source,
    name: &mut String,
    out: &mut Vec<VotesCommand>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.menu_button(tr(lang, "votes.menu"), |ui| {
            if ui.button(tr(lang, "votes.menu.open")).clicked() {
                out.push(VotesCommand::AskPath(DialogKind::OpenJournal));
                ui.close();
            }
            if ui.button(tr(lang, "votes.menu.open_folder")).clicked() {
                out.push(VotesCommand::AskPath(DialogKind::OpenFolder));
                ui.close();
            }
            if ui.button(tr(lang, "votes.menu.default")).clicked() {
                out.push(VotesCommand::UseDefault);
                ui.close();
            }
            if ui
                .add_enabled(
                    src.has_records(),
                    egui::Button::new(tr(lang, "votes.menu.save_as")),
                )
                .clicked()
            {
                out.push(VotesCommand::AskPath(DialogKind::SaveAs));
                ui.close();
            }
            ui.separator();
            if ui
                .add_enabled(
                    src.is_writable(),
                    egui::Button::new(tr(lang, "votes.menu.import")),
                )
                .on_disabled_hover_text(tr(lang, "votes.menu.import.need_secretary"))
                .clicked()
            {
                out.push(VotesCommand::AskPath(DialogKind::Import));
                ui.close();
            }
        });
        // The file's path is for whoever looks for it, not for the header: behind a button
        // that opens its folder, and in the button's tip.
        let path = src.path.display().to_string();
        if ui
            .button(tr(lang, "votes.journal.show_in_folder"))
            .tip(|| trf(lang, "votes.journal.path", &[("path", &path)]))
            .clicked()
            && let Some(folder) = src.path.parent()
        {
            out.push(VotesCommand::ShowInFolder(folder.to_path_buf()));
        }
        ui.separator();
        let (mode, color) = match (&src.secretary, src.damaged_at()) {
            (Some(s), _) => (
                trf(lang, "votes.mode.secretary", &[("name", s)]),
                egui::Color32::from_rgb(0, 110, 200),
            ),
            (None, Some(n)) => (
                trf(lang, "votes.mode.damaged", &[("record", &n.to_string())]),
                ui.visuals().error_fg_color,
            ),
            (None, None) => (
                tr(lang, "votes.mode.read_only").into_owned(),
                ui.visuals().text_color(),
            ),
        };
        ui.label(egui::RichText::new(mode).strong().color(color));
        if src.missing {
            ui.label(egui::RichText::new(tr(lang, "votes.journal.missing")).weak());
        }
    });

    ui.horizontal_wrapped(|ui| {
        if src.secretary.is_some() {
            if ui
                .button(tr(lang, "votes.secretary.leave"))
                .tip(|| tr(lang, "votes.secretary.leave.tip"))
                .clicked()
            {
                out.push(VotesCommand::LeaveSecretary);
            }
            let undo = src.tally().undoable();
            let tip = match undo {
                Some(seq) => trf(lang, "votes.undo.tip", &[("seq", &seq.to_string())]),
                None => tr(lang, "votes.undo.none").into_owned(),
            };
            if ui
                .add_enabled(undo.is_some(), egui::Button::new(tr(lang, "votes.undo")))
                .tip(|| &tip)
                .on_disabled_hover_text(&tip)
                .clicked()
            {
                out.push(VotesCommand::Record(vec![Planned::UndoLast]));
            }
        } else {
            let l = ui.label(tr(lang, "votes.secretary.name"));
            let resp = ui
                .add(
                    egui::TextEdit::singleline(name)
                        .hint_text(tr(lang, "votes.secretary.name_hint"))
                        .desired_width(140.0),
                )
                .labelled_by(l.id);
            // Why the button is disabled, said where the secretary looks: on the button.
            let why_not = if let Some(p) = &src.problem {
                Some(trf(lang, "votes.secretary.enter.unwritable", &[("why", p)]))
            } else if name.trim().is_empty() {
                Some(tr(lang, "votes.secretary.enter.need_name").into_owned())
            } else {
                None
            };
            let ok = why_not.is_none();
            let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui
                .add_enabled(ok, egui::Button::new(tr(lang, "votes.secretary.enter")))
                .tip(|| tr(lang, "votes.secretary.enter.tip"))
                .on_disabled_hover_text(why_not.unwrap_or_default())
                .clicked()
                || (enter && ok)
            {
                out.push(VotesCommand::EnterSecretary(name.trim().to_string()));
            }
        }
    });
    if let Some(p) = &src.problem {
        ui.colored_label(ui.visuals().error_fg_color, p);
    }
    if let Some(note) = src.load_note(lang) {
        ui.colored_label(ui.visuals().warn_fg_color, note);
    }
}
