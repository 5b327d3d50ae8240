//! One stop on the timeline: its number on the rail, and its card (facts, indicators,
//! report paragraphs, then the delegate's own part).

use std::collections::HashSet;

use egui::{Color32, RichText};

use crate::i18n::{Lang, tr, trf};
use crate::model::Stop;
use crate::ui::note_color::note_color;
use crate::ui::separated::Separated;
use crate::ui::text_block::text_block;
use crate::ui::tip::Tip;
use crate::ui::view::{AppCommand, ViewCtx};

use super::cards::Card;
use super::{ItineraryView, LIST_CAP, NEXT_COLOR, VISITED_COLOR};

impl ItineraryView {
    /// One stop: its number on the timeline's rail, and a card with everything about it.
    pub(super) fn stop_ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx, row: &RowCtx) {
        let lang = cx.lang;
        let stop = row.stop;
        let state = cx.notes.stop(&stop.id);
        let focused = self.focused.as_deref() == Some(stop.id.as_str());
        let drawn = ui.horizontal_top(|ui| {
            let marker = stop_marker_ui(ui, lang, row.index, stop, state.visited, row.is_next);
            if marker.clicked() {
                self.focus(&stop.id);
            }
            let mut frame = egui::Frame::group(ui.style()).inner_margin(8.0);
            if focused {
                frame = frame.stroke(egui::Stroke::new(2.0, ui.visuals().selection.bg_fill));
            }
            // The row lays out left to right; the card's own content goes top to bottom.
            frame.show(ui, |ui| {
                ui.vertical(|ui| {
                    ui.set_width(ui.available_width());
                    self.card_ui(ui, cx, row);
                });
            });
            marker.rect
        });
        let marker_rect = drawn.inner;
        if let Some(to_next) = row.rail {
            // The rail from this stop's number down to the next one.
            let x = marker_rect.center().x;
            ui.painter().line_segment(
                [
                    egui::pos2(x, marker_rect.bottom() + 2.0),
                    egui::pos2(x, drawn.response.rect.bottom() + to_next),
                ],
                egui::Stroke::new(2.0, ui.visuals().widgets.noninteractive.bg_stroke.color),
            );
        }
    }

    fn card_ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx, row: &RowCtx) {
        let lang = cx.lang;
        let stop = row.stop;
        let card = row.card;
        // The card's texts are painted, not labels: every card in view is drawn every frame.
        let n = RichText::new(trf(
            lang,
            "itinerary.stop_n",
            &[("n", &(row.index + 1).to_string())],
        ))
        .weak();
        let project = RichText::new(&stop.project).strong().size(17.0);
        let next = row.is_next.then(|| {
            RichText::new(tr(lang, "itinerary.next_badge"))
                .color(Color32::WHITE)
                .background_color(NEXT_COLOR)
        });
        let gap = ui.spacing().item_spacing.x;
        text_block(ui, [n, project].into_iter().chain(next), gap);
        egui::Grid::new(("stop_facts", &stop.id))
            .num_columns(2)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                let missing = |key| RichText::new(tr(lang, key)).italics().weak();
                let rows = [
                    (
                        "itinerary.time",
                        stop.time
                            .as_ref()
                            .map_or_else(|| missing("itinerary.no_time"), RichText::new),
                    ),
                    ("itinerary.place", RichText::new(&stop.place)),
                    (
                        "itinerary.host",
                        stop.host
                            .as_ref()
                            .map_or_else(|| missing("itinerary.no_host"), RichText::new),
                    ),
                ];
                for (key, value) in rows {
                    text_block(ui, [RichText::new(tr(lang, key)).weak()], 0.0);
                    text_block(ui, [value], 0.0);
                    ui.end_row();
                }
            });
        if !stop.facts.is_empty() {
            ui.add_space(4.0);
            text_block(
                ui,
                [RichText::new(tr(lang, "itinerary.facts")).strong()],
                0.0,
            );
            for fact in &stop.facts {
                text_block(ui, [RichText::new(format!("· {fact}"))], 0.0);
            }
        }
        if !card.indicators.is_empty() {
            ui.add_space(4.0);
            text_block(
                ui,
                [RichText::new(tr(lang, "itinerary.indicators")).strong()],
                0.0,
            );
            // Each link whole, a separator between: "车位 160个" never parted mid-title.
            ui.horizontal_wrapped(|ui| {
                let mut line = Separated::new();
                for (id, text) in &card.indicators {
                    if line
                        .link(ui, text)
                        .tip(|| tr(lang, "itinerary.indicator_tip"))
                        .clicked()
                    {
                        cx.send(AppCommand::JumpToIndicator(id.clone()));
                    }
                }
            });
        }
        if !card.paragraphs.is_empty() {
            ui.add_space(4.0);
            text_block(
                ui,
                [RichText::new(tr(lang, "itinerary.paragraphs")).strong()],
                0.0,
            );
            let all = self.all_paragraphs.contains(&stop.id);
            let shown = if all { usize::MAX } else { LIST_CAP };
            for p in card.paragraphs.iter().take(shown) {
                // The excerpt first, so it starts a line and a click lands on it even when
                // it wraps; where it comes from follows, quieter.
                ui.horizontal_wrapped(|ui| {
                    if ui
                        .link(&p.quote)
                        .tip(|| tr(lang, "itinerary.paragraph_tip"))
                        .clicked()
                    {
                        cx.send(AppCommand::JumpToParagraph {
                            paragraph_id: p.id.clone(),
                            range: None,
                        });
                    }
                    ui.label(RichText::new(&p.at).weak().small());
                });
            }
            show_all_ui(
                ui,
                lang,
                card.paragraphs.len(),
                &mut self.all_paragraphs,
                &stop.id,
            );
        }
        ui.add_space(6.0);
        ui.separator();
        self.on_the_day_ui(ui, cx, stop, card);
    }
}

