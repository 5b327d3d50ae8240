//! 视察: the inspection stops as a timeline, with a route sketch when the file gives
//! coordinates, the report paragraphs and indicators of each stop, and what a delegate needs
//! on the day: visited marks, the next stop, questions to raise, and notes.

use std::collections::{HashMap, HashSet};

use egui::{Color32, RichText};
use egui_plot::{Line, Plot, PlotPoint, PlotPoints, Points};

use crate::i18n::{Lang, tr, trf};
use crate::model::Session;
use crate::model::itinerary::{self, StopLinks};
use crate::model::{Indicator, Qualifier, Stop};
use crate::notes::{Note, Target};
use crate::ui::notes_change::NotesChange;
use crate::ui::separated::Separated;
use crate::ui::text_block::text_block;
use crate::ui::tip::Tip;
use crate::ui::view::{AppCommand, ViewCtx};

#[derive(Default)]
pub struct ItineraryView {
    /// The stop highlighted after a jump or a click on the sketch.
    focused: Option<String>,
    /// Set when the timeline should scroll to `focused` on the next frame.
    scroll_pending: bool,
    /// Questions being typed, per stop id: kept here until the field loses focus or the
    /// delegate saves, so the notes store (and its undo) sees one change, not one per key.
    drafts: HashMap<String, String>,
    /// What the cards show that derives from the session and the notes, built when either
    /// changes rather than every frame.
    cards: Option<Cards>,
    /// Height of each stop's row on the timeline as last drawn (estimated until drawn), so
    /// that only the rows in view are laid out.
    heights: Vec<f32>,
    measured: Vec<bool>,
    measured_width: f32,
    /// Stops whose long lists of paragraphs / notes are shown in full.
    all_paragraphs: HashSet<String>,
    all_notes: HashSet<String>,
}

/// The derived text of every stop's card, for one notes revision (which also changes when
/// another session opens) and one language.
struct Cards {
    rev: u64,
    lang: Lang,
    cards: Vec<Card>,
}

/// One stop's links and notes, resolved to what the card prints.
struct Card {
    /// (indicator id, "名称 数值")
    indicators: Vec<(String, String)>,
    paragraphs: Vec<CardParagraph>,
    notes: Vec<CardNote>,
}

struct CardParagraph {
    id: String,
    /// 「the first words…」
    quote: String,
    /// Where it comes from: document, section, number.
    at: String,
}

struct CardNote {
    id: String,
    kind: String,
    text: String,
}

impl Cards {
    fn build(cx: &ViewCtx) -> Cards {
        let lang = cx.lang;
        let session = cx.session;
        let links = StopLinks::new(session);
        // Notes by id, once: the store looks ids up one by one by scanning all notes.
        let wanted = session
            .itinerary
            .iter()
            .any(|s| !cx.anchors.on_stop(&s.id).is_empty());
        let by_id: HashMap<&str, &Note> = if wanted {
            cx.notes
                .notes()
                .iter()
                .map(|n| (n.id.as_str(), n))
                .collect()
        } else {
            HashMap::new()
        };
        let cards = links
            .stops()
            .iter()
            .map(|link| Card {
                indicators: link
                    .indicators
                    .iter()
                    .map(|ind| {
                        let text = format!("{} {}", ind.name, indicator_value(lang, session, ind));
                        (ind.id.clone(), text)
                    })
                    .collect(),
                paragraphs: link
                    .paragraphs
                    .iter()
                    .map(|p| CardParagraph {
                        id: p.id.to_string(),
                        quote: format!("「{}」", excerpt(p.text, 40)),
                        at: trf(
                            lang,
                            "itinerary.paragraph_at",
                            &[
                                ("doc", p.document),
                                ("section", p.section),
                                ("n", &p.number.to_string()),
                            ],
                        ),
                    })
                    .collect(),
                notes: cx
                    .anchors
                    .on_stop(&link.stop.id)
                    .iter()
                    .filter_map(|id| by_id.get(id.as_str()))
                    .map(|note| CardNote {
                        id: note.id.clone(),
                        kind: note.kind.label(lang),
                        text: note.text.clone(),
                    })
                    .collect(),
            })
            .collect();
        Cards {
            rev: cx.notes_rev,
            lang,
            cards,
        }
    }

