//! 视察: the inspection stops as a timeline, with a route sketch when the file gives
//! coordinates, the report paragraphs and indicators of each stop, and what a delegate needs
//! on the day: visited marks, the next stop, questions to raise, and notes.

mod cards;
mod on_the_day;
mod route;
mod stop_card;

use std::collections::{HashMap, HashSet};

use egui::{Color32, RichText};

use crate::i18n::{tr, trf};
use crate::model::Stop;
use crate::model::itinerary;
use crate::ui::separated::Separated;
use crate::ui::tip::Tip;
use crate::ui::view::{ViewCtx, ViewUi};
use crate::ui::virtual_list::VirtualList;
use cards::Cards;
use stop_card::RowCtx;

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
    /// The timeline: one row per stop, only those near the view laid out.
    list: VirtualList,
    /// Stops whose long lists of paragraphs / notes are shown in full.
    all_paragraphs: HashSet<String>,
    all_notes: HashSet<String>,
}

impl Default for ItineraryView {
    fn default() -> Self {
        Self {
            focused: None,
            scroll_pending: false,
            drafts: HashMap::new(),
            cards: None,
            // Rows within two screens above and below the view are laid out too, so that
            // keyboard focus and screen readers can move on to the next stops.
            list: VirtualList::default().with_overscan(2.0),
            all_paragraphs: HashSet::new(),
            all_notes: HashSet::new(),
        }
    }
}

impl ViewUi for ItineraryView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx) {
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

    /// The stops, one row each, on a [`VirtualList`].
    fn timeline_ui(
        &mut self,
        ui: &mut egui::Ui,
        cx: &mut ViewCtx,
        cards: &Cards,
        next: Option<usize>,
    ) {
        let stops = &cx.session.itinerary;
        let n = stops.len().min(cards.cards.len());
        if self.list.len() != n {
            let estimates = stops.iter().zip(&cards.cards).map(|(s, c)| c.estimate(s));
            self.list.set_rows(estimates, ui.available_width());
        }
        if self.scroll_pending {
            self.scroll_pending = false;
            let at = (self.focused.as_deref()).and_then(|id| stops.iter().position(|s| s.id == id));
            if let Some(i) = at {
                self.list.jump_to(i);
            }
        }
        let gap = ui.spacing().item_spacing.y + ROW_GAP;
        // The rows draw with `self`'s state (drafts, what is shown in full) while the list
        // draws them.
        let mut list = std::mem::take(&mut self.list);
        list.ui(ui, "itinerary_timeline", gap, |ui, i| {
            let (Some(stop), Some(card)) = (stops.get(i), cards.cards.get(i)) else {
                return;
            };
            let row = RowCtx {
                index: i,
                stop,
                card,
                is_next: next == Some(i),
                rail: (i + 1 < n).then_some(gap),
            };
            self.stop_ui(ui, cx, &row);
        });
        self.list = list;
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
}

/// How many linked paragraphs, and how many notes, a card lists before "显示全部 N 条".
const LIST_CAP: usize = 10;
/// Room between two stops' rows (besides the item spacing).
const ROW_GAP: f32 = 10.0;
const VISITED_COLOR: Color32 = Color32::from_rgb(0x2e, 0x8b, 0x57);
const NEXT_COLOR: Color32 = Color32::from_rgb(0xd0, 0x70, 0x10);