/// What one timeline row draws.
pub(super) struct RowCtx<'a> {
    /// 0-based position in the itinerary.
    pub index: usize,
    pub stop: &'a Stop,
    pub card: &'a Card,
    pub is_next: bool,
    /// Distance from this row's bottom to the next row's top; None for the last stop.
    pub rail: Option<f32>,
}

/// Below a list cut at `LIST_CAP` items: "显示全部 N 条", or "收起" once shown in full.
pub(super) fn show_all_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    len: usize,
    expanded: &mut HashSet<String>,
    stop_id: &str,
) {
    if len <= LIST_CAP {
        return;
    }
    let all = expanded.contains(stop_id);
    let text = if all {
        tr(lang, "itinerary.show_fewer").into_owned()
    } else {
        trf(lang, "itinerary.show_all", &[("n", &len.to_string())])
    };
    if ui.small_button(text).clicked() {
        if all {
            expanded.remove(stop_id);
        } else {
            expanded.insert(stop_id.to_string());
        }
    }
}

/// The stop's number on the timeline's rail: a filled circle when visited, a ring when not.
/// Clicking it highlights the stop (and its point on the sketch).
fn stop_marker_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    index: usize,
    stop: &Stop,
    visited: bool,
    is_next: bool,
) -> egui::Response {
    let size = egui::vec2(32.0, 32.0);
    let (rect, r) = ui.allocate_exact_size(size, egui::Sense::click());
    let label = trf(
        lang,
        "itinerary.stop_n_label",
        &[("n", &(index + 1).to_string()), ("project", &stop.project)],
    );
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    let c = rect.center();
    let radius = 13.0;
    let accent = if is_next { NEXT_COLOR } else { note_color() };
    let number = (index + 1).to_string();
    let font = egui::FontId::proportional(14.0);
    if visited {
        ui.painter().circle_filled(c, radius, VISITED_COLOR);
        ui.painter()
            .text(c, egui::Align2::CENTER_CENTER, number, font, Color32::WHITE);
    } else {
        ui.painter().circle(
            c,
            radius,
            ui.visuals().panel_fill,
            egui::Stroke::new(2.0, accent),
        );
        ui.painter()
            .text(c, egui::Align2::CENTER_CENTER, number, font, accent);
    }
    r.tip(|| trf(lang, "itinerary.stop_n", &[("n", &(index + 1).to_string())]))
}