    /// A first guess at a row's height, replaced by the real one once it is drawn.
    fn estimate(card: &Card, stop: &Stop) -> f32 {
        let lines = stop.facts.len()
            + card.paragraphs.len().min(LIST_CAP)
            + card.notes.len().min(LIST_CAP)
            + usize::from(!card.indicators.is_empty());
        240.0 + 24.0 * lines as f32
    }
}

impl ItineraryView {
    /// Highlights one stop and scrolls the timeline to it.
    pub fn focus(&mut self, id: &str) {
        self.focused = Some(id.to_string());
        self.scroll_pending = true;
    }

    /// The stop currently highlighted, if any.
    pub fn focused(&self) -> Option<&str> {
        self.focused.as_deref()
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx) {
        let session = cx.session;
        let stops = &session.itinerary;
        if stops.is_empty() {
            ui.heading(cx.tr("itinerary.title"));
            ui.label(cx.tr("itinerary.no_stops"));
            return;
        }
        let stale = self
            .cards
            .as_ref()
            .is_none_or(|c| c.rev != cx.notes_rev || c.lang != cx.lang);
        if stale {
            self.cards = Some(Cards::build(cx));
        }
        let notes = cx.notes;
        let visited = |id: &str| notes.stop(id).visited;
        let next = itinerary::next_unvisited(stops, visited).map(|(i, _)| i);

        egui::Panel::top("itinerary_header").show(ui, |ui| {
            self.header_ui(ui, cx, stops, next);
        });
        if stops.iter().any(|s| s.coords.is_some()) {
            egui::Panel::right("itinerary_route")
                .resizable(true)
                .default_size(400.0)
                .show(ui, |ui| self.route_ui(ui, cx, stops));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if stops.iter().all(|s| s.coords.is_none()) {
                ui.label(RichText::new(cx.tr("itinerary.no_coords")).weak());
                ui.add_space(4.0);
            }
            if let Some(cards) = self.cards.take() {
                self.timeline_ui(ui, cx, &cards, next);
                self.cards = Some(cards);
            }
        });
    }

    /// The stops, one row each; only the rows near the view are laid out.
    fn timeline_ui(
        &mut self,
        ui: &mut egui::Ui,
        cx: &mut ViewCtx,
        cards: &Cards,
        next: Option<usize>,
    ) {
        let stops = &cx.session.itinerary;
        let n = stops.len().min(cards.cards.len());
        if self.heights.len() != n {
            self.heights = stops
                .iter()
                .zip(&cards.cards)
                .map(|(s, c)| Cards::estimate(c, s))
                .collect();
            self.measured = vec![false; n];
        }
        let width = ui.available_width();
        if (width - self.measured_width).abs() > 0.5 {
            self.measured.fill(false);
            self.measured_width = width;
        }
        let gap = ui.spacing().item_spacing.y + ROW_GAP;
        let mut scroll = egui::ScrollArea::vertical()
            .id_salt("itinerary_timeline")
            .auto_shrink([false, false]);
        let focused_at = self
            .focused
            .as_deref()
            .and_then(|id| stops.iter().position(|s| s.id == id));
        let scrolling = match focused_at {
            Some(i) if self.scroll_pending => {
                let y: f32 = self.heights[..i.min(n)].iter().map(|h| h + gap).sum();
                // Past the end the scroll area would spring back over many frames.
                let total: f32 = self.heights.iter().map(|h| h + gap).sum();
                let max = (total - ui.available_height()).max(0.0);
                scroll = scroll.vertical_scroll_offset(y.min(max));
                true
            }
            _ => false,
        };
        let mut remeasured = false;
        scroll.show_viewport(ui, |ui, viewport| {
            let total: f32 = self.heights.iter().map(|h| h + gap).sum();
            ui.set_height(total);
            ui.set_width(ui.available_width());
            let origin = ui.min_rect().min;
            let row_width = ui.available_width();
            // Rows within two screens above and below the view are laid out too, so that
            // keyboard focus and screen readers can move on to the next stops.
            let reach = viewport.expand2(egui::vec2(0.0, 2.0 * viewport.height()));
            let tops: Vec<f32> = self
                .heights
                .iter()
                .scan(0.0, |y, h| {
                    let top = *y;
                    *y += h + gap;
                    Some(top)
                })
                .collect();
            let first = tops
                .iter()
                .zip(&self.heights)
                .position(|(t, h)| t + h >= reach.min.y)
                .unwrap_or(n);
            let end = tops.iter().position(|t| *t > reach.max.y).unwrap_or(n);
            for (i, &top) in tops.iter().enumerate().take(end).skip(first) {
                let (Some(stop), Some(card)) = (stops.get(i), cards.cards.get(i)) else {
                    continue;
                };
                let rect = egui::Rect::from_min_size(
                    origin + egui::vec2(0.0, top),
                    egui::vec2(row_width, self.heights[i]),
                );
                let mut child = ui.new_child(
                    egui::UiBuilder::new()
                        .id_salt(("stop_row", &stop.id))
                        .max_rect(rect)
                        .layout(egui::Layout::top_down(egui::Align::Min)),
                );
                let row = RowCtx {
                    index: i,
                    stop,
                    card,
                    is_next: next == Some(i),
                    rail: (i + 1 < n).then_some(gap),
                };
                let drawn = self.stop_ui(&mut child, cx, &row).max(1.0);
                if !self.measured[i] || (drawn - self.heights[i]).abs() > 0.5 {
                    self.measured[i] = true;
                    if (drawn - self.heights[i]).abs() > 0.5 {
                        self.heights[i] = drawn;
                        remeasured = true;
                    }
                }
            }
        });
        if remeasured {
            // Rows below moved; draw again so nothing overlaps (and a pending jump lands on
            // the stop's real position).
            ui.ctx().request_repaint();
        }
        if scrolling && !remeasured {
            self.scroll_pending = false;
        }
    }

    fn header_ui(
        &mut self,
        ui: &mut egui::Ui,
        cx: &mut ViewCtx,
        stops: &[Stop],
        next: Option<usize>,
    ) {
        let lang = cx.lang;
        let notes = cx.notes;
        let done = itinerary::visited_count(stops, |id| notes.stop(id).visited);
        ui.horizontal_wrapped(|ui| {
            let mut line = Separated::new();
            line.label(ui, RichText::new(tr(lang, "itinerary.title")).heading());
            line.label(
                ui,
                RichText::new(trf(
                    lang,
                    "itinerary.progress",
                    &[
                        ("done", &done.to_string()),
                        ("total", &stops.len().to_string()),
                    ],
                ))
                .strong(),
            );
            match next.and_then(|i| stops.get(i).map(|s| (i, s))) {
                Some((i, s)) => {
                    let text = trf(
                        lang,
                        "itinerary.next",
                        &[
                            ("n", &(i + 1).to_string()),
                            ("project", &s.project),
                            ("place", &s.place),
                        ],
                    );
                    if line
                        .link(ui, text)
                        .tip(|| tr(lang, "itinerary.next_tip"))
                        .clicked()
                    {
                        self.focus(&s.id);
                    }
                }
                None => {
                    line.label(ui, tr(lang, "itinerary.all_visited"));
                }
            }
        });
    }

    /// One stop: its number on the timeline's rail, and a card with everything about it.
    /// Returns the height the row took.
    fn stop_ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx, row: &RowCtx) -> f32 {
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
        drawn.response.rect.height()
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
            ui.horizontal_wrapped(|ui| {
                for (id, text) in &card.indicators {
                    if ui
                        .link(text)
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

    /// The delegate's own part: visited, a note, questions to raise, and notes already made.
    fn on_the_day_ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx, stop: &Stop, card: &Card) {
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
                    ui.label(RichText::new(&note.kind).color(NOTE_COLOR).strong());
                    ui.label(&note.text);
                    if ui.small_button(tr(lang, "itinerary.edit_note")).clicked() {
                        cx.send(AppCommand::EditNote(note.id.clone()));
                    }
                });
            }
            show_all_ui(ui, lang, card.notes.len(), &mut self.all_notes, &stop.id);
        }
    }

    /// The route sketch: the stops with coordinates, numbered and joined in visiting order.
    fn route_ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx, stops: &[Stop]) {
        let lang = cx.lang;
        let notes = cx.notes;
        ui.heading(tr(lang, "itinerary.route"));
        ui.label(RichText::new(tr(lang, "itinerary.route_tip")).weak());
        let missing = stops.iter().filter(|s| s.coords.is_none()).count();
        if missing > 0 {
            ui.label(
                RichText::new(trf(
                    lang,
                    "itinerary.some_without_coords",
                    &[("n", &missing.to_string())],
                ))
                .color(ui.visuals().warn_fg_color),
            );
        }
        // (index in the itinerary, stop, lon, lat)
        let pts: Vec<(usize, &Stop, f64, f64)> = stops
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.coords.map(|(lon, lat)| (i, s, lon, lat)))
            .collect();
        let mean_lat = pts.iter().map(|p| p.3).sum::<f64>() / pts.len().max(1) as f64;
        // One degree of longitude is cos(latitude) as long as one of latitude: keep the
        // sketch's proportions true to the ground.
        let aspect = (1.0 / mean_lat.to_radians().cos().max(0.1)) as f32;
        let labels: Vec<String> = pts
            .iter()
            .map(|(i, s, _, _)| format!("{} {}", i + 1, s.place))
            .collect();
        let line_color = ui.visuals().widgets.noninteractive.fg_stroke.color;
        let focused = self.focused.clone();
        let line_name = tr(lang, "itinerary.route_line").into_owned();
        let visited_name = tr(lang, "itinerary.route_visited").into_owned();
        let unvisited_name = tr(lang, "itinerary.route_unvisited").into_owned();
        let pts_in = pts.clone();
        let resp = Plot::new("itinerary_route_plot")
            .data_aspect(aspect)
            .x_axis_label(tr(lang, "itinerary.lon"))
            .y_axis_label(tr(lang, "itinerary.lat"))
            .x_axis_formatter(|m, _| format!("{:.3}°", m.value))
            .y_axis_formatter(|m, _| format!("{:.3}°", m.value))
            .set_margin_fraction(egui::vec2(0.2, 0.2))
            .allow_scroll(false)
            .show_crosshair(false)
            .show(ui, move |plot_ui| {
                let path: Vec<[f64; 2]> = pts_in.iter().map(|p| [p.2, p.3]).collect();
                plot_ui.line(
                    Line::new(line_name, PlotPoints::from(path))
                        .color(line_color)
                        .width(2.0)
                        .allow_hover(false),
                );
                let (done, todo): (Vec<_>, Vec<_>) =
                    pts_in.iter().partition(|p| notes.stop(&p.1.id).visited);
                let xy = |v: &[&(usize, &Stop, f64, f64)]| -> Vec<[f64; 2]> {
                    v.iter().map(|p| [p.2, p.3]).collect()
                };
                plot_ui.points(
                    Points::new(visited_name, xy(&done))
                        .radius(MARKER)
                        .filled(true)
                        .color(VISITED_COLOR),
                );
                plot_ui.points(
                    Points::new(unvisited_name, xy(&todo))
                        .radius(MARKER)
                        .filled(true)
                        .color(NOTE_COLOR),
                );
                if let Some(p) = pts_in
                    .iter()
                    .find(|p| focused.as_deref() == Some(p.1.id.as_str()))
                {
                    plot_ui.points(
                        Points::new("focused", vec![[p.2, p.3]])
                            .radius(MARKER + 4.0)
                            .filled(false)
                            .color(NEXT_COLOR)
                            .allow_hover(false),
                    );
                }
            });
        // Labels are painted over the plot with this frame's transform, in screen units
        // where overlap is visible. (As plot items they would widen the plot's automatic
        // bounds, which would move them again on the next frame.)
        let frame = *resp.transform.frame();
        let screen: Vec<(f32, f32)> = pts
            .iter()
            .map(|p| {
                let s = resp
                    .transform
                    .position_from_point(&PlotPoint::new(p.2, p.3));
                (s.x, s.y)
            })
            .collect();
        let font = egui::TextStyle::Body.resolve(ui.style());
        let text_color = ui.visuals().text_color();
        let galleys: Vec<_> = ui.fonts_mut(|f| {
            labels
                .iter()
                .map(|t| f.layout_no_wrap(t.clone(), font.clone(), text_color))
                .collect()
        });
        let pad = egui::vec2(3.0, 1.0);
        let sizes: Vec<(f32, f32)> = galleys
            .iter()
            .map(|g| (g.size().x + 2.0 * pad.x, g.size().y + 2.0 * pad.y))
            .collect();
        let area = itinerary::LabelRect {
            min: (frame.min.x, frame.min.y),
            max: (frame.max.x, frame.max.y),
        };
        let rects = itinerary::place_labels(&screen, &sizes, 3.0, MARKER, Some(area));
        let painter = ui.painter_at(frame);
        let bg = ui.visuals().extreme_bg_color.gamma_multiply(0.85);
        for (rect, galley) in rects.iter().zip(galleys) {
            let r = egui::Rect::from_min_max(
                egui::pos2(rect.min.0, rect.min.1),
                egui::pos2(rect.max.0, rect.max.1),
            );
            painter.rect_filled(r, 3.0, bg);
            painter.galley(r.min + pad, galley, text_color);
        }
        if resp.response.clicked()
            && let Some(pos) = resp.response.interact_pointer_pos()
        {
            let hit = pts
                .iter()
                .map(|p| {
                    let s = resp
                        .transform
                        .position_from_point(&PlotPoint::new(p.2, p.3));
                    (s.distance(pos), p.1)
                })
                .filter(|(d, _)| *d <= MARKER + 8.0)
                .min_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((_, s)) = hit {
                self.focus(&s.id);
            }
        }
    }
}

