//! The files to read: the report(s) in agenda order and the roster, each chosen in a file
//! dialog or typed as a path; and, once read, what they gave.

use std::path::PathBuf;

use super::{NewSessionCommand, NewSessionView, ReadFiles};
use crate::i18n::{Lang, tr, trf};
use crate::ui::view::AppCommand;

fn file_name(p: &std::path::Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

pub(super) fn files_ui(
    ui: &mut egui::Ui,
    v: &mut NewSessionView,
    lang: Lang,
    commands: &mut Vec<AppCommand>,
) {
    let send = |commands: &mut Vec<AppCommand>, c| commands.push(AppCommand::NewSession(c));
    ui.label(tr(lang, "new_session.reports"));
    let mut remove = None;
    let mut swap = None;
    let n = v.reports.len();
    for (i, p) in v.reports.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(format!("{}.", i + 1));
            ui.label(file_name(p))
                .on_hover_text(p.display().to_string());
            let name = file_name(p);
            let up = ui.add_enabled(i > 0, egui::Button::new("↑").small());
            up.widget_info(|| {
                let l = trf(lang, "new_session.report_up", &[("name", &name)]);
                egui::WidgetInfo::labeled(egui::Role::Button, i > 0, l)
            });
            if up.clicked() {
                swap = Some((i - 1, i));
            }
            let down = ui.add_enabled(i + 1 < n, egui::Button::new("↓").small());
            down.widget_info(|| {
                let l = trf(lang, "new_session.report_down", &[("name", &name)]);
                egui::WidgetInfo::labeled(egui::Role::Button, i + 1 < n, l)
            });
            if down.clicked() {
                swap = Some((i, i + 1));
            }
            let x = ui.add(egui::Button::new("×").small());
            x.widget_info(|| {
                let l = trf(lang, "new_session.report_remove", &[("name", &name)]);
                egui::WidgetInfo::labeled(egui::Role::Button, true, l)
            });
            if x.clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some((a, b)) = swap {
        v.reports.swap(a, b);
    }
    if let Some(i) = remove {
        v.reports.remove(i);
    }
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, "new_session.report_path"));
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut v.report_text)
                    .hint_text(tr(lang, "new_session.hint.report"))
                    .desired_width(420.0),
            )
            .labelled_by(label.id);
        let typed = !v.report_text.trim().is_empty();
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui
            .add_enabled(typed, egui::Button::new(tr(lang, "new_session.add")))
            .clicked()
            || (typed && enter)
        {
            let p = PathBuf::from(v.report_text.trim());
            send(commands, NewSessionCommand::AddReports(vec![p]));
            v.report_text.clear();
        }
        if ui.button(tr(lang, "new_session.choose_reports")).clicked() {
            send(commands, NewSessionCommand::PickReports);
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, "new_session.roster"));
        ui.add(
            egui::TextEdit::singleline(&mut v.roster_text)
                .hint_text(tr(lang, "new_session.hint.roster"))
                .desired_width(420.0),
        )
        .labelled_by(label.id);
        if ui.button(tr(lang, "new_session.choose_roster")).clicked() {
            send(commands, NewSessionCommand::PickRoster);
        }
        let label = ui.label(tr(lang, "new_session.sheet"));
        ui.add(
            egui::TextEdit::singleline(&mut v.sheet)
                .hint_text(tr(lang, "new_session.hint.sheet"))
                .desired_width(120.0),
        )
        .labelled_by(label.id);
    });
}

/// What the files gave: each document's sections and paragraphs, the delegates, and what was
/// left out or decided.
pub(super) fn summary_ui(ui: &mut egui::Ui, read: &ReadFiles, lang: Lang) {
    for d in &read.documents {
        ui.label(trf(
            lang,
            "new_session.read_document",
            &[
                ("title", &d.title),
                ("sections", &d.sections.to_string()),
                ("paragraphs", &d.paragraphs.to_string()),
            ],
        ));
    }
    ui.label(trf(
        lang,
        "new_session.read_roster",
        &[("n", &read.delegates.to_string())],
    ));
    if !read.notes.is_empty() {
        egui::CollapsingHeader::new(trf(
            lang,
            "new_session.read_notes",
            &[("n", &read.notes.len().to_string())],
        ))
        .id_salt("new_session_notes")
        .show(ui, |ui| {
            for n in &read.notes {
                ui.label(egui::RichText::new(n).weak());
            }
        });
    }
}
