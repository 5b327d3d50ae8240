//! 概览: the first screen — what sitting this is, and its agenda.

use crate::i18n::tr;
use crate::model::{AgendaKind, Session};
use crate::ui::command::UiCommand;
use crate::ui::tip::Tip;
use crate::ui::view::{AppCommand, View, ViewCtx, ViewUi};

#[derive(Default)]
pub struct OverviewView;

impl ViewUi for OverviewView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx) {
        let s = cx.session;
        let lang = cx.lang;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.add_space(8.0);
                ui.heading(egui::RichText::new(&s.congress.title).size(26.0).strong());
                ui.label(&s.congress.name);
                ui.add_space(8.0);
                egui::Grid::new("overview_facts")
                    .num_columns(2)
                    .spacing([16.0, 6.0])
                    .show(ui, |ui| {
                        let unknown = tr(lang, "overview.not_stated").into_owned();
                        let row = |ui: &mut egui::Ui, k: &str, v: String| {
                            ui.label(egui::RichText::new(tr(lang, k)).strong());
                            // A long source line wraps in its cell rather than running
                            // under the notes panel.
                            ui.add(egui::Label::new(v).wrap());
                            ui.end_row();
                        };
                        row(ui, "overview.date", s.congress.date.clone());
                        row(ui, "overview.town", s.congress.town.clone());
                        row(
                            ui,
                            "overview.venue",
                            s.congress.venue.clone().unwrap_or_else(|| unknown.clone()),
                        );
                        row(
                            ui,
                            "overview.presiding",
                            s.congress
                                .presiding_body
                                .clone()
                                .unwrap_or_else(|| unknown.clone()),
                        );
                        row(
                            ui,
                            "overview.term",
                            crate::i18n::trf(
                                lang,
                                "overview.term_value",
                                &[
                                    ("term", &s.congress.term.to_string()),
                                    ("session", &s.congress.session.to_string()),
                                ],
                            ),
                        );
                        row(ui, "overview.seats", s.seats.to_string());
                        let q = s
                            .quorum
                            .required(s.seats)
                            .map(|n| n.to_string())
                            .unwrap_or_default();
                        row(
                            ui,
                            "overview.quorum",
                            format!("{q} ({})", s.quorum.describe(lang)),
                        );
                        if let Some(src) = &s.congress.source {
                            row(ui, "overview.source", src.clone());
                        }
                    });
                ui.add_space(12.0);
                ui.heading(tr(lang, "overview.agenda"));
                agenda_ui(ui, cx, s);
                ui.add_space(12.0);
                ui.horizontal_wrapped(|ui| {
                    ui.label(crate::i18n::trf(
                        lang,
                        "overview.counts",
                        &[
                            ("docs", &s.documents.len().to_string()),
                            ("indicators", &s.indicators.len().to_string()),
                            ("motions", &s.motions.len().to_string()),
                            ("stops", &s.itinerary.len().to_string()),
                        ],
                    ));
                });
            });
    }
}

fn agenda_ui(ui: &mut egui::Ui, cx: &mut ViewCtx, s: &Session) {
    let lang = cx.lang;
    for (i, item) in s.agenda.iter().enumerate() {
        egui::Frame::new()
            .inner_margin(egui::Margin::symmetric(6, 4))
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.add_sized([28.0, 20.0], egui::Label::new(format!("{}.", i + 1)));
                    ui.add_sized(
                        [56.0, 20.0],
                        egui::Label::new(item.time.clone().unwrap_or_default()),
                    );
                    ui.vertical(|ui| {
                        ui.label(egui::RichText::new(&item.title).strong());
                        let mut meta =
                            vec![crate::i18n::Label::label(&item.kind, lang).into_owned()];
                        if let Some(p) = &item.presenter {
                            meta.push(p.clone());
                        }
                        ui.horizontal_wrapped(|ui| {
                            ui.label(egui::RichText::new(meta.join(" · ")).weak());
                            agenda_links_ui(ui, cx, s, item);
                        });
                    });
                });
            });
    }
}

fn agenda_links_ui(
    ui: &mut egui::Ui,
    cx: &mut ViewCtx,
    s: &Session,
    item: &crate::model::AgendaItem,
) {
    let lang = cx.lang;
    if let Some(doc_id) = &item.document
        && let Some(doc) = s.document(doc_id)
        && let Some(first) = doc.sections.iter().find(|sec| !sec.paragraphs.is_empty())
        && ui
            .link(tr(lang, "overview.read"))
            .tip(|| &doc.title)
            .clicked()
    {
        cx.send(AppCommand::JumpToParagraph {
            paragraph_id: first.paragraph_id(0),
            range: None,
        });
    }
    if let Some(id) = item.motion.as_ref().or(item.election.as_ref())
        && ui.link(tr(lang, "overview.to_votes")).clicked()
    {
        cx.send(AppCommand::JumpToVote(id.clone()));
    }
    if item.kind == AgendaKind::Inspection && ui.link(tr(lang, "overview.to_itinerary")).clicked() {
        cx.send(AppCommand::Ui(UiCommand::Show(View::Itinerary)));
    }
}