/// What one timeline row draws.
struct RowCtx<'a> {
    /// 0-based position in the itinerary.
    index: usize,
    stop: &'a Stop,
    card: &'a Card,
    is_next: bool,
    /// Distance from this row's bottom to the next row's top; None for the last stop.
    rail: Option<f32>,
}

/// Below a list cut at `LIST_CAP` items: "显示全部 N 条", or "收起" once shown in full.
fn show_all_ui(
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
    let accent = if is_next { NEXT_COLOR } else { NOTE_COLOR };
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

/// An indicator's number as the report states it: "约420份", "99.32%".
fn indicator_value(lang: Lang, session: &Session, ind: &Indicator) -> String {
    let q = match ind.qualifier {
        None => String::new(),
        Some(Qualifier::About) => tr(lang, "itinerary.qualifier.about").into_owned(),
        Some(Qualifier::Nearly) => tr(lang, "itinerary.qualifier.nearly").into_owned(),
        Some(Qualifier::MoreThan) => tr(lang, "itinerary.qualifier.more_than").into_owned(),
    };
    format!("{q}{}{}", session.value_text(ind), ind.unit)
}

/// The first `n` chars of `text`, with an ellipsis when cut.
fn excerpt(text: &str, n: usize) -> String {
    let mut s: String = text.chars().take(n).collect();
    if text.chars().count() > n {
        s.push('…');
    }
    s
}

const MARKER: f32 = 5.0;
/// How many linked paragraphs, and how many notes, a card lists before "显示全部 N 条".
const LIST_CAP: usize = 10;
/// Room between two stops' rows (besides the item spacing).
const ROW_GAP: f32 = 10.0;
const NOTE_COLOR: Color32 = Color32::from_rgb(0x2f, 0x6f, 0xb0);
const VISITED_COLOR: Color32 = Color32::from_rgb(0x2e, 0x8b, 0x57);
const NEXT_COLOR: Color32 = Color32::from_rgb(0xd0, 0x70, 0x10);
