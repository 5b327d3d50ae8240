//! Importing another secretary's journal: the conflicts are listed, each decided by the user,
//! and the merged journal is written as a new file. Nothing is decided silently.

use std::path::PathBuf;

use super::describe::{delegate_label, record_line};
use super::{DialogKind, VotesCommand};
use crate::i18n::{Lang, tr, trf};
use crate::journal::{ConflictKey, MergeResult, Side};
use crate::model::Session;

/// A merge waiting for decisions.
pub struct MergeState {
    /// The imported journal.
    pub theirs: PathBuf,
    pub result: MergeResult,
}

fn key_text(lang: Lang, session: &Session, k: &ConflictKey) -> String {
    let motion_title = |id: &str| {
        session
            .motions
            .iter()
            .find(|m| m.id == id)
            .map_or_else(|| id.to_string(), |m| m.title.clone())
    };
    match k {
        ConflictKey::Attendance { delegate } => trf(
            lang,
            "votes.merge.key.attendance",
            &[("who", &delegate_label(session, delegate))],
        ),
        ConflictKey::Vote { motion, delegate } => trf(
            lang,
            "votes.merge.key.vote",
            &[
                ("who", &delegate_label(session, delegate)),
                ("motion", &motion_title(motion)),
            ],
        ),
        ConflictKey::Counts { motion } => trf(
            lang,
            "votes.merge.key.counts",
            &[("motion", &motion_title(motion))],
        ),
    }
}

/// The merge window. Decisions and the final save go to `out`.
pub fn window_ui(
    ctx: &egui::Context,
    lang: Lang,
    session: &Session,
    state: &MergeState,
    out: &mut Vec<VotesCommand>,
) {
    egui::Window::new(tr(lang, "votes.merge.title"))
        .id(egui::Id::unique("votes_merge_window"))
        .default_width(720.0)
        .collapsible(false)
        .show(ctx, |ui| {
            let r = &state.result;
            ui.label(trf(
                lang,
                "votes.merge.summary",
                &[
                    ("path", &state.theirs.display().to_string()),
                    ("records", &r.records.len().to_string()),
                    ("conflicts", &r.conflicts.len().to_string()),
                    ("open", &r.unresolved().to_string()),
                ],
            ));
            ui.separator();
            egui::ScrollArea::vertical()
                .id_salt("votes_merge_conflicts")
                .max_height(420.0)
                .show(ui, |ui| {
                    if r.conflicts.is_empty() {
                        ui.label(tr(lang, "votes.merge.none"));
                    }
                    for (i, c) in r.conflicts.iter().enumerate() {
                        ui.label(
                            egui::RichText::new(format!(
                                "{}. {}",
                                i + 1,
                                key_text(lang, session, &c.key)
                            ))
                            .strong(),
                        );
                        for (side, key, records) in [
                            (Side::Ours, "votes.merge.ours", &c.ours),
                            (Side::Theirs, "votes.merge.theirs", &c.theirs),
                        ] {
                            let label = format!("{} ({})", tr(lang, key), i + 1);
                            if ui.radio(c.chosen == Some(side), label).clicked() {
                                out.push(VotesCommand::Resolve(i, side));
                            }
                            for rec in records {
                                ui.label(
                                    egui::RichText::new(format!(
                                        "    {}",
                                        record_line(lang, session, rec)
                                    ))
                                    .small(),
                                );
                            }
                        }
                        ui.separator();
                    }
                });
            ui.horizontal(|ui| {
                let done = r.unresolved() == 0;
                if ui
                    .add_enabled(done, egui::Button::new(tr(lang, "votes.merge.save")))
                    .on_disabled_hover_text(tr(lang, "votes.merge.save.need_decisions"))
                    .clicked()
                {
                    out.push(VotesCommand::AskPath(DialogKind::SaveMerged));
                }
                if ui.button(tr(lang, "votes.cancel")).clicked() {
                    out.push(VotesCommand::CancelMerge);
                }
            });
        });
}
